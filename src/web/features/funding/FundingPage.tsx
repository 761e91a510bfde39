import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Row, Typography, type TableProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { FUNDING_SORTS, type StationFunding } from '../../../shared/contracts/funding';
import { FUND_SOURCES, FUND_SOURCE_LABELS } from '../../../shared/rules/purchase';
import { ListCard, ListPage, oneOf, useListState, type CustomFilter } from '../../components/ListPage';
import { PageLoading } from '../../components/PageStates';
import { Finding } from '../../components/RuleTag';
import { useReportError } from '../../lib/errors';
import { toPage } from '../../lib/useUrlState';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { countyFilter } from '../regions/RegionSelects';
import { thisYear, toYear, useCountyScope, YearSelect } from '../procurements/purchaseFields';
import { BudgetDrawer } from './BudgetDrawer';
import { CountyTable } from './CountyTable';
import { useExportFunding, useFunding, type FundingExportQuery, type FundingQuery } from './funding.api';
import { Figure, rateText, Yuan, yuan } from './money';

const ExecutionChart = lazy(() => import('./ExecutionChart'));

const t = m.purchase.funding;
const c = m.purchase.common;
// The county table's page, size and order live in the URL too (countiesPage, …), apart from the station list's.
const KEYS = ['year', 'countyCode', 'q', 'only', 'sort', 'countiesPage', 'countiesPageSize', 'countiesSort'] as const;
// Another year or unit starts the county table again at its first page.
const RESTART_COUNTIES = ['countiesPage'];
const COUNTIES_PAGE_SIZE = 20;
type FundingSort = (typeof FUNDING_SORTS)[number];
const sortOptions = FUNDING_SORTS.map((s) => ({ value: s, label: t.sorts[s] }));

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

/** The year is always set (this year by default): no clearing it. */
const yearFilter: CustomFilter = {
  type: 'custom',
  key: 'year',
  label: c.year,
  render: (value, onChange) => <YearSelect aria-label={c.year} value={toYear(value, thisYear())} onChange={onChange} />,
};

