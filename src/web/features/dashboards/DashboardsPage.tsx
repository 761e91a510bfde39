import { DownloadOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Empty, Flex, List, Row, Select, Table, Typography, type TableProps } from 'antd';
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { dashboardLinks } from '../../../shared/contracts/dashboard-links';
import { DASHBOARD_FIGURES, type CountLine, type Dashboard, type DashboardFigure, type DashboardRow } from '../../../shared/contracts/dashboards';
import { PageHeader } from '../../components/PageHeader';
import { pageData, PageLoading } from '../../components/PageStates';
import { m } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import type { ChartOption } from './DashboardChart';
import { useDashboard, useExportDashboard } from './dashboards.api';

// ECharts loads only with the charts.
const DashboardChart = lazy(() => import('./DashboardChart'));

const t = m.dashboards;
const KEYS = ['year', 'sort', 'order', 'page'] as const;
const PAGE_SIZE = 20;
const isFigure = (v: string | undefined): v is DashboardFigure => (DASHBOARD_FIGURES as readonly string[]).includes(v ?? '');
const thisYear = () => new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear() - i);

const MONEY: readonly DashboardFigure[] = ['budgetFen', 'spentFen', 'paidFen'];
const show = (k: DashboardFigure, v: number) => (MONEY.includes(k) ? t.yuan(v) : v.toLocaleString('zh-CN'));

const GROUPS: { title: string; figures: DashboardFigure[] }[] = [
  { title: t.sections.coverage, figures: ['towns', 'stations', 'operating', 'staffedStations', 'compliantStations', 'findings'] },
  { title: t.sections.services, figures: ['clients', 'clientsActive', 'records', 'hours', 'persons', 'homeVisits', 'volunteerTimes', 'volunteerHours'] },
  { title: t.sections.funding, figures: ['budgetFen', 'spentFen', 'paidFen', 'reports', 'reportsOnTime', 'reportsLate', 'reportsPending'] },
];
const TABLE_FIGURES: DashboardFigure[] = ['operating', 'compliantStations', 'findings', 'clients', 'records', 'hours', 'volunteerHours', 'spentFen', 'reportsLate'];

/** A number that opens the list it counts (or plain text when no list counts exactly it). */
function Figure({ row, year, k, testId }: { row: DashboardRow; year: number; k: DashboardFigure; testId?: string }) {
  const link = dashboardLinks(row, year)[k]; // the answer carries places; a few strings a figure
  const text = show(k, row.figures[k]);
  return link ? (
    <Link to={link} data-testid={testId} aria-label={`${t.open(t.figures[k])}：${text}`}>
      {text}
    </Link>
  ) : (
    <span data-testid={testId} title={t.noLink}>
      {text}
    </span>
  );
}

function Rates({ f }: { f: Dashboard['total']['figures'] }) {
  return (
    <Typography.Text type="secondary">
      {t.coverageRate} {t.rate(f.operating, f.towns)} · {t.complianceRate} {t.rate(f.compliantStations, f.staffedStations)} ·{' '}
      {t.executionRate} {t.rate(f.spentFen, f.budgetFen)} · {t.onTimeRate} {t.rate(f.reportsOnTime, f.reportsOnTime + f.reportsLate)}
    </Typography.Text>
  );
}

