import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useRef, useState } from 'react';
import type { Completeness, SystemDocument } from '../../../shared/contracts/institutional-systems';
import { chinaToday } from '../../../shared/rules/china-date';
import {
  SYSTEM_DOCUMENT_STATUS_LABELS, SYSTEM_DOCUMENT_STATUSES, SYSTEM_KIND_LABELS, SYSTEM_KINDS, SYSTEM_STANDING_LABELS,
  type SystemDocumentStatus, type SystemKind, type SystemStanding,
} from '../../../shared/rules/institutional-systems';
import { PageHeader } from '../../components/PageHeader';
import { Finding } from '../../components/RuleTag';
import { ruleOf } from '../../components/rule-of';
import { isApiError } from '../../lib/api';
import { errorText, useReportError } from '../../lib/errors';
import { serverPagination } from '../../lib/paging';
import { usePermission } from '../../lib/permissions';
import { useMe } from '../../lib/session';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { fileUrl, useAttachText, useCompleteness, useRegisterDocument, useSystemDocuments, type SystemDocumentBody } from './systems.api';
import { CountySelect } from '../regions/RegionSelects';

type County = Completeness['counties'][number];
const STANDING_COLORS: Record<SystemStanding, string> = { in_force: 'green', missing: 'red' };
const STATUS_COLORS: Record<SystemDocumentStatus, string> = { in_force: 'green', pending: 'blue', superseded: 'default' };
const statusOptions = SYSTEM_DOCUMENT_STATUSES.map((s) => ({ value: s, label: SYSTEM_DOCUMENT_STATUS_LABELS[s] }));
const kindOptions = SYSTEM_KINDS.map((k) => ({ value: k, label: SYSTEM_KIND_LABELS[k] }));

/** 五项制度 (R-SYS-FIVE, 二（四））: each county unit's five systems, who is missing what, and the documents with their history. */
const URL_KEYS = ['matrixPage', 'countyCode', 'kind', 'status', 'page', 'pageSize'] as const;
const MATRIX_PAGE_SIZE = 10;
const isKind = (v: string | undefined): v is SystemKind => SYSTEM_KINDS.some((k) => k === v);
const isStatus = (v: string | undefined): v is SystemDocumentStatus => SYSTEM_DOCUMENT_STATUSES.some((s) => s === v);

