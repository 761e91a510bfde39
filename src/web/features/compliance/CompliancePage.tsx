import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Empty, Flex, Pagination, Row, Select, Statistic, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { STAFF_FINDING_RULES, exportStaffingFindings, type StationStaffing } from '../../../shared/contracts/compliance';
import { STAFF_RULES } from '../../../shared/rules/staffing';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { apiUrl } from '../../lib/api';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { CountySelect } from '../regions/RegionSelects';
import { FindingLines } from './FindingList';
import { useStaffingCompliance, type ComplianceQuery } from './compliance.api';
import { MIN_QUALIFIED, StaffingTag } from './StaffingTag';

const t = m.staffing.compliance;
const FILTER_KEYS = ['countyCode', 'rule', 'only', 'page', 'pageSize'] as const;
type StaffRule = (typeof STAFF_FINDING_RULES)[number];
type Totals = { stations: number; compliant: number; findings: number; warnings: number };
type CountyCounts = Totals & { countyCode: string; countyShortName: string };

const isRule = (v: string | undefined): v is StaffRule => (STAFF_FINDING_RULES as readonly string[]).includes(v ?? '');
const ruleOptions = STAFF_FINDING_RULES.map((r) => ({ value: r, label: `${r}（${STAFF_RULES[r].clause}）${STAFF_RULES[r].title}` }));

