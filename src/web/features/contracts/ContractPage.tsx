import {
  ArrowLeftOutlined,
  CheckOutlined,
  DownloadOutlined,
  EditOutlined,
  FieldTimeOutlined,
  PlayCircleOutlined,
  StopOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Space,
  Tabs,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { FileMeta } from '../../../shared/contracts/organizations';
import { downloadContractFile, type ContractDetail } from '../../../shared/contracts/service-contracts';
import {
  EVALUATION_GRADE_LABELS,
  PURCHASE_RULES,
  SPENDING_CATEGORY_LABELS,
  type EvaluationGrade,
  type SpendingCategory,
} from '../../../shared/rules/purchase';
import { AddButton, DetailTable } from '../../components/DetailTable';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { RuleTag } from '../../components/RuleTag';
import { apiUrl } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatDateTime, orDash } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { WorkflowHistory } from '../annual-plans/WorkflowHistory';
import { Figure, Yuan, yuan } from '../funding/money';
import { UploadProgressBar } from '../social-workers/UploadProgressBar';
import { formatSize, type UploadProgress } from '../social-workers/upload';
import { ContractDrawer } from './ContractDrawer';
import { ContractStatusTag, FindingList, OnPostTag } from './contractLabels';
import { GradeModal, MissingContents, PaymentModal, SignModal, SpendingModal, StatusModal, type StatusMove } from './ContractModals';
import { useContract, useUploadContractFile } from './contracts.api';

const t = m.purchase.contracts;
const c = m.purchase.common;

type Dialog = 'edit' | 'sign' | 'payment' | 'spending' | 'grade' | StatusMove | null;
type Station = ContractDetail['stations'][number];
type Instalment = ContractDetail['instalments'][number];
type Payment = ContractDetail['payments'][number];
type Spending = ContractDetail['spending'][number];
type Grade = ContractDetail['grades'][number];

const pre = (s: string) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{orDash(s)}</span>;
const money = (v: number) => <Yuan fen={v} />;

function ContentTab({ ct }: { ct: ContractDetail }) {
  const isMobile = useIsMobile();
  return (
    <Descriptions
      bordered={!isMobile}
      layout={isMobile ? 'vertical' : 'horizontal'}
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'county', label: c.county, children: ct.countyShortName },
        { key: 'number', label: t.number, children: orDash(ct.number) },
        {
          key: 'contractor',
          label: t.contractor,
          children: <Link to={`/organizations/${ct.contractor.id}`}>{ct.contractor.name}</Link>,
        },
        {
          key: 'procurement',
          label: t.procurement,
          children: ct.procurementId ? <Link to={`/procurements/${ct.procurementId}`}>{c.view}</Link> : '—',
        },
        { key: 'term', label: t.term, children: ct.startsOn || ct.endsOn ? `${ct.startsOn ?? '?'} 至 ${ct.endsOn ?? '?'}` : '—' },
        { key: 'signedOn', label: t.signedOn, children: orDash(ct.signedOn) },
        { key: 'price', label: t.price, children: money(ct.priceFen) },
        { key: 'stations', label: t.stations, span: 'filled', children: ct.stations.map((s) => s.name).join('、') || '—' },
        { key: 'content', label: t.content, span: 'filled', children: pre(ct.content) },
        { key: 'quantity', label: t.quantity, span: 'filled', children: pre(ct.quantity) },
        { key: 'quality', label: t.quality, span: 'filled', children: pre(ct.quality) },
        { key: 'rightsDuties', label: t.rightsDuties, span: 'filled', children: pre(ct.rightsDuties) },
        { key: 'liability', label: t.liability, span: 'filled', children: pre(ct.liability) },
        { key: 'tripartite', label: t.tripartite, span: 'filled', children: pre(ct.tripartite) },
      ]}
    />
  );
}

