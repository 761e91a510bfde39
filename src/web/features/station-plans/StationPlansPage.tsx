import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { StationPlanSummary } from '../../../shared/contracts/station-plans';
import { chinaToday } from '../../../shared/rules/china-date';
import { STATION_PLAN_RULES, STATION_PLAN_STATUSES, STATION_PLAN_STATUS_LABELS, type StationPlanStatus } from '../../../shared/rules/station-plans';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { Finding, RuleTag } from '../../components/RuleTag';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { StationPlanDrawer } from './StationPlanDrawer';
import { useMissingPlans, useStationPlans } from './stationPlans.api';

const t = m.stationPlans;
// The workbench's 待审定 links here with ?status=submitted&toReview=true (others' submissions only, R-FOUR-EYES).
const KEYS = ['year', 'status', 'below', 'toReview'] as const;
export const STATUS_COLORS: Record<StationPlanStatus, string> = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'warning' };

export function StatusTag({ status }: { status: StationPlanStatus }) {
  return <Tag color={STATUS_COLORS[status]} data-testid="plan-status" style={{ marginInlineEnd: 0 }}>{STATION_PLAN_STATUS_LABELS[status]}</Tag>;
}

function MissingPlans({ year }: { year: number }) {
  const [page, setPage] = useState(1);
  const q = useMissingPlans(year, page);
  const rows = q.data?.items ?? [];
  if (!q.data || q.data.total === 0) return null;
  type Row = (typeof rows)[number];
  const columns: TableProps<Row>['columns'] = [
    { title: t.station, key: 'station', render: (_: unknown, r) => (r.planId ? <Link to={`/station-plans/${r.planId}`}>{r.stationName}</Link> : r.stationName) },
    { title: t.org, dataIndex: 'orgName', key: 'org' },
    { title: t.dueOn, dataIndex: 'dueOn', key: 'due', width: 110 },
    { title: t.findings, key: 'finding', render: (_: unknown, r) => <Finding rule={r.finding.rule} message={r.finding.message} clearBy={r.finding.clearBy} /> },
  ];
  return (
    <Card size="small" title={t.missingTitle} style={{ marginTop: 16 }} data-testid="missing-plans">
      <Table<Row> rowKey="stationId" size="small" columns={columns} dataSource={rows} scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 10, total: q.data.total, onChange: setPage, showSizeChanger: false }} />
    </Card>
  );
}

export default function StationPlansPage() {
  const list = useListState(KEYS);
  const { url, page, pageSize } = list;
  const thisYear = Number(chinaToday().slice(0, 4));
  const year = /^\d{4}$/.test(url.year ?? '') ? Number(url.year) : thisYear;
  const status = oneOf(STATION_PLAN_STATUSES, url.status);
  const below = url.below === 'yes';
  const toReview = url.toReview === 'true';
  const canWrite = usePermission('stationplan:write');
  const canApprove = usePermission('stationplan:approve');
  const [creating, setCreating] = useState(false);
  const query = useMemo(
    () => ({ year, status, belowTarget: below ? ('true' as const) : undefined, toReview: toReview ? ('true' as const) : undefined, page, pageSize }),
    [year, status, below, toReview, page, pageSize],
  );
  const result = useStationPlans(query);

  const columns: TableProps<StationPlanSummary>['columns'] = [
    { title: t.station, key: 'station', width: 260, render: (_: unknown, r) => <Link to={`/station-plans/${r.id}`}>{r.stationName}</Link> },
    { title: t.org, dataIndex: 'orgName', key: 'org', width: 260 },
    { title: t.year, dataIndex: 'year', key: 'year', width: 80 },
    { title: t.status, key: 'status', width: 100, render: (_: unknown, r) => <StatusTag status={r.status} /> },
    {
      title: t.findings, key: 'findings', width: 80,
      render: (_: unknown, r) => (r.findings > 0 ? <Typography.Text type="danger" data-testid="plan-findings">{r.findings}</Typography.Text> : <Typography.Text type="secondary">{t.noFindings}</Typography.Text>),
    },
    { title: t.updated, key: 'updated', width: 160, render: (_: unknown, r) => formatDateTime(r.updatedAt) },
  ];
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: `${y}年` }));

  return (
    <>
      <ListPage<StationPlanSummary>
        title={t.title}
        extra={canWrite ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t.create}</Button> : null}
        header={
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {t.subtitle} <RuleTag rule={STATION_PLAN_RULES['R-STATION-PLAN']} />
          </Typography.Text>
        }
        list={list}
        filters={[
          { type: 'select', key: 'year', label: t.year, options: years, fallback: String(thisYear), span: { xs: 12, md: 4 } },
          { type: 'select', key: 'status', label: t.status, placeholder: t.anyStatus, options: STATION_PLAN_STATUSES.map((s) => ({ value: s, label: STATION_PLAN_STATUS_LABELS[s] })), span: { xs: 12, md: 4 } },
          { type: 'check', key: 'below', label: t.belowTarget, on: 'yes', span: { xs: 24, md: 6 } },
          ...(canApprove ? [{ type: 'check' as const, key: 'toReview' as const, label: t.toReview, on: 'true', span: { xs: 24, md: 6 } }] : []),
        ]}
        result={result}
        columns={columns}
        scrollX={960}
        empty={t.empty}
        cardsTestId="station-plan-cards"
        card={(r) => (
          <ListCard danger={r.findings > 0} title={<Link to={`/station-plans/${r.id}`}>{r.stationName}</Link>} tag={<StatusTag status={r.status} />} meta={`${r.year}年 · ${r.orgName}`}>
            {r.findings > 0 ? <Typography.Text type="danger">{t.findings} {r.findings}</Typography.Text> : null}
          </ListCard>
        )}
      >
        <MissingPlans key={year} year={year} />
      </ListPage>
      {creating ? <StationPlanDrawer year={year} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
