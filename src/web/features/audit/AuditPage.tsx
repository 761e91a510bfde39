import { DownloadOutlined, FileSearchOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, DatePicker, Input, Space, Tag, Tooltip, Typography, Upload, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { auditCheckpointFileSchema, type AuditEntry, type AuditVerifyReport } from '../../../shared/contracts/audit';
import { auditActionLabel, auditObjectTypeLabel, isUuid } from '../../../shared/audit-labels';
import { ListCard, ListPage, useListState } from '../../components/ListPage';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { m } from '../../i18n';
import { AuditDiff } from './AuditDiff';
import {
  useAudit, useAuditKinds, useAuditStatus, useExportAudit, useExportCheckpoints, useVerifyAgainstFile, useVerifyAudit, type AuditQuery,
} from './audit.api';

const FILTER_KEYS = ['actor', 'action', 'objectType', 'objectId', 'from', 'to'] as const;

/** The object by name; an id the server could not name is shortened, the full id on hover. */
function ObjectCell({ e }: { e: AuditEntry }) {
  const type = auditObjectTypeLabel(e.objectType);
  if (e.objectName) return <Typography.Text>{`${type} · ${e.objectName}`}</Typography.Text>;
  if (!e.objectId) return <Typography.Text>{type}</Typography.Text>;
  if (!isUuid(e.objectId)) return <Typography.Text>{`${type} · ${e.objectId}`}</Typography.Text>;
  return (
    <Tooltip title={e.objectId}>
      <Typography.Text tabIndex={0}>{`${type} · ${e.objectId.slice(0, 8)}…`}</Typography.Text>
    </Tooltip>
  );
}

const resultTag = (r: AuditEntry['result']) => <Tag color={r === 'ok' ? 'success' : 'error'}>{m.audit.results[r]}</Tag>;
const expandable = (e: AuditEntry) => e.changes.length > 0 || Boolean(e.detail);

const columns: NonNullable<TableProps<AuditEntry>['columns']> = [
  { title: m.audit.at, dataIndex: 'at', key: 'at', width: 170, render: (at: string) => formatDateTime(at) },
  { title: m.audit.actor, dataIndex: 'actorName', key: 'actor', width: 120 },
  { title: m.audit.action, dataIndex: 'action', key: 'action', width: 150, render: (a: string) => auditActionLabel(a) },
  { title: m.audit.object, key: 'object', width: 260, render: (_, e) => <ObjectCell e={e} /> },
  {
    title: m.audit.result,
    dataIndex: 'result',
    key: 'result',
    width: 72,
    render: resultTag,
  },
  { title: m.audit.ip, dataIndex: 'ip', key: 'ip', width: 130 },
  { title: m.audit.detail, dataIndex: 'detail', key: 'detail', ellipsis: true },
];

/** What a verification found: the verdict, then each problem (rewritten rows, truncation, forged checkpoints). */
function VerifyReport({ r }: { r: AuditVerifyReport }) {
  const checkpoint = r.externalCheckpoint ?? r.lastCheckpoint;
  return (
    <div data-testid="audit-verify-result">
      <div>{r.ok ? m.audit.verifyOk(r.checked) : m.audit.verifyBroken(r.checked, r.brokenAtId)}</div>
      {r.problems.length > 0 && (
        <>
          <div>{m.audit.verifyProblems}</div>
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {r.problems.map((p, i) => <li key={i}>{p.message}</li>)}
          </ul>
        </>
      )}
      {r.legacyRows > 0 && <div>{m.audit.legacyRows(r.legacyRows)}</div>}
      <div>{checkpoint ? m.audit.lastCheckpoint(checkpoint.id, formatDateTime(checkpoint.at), checkpoint.rowCount) : m.audit.noCheckpoint}</div>
    </div>
  );
}

/** An entry on a phone: what was done, by whom and when, to what; the changes fold out. */
function AuditCard({ e }: { e: AuditEntry }) {
  return (
    <ListCard title={auditActionLabel(e.action)} tag={resultTag(e.result)} meta={[formatDateTime(e.at), e.actorName, e.ip].filter(Boolean).join(' · ')}>
      <ObjectCell e={e} />
      {expandable(e) ? (
        <Collapse ghost size="small" items={[{ key: 'diff', label: m.audit.expand, children: <AuditDiff entry={e} /> }]} />
      ) : null}
    </ListCard>
  );
}

/** Filters as typed text: applied on Enter or when the field loses focus, not on every key. */
function TextFilter({ label, placeholder, value, onApply }: { label: string; placeholder?: string; value?: string; onApply: (v: string) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input
      aria-label={label}
      placeholder={placeholder ?? label}
      allowClear
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onApply('');
      }}
      onPressEnter={() => onApply(text.trim())}
      onBlur={() => text.trim() !== (value ?? '') && onApply(text.trim())}
    />
  );
}

