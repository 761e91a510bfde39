import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Table, Typography, type TableProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { StationFunding } from '../../../shared/contracts/funding';
import { FUND_SOURCES, FUND_SOURCE_LABELS } from '../../../shared/rules/purchase';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, PageLoading } from '../../components/PageStates';
import { Finding } from '../../components/RuleTag';
import { useReportError } from '../../lib/errors';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { CountySelect } from '../regions/RegionSelects';
import { thisYear, toYear, useCountyScope, YearSelect } from '../procurements/purchaseFields';
import { BudgetDrawer } from './BudgetDrawer';
import { useExportFunding, useFunding, type FundingQuery } from './funding.api';
import { Figure, rateText, Yuan, yuan } from './money';

const ExecutionChart = lazy(() => import('./ExecutionChart'));

const t = m.purchase.funding;
const c = m.purchase.common;
const KEYS = ['year', 'countyCode'] as const;

interface Findings {
  findings: { rule: { id: string; clause: string; title: string }; message: string; clearBy: string }[];
}

function FindingLines({ findings }: Findings) {
  if (findings.length === 0) return null;
  return (
    <Flex vertical gap={4} style={{ marginTop: 8 }}>
      {findings.map((f, i) => (
        <Finding key={`${f.rule.id}-${i}`} rule={f.rule} message={f.message} />
      ))}
    </Flex>
  );
}

/** "环翠区鲸园街道社会工作服务站" → "鲸园街道" for a chart axis. */
function shortStation(s: StationFunding): string {
  return s.name.replace(s.countyShortName, '').replace('社会工作服务站', '') || s.name;
}

function RateText({ rate }: { rate: number | null }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{rateText(rate)}</span>;
}