export default function SystemsPage() {
  const canWrite = usePermission('system:write');
  const me = useMe().data;
  // A county officer attaches the text of its own county's versions in force or waiting (the server checks the same).
  const canAttach = (d: SystemDocument) => canWrite && me?.scope.regionCode === d.countyCode && d.status !== 'superseded';
  const [url, setUrl] = useUrlState(URL_KEYS);
  const matrixPage = toPage(url.matrixPage, 1);
  const matrix = useCompleteness(matrixPage, MATRIX_PAGE_SIZE);
  const county = url.countyCode;
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const status = isStatus(url.status) ? url.status : undefined;
  const docs = useSystemDocuments({ countyCode: county, kind: isKind(url.kind) ? url.kind : undefined, status, page, pageSize });
  const [open, setOpen] = useState(false);
  const filter = (changes: Partial<Record<(typeof URL_KEYS)[number], string | undefined>>) => setUrl({ ...changes, page: null });

  const columns: TableProps<County>['columns'] = [
    { title: '区市', dataIndex: 'name', key: 'name', width: 110, fixed: 'start' },
    ...SYSTEM_KINDS.map((kind) => ({
      title: SYSTEM_KIND_LABELS[kind].replace('制度', ''), key: kind, width: 150,
      render: (_: unknown, c: County) => {
        const s = c.systems.find((x) => x.kind === kind);
        if (!s) return null;
        return (
          <span data-testid={`cell-${c.code}-${kind}`}>
            <Tag color={STANDING_COLORS[s.standing]}>{SYSTEM_STANDING_LABELS[s.standing]}</Tag>
            {s.current ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{s.current.version}</Typography.Text> : null}
            {s.pending ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                <Tag color={STATUS_COLORS.pending}>{SYSTEM_DOCUMENT_STATUS_LABELS.pending}</Tag>{s.pending.version}（{s.pending.effectiveOn}起）
              </Typography.Text>
            ) : null}
          </span>
        );
      },
    })),
    { title: '现行', dataIndex: 'inForce', key: 'inForce', width: 70, render: (n: number) => `${n}/5` },
  ];

  const docColumns: TableProps<SystemDocument>['columns'] = [
    { title: '区市', dataIndex: 'countyName', key: 'county', width: 100 },
    { title: '类别', dataIndex: 'kind', key: 'kind', width: 170, render: (k: SystemKind) => SYSTEM_KIND_LABELS[k] },
    { title: '制度名称', dataIndex: 'title', key: 'title', width: 240 },
    { title: '版本', dataIndex: 'version', key: 'version', width: 120 },
    { title: '施行日期', dataIndex: 'effectiveOn', key: 'effectiveOn', width: 110 },
    { title: '批准', key: 'approved', width: 200, render: (_: unknown, d) => `${d.approvedBy}（${d.approvedOn}）` },
    {
      title: '状态', key: 'status', width: 170,
      render: (_: unknown, d) => (
        <>
          <Tag color={STATUS_COLORS[d.status]}>{SYSTEM_DOCUMENT_STATUS_LABELS[d.status]}</Tag>
          {d.status === 'pending' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.effectiveOn}起施行</Typography.Text> : null}
          {d.supersededOn ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.supersededOn}起</Typography.Text> : null}
        </>
      ),
    },
    {
      title: '正文', key: 'file', width: 240,
      render: (_: unknown, d) => (
        <Space size={4} wrap>
          {d.file ? <a href={fileUrl(d.id)} download>{d.file.name}</a> : '—'}
          {canAttach(d) ? <AttachText doc={d} /> : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="五项制度"
        extra={canWrite ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>登记制度文件</Button> : null}
      />
      <Typography.Paragraph type="secondary">
        各区市民政部门建立人员管理、财务管理、服务场所使用管理、文书档案管理、服务对象数据库管理五项制度；新版本在施行日期前为“待生效”，自施行日期起替代原版本，原版本转为“已被替代”并保留。
      </Typography.Paragraph>
      <Card title={`完备情况（截至 ${matrix.data?.asOf ?? chinaToday()}）`} style={{ marginBottom: 16 }}>
        <Table<County> rowKey="code" size="small" columns={columns} dataSource={matrix.data?.counties ?? []} loading={matrix.isFetching}
          pagination={{ ...serverPagination(matrixPage, MATRIX_PAGE_SIZE, matrix.data?.total), showSizeChanger: false, hideOnSinglePage: true }}
          onChange={(p) => setUrl({ matrixPage: p.current })}
          onRow={(c) => ({ onClick: () => filter({ countyCode: c.code }), style: { cursor: 'pointer' } })}
          scroll={{ x: 'max-content' }} data-testid="systems-matrix" />
      </Card>
      <Card
        title={`缺项（${matrix.data?.findingsTotal ?? 0}）`}
        extra={(matrix.data?.total ?? 0) > MATRIX_PAGE_SIZE ? <Typography.Text type="secondary">列出本页区市的缺项</Typography.Text> : null}
        style={{ marginBottom: 16 }} data-testid="systems-findings">
        {matrix.data && matrix.data.findings.length === 0 ? <Empty description="五项制度齐全" /> : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {(matrix.data?.findings ?? []).map((f) => (
              <Finding key={`${f.countyCode}-${f.kind}`} rule={ruleOf(f.rule)} message={f.message} tone={f.standing === 'missing' ? 'danger' : 'warning'} />
            ))}
          </Space>
        )}
      </Card>
      <Card
        title="制度文件及历史版本"
        extra={
          <Space wrap>
            {(matrix.data?.total ?? 0) > 1 ? (
              // Every county unit of the scope, not only those on the matrix's page.
              <CountySelect allowClear placeholder="全部区市" style={{ width: 160 }} value={county} onChange={(v?: string) => filter({ countyCode: v })} aria-label="区市" />
            ) : null}
            <Select allowClear placeholder="全部类别" style={{ width: 200 }} value={isKind(url.kind) ? url.kind : undefined} onChange={(v?: string) => filter({ kind: v })} aria-label="制度类别筛选" options={kindOptions} />
            <Select allowClear placeholder="全部状态" style={{ width: 120 }} value={status} onChange={(v?: string) => filter({ status: v })} aria-label="状态"
              options={statusOptions} />
          </Space>
        }
      >
        <Table<SystemDocument> rowKey="id" size="small" columns={docColumns} dataSource={docs.data?.items ?? []} loading={docs.isFetching}
          pagination={serverPagination(page, pageSize, docs.data?.total)} onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          scroll={{ x: 'max-content' }} data-testid="systems-documents" />
      </Card>
      {open ? <RegisterModal onClose={() => setOpen(false)} /> : null}
    </>
  );
}

