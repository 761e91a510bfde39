import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ReportSummary } from '../../../shared/contracts/reports';
import { REPORT_KINDS, REPORT_KIND_LABELS, REPORT_STATUSES, REPORT_STATUS_LABELS, type ReportKind, type ReportStatus } from '../../../shared/rules/reports';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { countyFilter } from '../regions/RegionSelects';
import { DraftReportModal } from './DraftReportModal';
import { ContractSelect, StationSelect, toYear, useCountyScope } from './fields';
import { yearFilter } from '../procurements/purchaseFields';
import { isLate, ReportKindTag, ReportStatusTag, TimelinessTag } from './reportLabels';
import { useReports, type ReportListQuery } from './reports.api';

const t = m.reports.reports;
const c = m.reports.common;
const KEYS = ['kind', 'status', 'year', 'countyCode', 'stationId', 'contractId', 'late'] as const;
const kindOptions = REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }));
const statusOptions = REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }));

/** The due day, in red once the report is late or overdue. */
function DueOn({ r }: { r: ReportSummary }) {
  return isLate(r.timeliness) ? <Typography.Text type="danger">{r.dueOn}</Typography.Text> : <span>{r.dueOn}</span>;
}

export default function ReportsPage() {
  const list = useListState(KEYS);
  const { url, setFilter, page, pageSize } = list;
  const { isCity, county } = useCountyScope();
  const canWrite = usePermission('report:write');
  const canContracts = usePermission('contract:read');
  const [creating, setCreating] = useState(false);

  const year = toYear(url.year, undefined);
  const kind = oneOf(REPORT_KINDS, url.kind);
  const status = oneOf(REPORT_STATUSES, url.status);
  const late = url.late === 'yes';
  const countyCode = isCity ? url.countyCode : undefined;
  const query: ReportListQuery = useMemo(
    () => ({
      kind,
      status,
      year,
      countyCode,
      stationId: url.stationId,
      contractId: url.contractId,
      late: late ? 'true' : undefined,
      page,
      pageSize,
    }),
    [kind, status, year, countyCode, url.stationId, url.contractId, late, page, pageSize],
  );
  const result = useReports(query);

  const columns: TableProps<ReportSummary>['columns'] = [
    {
      title: t.name,
      dataIndex: 'title',
      key: 'title',
      width: 300,
      fixed: 'start',
      render: (v: string, r) => (
        <>
          <Link to={`/reports/${r.id}`}>{v}</Link>
          {r.orgName ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.orgName}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 140, render: (k: ReportKind) => <ReportKindTag kind={k} /> },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    { title: t.period, key: 'period', width: 200, render: (_: unknown, r) => c.period(r.periodStart, r.periodEnd) },
    { title: t.dueOn, key: 'dueOn', width: 110, render: (_: unknown, r) => <DueOn r={r} /> },
    { title: c.status, dataIndex: 'status', key: 'status', width: 90, render: (s: ReportStatus) => <ReportStatusTag status={s} /> },
    { title: t.timeliness, key: 'timeliness', width: 100, render: (_: unknown, r) => <TimelinessTag timeliness={r.timeliness} /> },
    { title: t.submittedAt, dataIndex: 'submittedAt', key: 'submittedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : c.none) },
  ];

  return (
    <>
      <ListPage<ReportSummary>
        title={t.title}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          ) : null
        }
        list={list}
        filters={[
          { type: 'select', key: 'kind', label: t.kind, options: kindOptions },
          { type: 'select', key: 'status', label: c.status, options: statusOptions, span: { xs: 12, md: 3 } },
          { ...yearFilter(c.year), span: { xs: 12, md: 3 } },
          isCity && { ...countyFilter(c.county), clears: ['stationId'], span: { xs: 12, md: 3 } },
          {
            type: 'node',
            key: 'stationId',
            node: (
              <StationSelect aria-label={c.station} placeholder={c.station} allowClear countyCode={countyCode ?? county} value={url.stationId} onChange={(v) => setFilter({ stationId: v })} />
            ),
          },
          canContracts && {
            type: 'node',
            key: 'contractId',
            node: (
              <ContractSelect aria-label={c.contract} placeholder={c.contract} allowClear countyCode={countyCode} value={url.contractId} onChange={(v) => setFilter({ contractId: v })} />
            ),
          },
          { type: 'check', key: 'late', label: t.onlyLate, on: 'yes', span: { xs: 12, md: 3 } },
        ]}
        result={result}
        columns={columns}
        scrollX={1190}
        onRow={(r) => ({ 'data-late': isLate(r.timeliness) ? 'yes' : 'no' }) as React.HTMLAttributes<HTMLElement>}
        empty={t.empty}
        cardsTestId="report-cards"
        card={(r) => (
          <ListCard danger={isLate(r.timeliness)} title={<Link to={`/reports/${r.id}`}>{r.title}</Link>} tag={<ReportStatusTag status={r.status} />}>
            <Flex gap={6} wrap>
              <ReportKindTag kind={r.kind} />
              <TimelinessTag timeliness={r.timeliness} />
            </Flex>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {c.period(r.periodStart, r.periodEnd)}
            </Typography.Text>
            <div style={{ marginTop: 2 }}>
              {t.dueOn}：<DueOn r={r} />
            </div>
          </ListCard>
        )}
      />
      {creating ? <DraftReportModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
