import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Empty, Flex, Pagination, Row, Select, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ReportSummary } from '../../../shared/contracts/reports';
import { REPORT_KINDS, REPORT_KIND_LABELS, REPORT_STATUSES, REPORT_STATUS_LABELS, type ReportKind, type ReportStatus } from '../../../shared/rules/reports';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { serverPagination } from '../../lib/paging';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { CountySelect } from '../regions/RegionSelects';
import { DraftReportModal } from './DraftReportModal';
import { ContractSelect, StationSelect, toYear, useCountyScope, YearSelect } from './fields';
import { isLate, ReportKindTag, ReportStatusTag, TimelinessTag } from './reportLabels';
import { useReports, type ReportListQuery } from './reports.api';

const t = m.reports.reports;
const c = m.reports.common;
const KEYS = ['kind', 'status', 'year', 'countyCode', 'stationId', 'contractId', 'late', 'page', 'pageSize'] as const;
const isKind = (v: string | undefined): v is ReportKind => (REPORT_KINDS as readonly string[]).includes(v ?? '');
const isStatus = (v: string | undefined): v is ReportStatus => (REPORT_STATUSES as readonly string[]).includes(v ?? '');
const kindOptions = REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }));
const statusOptions = REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }));

/** The due day, in red once the report is late or overdue. */
function DueOn({ r }: { r: ReportSummary }) {
  return isLate(r.timeliness) ? <Typography.Text type="danger">{r.dueOn}</Typography.Text> : <span>{r.dueOn}</span>;
}

export default function ReportsPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const isMobile = useIsMobile();
  const { isCity, county } = useCountyScope();
  const canWrite = usePermission('report:write');
  const canContracts = usePermission('contract:read');
  const [creating, setCreating] = useState(false);

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const year = toYear(url.year, undefined);
  const kind = isKind(url.kind) ? url.kind : undefined;
  const status = isStatus(url.status) ? url.status : undefined;
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
  const { data, isPending, isFetching, error, refetch } = useReports(query);
  const items = data?.items ?? [];

  const columns: TableProps<ReportSummary>['columns'] = [
    {
      title: t.name,
      dataIndex: 'title',
      key: 'title',
      width: 300,
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
      <PageHeader
        title={t.title}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          ) : null
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
        <Col xs={12} md={4}>
          <Select<ReportKind>
            aria-label={t.kind}
            placeholder={t.kind}
            allowClear
            style={{ width: '100%' }}
            options={kindOptions}
            value={kind}
            onChange={(v) => setUrl({ kind: v, page: undefined })}
          />
        </Col>
        <Col xs={12} md={3}>
          <Select<ReportStatus>
            aria-label={c.status}
            placeholder={c.status}
            allowClear
            style={{ width: '100%' }}
            options={statusOptions}
            value={status}
            onChange={(v) => setUrl({ status: v, page: undefined })}
          />
        </Col>
        <Col xs={12} md={3}>
          <YearSelect aria-label={c.year} placeholder={c.year} allowClear value={year} onChange={(v) => setUrl({ year: v, page: undefined })} />
        </Col>
        {isCity ? (
          <Col xs={12} md={3}>
            <CountySelect
              aria-label={c.county}
              placeholder={c.county}
              allowClear
              style={{ width: '100%' }}
              value={url.countyCode}
              onChange={(v) => setUrl({ countyCode: v, stationId: undefined, page: undefined })}
            />
          </Col>
        ) : null}
        <Col xs={12} md={4}>
          <StationSelect
            aria-label={c.station}
            placeholder={c.station}
            allowClear
            countyCode={countyCode ?? county}
            value={url.stationId}
            onChange={(v) => setUrl({ stationId: v, page: undefined })}
          />
        </Col>
        {canContracts ? (
          <Col xs={12} md={4}>
            <ContractSelect
              aria-label={c.contract}
              placeholder={c.contract}
              allowClear
              countyCode={countyCode}
              value={url.contractId}
              onChange={(v) => setUrl({ contractId: v, page: undefined })}
            />
          </Col>
        ) : null}
        <Col xs={12} md={3}>
          <Checkbox checked={late} onChange={(e) => setUrl({ late: e.target.checked ? 'yes' : undefined, page: undefined })}>
            {t.onlyLate}
          </Checkbox>
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={12} data-testid="report-cards">
          {isPending ? <Card size="small" loading /> : null}
          {!isPending && items.length === 0 ? <Empty description={t.empty} /> : null}
          {items.map((r) => (
            <Card key={r.id} size="small" style={isLate(r.timeliness) ? { borderColor: '#ff4d4f' } : undefined}>
              <Flex justify="space-between" align="start" gap={8}>
                <Link to={`/reports/${r.id}`} style={{ fontWeight: 600, wordBreak: 'break-word' }}>
                  {r.title}
                </Link>
                <ReportStatusTag status={r.status} />
              </Flex>
              <Flex gap={6} wrap style={{ marginTop: 6 }}>
                <ReportKindTag kind={r.kind} />
                <TimelinessTag timeliness={r.timeliness} />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {c.period(r.periodStart, r.periodEnd)}
              </Typography.Text>
              <div style={{ marginTop: 2 }}>
                {t.dueOn}：<DueOn r={r} />
              </div>
            </Card>
          ))}
          <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(p) => setUrl({ page: p })} />
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {m.common.total(data?.total ?? 0)}
          </Typography.Text>
        </Flex>
      ) : (
        <Table<ReportSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isPending || isFetching}
          scroll={{ x: 1190 }}
          onRow={(r) => ({ 'data-late': isLate(r.timeliness) ? 'yes' : 'no' }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total, data?.totalCapped)}
        />
      )}
      {creating ? <DraftReportModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