type Values = Omit<SystemDocumentBody, 'note'> & { note?: string };

function RegisterModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const register = useRegisterDocument();
  const reportError = useReportError();
  const { message, modal } = App.useApp();
  const today = chinaToday();
  const save = async () => {
    const v = await form.validateFields();
    register.mutate(
      { body: { ...v, note: v.note ?? '' }, file },
      {
        onSuccess: ({ textError }) => {
          onClose();
          if (!textError) message.success('制度文件已登记');
          // Registered without its text: say so, and where to attach it, rather than invite a second registration.
          else modal.warning({
            title: '制度文件已登记，但正文未上传',
            content: `${textReason(textError)}。请在“制度文件及历史版本”中点该版本的“上传正文”补传。`,
          });
        },
        onError: (e) => reportError(e, form),
      },
    );
  };
  return (
    <Modal open title="登记制度文件" okText="登记" cancelText="取消" onOk={() => void save()} onCancel={onClose} confirmLoading={register.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ effectiveOn: today, approvedOn: today }}>
        <Form.Item name="kind" label="制度类别" rules={[{ required: true, message: '请选择制度类别' }]} extra="同类别已有现行版本的，新版本自施行日期起替代原版本">
          <Select options={kindOptions} aria-label="制度类别" />
        </Form.Item>
        <Form.Item name="title" label="制度名称" rules={[{ required: true, message: '请填写制度名称' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="version" label="版本" rules={[{ required: true, message: '请填写版本' }]}><Input maxLength={30} placeholder="如：2026年修订版" /></Form.Item>
        <Form.Item name="approvedBy" label="批准机关或会议" rules={[{ required: true, message: '请填写批准机关或会议' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="approvedOn" label="批准日期" rules={[{ required: true, message: '请填写批准日期' }]}><Input type="date" /></Form.Item>
        <Form.Item name="effectiveOn" label="施行日期" rules={[{ required: true, message: '请填写施行日期' }]}><Input type="date" /></Form.Item>
        <Form.Item name="note" label="备注"><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        <Form.Item label="制度正文（PDF、Word 或图片，不超过 10 MB）">
          <input type="file" aria-label="制度正文" accept=".pdf,.docx,.jpg,.jpeg,.png" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Why the text was refused, in the server's words (the file's type or size). */
const textReason = (e: unknown) => (isApiError(e) && e.fields.length ? e.fields.map((f) => f.message).join('；') : errorText(e));

/** 上传正文 / 更换正文 for a registered version: the text can come after the registration. */
function AttachText({ doc }: { doc: SystemDocument }) {
  const attach = useAttachText();
  const input = useRef<HTMLInputElement>(null);
  const reportError = useReportError();
  const { message } = App.useApp();
  const label = doc.file ? '更换正文' : '上传正文';
  const pick = (file: File | undefined) => {
    if (!file) return;
    attach.mutate({ id: doc.id, file }, {
      onSuccess: () => message.success('正文已上传'),
      onError: (e) => (isApiError(e, 'VALIDATION_FAILED') ? message.error(textReason(e)) : reportError(e)),
    });
  };
  return (
    <>
      <input ref={input} type="file" hidden aria-label={`${doc.version}的正文`} accept=".pdf,.docx,.jpg,.jpeg,.png"
        onChange={(e) => { pick(e.target.files?.[0]); e.target.value = ''; }} />
      <Button size="small" type="link" icon={<UploadOutlined aria-hidden />} loading={attach.isPending} onClick={() => input.current?.click()}
        aria-label={`${label}：${doc.title}（${doc.version}）`}>
        {label}
      </Button>
    </>
  );
}
