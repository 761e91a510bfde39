import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { STAFF_FINDING_RULES, exportStaffingFindings, type StationStaffing } from '../../../shared/contracts/compliance';
import { STAFF_RULES } from '../../../shared/rules/staffing';
import { ListCard, ListPage, useListState } from '../../components/ListPage';
import { apiUrl } from '../../lib/api';
import { toPage } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { countyFilter } from '../regions/RegionSelects';
import { FindingLines } from './FindingList';
import { useStaffingCompliance, type ComplianceQuery } from './compliance.api';
import { MIN_QUALIFIED, StaffingTag } from './StaffingTag';

const t = m.staffing.compliance;
// The county table's page and size live in the URL too, apart from the station list's.
const FILTER_KEYS = ['countyCode', 'rule', 'only', 'countiesPage', 'countiesPageSize'] as const;
const COUNTIES_PAGE_SIZE = 20;
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

export default function CompliancePage() {
  const list = useListState(FILTER_KEYS);
  const { url, setUrl, setFilter, page, pageSize } = list;
  const rule = isRule(url.rule) ? url.rule : undefined;
  const only = url.only === 'findings' ? 'findings' : undefined;
  // The server pages the stations; the county counts always cover every station in scope.
  const query: ComplianceQuery = useMemo(() => ({ countyCode: url.countyCode, rule, only, page, pageSize }), [url.countyCode, rule, only, page, pageSize]);
  const { data, isPending, isFetching, error, refetch } = useStaffingCompliance(query);
  // The county table lists every county unit in scope (a page at a time), whichever one is being looked at.
  // A hand-edited URL past the API's 100 a page shows 100 rather than an error.
  const counties = { page: toPage(url.countiesPage, 1), pageSize: Math.min(toPage(url.countiesPageSize, COUNTIES_PAGE_SIZE), 100) };
  const all = useStaffingCompliance({ pageSize: 1, countiesPage: counties.page, countiesPageSize: counties.pageSize });
  const [hoverCounty, setHoverCounty] = useState<string | null>(null);

  const countyColumns: TableProps<CountyCounts>['columns'] = [
    {
      title: t.county,
      dataIndex: 'countyShortName',
      key: 'county',
      render: (name: string, c) => (
        <Typography.Link strong={c.countyCode === url.countyCode} onClick={() => setFilter({ countyCode: c.countyCode })}>
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

  // The export lists every matching station (read in batches on the server), not the page on screen.
  const exportHref = apiUrl(exportStaffingFindings, { query: { countyCode: url.countyCode, rule, only } });

  return (
    // The e2e page object finds a station's row inside this mark.
    <div data-testid="compliance-stations">
      <ListPage<StationStaffing>
        title={t.title}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} href={exportHref} download>
            {t.export}
          </Button>
        }
        header={
          data ? (
            <Typography.Text type="secondary" data-testid="compliance-as-of">
              {t.asOf(data.asOf)}
            </Typography.Text>
          ) : null
        }
        list={list}
        filters={[
          { ...countyFilter(t.county), span: { xs: 12, md: 6 } },
          { type: 'select', key: 'rule', label: t.rule, options: ruleOptions, span: { xs: 12, md: 10 } },
          { type: 'check', key: 'only', label: t.onlyProblems, on: 'findings', span: { xs: 24, md: 8 } },
        ]}
        result={{
          data: data ? { items: data.stations, total: data.stationsTotal } : undefined,
          isPending,
          isFetching,
          error,
          refetch,
        }}
        columns={stationColumns}
        rowKey="stationId"
        scrollX={1000}
        empty={t.empty}
        cardsTestId="compliance-cards"
        card={(s) => (
          <ListCard
            testId="compliance-station"
            title={<Link to={`/stations/${s.stationId}`}>{s.name}</Link>}
            tag={<StaffingTag compliant={s.compliant} />}
            meta={`${s.countyShortName} · ${t.onPost} ${s.onPost} · ${t.qualified} ${s.qualifiedOnPost}`}
          >
            {s.findings.length ? <FindingLines findings={s.findings} /> : null}
          </ListCard>
        )}
      >
        <Flex vertical gap={16} style={{ marginBottom: 16 }}>
          {data ? <Counts total={data.total} /> : <Card size="small" loading />}
          <Card
            size="small"
            title={t.counties}
            extra={
              url.countyCode ? (
                <Typography.Link onClick={() => setFilter({ countyCode: undefined })}>{t.allCounties}</Typography.Link>
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
              pagination={{
                current: all.data?.countiesPage ?? counties.page,
                pageSize: all.data?.countiesPageSize ?? counties.pageSize,
                total: all.data?.countiesTotal ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50, 100],
                showTotal: t.countiesTotal,
              }}
              onChange={(p) => {
                const size = p.pageSize ?? counties.pageSize;
                // Only the county table moves: the station list keeps its page.
                setUrl({ countiesPage: p.current && p.current > 1 ? p.current : undefined, countiesPageSize: size === COUNTIES_PAGE_SIZE ? undefined : size });
              }}
              data-testid="compliance-counties"
              onRow={(c) => ({
                onClick: () => setFilter({ countyCode: c.countyCode }),
                onMouseEnter: () => setHoverCounty(c.countyCode),
                onMouseLeave: () => setHoverCounty(null),
                style: {
                  cursor: 'pointer',
                  background: c.countyCode === url.countyCode ? '#e6f4ff' : c.countyCode === hoverCounty ? '#fafafa' : undefined,
                },
              })}
            />
          </Card>
        </Flex>
      </ListPage>
    </div>
  );
}