function StationsTab({ ct }: { ct: ContractDetail }) {
  const columns: TableProps<Station>['columns'] = [
    { title: c.stations, dataIndex: 'name', key: 'name', render: (v: string, s) => <Link to={`/stations/${s.id}`}>{v}</Link> },
    { title: t.qualifiedOnPost, dataIndex: 'qualifiedOnPost', key: 'onPost', width: 110, align: 'right', render: (n: number) => t.people(n) },
    { title: c.status, dataIndex: 'onPostState', key: 'state', width: 110, render: (s: Station['onPostState']) => <OnPostTag state={s} /> },
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Text type={ct.stations.some((s) => s.onPostState === 'overdue') ? 'danger' : 'secondary'}>
        <RuleTag rule={PURCHASE_RULES['R-ONPOST-1M']} />
        {t.onPostDeadline}：{ct.onPostDeadline ?? t.onPost.not_signed}
      </Typography.Text>
      <DetailTable<Station> rowKey="id" columns={columns} rows={ct.stations} scrollX={480} testId="contract-stations" />
    </Flex>
  );
}

function MoneyTab({ ct, canPay, onPay }: { ct: ContractDetail; canPay: boolean; onPay: () => void }) {
  const instalmentColumns: TableProps<Instalment>['columns'] = [
    { title: t.instalmentLabel, dataIndex: 'label', key: 'label', width: 100 },
    { title: t.instalmentDue, dataIndex: 'dueOn', key: 'dueOn', width: 110 },
    { title: t.instalmentAmount, dataIndex: 'amountFen', key: 'amount', width: 150, align: 'right', render: money },
    { title: t.instalmentPaid, dataIndex: 'paidFen', key: 'paid', width: 150, align: 'right', render: money },
    {
      title: t.instalmentRemaining,
      key: 'remaining',
      width: 150,
      align: 'right',
      render: (_: unknown, i) => money(Math.max(0, i.amountFen - i.paidFen)),
    },
  ];
  const paymentColumns: TableProps<Payment>['columns'] = [
    { title: t.paidOn, dataIndex: 'paidOn', key: 'paidOn', width: 110 },
    { title: t.paymentInstalment, dataIndex: 'instalment', key: 'instalment', width: 100, render: (i: number) => ct.instalments[i]?.label ?? i + 1 },
    { title: t.paymentAmount, dataIndex: 'amountFen', key: 'amount', width: 150, align: 'right', render: money },
    { title: t.voucher, dataIndex: 'voucher', key: 'voucher', width: 120, render: (v: string) => orDash(v) },
    { title: t.note, dataIndex: 'note', key: 'note', width: 200, render: (v: string) => orDash(v) },
  ];
  return (
    <Flex vertical gap={16}>
      <DetailTable<Instalment>
        rowKey={(i) => `${i.label}-${i.dueOn}`}
        columns={instalmentColumns}
        rows={ct.instalments}
        scrollX={660}
        testId="contract-instalments"
      />
      <Card size="small" title={t.payments} extra={canPay ? <AddButton label={t.addPayment} onClick={onPay} /> : null}>
        <DetailTable<Payment> rowKey="id" columns={paymentColumns} rows={ct.payments} scrollX={680} testId="contract-payments" empty={t.noPayments} />
      </Card>
    </Flex>
  );
}

function SpendingTab({ ct, canAdd, onAdd }: { ct: ContractDetail; canAdd: boolean; onAdd: () => void }) {
  const columns: TableProps<Spending>['columns'] = [
    { title: t.spentOn, dataIndex: 'spentOn', key: 'spentOn', width: 110 },
    { title: t.spendingStation, dataIndex: 'stationName', key: 'station', width: 220 },
    { title: t.category, dataIndex: 'category', key: 'category', width: 120, render: (v: SpendingCategory) => SPENDING_CATEGORY_LABELS[v] },
    { title: t.spendingAmount, dataIndex: 'amountFen', key: 'amount', width: 150, align: 'right', render: money },
    { title: t.note, dataIndex: 'note', key: 'note', width: 200, render: (v: string) => orDash(v) },
  ];
  return (
    <DetailTable<Spending>
      rowKey="id"
      columns={columns}
      rows={ct.spending}
      scrollX={800}
      testId="contract-spending"
      empty={t.noSpending}
      add={canAdd && { label: t.addSpending, onClick: onAdd }}
    />
  );
}