export default function FundingPage() {
  const list = useListState(KEYS);
  const { url, setFilter, page, pageSize } = list;
  const year = toYear(url.year, thisYear()) ?? thisYear();
  const { isCity } = useCountyScope();
  const canWrite = usePermission('funding:write');
  const sort: FundingSort = oneOf(FUNDING_SORTS, url.sort) ?? 'code';
  const only = url.only === 'findings' ? 'findings' : undefined;
  const filters: FundingExportQuery = useMemo(
    () => ({ year, countyCode: isCity ? url.countyCode : undefined, q: url.q || undefined, only, sort }),
    [year, isCity, url.countyCode, url.q, only, sort],
  );
  // The county table pages and sorts on the server.
  const county = { page: toPage(url.countiesPage, 1), pageSize: toPage(url.countiesPageSize, COUNTIES_PAGE_SIZE), sort: oneOf(FUNDING_SORTS, url.countiesSort) ?? 'code' };
  const query: FundingQuery = useMemo(
    () => ({ ...filters, page, pageSize, countiesPage: county.page, countiesPageSize: county.pageSize, countiesSort: county.sort }),
    [filters, page, pageSize, county.page, county.pageSize, county.sort],
  );
  const { data, isPending, isFetching, error, refetch } = useFunding(query);
  const exporter = useExportFunding();
  const report = useReportError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<StationFunding | null>(null);

  // The export takes every station the filters keep, not the page on screen.
  const onExport = () => exporter.mutate(filters, { onSuccess: () => message.success(t.exported), onError: (e) => report(e) });

  const columns: TableProps<StationFunding>['columns'] = [
    { title: t.station, dataIndex: 'name', key: 'name', width: 230, fixed: 'start', render: (v: string, s) => <Link to={`/stations/${s.stationId}`}>{v}</Link> },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    ...FUND_SOURCES.map((k) => ({
      title: FUND_SOURCE_LABELS[k],
      key: k,
      width: 150,
      align: 'right' as const,
      render: (_: unknown, s: StationFunding) => <Yuan fen={s.budget[k]} />,
    })),
    { title: t.budget, dataIndex: 'budgetFen', key: 'budget', width: 150, align: 'right', sorter: true, render: (v: number) => <Yuan fen={v} strong /> },
    { title: t.paid, dataIndex: 'paidFen', key: 'paid', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.spent, dataIndex: 'spentFen', key: 'spent', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.rate, dataIndex: 'executionRate', key: 'rate', width: 90, align: 'right', sorter: true, render: (v: number | null) => <RateText rate={v} /> },
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
  const summary = !data || !total ? (
    error ? null : <PageLoading />
  ) : (
    <Flex vertical gap={16} style={{ marginBottom: 16 }}>
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
      {data.countiesTotal > 1 ? (
        <Card size="small" title={t.countiesTitle}>
          <CountyTable
            data={data}
            sort={county.sort}
            onChange={(next) => list.setUrl({
              countiesPage: next.page === 1 ? undefined : next.page,
              countiesPageSize: next.pageSize === COUNTIES_PAGE_SIZE ? undefined : next.pageSize,
              countiesSort: next.sort === 'code' ? undefined : next.sort,
            })}
            onPick={isCity ? (countyCode) => setFilter({ countyCode, countiesPage: undefined }) : undefined}
          />
        </Card>
      ) : null}
      {data.countiesTotal > 1 || data.stations.length > 0 ? (
        <Card size="small" title={data.countiesTotal > 1 ? t.chartTitle : t.chartPageTitle}>
          <Suspense fallback={<PageLoading />}>
            <ExecutionChart
              rows={
                data.countiesTotal > 1
                  ? [
                      ...data.chart.top.map((co) => ({ county: co.countyShortName, rate: co.executionRate })),
                      ...(data.chart.rest ? [{ county: t.countyRest(data.chart.rest.counties), rate: data.chart.rest.executionRate }] : []),
                    ]
                  : data.stations.map((s) => ({ county: shortStation(s), rate: s.executionRate }))
              }
            />
          </Suspense>
        </Card>
      ) : null}
      <Typography.Text type="secondary">{t.listNote}</Typography.Text>
    </Flex>
  );

  return (
    <>
      <ListPage<StationFunding>
        title={t.title}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} onClick={onExport} loading={exporter.isPending}>
            {t.export}
          </Button>
        }
        list={list}
        filters={[
          { ...yearFilter, clears: RESTART_COUNTIES, span: { xs: 12, md: 4 } },
          isCity && { ...countyFilter(c.county), clears: RESTART_COUNTIES, span: { xs: 12, md: 4 } },
          { type: 'search', key: 'q', label: t.keyword, span: { xs: 24, md: 7 } },
          { type: 'select', key: 'sort', label: t.sort, options: sortOptions, fallback: 'code', span: { xs: 12, md: 5 } },
          { type: 'check', key: 'only', label: t.onlyProblems, on: 'findings', span: { xs: 12, md: 4 } },
        ]}
        result={{
          data: data ? { items: data.stations, total: data.stationsTotal } : undefined,
          isPending,
          isFetching,
          error,
          refetch,
        }}
        columns={columns}
        sort={{ value: sort, fallback: 'code', allowed: FUNDING_SORTS }}
        rowKey="stationId"
        scrollX={1800}
        empty={t.empty}
        cardsTestId="funding-station-cards"
        card={(s) => (
          <ListCard title={<Link to={`/stations/${s.stationId}`}>{s.name}</Link>} meta={`${s.countyShortName} · ${t.rate} ${rateText(s.executionRate)}`} danger={s.findings.length > 0}>
            <Flex vertical gap={2}>
              <span>{t.budget}：<Yuan fen={s.budgetFen} strong /></span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {FUND_SOURCES.filter((k) => s.budget[k] > 0).map((k) => `${FUND_SOURCE_LABELS[k]} ${yuan(s.budget[k])}`).join('；') || '—'}
              </Typography.Text>
              <span>{t.paid}：<Yuan fen={s.paidFen} /> · {t.spent}：<Yuan fen={s.spentFen} /></span>
            </Flex>
            <FindingLines findings={s.findings} />
            {canWrite ? (
              <Button size="small" style={{ marginTop: 8 }} icon={<EditOutlined aria-hidden />} onClick={() => setEditing(s)} aria-label={`${t.setBudget}：${s.name}`}>
                {t.setBudget}
              </Button>
            ) : null}
          </ListCard>
        )}
      >
        {summary}
      </ListPage>
      {editing ? <BudgetDrawer station={editing} year={year} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
