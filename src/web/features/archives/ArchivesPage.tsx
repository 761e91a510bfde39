import { DownloadOutlined, FolderAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Progress, Radio, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useDeferredValue, useState } from 'react';
import { ARCHIVE_JOB_KIND_LABELS, FIRST_ARCHIVE_YEAR, type ArchiveJob } from '../../../shared/contracts/archives';
import { ARCHIVE_RULES, ARCHIVE_STATUS_LABELS, RETENTION, retentionText, type ArchiveStatus, type Retention } from '../../../shared/rules/archives';
import { chinaToday } from '../../../shared/rules/china-date';
import { FormModal, useFormWrite } from '../../components/FormModal';
import { ListPage, useListState } from '../../components/ListPage';
import { RuleTag } from '../../components/RuleTag';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { StationPicker } from '../stations/StationPicker';
import { archiveUrl, busy, useArchive, useArchives, useContractOptions, useRequestArchive } from './archives.api';

const STATUS_COLORS: Record<ArchiveStatus, string> = { queued: 'default', running: 'processing', done: 'green', failed: 'red' };
const thisYear = Number(chinaToday().slice(0, 4));
const years = Array.from({ length: thisYear - FIRST_ARCHIVE_YEAR + 1 }, (_, i) => thisYear - i);
const yearOptions = years.map((y) => ({ value: String(y), label: `${y}年` }));
const size = (n: number | null) => (n === null ? '—' : n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function JobProgress({ job }: { job: ArchiveJob }) {
  if (job.superseded) return <Typography.Text type="secondary" data-testid="archive-superseded">已由之后生成的归档取代</Typography.Text>;
  if (job.status === 'done')
    return (
      <Button type="link" size="small" icon={<DownloadOutlined aria-hidden />} href={archiveUrl(job.id)} download data-testid="archive-download">
        下载（{size(job.size)}）
      </Button>
    );
  if (job.status === 'failed') return <Typography.Text type="danger">{job.error || '生成失败'}</Typography.Text>;
  const percent = job.progressTotal > 0 ? Math.floor((job.progressDone / job.progressTotal) * 100) : 0;
  return (
    <Space size={4} style={{ minWidth: 180 }}>
      <Progress percent={percent} size="small" status="active" style={{ width: 140, margin: 0 }} data-testid="archive-progress" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{job.progressTotal > 0 ? `${job.progressDone}/${job.progressTotal}` : '排队中'}</Typography.Text>
    </Space>
  );
}

/** 资料归档 (四（四）): a station's year as one zip with an index, requested, built with progress, downloaded with an audit row. */
export default function ArchivesPage() {
  const canRequest = usePermission('archive:request');
  const list = useListState(['year'] as const);
  const year = list.url.year ? Number(list.url.year) : undefined;
  const result = useArchives({ year, page: list.page, pageSize: list.pageSize });
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState<string | null>(null);

  const columns: NonNullable<TableProps<ArchiveJob>['columns']> = [
    { title: '类型', dataIndex: 'kind', key: 'kind', width: 100, render: (k: ArchiveJob['kind']) => <Tag>{ARCHIVE_JOB_KIND_LABELS[k]}</Tag> },
    { title: '归档', key: 'what', width: 280, render: (_: unknown, j) => (j.kind === 'contract' ? j.title : `${j.stationName} ${j.year ?? ''}年`) },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (s: ArchiveStatus) => <Tag color={STATUS_COLORS[s]}>{ARCHIVE_STATUS_LABELS[s]}</Tag> },
    { title: '进度 / 下载', key: 'progress', width: 240, render: (_: unknown, j) => <JobProgress job={j} /> },
    { title: '文件数', dataIndex: 'fileCount', key: 'files', width: 80, render: (n: number, j) => (j.status === 'done' ? n : '—') },
    { title: '申请人', dataIndex: 'requestedByName', key: 'by', width: 110 },
    { title: '申请时间', dataIndex: 'requestedAt', key: 'at', width: 160, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <ListPage<ArchiveJob>
        title="资料归档"
        extra={canRequest ? <Button type="primary" icon={<FolderAddOutlined aria-hidden />} onClick={() => setOpen(true)}>生成归档</Button> : null}
        header={
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            按社工站和年度汇集工作报告、年度计划、合同与付款、绩效评估、当年结案个案（身份证号脱敏）、服务台账汇总、志愿服务记录证明及附件，打包为一个压缩包，内附 index.xlsx 目录和各类资料的保管期限；也可按合同归档：合同要素、付款和支出、合同文件、历年绩效评估，以及合同期限内各站各年度的资料。下载时再次核对权限并留痕。同一社工站年度（或同一合同）当天已生成过归档的，再次申请直接提供该归档，内容截至其生成时间；次日起再申请会重新生成，之前的压缩包随之删除（申请和下载记录保留）。
          </Typography.Paragraph>
        }
        filters={[{ type: 'select', key: 'year', label: '年度', placeholder: '全部年度', options: yearOptions }]}
        list={list}
        result={result}
        columns={columns}
        scrollX={1000}
        cardsTestId="archive-cards"
        empty="还没有归档"
        card={(j) => (
          <Card size="small" title={j.kind === 'contract' ? j.title : `${j.stationName} ${j.year ?? ''}年`} extra={<Tag color={STATUS_COLORS[j.status]}>{ARCHIVE_STATUS_LABELS[j.status]}</Tag>}>
            <JobProgress job={j} />
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{j.requestedByName} {formatDateTime(j.requestedAt)}</Typography.Text>
          </Card>
        )}
      >
        {current ? <CurrentJob id={current} onClose={() => setCurrent(null)} /> : null}
      </ListPage>
      <RetentionCard />
      {open ? <RequestModal onClose={() => setOpen(false)} onQueued={setCurrent} /> : null}
    </>
  );
}

/** The job just requested: its progress bar, polled until the zip is ready, then the download. */
function CurrentJob({ id, onClose }: { id: string; onClose: () => void }) {
  const { data } = useArchive(id);
  if (!data) return null;
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type={data.status === 'failed' ? 'error' : data.status === 'done' ? 'success' : 'info'}
      closable
      onClose={onClose}
      data-testid="archive-current"
      message={`${data.title}：${ARCHIVE_STATUS_LABELS[data.status]}${busy(data) ? '（可离开本页，生成在服务器上继续）' : ''}${data.status === 'done' && data.finishedAt ? `，生成于${formatDateTime(data.finishedAt)}` : ''}`}
      description={<JobProgress job={data} />}
    />
  );
}

