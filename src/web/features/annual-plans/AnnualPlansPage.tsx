import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Typography, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ResponseOf } from '../../../shared/contracts/http';
import type { planOverview } from '../../../shared/contracts/annual-plans';
import { ListCard, ListPage, useListState } from '../../components/ListPage';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
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
  const list = useListState(KEYS);
  const year = toYear(list.url.year, thisYear()) ?? thisYear();
  const overview = usePlanOverview(year);
  const { data } = overview;
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

  const columns: NonNullable<TableProps<Row>['columns']> = [
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

  return (
    <ListPage<Row>
      title={t.title}
      header={<Typography.Text type="secondary">{t.dueOn(data?.dueOn ?? `${year}-03-31`)}</Typography.Text>}
      filters={[
        {
          type: 'custom',
          key: 'year',
          label: c.year,
          span: { xs: 12, md: 6 },
          render: (_, onChange) => <YearSelect aria-label={c.year} value={year} onChange={onChange} />,
        },
      ]}
      list={list}
      result={{ ...overview, data: data && { items: data.rows, total: data.rows.length } }}
      unpaged
      rowKey="countyCode"
      columns={columns}
      scrollX={930}
      empty={t.empty}
      cardsTestId="plan-cards"
      card={(r) => (
        <ListCard
          testId={`plan-row-${r.countyCode}`}
          title={r.countyShortName}
          tag={
            <span>
              {r.plan ? <PlanStatusTag status={r.plan.status} /> : <NoPlanText />}
              <TimelinessTag timeliness={r.timeliness} />
            </span>
          }
          meta={
            r.plan ? (
              <>
                {t.budget} <Yuan fen={r.plan.budgetFen} /> · {c.stationsCount(r.plan.stations)}
                {r.plan.firstSubmittedAt ? ` · ${t.firstSubmittedAt} ${formatDateTime(r.plan.firstSubmittedAt)}` : ''}
              </>
            ) : null
          }
        >
          <div style={{ marginTop: 4 }}>{action(r)}</div>
        </ListCard>
      )}
    />
  );
}

function NoPlanText() {
  return <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>{t.noPlan}</Typography.Text>;
}