function GradesTab({ ct, canGrade, onAdd }: { ct: ContractDetail; canGrade: boolean; onAdd: () => void }) {
  const columns: TableProps<Grade>['columns'] = [
    { title: t.gradeYear, dataIndex: 'year', key: 'year', width: 90 },
    {
      title: t.grade,
      dataIndex: 'grade',
      key: 'grade',
      width: 90,
      render: (g: EvaluationGrade) => (
        <Typography.Text type={g === 'fail' ? 'danger' : undefined} strong={g === 'fail'}>
          {EVALUATION_GRADE_LABELS[g]}
        </Typography.Text>
      ),
    },
    { title: t.gradeSource, dataIndex: 'source', key: 'source', width: 100, render: (s: string) => t.gradeSources[s] ?? s },
    { title: t.note, dataIndex: 'note', key: 'note', render: (v: string) => orDash(v) },
  ];
  return (
    <DetailTable<Grade>
      rowKey={(g) => `${g.year}-${g.createdAt}`}
      columns={columns}
      rows={ct.grades}
      scrollX={480}
      testId="contract-grades"
      empty={t.noGrades}
      add={canGrade && { label: t.addGrade, onClick: onAdd }}
    />
  );
}

function FilesTab({ ct, canUpload }: { ct: ContractDetail; canUpload: boolean }) {
  const upload = useUploadContractFile(ct.id);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const report = useReportError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const hrefOf = (f: FileMeta) => apiUrl(downloadContractFile, { params: { id: ct.id, fileId: f.id } });
  const columns: TableProps<FileMeta>['columns'] = [
    {
      title: t.fileName,
      dataIndex: 'name',
      key: 'name',
      render: (name: string, f) => (
        <a href={hrefOf(f)} download style={{ wordBreak: 'break-all' }}>
          {name}
        </a>
      ),
    },
    ...(isMobile
      ? []
      : [
          { title: t.fileSize, dataIndex: 'size', key: 'size', width: 100, render: (v: number) => formatSize(v) },
          { title: t.fileAt, dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
        ]),
    {
      title: t.download,
      key: 'download',
      width: 70,
      render: (_: unknown, f: FileMeta) => (
        <Button size="small" type="link" href={hrefOf(f)} download icon={<DownloadOutlined aria-hidden />} aria-label={`${t.download}：${f.name}`} />
      ),
    },
  ];
  return (
    <Flex vertical gap={8} data-testid="contract-files">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">{t.filesHint}</Typography.Text>
        {canUpload ? (
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,.docx"
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              upload.mutate(
                { file, onProgress: setProgress },
                {
                  onSuccess: (meta) => message.success(t.uploaded(meta.name)),
                  onError: (e) => report(e),
                  onSettled: () => setProgress(null),
                },
              );
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
              {t.upload}
            </Button>
          </Upload>
        ) : null}
      </Flex>
      <UploadProgressBar progress={progress} />
      <DetailTable<FileMeta> rowKey="id" columns={columns} rows={ct.files} empty={t.noFiles} />
    </Flex>
  );
}

function Stat({ title, value, danger, testId }: { title: string; value: string; danger?: boolean; testId?: string }) {
  return (
    <Col xs={12} md={6}>
      <Card size="small" style={{ height: '100%' }}>
        <Figure title={title} value={value} danger={danger} testId={testId} />
      </Card>
    </Col>
  );
}

export default function ContractPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/contracts'));
  const { data: ct, view, refetch } = pageData(useContract(id), t.notFound);
  const canWrite = usePermission('contract:write');
  const canGrade = usePermission('contract:grade');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState('content');

  if (view) return view;

  const inForce = ct.status === 'signed' || ct.status === 'performing';
  const close = () => setDialog(null);
  const props = { contract: ct, onClose: close, onConflict: refetch };
  const overdue = ct.stations.some((s) => s.onPostState === 'overdue');

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={`合同 ${ct.number || ct.title}`}
        title={
          <Space size={8} wrap>
            <span data-testid="contract-title">{ct.title}</span>
            <span data-testid="contract-status">
              <ContractStatusTag status={ct.status} />
            </span>
          </Space>
        }
        extra={
          canWrite ? (
            <>
              {ct.status === 'draft' ? (
                <>
                  <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
                    {t.edit}
                  </Button>
                  <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setDialog('sign')}>
                    {t.sign}
                  </Button>
                </>
              ) : null}
              {ct.status === 'signed' ? (
                <Button type="primary" icon={<PlayCircleOutlined aria-hidden />} onClick={() => setDialog('performing')}>
                  {t.start}
                </Button>
              ) : null}
              {ct.status === 'performing' ? (
                <Button icon={<FieldTimeOutlined aria-hidden />} onClick={() => setDialog('expired')}>
                  {t.expire}
                </Button>
              ) : null}
              {inForce ? (
                <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setDialog('terminated')}>
                  {t.terminate}
                </Button>
              ) : null}
            </>
          ) : null
        }
      >
        <Typography.Text type="secondary">
          {ct.countyShortName} · {ct.contractor.name}
          {ct.number ? ` · ${ct.number}` : ''}
        </Typography.Text>
      </PageHeader>
      <Flex vertical gap={16}>
        {ct.endingYear ? (
          <Alert
            type="error"
            showIcon
            data-testid="contract-ending"
            title={
              <span>
                <RuleTag rule={PURCHASE_RULES['R-CONTRACT-FAIL']} />
                {t.endingAlert(ct.endingYear)}
              </span>
            }
            description={ct.endingReason || undefined}
          />
        ) : null}
        {ct.statusReason && (ct.status === 'terminated' || ct.status === 'expired') ? (
          <Alert type="info" showIcon title={`${t.statusReason}：${ct.statusReason}`} />
        ) : null}
        {ct.status === 'draft' ? <MissingContents missing={ct.missing} /> : null}
        <Row gutter={[12, 12]}>
          <Stat title={t.price} value={yuan(ct.priceFen)} />
          <Stat title={t.paid} value={yuan(ct.paidFen)} testId="contract-paid" />
          <Stat title={t.spent} value={yuan(ct.spentFen)} />
          <Stat title={t.onPostDeadline} value={ct.onPostDeadline ?? '—'} danger={overdue} testId="contract-onpost-deadline" />
        </Row>
        {ct.findings.length > 0 ? (
          <Card size="small" title={c.findings}>
            <FindingList findings={ct.findings} />
          </Card>
        ) : null}
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'content', label: t.tabs.content, children: <ContentTab ct={ct} /> },
              { key: 'stations', label: t.tabs.stations, children: <StationsTab ct={ct} /> },
              {
                key: 'money',
                label: t.tabs.money,
                children: <MoneyTab ct={ct} canPay={canWrite && ct.status !== 'draft' && ct.instalments.length > 0} onPay={() => setDialog('payment')} />,
              },
              {
                key: 'spending',
                label: t.tabs.spending,
                children: <SpendingTab ct={ct} canAdd={canWrite && ct.status !== 'draft'} onAdd={() => setDialog('spending')} />,
              },
              {
                key: 'grades',
                label: t.tabs.grades,
                children: <GradesTab ct={ct} canGrade={canGrade && ct.status !== 'draft'} onAdd={() => setDialog('grade')} />,
              },
              { key: 'files', label: t.tabs.files, children: <FilesTab ct={ct} canUpload={canWrite} /> },
              { key: 'history', label: t.tabs.history, children: <WorkflowHistory events={ct.history} /> },
            ]}
          />
        </Card>
      </Flex>
      {dialog === 'edit' ? <ContractDrawer contract={ct} onClose={close} onConflict={refetch} /> : null}
      {dialog === 'sign' ? <SignModal {...props} /> : null}
      {dialog === 'performing' || dialog === 'terminated' || dialog === 'expired' ? <StatusModal {...props} move={dialog} /> : null}
      {dialog === 'payment' ? <PaymentModal {...props} /> : null}
      {dialog === 'spending' ? <SpendingModal {...props} /> : null}
      {dialog === 'grade' ? <GradeModal {...props} /> : null}
    </>
  );
}