const retentionColumns: TableProps<Retention>['columns'] = [
  { title: '资料类别', dataIndex: 'label', key: 'label', width: 200 },
  { title: '保管期限', key: 'period', width: 180, render: (_: unknown, r) => retentionText(r.kind) },
  { title: '依据', dataIndex: 'source', key: 'source' },
];

function RetentionCard() {
  return (
    <Card title="保管期限" style={{ marginTop: 16 }} data-testid="archive-retention">
      <Table<Retention> rowKey="kind" size="small" pagination={false} columns={retentionColumns} dataSource={Object.values(RETENTION)} scroll={{ x: 'max-content' }} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        保管期限自所列时点起算，写入每个归档的 index.xlsx。<RuleTag rule={ARCHIVE_RULES['R-ARCHIVE-RETENTION']} />
      </Typography.Paragraph>
    </Card>
  );
}

interface Values {
  kind: ArchiveJob['kind'];
  stationId: string;
  year: string;
  contractId: string;
}

function RequestModal({ onClose, onQueued }: { onClose: () => void; onQueued: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const request = useRequestArchive();
  const write = useFormWrite(form, { onClose });
  const kind = Form.useWatch('kind', form) ?? 'station_year';
  const [cq, setCq] = useState('');
  const [contractSearching, setContractSearching] = useState(false);
  const contracts = useContractOptions(useDeferredValue(cq.trim()), kind === 'contract' && (contractSearching || cq === ''));
  const contractOptions = (contracts.data?.items ?? []).map((k) => ({ value: k.id, label: `${k.number ? `${k.number} ` : ''}${k.title}（${k.contractorName}）` }));
  return (
    <FormModal<Values>
      title="生成资料归档"
      okText="生成"
      form={form}
      initialValues={{ kind: 'station_year', year: String(thisYear - 1 >= FIRST_ARCHIVE_YEAR ? thisYear - 1 : thisYear) }}
      pending={request.isPending}
      onClose={onClose}
      testId="archive-request"
      intro={write.alert}
      onFinish={(v) => {
        write.start();
        const body = v.kind === 'contract' ? { contractId: v.contractId } : { stationId: v.stationId, year: Number(v.year) };
        request.mutate(body, write.done('已开始生成归档', (job: ArchiveJob) => onQueued(job.id)));
      }}
    >
      <Form.Item name="kind" label="归档方式">
        <Radio.Group optionType="button" options={[{ value: 'station_year', label: '按社工站年度' }, { value: 'contract', label: '按合同' }]} aria-label="归档方式" />
      </Form.Item>
      {kind === 'contract' ? (
        <Form.Item name="contractId" label="合同" rules={[{ required: true, message: '请选择合同' }]} extra="合同要素、付款和支出、合同文件、历年绩效评估，以及合同期限内各站各年度的资料">
          <Select
            showSearch={{ filterOption: false, onSearch: setCq }}
            onOpenChange={setContractSearching}
            loading={contracts.isFetching}
            options={contractOptions}
            placeholder="输入合同编号、名称或承接机构查找"
            aria-label="合同"
            notFoundContent={contracts.isFetching ? '查找中…' : '没有符合条件的合同'}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="stationId" label="社工站" rules={[{ required: true, message: '请选择社工站' }]}>
            <StationPicker aria-label="社工站" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]} extra="承接机构只能生成其承接服务年度的归档">
            <Select options={yearOptions} aria-label="年度" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
