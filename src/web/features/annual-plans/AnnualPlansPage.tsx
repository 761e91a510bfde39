import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Table, Typography, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ResponseOf } from '../../../shared/contracts/http';
import type { planOverview } from '../../../shared/contracts/annual-plans';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { Yuan } from '../funding/money';
import { thisYear, toYear, useCountyScope, YearSelect } from '../procurements/purchaseFields';
import { PlanStatusTag, TimelinessTag } from './planLabels';
import { useCreatePlan, usePlanOverview } from './plans.api';

const t = m.purchase.plans;
const c = m.purchase.common;
type Row = ResponseOf<typeof planOverview>['rows'][number];
const KEYS = ['year'] as const;

export default function AnnualPlansPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const year = toYear(url.year, thisYear()) ?? thisYear();
  const isMobile = useIsMobile();
  const { data, isPending, isFetching, error, refetch } = usePlanOverview(year);
  const canWrite = usePermission('plan:write');
  const { county: myCounty } = useCountyScope();
  const create = useCreatePlan();
  const report = useReportError();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const onCreate = (countyCode: string) =>
    create.mutate(
      { countyCode, year },
      {
        onSuccess: (plan) => {
          message.success(t.created);
          void navigate(`/annual-plans/${plan.id}`);
        },
        onError: (e) => report(e),
      },
    );

  const action = (r: Row) => {
    if (r.plan) return <Link to={`/annual-plans/${r.plan.id}`}>{c.view}</Link>;
    if (canWrite && r.countyCode === myCounty)
      return (
        <Button size="small" type="primary" icon={<PlusOutlined aria-hidden />} loading={create.isPending} onClick={() => onCreate(r.countyCode)}>
          {t.create}
        </Button>
      );
    return null;
  };

  const columns: TableProps<Row>['columns'] = [
    {
      title: c.county,
      dataIndex: 'countyShortName',
      key: 'county',
      width: 110,
      render: (name: string, r) => (r.plan ? <Link to={`/annual-plans/${r.plan.id}`}>{name}</Link> : name),
    },
    {
      title: c.status,
      key: 'status',
      width: 100,
      render: (_: unknown, r) => (r.plan ? <PlanStatusTag status={r.plan.status} /> : <Typography.Text type="secondary">{t.noPlan}</Typography.Text>),
    },
    { title: t.timeliness, key: 'timeliness', width: 110, render: (_: unknown, r) => <TimelinessTag timeliness={r.timeliness} /> },
    {
      title: t.firstSubmittedAt,
      key: 'firstSubmittedAt',
      width: 170,
      render: (_: unknown, r) => (r.plan?.firstSubmittedAt ? formatDateTime(r.plan.firstSubmittedAt) : '—'),
    },
    { title: t.budget, key: 'budget', width: 160, align: 'right', render: (_: unknown, r) => (r.plan ? <Yuan fen={r.plan.budgetFen} /> : '—') },
    { title: c.stations, key: 'stations', width: 80, align: 'right', render: (_: unknown, r) => r.plan?.stations ?? '—' },
    { title: t.versions, key: 'versions', width: 80, align: 'right', render: (_: unknown, r) => r.plan?.versions ?? '—' },
    { title: m.common.actions, key: 'actions', width: 120, render: (_: unknown, r) => action(r) },
  ];

  const rows = data?.rows ?? [];
  return (
    <>
      <PageHeader title={t.title}>
        <Typography.Text type="secondary">{t.dueOn(data?.dueOn ?? `${year}-03-31`)}</Typography.Text>
      </PageHeader>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <YearSelect aria-label={c.year} value={year} onChange={(v) => setUrl({ year: v })} />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={12} data-testid="plan-cards">
          {isPending ? <Card size="small" loading /> : null}
          {!isPending && rows.length === 0 ? <Empty description={t.empty} /> : null}
          {rows.map((r) => (
            <Card key={r.countyCode} size="small" data-testid={`plan-row-${r.countyCode}`}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Typography.Text strong>{r.countyShortName}</Typography.Text>
                <span>
                  {r.plan ? <PlanStatusTag status={r.plan.status} /> : <NoPlanText />}
                  <TimelinessTag timeliness={r.timeliness} />
                </span>
              </Flex>
              {r.plan ? (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                  {t.budget} <Yuan fen={r.plan.budgetFen} /> · {c.stationsCount(r.plan.stations)}
                  {r.plan.firstSubmittedAt ? ` · ${t.firstSubmittedAt} ${formatDateTime(r.plan.firstSubmittedAt)}` : ''}
                </Typography.Text>
              ) : null}
              <div style={{ marginTop: 8 }}>{action(r)}</div>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<Row>
          rowKey="countyCode"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={isPending || isFetching}
          pagination={false}
          scroll={{ x: 930 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
        />
      )}
    </>
  );
}

function NoPlanText() {
  return <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>{t.noPlan}</Typography.Text>;
}
