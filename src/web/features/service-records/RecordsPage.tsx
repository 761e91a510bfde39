import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Empty, Flex, Pagination, Row, Select, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ServiceRecord } from '../../../shared/contracts/service-records';
import { SERVICE_METHODS, SERVICE_METHOD_LABELS, type ServiceMethod } from '../../../shared/rules/case-work';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { NoAccess } from '../clients/clientLabels';
import { AttachmentLinks, coWorkerNames, RecordCard, RecordTags, recorder } from './recordLabels';
import { ReviewRecordButton } from './ReviewRecord';
import { useRecords, type RecordListQuery } from './records.api';

const t = m.daily.records;
// stationId: a dashboard figure opens one station's records.
const FILTER_KEYS = ['method', 'homeVisit', 'flagged', 'from', 'to', 'stationId', 'page', 'pageSize'] as const;
const isMethod = (v: string | undefined): v is ServiceMethod => (SERVICE_METHODS as readonly string[]).includes(v ?? '');
const isDate = (v: string | undefined) => Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v));

export default function RecordsPage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const method = isMethod(url.method) ? url.method : undefined;
  const from = isDate(url.from) ? url.from : undefined;
  const to = isDate(url.to) ? url.to : undefined;
  const query: RecordListQuery = useMemo(
    () => ({
      method,
      homeVisit: url.homeVisit === 'true' ? 'true' : undefined,
      flagged: url.flagged === 'true' ? 'true' : undefined,
      from,
      to,
      stationId: url.stationId,
      page,
      pageSize,
    }),
    [method, url.homeVisit, url.flagged, from, to, url.stationId, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = useRecords(query);

  const columns: TableProps<ServiceRecord>['columns'] = [
    { title: t.date, key: 'date', width: 110, render: (_, r) => `${r.date}${r.startTime ? ` ${r.startTime}` : ''}` },
    {
      title: t.method, key: 'method', width: 170,
      render: (_, r) => (
        <>
          <RecordTags r={r} />
          {r.review ? (
            <Typography.Text type={r.flaggedForReview ? 'danger' : 'secondary'} style={{ display: 'block', fontSize: 12 }}>
              {t.reviewResult}：{r.review}
            </Typography.Text>
          ) : null}
          <ReviewRecordButton r={r} />
        </>
      ),
    },
    {
      title: t.item, key: 'item', width: 200,
      render: (_, r) => (
        <>
          {r.itemName}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {SERVICE_DOMAIN_LABELS[r.domain]}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t.clients, key: 'clients', width: 160,
      render: (_, r) => (
        <>
          {r.clients.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? '、' : ''}
              <Link to={`/clients/${c.id}`}>{c.name}</Link>
            </span>
          ))}
          {r.caseId ? (
            <div>
              <Link to={`/cases/${r.caseId}`}>{t.caseLink}</Link>
            </div>
          ) : null}
        </>
      ),
    },
    { title: t.duration, dataIndex: 'durationMinutes', key: 'duration', width: 90, render: (n: number) => m.daily.common.minutes(n) },
    {
      title: t.notes, key: 'notes', ellipsis: true,
      render: (_, r) => (r.notes === null ? <NoAccess /> : r.notes || '—'),
    },
    {
      title: t.recordedBy, key: 'recordedBy', width: 130,
      render: (_, r) => (
        <>
          {recorder(r) || '—'}
          {r.coWorkers.length > 0 ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t.coWorkersShort}：{coWorkerNames(r)}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t.attachments, key: 'files', width: 160, render: (_, r) => <AttachmentLinks r={r} /> },
  ];

  return (
    <>
      <PageHeader
        title={t.listTitle}
        extra={
          <PermissionGate permission="client:write">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/records/new')}>
              {t.record}
            </Button>
          </PermissionGate>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
        <Col xs={12} md={5}>
          <Select<ServiceMethod>
            aria-label={t.method}
            placeholder={t.method}
            allowClear
            style={{ width: '100%' }}
            options={SERVICE_METHODS.map((x) => ({ value: x, label: SERVICE_METHOD_LABELS[x] }))}
            value={method}
            onChange={(v) => setUrl({ method: v, page: undefined })}
          />
        </Col>
        <Col xs={24} md={9}>
          <DatePicker.RangePicker
            aria-label={t.dateRange}
            style={{ width: '100%' }}
            inputReadOnly={isMobile}
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            onChange={(range) =>
              setUrl({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), page: undefined })
            }
          />
        </Col>
        <Col xs={12} md={5}>
          <Checkbox checked={url.homeVisit === 'true'} onChange={(e) => setUrl({ homeVisit: e.target.checked ? 'true' : undefined, page: undefined })}>
            {t.homeVisitOnly}
          </Checkbox>
        </Col>
        <Col xs={12} md={5}>
          <Checkbox checked={url.flagged === 'true'} onChange={(e) => setUrl({ flagged: e.target.checked ? 'true' : undefined, page: undefined })}>
            {t.flaggedOnly}
          </Checkbox>
        </Col>
      </Row>
      {url.flagged === 'true' ? (
        <Typography.Paragraph type="secondary">{t.flaggedHint}</Typography.Paragraph>
      ) : null}
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        !isPending && (data?.items.length ?? 0) === 0 ? (
          <Empty description={t.empty} />
        ) : (
          <Flex vertical gap={12} data-testid="record-cards">
            {(data?.items ?? []).map((r) => (
              <RecordCard key={r.id} r={r} />
            ))}
            <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(p) => setUrl({ page: p })} />
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {m.common.total(data?.total ?? 0, data?.totalCapped)}
            </Typography.Text>
          </Flex>
        )
      ) : (
        <Table<ServiceRecord>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          scroll={{ x: 1150 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => m.common.total(n, data?.totalCapped) }}
        />
      )}
    </>
  );
}