export default function FundingPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const year = toYear(url.year, thisYear()) ?? thisYear();
  const { isCity } = useCountyScope();
  const isMobile = useIsMobile();
  const canWrite = usePermission('funding:write');
  const query: FundingQuery = useMemo(() => ({ year, countyCode: isCity ? url.countyCode : undefined }), [year, isCity, url.countyCode]);
  const { data, isPending, isFetching, error, refetch } = useFunding(query);
  const exporter = useExportFunding();
  const report = useReportError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<StationFunding | null>(null);

  const onExport = () =>
    exporter.mutate(query, { onSuccess: () => message.success(t.exported), onError: (e) => report(e) });

  const columns: TableProps<StationFunding>['columns'] = [
    { title: t.station, dataIndex: 'name', key: 'name', width: 230, fixed: isMobile ? undefined : 'left', render: (v: string, s) => <Link to={`/stations/${s.stationId}`}>{v}</Link> },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    ...FUND_SOURCES.map((k) => ({
      title: FUND_SOURCE_LABELS[k],
      key: k,
      width: 150,
      align: 'right' as const,
      render: (_: unknown, s: StationFunding) => <Yuan fen={s.budget[k]} />,
    })),
    { title: t.budget, dataIndex: 'budgetFen', key: 'budget', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} strong /> },
    { title: t.paid, dataIndex: 'paidFen', key: 'paid', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.spent, dataIndex: 'spentFen', key: 'spent', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.rate, dataIndex: 'executionRate', key: 'rate', width: 80, align: 'right', render: (v: number | null) => <RateText rate={v} /> },
    {
      title: t.findings,
      key: 'findings',
      width: 260,
      render: (_: unknown, s) =>
        s.findings.length ? (
          <Flex vertical gap={2}>
            {s.findings.map((f, i) => (
              <Finding key={i} rule={f.rule} message={f.message} />
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    ...(canWrite
      ? [
          {
            title: m.common.actions,
            key: 'actions',
            width: 110,
            render: (_: unknown, s: StationFunding) => (
              <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(s)} aria-label={`${t.setBudget}：${s.name}`}>
                {t.setBudget}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const total = data?.total;
  return (
    <>
      <PageHeader
        title={t.title}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} onClick={onExport} loading={exporter.isPending}>
            {t.export}
          </Button>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <YearSelect aria-label={c.year} value={year} onChange={(v) => setUrl({ year: v })} />
        </Col>
        {isCity ? (
          <Col xs={12} md={4}>
            <CountySelect
              aria-label={c.county}
              placeholder={c.county}
              allowClear
              style={{ width: '100%' }}
              value={url.countyCode}
              onChange={(v) => setUrl({ countyCode: v })}
            />
          </Col>
        ) : null}
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending || !data || !total ? (
        <PageLoading />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" title={isCity && !url.countyCode ? t.cityTotal : (data.counties[0]?.countyShortName ?? t.cityTotal)} data-testid="funding-total">
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Figure title={t.budget} value={yuan(total.budgetFen)} />
              </Col>
              <Col xs={12} md={6}>
                <Figure title={t.paid} value={yuan(total.paidFen)} testId="funding-total-paid" />
              </Col>
              <Col xs={12} md={6}>
                <Figure title={t.spent} value={yuan(total.spentFen)} testId="funding-total-spent" />
              </Col>
              <Col xs={12} md={6}>
                <Figure title={t.rate} value={rateText(total.executionRate)} />
              </Col>
            </Row>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {t.bySource}：
              {FUND_SOURCES.map((k) => (
                <span key={k} style={{ marginInlineEnd: 12, whiteSpace: 'nowrap' }}>
                  {FUND_SOURCE_LABELS[k]} <Yuan fen={total.budget[k]} />
                </span>
              ))}
            </Typography.Text>
            <FindingLines findings={total.findings} />
          </Card>
          {data.counties.length > 1 ? (
            <Row gutter={[12, 12]} data-testid="funding-counties">
              {data.counties.map((co) => (
                <Col key={co.countyCode} xs={24} sm={12} lg={8} xl={6}>
                  <Card
                    size="small"
                    title={co.countyShortName}
                    extra={<Typography.Text type="secondary">{t.countyStations(co.stations)}</Typography.Text>}
                    hoverable={isCity}
                    onClick={isCity ? () => setUrl({ countyCode: co.countyCode }) : undefined}
                  >
                    <Flex vertical gap={2}>
                      <span>{t.budget}：<Yuan fen={co.budgetFen} /></span>
                      <span>{t.paid}：<Yuan fen={co.paidFen} /></span>
                      <span>{t.spent}：<Yuan fen={co.spentFen} /></span>
                      <span>
                        {t.rate}：<RateText rate={co.executionRate} />
                      </span>
                    </Flex>
                  </Card>
                </Col>
              ))}
            </Row>
          ) : null}
          {data.counties.length > 0 ? (
            <Card size="small" title={data.counties.length > 1 ? t.chartTitle : t.chartStationsTitle}>
              <Suspense fallback={<PageLoading />}>
                <ExecutionChart
                  rows={
                    data.counties.length > 1
                      ? data.counties.map((co) => ({ county: co.countyShortName, rate: co.executionRate }))
                      : data.stations.map((s) => ({ county: shortStation(s), rate: s.executionRate }))
                  }
                />
              </Suspense>
            </Card>
          ) : null}
          <Card size="small" title={t.stationsTitle}>
            {isMobile ? (
              <Flex vertical gap={8} data-testid="funding-station-cards">
                {data.stations.length === 0 ? <Empty description={t.empty} /> : null}
                {data.stations.map((s) => (
                  <Card key={s.stationId} size="small" type="inner">
                    <Link to={`/stations/${s.stationId}`} style={{ fontWeight: 600 }}>
                      {s.name}
                    </Link>
                    <Flex vertical gap={2} style={{ marginTop: 4 }}>
                      <span>{t.budget}：<Yuan fen={s.budgetFen} strong /></span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {FUND_SOURCES.filter((k) => s.budget[k] > 0).map((k) => `${FUND_SOURCE_LABELS[k]} ${yuan(s.budget[k])}`).join('；') || '—'}
                      </Typography.Text>
                      <span>{t.paid}：<Yuan fen={s.paidFen} /> · {t.spent}：<Yuan fen={s.spentFen} /></span>
                      <span>{t.rate}：<RateText rate={s.executionRate} /></span>
                    </Flex>
                    <FindingLines findings={s.findings} />
                    {canWrite ? (
                      <Button size="small" style={{ marginTop: 8 }} icon={<EditOutlined aria-hidden />} onClick={() => setEditing(s)} aria-label={`${t.setBudget}：${s.name}`}>
                        {t.setBudget}
                      </Button>
                    ) : null}
                  </Card>
                ))}
              </Flex>
            ) : (
            <Table<StationFunding>
              rowKey="stationId"
              size="small"
              columns={columns}
              dataSource={data.stations}
              loading={isFetching}
              pagination={false}
              scroll={{ x: 1800 }}
              data-testid="funding-stations"
              locale={{ emptyText: <Empty description={t.empty} /> }}
            />
            )}
          </Card>
        </Flex>
      )}
      {editing ? <BudgetDrawer station={editing} year={year} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