export default function AuditPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const query: AuditQuery = useMemo(
    () => ({
      actor: url.actor,
      action: url.action,
      objectType: url.objectType,
      objectId: url.objectId,
      from: url.from,
      to: url.to,
      page,
      pageSize,
    }),
    [url, page, pageSize],
  );
  const result = useAudit(query);
  const status = useAuditStatus();
  const verify = useVerifyAudit();
  const verifyFile = useVerifyAgainstFile();
  const exportCheckpoints = useExportCheckpoints();
  const kinds = useAuditKinds();
  const exportAudit = useExportAudit();
  const report = useReportError();
  const { modal, message } = App.useApp();

  const showReport = (r: AuditVerifyReport) =>
    (r.ok ? modal.success : modal.error)({ title: m.audit.verifyTitle, content: <VerifyReport r={r} />, okText: m.common.confirm, width: 560 });
  const onVerify = () => verify.mutate(undefined, { onSuccess: showReport, onError: (e) => report(e) });
  const onFile = async (file: File) => {
    let parsed;
    try {
      parsed = auditCheckpointFileSchema.safeParse(JSON.parse(await file.text()));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) void message.error(m.audit.badCheckpointFile);
    else verifyFile.mutate(parsed.data, { onSuccess: showReport, onError: (e) => report(e) });
  };

  const textFilter = (key: 'actor' | 'objectId', label: string, placeholder?: string) => ({
    type: 'custom' as const,
    key,
    label,
    span: { xs: 12, md: 6, lg: 4 },
    render: (value: string | undefined, onChange: (v: string) => void) => <TextFilter label={label} placeholder={placeholder} value={value} onApply={onChange} />,
  });

  return (
    <ListPage<AuditEntry>
      title={m.audit.title}
      extra={
        <Space wrap>
          <Tooltip title={m.audit.exportHint}>
            <Button
              data-testid="audit-export"
              icon={<DownloadOutlined aria-hidden />}
              loading={exportAudit.isPending}
              onClick={() => {
                const { page: _p, pageSize: _s, ...filter } = query;
                exportAudit.mutate(filter, {
                  onSuccess: (r) => {
                    if (r.capped) void modal.warning({ title: m.audit.export, content: m.audit.exportCapped(r.total), okText: m.common.confirm });
                  },
                  onError: (e) => report(e),
                });
              }}
            >
              {m.audit.export}
            </Button>
          </Tooltip>
          <Button icon={<SafetyOutlined aria-hidden />} loading={verify.isPending} onClick={onVerify}>
            {m.audit.verify}
          </Button>
          <Tooltip title={m.audit.exportCheckpointsHint}>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exportCheckpoints.isPending}
              onClick={() => exportCheckpoints.mutate(undefined, { onSuccess: () => void status.refetch(), onError: (e) => report(e) })}
            >
              {m.audit.exportCheckpoints}
            </Button>
          </Tooltip>
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(f) => (void onFile(f), false)}>
            <Button icon={<FileSearchOutlined aria-hidden />} loading={verifyFile.isPending}>
              {m.audit.verifyWithFile}
            </Button>
          </Upload>
        </Space>
      }
      header={
        <div data-testid="audit-chain-status" style={{ marginTop: 16 }}>
          {status.data ? (
            <Alert
              showIcon
              type={status.data.ok ? (status.data.lastCheckpoint ? 'success' : 'warning') : 'error'}
              message={status.data.ok ? m.audit.verifyOk(status.data.checked) : m.audit.verifyBroken(status.data.checked, status.data.brokenAtId)}
              description={
                <>
                  {status.data.problems.map((p, i) => <div key={i}>{p.message}</div>)}
                  <div>
                    {status.data.lastCheckpoint
                      ? m.audit.lastCheckpoint(status.data.lastCheckpoint.id, formatDateTime(status.data.lastCheckpoint.at), status.data.lastCheckpoint.rowCount)
                      : m.audit.noCheckpoint}
                  </div>
                </>
              }
            />
          ) : (
            <Alert showIcon type="info" message={status.error ? m.audit.verifyTitle : m.audit.statusChecking} />
          )}
        </div>
      }
      filters={[
        textFilter('actor', m.audit.actor, m.audit.actorPlaceholder),
        {
          type: 'select',
          key: 'action',
          label: m.audit.action,
          testId: 'audit-action-filter',
          span: { xs: 12, md: 6, lg: 5 },
          showSearch: true,
          options: kinds.data?.actions.map((k) => ({ value: k.code, label: k.label })) ?? [],
          loading: kinds.isPending,
        },
        {
          type: 'select',
          key: 'objectType',
          label: m.audit.objectType,
          testId: 'audit-object-type-filter',
          span: { xs: 12, md: 6, lg: 4 },
          showSearch: true,
          options: kinds.data?.objectTypes.map((k) => ({ value: k.code, label: k.label })) ?? [],
          loading: kinds.isPending,
        },
        textFilter('objectId', m.audit.objectId),
        {
          type: 'node',
          key: 'dates',
          span: { xs: 24, md: 12, lg: 7 },
          node: (
            <DatePicker.RangePicker
              aria-label={m.audit.dateRange}
              style={{ width: '100%' }}
              inputReadOnly
              value={[url.from ? dayjs(url.from) : null, url.to ? dayjs(url.to) : null]}
              onChange={(range) => list.setFilter({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            />
          ),
        },
      ]}
      list={list}
      result={result}
      columns={columns}
      scrollX={1000}
      expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} />, rowExpandable: expandable }}
      empty={m.audit.empty}
      cardsTestId="audit-cards"
      card={(e) => <AuditCard e={e} />}
    />
  );
}