function Lines({ title, lines, empty, testId }: { title: string; lines: CountLine[]; empty?: string; testId: string }) {
  return (
    <Card title={title} size="small" data-testid={testId}>
      {lines.length === 0 ? (
        <Typography.Text type="secondary">{empty ?? t.empty}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={lines}
          renderItem={(l) => (
            <List.Item extra={l.link ? <Link to={l.link} aria-label={`${t.open(l.label)}：${l.value}`}>{l.value}</Link> : <span title={t.noLink}>{l.value}</span>}>
              <Typography.Text>
                {l.label}
                {l.key.startsWith('R-') ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                    {l.key}
                  </Typography.Text>
                ) : null}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Charts({ data, onDrill }: { data: Dashboard; onDrill: (code: string) => void }) {
  const navigate = useNavigate();
  const children = data.children;
  const { others } = data.childrenPage;
  const figure = others.figure;
  // This page's children, and the rest of them as one bar ("其余 X 个"): never more bars than a page.
  const childOption: ChartOption = useMemo(() => {
    const names = [...children.map((c) => c.name), ...(others.count > 0 ? [t.others(others.count)] : [])];
    const values = [...children.map((c) => c.figures[figure]), ...(others.count > 0 ? [{ value: others.value, itemStyle: { color: '#b0b7c3' } }] : [])];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 8, bottom: 8, top: 16, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: t.figures[figure], type: 'bar', data: values, itemStyle: { color: '#1f6fb2' }, barMaxWidth: 24 }],
    };
  }, [children, others, figure]);
  const monthOption: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: data.months.map((x) => `${Number(x.month.slice(5))}月`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t.figures.records, type: 'line', data: data.months.map((x) => x.records), itemStyle: { color: '#1f6fb2' } },
        { name: t.figures.hours, type: 'line', data: data.months.map((x) => x.hours), itemStyle: { color: '#2e7d32' } },
        { name: t.figures.homeVisits, type: 'bar', data: data.months.map((x) => x.homeVisits), itemStyle: { color: '#c9d8e8' }, barMaxWidth: 16 },
      ],
    }),
    [data.months],
  );
  const domainOption: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          name: t.sections.domains,
          type: 'pie',
          radius: ['35%', '65%'],
          data: data.domains.map((d) => ({ name: d.label, value: d.value })),
          label: { formatter: '{b}\n{c}' },
        },
      ],
    }),
    [data.domains],
  );
  return (
    <Row gutter={[16, 16]}>
      {children.length > 0 ? (
        <Col xs={24} lg={12}>
          <Card size="small" title={t.chartChildren(t.figures[figure])} data-testid="dashboard-children-chart">
            <DashboardChart option={childOption} label={t.chartLabel(t.chartChildren(t.figures[figure]))} onPick={(i) => { const c = children[i]; if (c) onDrill(c.code); }} />
          </Card>
        </Col>
      ) : null}
      <Col xs={24} lg={children.length > 0 ? 12 : 16}>
        <Card size="small" title={t.chartMonths}>
          <DashboardChart
            option={monthOption}
            label={t.chartLabel(t.chartMonths)}
            onPick={(i) => {
              const link = data.months[i]?.link;
              if (link) void navigate(link);
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={children.length > 0 ? 12 : 8}>
        <Card size="small" title={t.chartDomains}>
          {data.domains.some((d) => d.value > 0) ? (
            <DashboardChart option={domainOption} label={t.chartLabel(t.chartDomains)} />
          ) : (
            <Empty description={t.empty} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t.sections.months}>
          <Table
            size="small"
            rowKey="month"
            pagination={false}
            scroll={{ x: true }}
            dataSource={data.months}
            columns={[
              { title: t.month, dataIndex: 'month', key: 'month' },
              {
                title: t.figures.records, key: 'records', align: 'right',
                render: (_, r) => (r.link ? <Link to={r.link} aria-label={`${t.open(t.figures.records)} ${r.month}：${r.records}`}>{r.records}</Link> : r.records),
              },
              { title: t.figures.hours, dataIndex: 'hours', key: 'hours', align: 'right' },
              { title: t.figures.persons, dataIndex: 'persons', key: 'persons', align: 'right' },
              { title: t.figures.volunteerHours, dataIndex: 'volunteerHours', key: 'vh', align: 'right' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

export default function DashboardsPage() {
  const { code = 'home' } = useParams();
  const [url, setUrl] = useUrlState(KEYS);
  const year = Number(url.year) || thisYear();
  const sort = isFigure(url.sort) ? url.sort : 'code';
  const order = url.order === 'asc' || url.order === 'desc' ? url.order : undefined;
  const page = toPage(url.page, 1);
  const { data, view } = pageData(useDashboard(code, { year, sort, order, page, pageSize: PAGE_SIZE }));
  const exporting = useExportDashboard();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const drill = (c: string) => void navigate(`/dashboards/${c}${url.year ? `?year=${url.year}` : ''}`);
  const sortOrderOf = (k: string): 'ascend' | 'descend' | null => (sort === k ? ((order ?? (k === 'code' ? 'asc' : 'desc')) === 'asc' ? 'ascend' : 'descend') : null);
  const pagination = data
    ? {
        current: data.childrenPage.page,
        pageSize: data.childrenPage.pageSize,
        total: data.childrenPage.total,
        showSizeChanger: false,
        showTotal: (n: number) => t.childrenTotal(n),
        onChange: (p: number) => setUrl({ page: p }),
      }
    : false;

  if (view) return view;

  const columns: TableProps<DashboardRow>['columns'] = [
    {
      title: t.name, key: 'code', fixed: 'left', sorter: true, sortOrder: sortOrderOf('code'), sortDirections: ['ascend', 'descend'],
      render: (_, r) => (
        <Link to={`/dashboards/${r.code}${url.year ? `?year=${url.year}` : ''}`} data-testid={`drill-${r.code}`} aria-label={t.drill(r.name)}>
          {r.name}
        </Link>
      ),
    },
    {
      title: `${t.figures.operating}/${t.figures.towns}`, key: 'operating', align: 'right', sorter: true, sortOrder: sortOrderOf('operating'),
      sortDirections: ['descend', 'ascend'],
      render: (_, r) => (
        <>
          <Figure row={r} year={data.year} k="operating" testId={`child-${r.code}-operating`} />/{r.figures.towns}
        </>
      ),
    },
    ...TABLE_FIGURES.filter((k) => k !== 'operating').map((k) => ({
      title: t.figures[k], key: k, align: 'right' as const, sorter: true, sortOrder: sortOrderOf(k), sortDirections: ['descend' as const, 'ascend' as const],
      render: (_: unknown, r: DashboardRow) => <Figure row={r} year={data.year} k={k} testId={`child-${r.code}-${k}`} />,
    })),
  ];

  const crumbs: { title: ReactNode }[] = data.breadcrumb.map((b, i) => ({
    title:
      i === data.breadcrumb.length - 1 ? (
        <span aria-current="page">{b.name}</span>
      ) : (
        <Link to={`/dashboards/${b.code}${url.year ? `?year=${url.year}` : ''}`}>{b.name}</Link>
      ),
  }));

  return (
    <>
      <PageHeader
        title={t.title(data.region.name)}
        extra={
          <>
            <Select
              aria-label={t.year}
              value={year}
              style={{ width: 110 }}
              options={YEARS.map((y) => ({ value: y, label: t.yearOption(y) }))}
              onChange={(y) => setUrl({ year: y })}
            />
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporting.isPending}
              onClick={() => exporting.mutate({ regionCode: data.region.code, year }, { onSuccess: () => void message.success(t.exported) })}
            >
              {t.export}
            </Button>
          </>
        }
      >
        <Breadcrumb aria-label={t.breadcrumb} items={crumbs} data-testid="dashboard-breadcrumb" />
      </PageHeader>
      <Flex vertical gap={16}>
        <Card size="small" title={t.sections.overview} data-testid="dashboard-overview">
          <Flex vertical gap={12}>
            <Rates f={data.total.figures} />
            {GROUPS.map((g) => (
              <div key={g.title}>
                <Typography.Text strong>{g.title}</Typography.Text>
                <Row gutter={[8, 8]} style={{ marginTop: 6 }}>
                  {g.figures.map((k) => (
                    <Col key={k} xs={12} sm={8} md={6} xl={3}>
                      <Flex vertical>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t.figures[k]}
                        </Typography.Text>
                        <span style={{ fontSize: 20, fontWeight: 600 }}>
                          <Figure row={data.total} year={data.year} k={k} testId={`figure-${k}`} />
                        </span>
                      </Flex>
                    </Col>
                  ))}
                </Row>
              </div>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.asOf(data.asOf)}
            </Typography.Text>
          </Flex>
        </Card>

        {data.childrenPage.total > 0 ? (
          <Card size="small" title={t.sections.children} data-testid="dashboard-children">
            {isMobile ? (
              <List
                pagination={pagination ? { ...pagination, align: 'center', size: 'small' } : false}
                dataSource={data.children}
                renderItem={(r) => (
                  <List.Item>
                    <Flex vertical gap={4} style={{ width: '100%' }}>
                      <Link to={`/dashboards/${r.code}${url.year ? `?year=${url.year}` : ''}`} data-testid={`drill-${r.code}`} aria-label={t.drill(r.name)}>
                        <Typography.Text strong>{r.name}</Typography.Text>
                      </Link>
                      <Flex wrap gap={12}>
                        {TABLE_FIGURES.map((k) => (
                          <span key={k} style={{ fontSize: 13 }}>
                            <Typography.Text type="secondary">{t.figures[k]} </Typography.Text>
                            <Figure row={r} year={data.year} k={k} testId={`child-${r.code}-${k}`} />
                          </span>
                        ))}
                      </Flex>
                    </Flex>
                  </List.Item>
                )}
              />
            ) : (
              <Table
                size="small"
                rowKey="code"
                pagination={pagination}
                scroll={{ x: 'max-content' }}
                dataSource={data.children}
                columns={columns}
                // Sorted and paged by the server: a province has too many children to send them all.
                onChange={(_p, _filters, sorter) => {
                  const one = Array.isArray(sorter) ? sorter[0] : sorter;
                  const key = one?.order ? String(one.columnKey) : 'code';
                  const next = one?.order === 'ascend' ? 'asc' : one?.order === 'descend' ? 'desc' : 'asc';
                  // A new order starts again at page 1; a page change is the pagination's.
                  if (key !== sort || next !== (order ?? (sort === 'code' ? 'asc' : 'desc')))
                    setUrl({ sort: key === 'code' ? null : key, order: next, page: null });
                }}
              />
            )}
          </Card>
        ) : null}

        <Suspense fallback={<PageLoading />}>
          <Charts data={data} onDrill={drill} />
        </Suspense>

        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} xl={6}>
            <Lines title={t.sections.targetGroups} lines={data.targetGroups.filter((l) => l.value > 0)} testId="dashboard-target-groups" />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Lines
              title={t.sections.domains}
              lines={data.domains.map((d) => ({ ...d, label: `${d.label}（${d.persons} 人次）` }))}
              testId="dashboard-domains"
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Lines title={t.sections.grades} lines={data.grades} testId="dashboard-grades" />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Lines title={t.sections.findings} lines={data.findingsByRule} empty={t.noFindings} testId="dashboard-findings" />
          </Col>
        </Row>
      </Flex>
    </>
  );
}
