import { DownloadOutlined, FileSearchOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Empty, Input, Row, Select, Space, Table, Tag, Tooltip, Typography, Upload, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { auditCheckpointFileSchema, type AuditEntry, type AuditVerifyReport } from '../../../shared/contracts/audit';
import { auditActionLabel, auditObjectTypeLabel, isUuid } from '../../../shared/audit-labels';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { AuditDiff } from './AuditDiff';
import {
  useAudit, useAuditKinds, useAuditStatus, useExportAudit, useExportCheckpoints, useVerifyAgainstFile, useVerifyAudit, type AuditQuery,
} from './audit.api';
import { serverPagination } from '../../lib/paging';

const FILTER_KEYS = ['actor', 'action', 'objectType', 'objectId', 'from', 'to', 'page', 'pageSize'] as const;

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

const columns: TableProps<AuditEntry>['columns'] = [
  { title: m.audit.at, dataIndex: 'at', key: 'at', width: 170, render: (at: string) => formatDateTime(at) },
  { title: m.audit.actor, dataIndex: 'actorName', key: 'actor', width: 120 },
  { title: m.audit.action, dataIndex: 'action', key: 'action', width: 150, render: (a: string) => auditActionLabel(a) },
  { title: m.audit.object, key: 'object', width: 260, render: (_, e) => <ObjectCell e={e} /> },
  {
    title: m.audit.result,
    dataIndex: 'result',
    key: 'result',
    width: 72,
    render: (r: AuditEntry['result']) => <Tag color={r === 'ok' ? 'success' : 'error'}>{m.audit.results[r]}</Tag>,
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
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
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
  const { data, isPending, isFetching, error, refetch } = useAudit(query);
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

  const applied = (changes: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>) =>
    setUrl({ ...changes, page: undefined });

  return (
    <>
      <PageHeader
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
      />
      <div data-testid="audit-chain-status" style={{ marginBottom: 16 }}>
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
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6} lg={4}>
          <TextFilter label={m.audit.actor} placeholder={m.audit.actorPlaceholder} value={url.actor} onApply={(v) => applied({ actor: v })} />
        </Col>
        <Col xs={12} md={6} lg={5}>
          <Select<string>
            aria-label={m.audit.action}
            data-testid="audit-action-filter"
            placeholder={m.audit.action}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            options={kinds.data?.actions.map((k) => ({ value: k.code, label: k.label }))}
            loading={kinds.isPending}
            value={url.action}
            onChange={(v) => applied({ action: v })}
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Select<string>
            aria-label={m.audit.objectType}
            placeholder={m.audit.objectType}
            allowClear
            style={{ width: '100%' }}
            data-testid="audit-object-type-filter"
            showSearch={{ optionFilterProp: 'label' }}
            options={kinds.data?.objectTypes.map((k) => ({ value: k.code, label: k.label }))}
            loading={kinds.isPending}
            value={url.objectType}
            onChange={(v) => applied({ objectType: v })}
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <TextFilter label={m.audit.objectId} value={url.objectId} onApply={(v) => applied({ objectId: v })} />
        </Col>
        <Col xs={24} md={12} lg={7}>
          <DatePicker.RangePicker
            aria-label={m.audit.dateRange}
            style={{ width: '100%' }}
            inputReadOnly
            value={[url.from ? dayjs(url.from) : null, url.to ? dayjs(url.to) : null]}
            onChange={(range) =>
              applied({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
          />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          scroll={{ x: 1000 }}
          expandable={{
            expandedRowRender: (entry) => <AuditDiff entry={entry} />,
            rowExpandable: (entry) => entry.changes.length > 0 || Boolean(entry.detail),
          }}
          locale={{ emptyText: <Empty description={m.audit.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
    </>
  );
}
