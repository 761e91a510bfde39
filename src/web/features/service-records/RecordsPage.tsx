import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ServiceRecord } from '../../../shared/contracts/service-records';
import { SERVICE_METHODS, SERVICE_METHOD_LABELS, type ServiceMethod } from '../../../shared/rules/case-work';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { ListPage, oneOf, useListState } from '../../components/ListPage';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { NoAccess } from '../clients/clientLabels';
import { AttachmentLinks, coWorkerNames, RecordCard, RecordTags, recorder } from './recordLabels';
import { ReviewRecordButton } from './ReviewRecord';
import { useRecords, type RecordListQuery } from './records.api';

const t = m.daily.records;
// stationId: a dashboard figure opens one station's records.
const FILTER_KEYS = ['method', 'homeVisit', 'flagged', 'from', 'to', 'stationId'] as const;
const methodOptions = SERVICE_METHODS.map((x) => ({ value: x, label: SERVICE_METHOD_LABELS[x] }));
const isDate = (v: string | undefined) => Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v));

export default function RecordsPage() {
  const list = useListState(FILTER_KEYS);
  const { url, setFilter, page, pageSize } = list;
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const method = oneOf(SERVICE_METHODS, url.method);
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
  const result = useRecords(query);

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
    <ListPage<ServiceRecord>
      title={t.listTitle}
      extra={
        <PermissionGate permission="client:write">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/records/new')}>
            {t.record}
          </Button>
        </PermissionGate>
      }
      list={list}
      filters={[
        { type: 'select', key: 'method', label: t.method, options: methodOptions, span: { xs: 12, md: 5 } },
        {
          type: 'node',
          key: 'range',
          span: { xs: 24, md: 9 },
          node: (
            <DatePicker.RangePicker
              aria-label={t.dateRange}
              style={{ width: '100%' }}
              inputReadOnly={isMobile}
              value={from && to ? [dayjs(from), dayjs(to)] : null}
              onChange={(range) => setFilter({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            />
          ),
        },
        { type: 'check', key: 'homeVisit', label: t.homeVisitOnly, span: { xs: 12, md: 5 } },
        { type: 'check', key: 'flagged', label: t.flaggedOnly, span: { xs: 12, md: 5 } },
      ]}
      result={result}
      columns={columns}
      scrollX={1150}
      empty={t.empty}
      cardsTestId="record-cards"
      card={(r) => <RecordCard r={r} />}
    >
      {url.flagged === 'true' ? <Typography.Paragraph type="secondary">{t.flaggedHint}</Typography.Paragraph> : null}
    </ListPage>
  );
}