function Counts({ total }: { total: Totals }) {
  const cards: [string, number, string | undefined, string][] = [
    [t.stations, total.stations, undefined, 'stations'],
    [t.compliant, total.compliant, '#389e0d', 'compliant'],
    [t.findings, total.findings, total.findings > 0 ? '#cf1322' : undefined, 'findings'],
    [t.warnings, total.warnings, total.warnings > 0 ? '#d48806' : undefined, 'warnings'],
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map(([title, value, color, key]) => (
        <Col key={key} xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={title}
              value={value}
              styles={color ? { content: { color } } : undefined}
              data-testid={`compliance-${key}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** On a phone: one card per station. */
function StationCards(props: { items: StationStaffing[]; total: number; page: number; pageSize: number; onPage: (p: number) => void }) {
  if (props.items.length === 0) return <Empty description={t.empty} />;
  const shown = props.items;
  return (
    <Flex vertical gap={12} data-testid="compliance-cards">
      {shown.map((s) => (
        <Card key={s.stationId} size="small" data-testid="compliance-station">
          <Flex justify="space-between" align="start" gap={8}>
            <Link to={`/stations/${s.stationId}`} style={{ fontWeight: 600 }}>
              {s.name}
            </Link>
            <StaffingTag compliant={s.compliant} />
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 0' }}>
            {s.countyShortName} · {t.onPost} {s.onPost} · {t.qualified} {s.qualifiedOnPost}
          </Typography.Text>
          {s.findings.length ? <FindingLines findings={s.findings} /> : null}
        </Card>
      ))}
      <Pagination simple align="center" current={props.page} pageSize={props.pageSize} total={props.total} onChange={props.onPage} />
      <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
        {m.common.total(props.total)}
      </Typography.Text>
    </Flex>
  );
}

export default function CompliancePage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const isMobile = useIsMobile();
  const rule = isRule(url.rule) ? url.rule : undefined;
  const only = url.only === 'findings' ? 'findings' : undefined;
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  // The server pages the stations; the county counts always cover every station in scope.
  const query: ComplianceQuery = useMemo(() => ({ countyCode: url.countyCode, rule, only, page, pageSize }), [url.countyCode, rule, only, page, pageSize]);
  const { data, isPending, isFetching, error, refetch } = useStaffingCompliance(query);
  // The county table always lists every county in scope, whichever one is being looked at.
  const all = useStaffingCompliance({ pageSize: 1 });
  const [hoverCounty, setHoverCounty] = useState<string | null>(null);

  const countyColumns: TableProps<CountyCounts>['columns'] = [
    {
      title: t.county,
      dataIndex: 'countyShortName',
      key: 'county',
      render: (name: string, c) => (
        <Typography.Link strong={c.countyCode === url.countyCode} onClick={() => setUrl({ countyCode: c.countyCode, page: undefined })}>
          {name}
        </Typography.Link>
      ),
    },
    { title: t.stations, dataIndex: 'stations', key: 'stations', align: 'right' },
    { title: t.compliant, dataIndex: 'compliant', key: 'compliant', align: 'right' },
    { title: t.findings, dataIndex: 'findings', key: 'findings', align: 'right' },
    { title: t.warnings, dataIndex: 'warnings', key: 'warnings', align: 'right' },
  ];

  const stationColumns: TableProps<StationStaffing>['columns'] = [
    {
      title: t.stationName,
      dataIndex: 'name',
      key: 'name',
      width: 250,
      render: (name: string, s) => <Link to={`/stations/${s.stationId}`}>{name}</Link>,
    },
    { title: t.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    { title: t.onPost, dataIndex: 'onPost', key: 'onPost', width: 60, align: 'right' },
    {
      title: t.qualified,
      dataIndex: 'qualifiedOnPost',
      key: 'qualified',
      width: 110,
      align: 'right',
      render: (n: number) => <Typography.Text type={n < MIN_QUALIFIED ? 'danger' : undefined}>{n}</Typography.Text>,
    },
    {
      title: t.status,
      dataIndex: 'compliant',
      key: 'compliant',
      width: 90,
      render: (c: boolean) => <StaffingTag compliant={c} />,
    },
    { title: t.findingList, key: 'findings', render: (_, s) => <FindingLines findings={s.findings} /> },
  ];

  // The export lists every matching station, not the page on screen.
  const exportHref = apiUrl(exportStaffingFindings, { query: { countyCode: url.countyCode, rule, only } });

  return (
    <>
      <PageHeader
        title={t.title}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} href={exportHref} download>
            {t.export}
          </Button>
        }
      >
        {data ? (
          <Typography.Text type="secondary" data-testid="compliance-as-of">
            {t.asOf(data.asOf)}
          </Typography.Text>
        ) : null}
      </PageHeader>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Flex vertical gap={16}>
          {data ? <Counts total={data.total} /> : <Card size="small" loading />}
          <Card
            size="small"
            title={t.counties}
            extra={
              url.countyCode ? (
                <Typography.Link onClick={() => setUrl({ countyCode: undefined, page: undefined })}>{t.allCounties}</Typography.Link>
              ) : (
                <Typography.Text type="secondary">{t.countyHint}</Typography.Text>
              )
            }
          >
            <Table<CountyCounts>
              rowKey="countyCode"
              size="small"
              columns={countyColumns}
              dataSource={all.data?.counties ?? []}
              loading={all.isPending}
              pagination={false}
              data-testid="compliance-counties"
              onRow={(c) => ({
                onClick: () => setUrl({ countyCode: c.countyCode, page: undefined }),
                onMouseEnter: () => setHoverCounty(c.countyCode),
                onMouseLeave: () => setHoverCounty(null),
                style: {
                  cursor: 'pointer',
                  background: c.countyCode === url.countyCode ? '#e6f4ff' : c.countyCode === hoverCounty ? '#fafafa' : undefined,
                },
              })}
            />
          </Card>
          <Row gutter={[12, 12]} align="middle">
            <Col xs={12} md={6}>
              <CountySelect
                aria-label={t.county}
                placeholder={t.allCounties}
                allowClear
                style={{ width: '100%' }}
                value={url.countyCode}
                onChange={(v) => setUrl({ countyCode: v, page: undefined })}
              />
            </Col>
            <Col xs={12} md={10}>
              <Select<StaffRule>
                aria-label={t.rule}
                placeholder={t.rule}
                allowClear
                style={{ width: '100%' }}
                options={ruleOptions}
                value={rule}
                onChange={(v) => setUrl({ rule: v, page: undefined })}
                popupMatchSelectWidth={false}
              />
            </Col>
            <Col xs={24} md={8}>
              <Checkbox
                checked={only === 'findings'}
                onChange={(e) => setUrl({ only: e.target.checked ? 'findings' : undefined, page: undefined })}
              >
                {t.onlyProblems}
              </Checkbox>
            </Col>
          </Row>
          {isMobile ? (
            <StationCards items={data?.stations ?? []} total={data?.stationsTotal ?? 0} page={page} pageSize={pageSize} onPage={(p) => setUrl({ page: p })} />
          ) : (
            <Table<StationStaffing>
              rowKey="stationId"
              size="middle"
              columns={stationColumns}
              dataSource={data?.stations ?? []}
              loading={isPending || isFetching}
              scroll={{ x: 1000 }}
              data-testid="compliance-stations"
              locale={{ emptyText: <Empty description={t.empty} /> }}
              onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
              pagination={{
                current: page,
                pageSize,
                total: data?.stationsTotal ?? 0,
                showSizeChanger: true,
                showTotal: (n) => m.common.total(n),
              }}
            />
          )}
        </Flex>
      )}
    </>
  );
}
