import { ArrowLeftOutlined, EditOutlined, LogoutOutlined, PlusOutlined, UserAddOutlined, UserSwitchOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Space,
  Table,
  Tag,
  Typography,
  type DescriptionsProps,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Posting, WorkerDetail } from '../../../shared/contracts/social-workers';
import {
  CERTIFICATE_LABELS,
  EDUCATION_LABELS,
  QUALIFIED_BY_LABELS,
  STAFF_RULES,
  STAFF_SOURCE_LABELS,
  TRAINING_HOURS_REQUIRED,
  type CertificateLevel,
  type StaffRuleId,
  type StaffSource,
} from '../../../shared/rules/staffing';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { RuleTag } from '../../components/RuleTag';
import { useReportError } from '../../lib/errors';
import { orDash } from '../../lib/format';
import { PermissionGate, usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { FindingList } from '../compliance/FindingList';
import { AccountModal } from './AccountModal';
import { EndPostingModal } from './EndPostingModal';
import { PostingModal } from './PostingModal';
import { AddCertificateModal, AddTrainingModal } from './QualificationModals';
import { EditWorkerDrawer } from './EditWorkerDrawer';
import { RevealValue } from './RevealValue';
import { useRemoveCertificate, useRemoveTraining, useWorker } from './social-workers.api';
import { QualificationTag } from './workerLabels';

const t = m.staffing.workers;
const tp = m.staffing.postings;

type Dialog = 'edit' | 'posting' | 'end' | 'account' | 'certificate' | 'training' | null;
type Certificate = WorkerDetail['certificates'][number];
type Training = WorkerDetail['trainings'][number];

function profileItems(w: WorkerDetail, canOpenOrgs: boolean): DescriptionsProps['items'] {
  const org = w.orgId && w.orgName && canOpenOrgs ? <Link to={`/organizations/${w.orgId}`}>{w.orgName}</Link> : orDash(w.orgName);
  return [
    { key: 'name', label: t.name, children: w.name },
    {
      key: 'idNumber',
      label: t.idNumber,
      children: <RevealValue workerId={w.id} field="idNumber" masked={w.idNumberMasked} />,
      span: 'filled',
    },
    { key: 'sex', label: t.sex, children: t.sexes[w.sex] },
    { key: 'birthDate', label: t.birthDate, children: w.birthDate },
    { key: 'age', label: t.age, children: t.ageValue(w.age) },
    { key: 'phone', label: t.phone, children: <RevealValue workerId={w.id} field="phone" masked={w.phoneMasked} /> },
    { key: 'education', label: t.education, children: EDUCATION_LABELS[w.education] },
    { key: 'major', label: t.major, children: orDash(w.major) },
    { key: 'school', label: t.school, children: orDash(w.school) },
    { key: 'graduatedOn', label: t.graduatedOn, children: orDash(w.graduatedOn) },
    { key: 'org', label: t.org, children: org },
    {
      key: 'station',
      label: t.currentStation,
      children: w.currentPosting ? (
        <Link to={`/stations/${w.currentPosting.stationId}`}>{w.currentPosting.stationName}</Link>
      ) : (
        <Typography.Text type="secondary">{t.notPosted}</Typography.Text>
      ),
    },
    { key: 'account', label: t.account, children: w.account ? w.account.username : t.noAccount },
  ];
}

function ruleOf(id: string) {
  return id in STAFF_RULES ? STAFF_RULES[id as StaffRuleId] : { id, clause: '', title: id };
}

function PostingsCard({ worker }: { worker: WorkerDetail }) {
  const columns: TableProps<Posting>['columns'] = [
    {
      title: tp.station,
      dataIndex: 'stationName',
      key: 'station',
      width: 220,
      render: (name: string, p) => <Link to={`/stations/${p.stationId}`}>{name}</Link>,
    },
    { title: tp.source, dataIndex: 'source', key: 'source', width: 120, render: (s: StaffSource) => STAFF_SOURCE_LABELS[s] },
    { title: tp.startDate, dataIndex: 'startDate', key: 'startDate', width: 100 },
    {
      title: tp.endDate,
      dataIndex: 'endDate',
      key: 'endDate',
      width: 100,
      render: (d: string | null) => d ?? <Tag color="success">{tp.current}</Tag>,
    },
    {
      title: tp.exception,
      key: 'exception',
      width: 260,
      render: (_, p) =>
        p.exceptionRules.length === 0 ? (
          '—'
        ) : (
          <Flex vertical gap={4}>
            <Typography.Text>
              {tp.exceptionReason}：{p.exceptionReason}
            </Typography.Text>
            <div>
              {p.exceptionRules.map((id) => (
                <RuleTag key={id} rule={ruleOf(id)} />
              ))}
            </div>
          </Flex>
        ),
    },
    { title: tp.endReason, dataIndex: 'endReason', key: 'endReason', width: 140, render: (v: string) => orDash(v) },
    { title: tp.org, dataIndex: 'orgName', key: 'org', width: 180, ellipsis: true, render: (v: string | null) => orDash(v) },
  ];
  return (
    <Card title={tp.title} size="small" data-testid="worker-postings">
      {worker.postings.length === 0 ? (
        <Typography.Text type="secondary">{tp.empty}</Typography.Text>
      ) : (
        <Table<Posting>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={worker.postings}
          pagination={false}
          scroll={{ x: 1120 }}
        />
      )}
    </Card>
  );
}

function QualificationCard({ worker, onAdd }: { worker: WorkerDetail; onAdd: (d: 'certificate' | 'training') => void }) {
  const canWrite = usePermission('worker:write');
  const removeCert = useRemoveCertificate(worker.id);
  const removeTraining = useRemoveTraining(worker.id);
  const report = useReportError();
  const { modal, message } = App.useApp();

  const confirmRemove = (title: string, remove: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content: t.confirmRemoveContent,
      okText: t.remove,
      okButtonProps: { danger: true },
      cancelText: m.common.cancel,
      onOk: () =>
        remove()
          .then(() => message.success(t.removed))
          .catch((e: unknown) => report(e)),
    });

  const removeColumn = <R extends { id: string }>(title: (row: R) => string, remove: (id: string) => Promise<unknown>) =>
    canWrite
      ? [
          {
            title: m.common.actions,
            key: 'actions',
            width: 70,
            render: (_: unknown, row: R) => (
              <Button size="small" type="link" danger onClick={() => confirmRemove(title(row), () => remove(row.id))}>
                {t.remove}
              </Button>
            ),
          },
        ]
      : [];

  const certColumns: TableProps<Certificate>['columns'] = [
    { title: t.certLevel, dataIndex: 'level', key: 'level', render: (l: CertificateLevel) => CERTIFICATE_LABELS[l] },
    { title: t.certNumber, dataIndex: 'number', key: 'number', render: (v: string) => orDash(v) },
    { title: t.obtainedOn, dataIndex: 'obtainedOn', key: 'obtainedOn', width: 110 },
    ...removeColumn<Certificate>((c) => t.confirmRemoveCert(CERTIFICATE_LABELS[c.level]), (id) => removeCert.mutateAsync(id)),
  ];
  const trainingColumns: TableProps<Training>['columns'] = [
    { title: t.trainingDate, dataIndex: 'date', key: 'date', width: 110 },
    { title: t.hours, dataIndex: 'hours', key: 'hours', width: 70, align: 'right' },
    { title: t.provider, dataIndex: 'provider', key: 'provider', render: (v: string) => orDash(v) },
    { title: t.topic, dataIndex: 'topic', key: 'topic', render: (v: string) => orDash(v) },
    ...removeColumn<Training>((tr) => t.confirmRemoveTraining(tr.date), (id) => removeTraining.mutateAsync(id)),
  ];

  const addButton = (kind: 'certificate' | 'training', label: string) =>
    canWrite ? (
      <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => onAdd(kind)}>
        {label}
      </Button>
    ) : null;

  return (
    <Card title={t.qualificationTitle} size="small" data-testid="worker-qualification">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          {
            key: 'qualifiedBy',
            label: t.qualifiedBy,
            children: worker.qualifiedBy ? QUALIFIED_BY_LABELS[worker.qualifiedBy] : <QualificationTag qualifiedBy={null} />,
          },
          {
            key: 'hours',
            label: t.trainingHours,
            children: t.trainingHoursValue(worker.trainingHoursFiveYears, TRAINING_HOURS_REQUIRED),
          },
        ]}
      />
      <Flex justify="space-between" align="center" style={{ margin: '12px 0 8px' }}>
        <Typography.Text strong>{t.certificates}</Typography.Text>
        {addButton('certificate', t.addCertificate)}
      </Flex>
      {worker.certificates.length === 0 ? (
        <Typography.Text type="secondary">{t.noCertificates}</Typography.Text>
      ) : (
        <Table<Certificate>
          rowKey="id"
          size="small"
          columns={certColumns}
          dataSource={worker.certificates}
          pagination={false}
          scroll={{ x: 480 }}
        />
      )}
      <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
        <Typography.Text strong>{t.trainings}</Typography.Text>
        {addButton('training', t.addTraining)}
      </Flex>
      {worker.trainings.length === 0 ? (
        <Typography.Text type="secondary">{t.noTrainings}</Typography.Text>
      ) : (
        <Table<Training>
          rowKey="id"
          size="small"
          columns={trainingColumns}
          dataSource={worker.trainings}
          pagination={worker.trainings.length > 10 ? { pageSize: 10, size: 'small' } : false}
          scroll={{ x: 560 }}
        />
      )}
    </Card>
  );
}

export default function WorkerPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/social-workers'));
  const { data: worker, view, refetch } = pageData(useWorker(id), t.notFound);
  const canOpenOrgs = usePermission('org:read');
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  if (view) return view;
  const current = worker.currentPosting;

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={`驻站社工 ${worker.name}`}
        title={
          <Space size={8} wrap>
            <span data-testid="worker-name">{worker.name}</span>
            <QualificationTag qualifiedBy={worker.qualifiedBy} />
            {current ? <Tag color="processing">{`${tp.current}：${current.stationName}`}</Tag> : null}
          </Space>
        }
        extra={
          <>
            <PermissionGate permission="posting:write">
              {current ? (
                <Button danger icon={<LogoutOutlined aria-hidden />} onClick={() => setDialog('end')}>
                  {tp.end}
                </Button>
              ) : (
                <Button type="primary" icon={<UserSwitchOutlined aria-hidden />} onClick={() => setDialog('posting')}>
                  {tp.create}
                </Button>
              )}
            </PermissionGate>
            <PermissionGate permission="worker:write">
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
                {t.edit}
              </Button>
            </PermissionGate>
            {current && !worker.account ? (
              <PermissionGate permission="worker:write">
                <Button icon={<UserAddOutlined aria-hidden />} onClick={() => setDialog('account')}>
                  {m.staffing.account.create}
                </Button>
              </PermissionGate>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t.findings} size="small" data-testid="worker-findings">
          {worker.findings.length === 0 ? (
            <Typography.Text type="success">{t.noFindings}</Typography.Text>
          ) : (
            <FindingList findings={worker.findings} showPeople={false} />
          )}
        </Card>
        <Card title={t.detailTitle} size="small">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
            items={profileItems(worker, canOpenOrgs)}
            styles={{ label: { whiteSpace: 'nowrap' } }}
          />
        </Card>
        <QualificationCard worker={worker} onAdd={setDialog} />
        <PostingsCard worker={worker} />
      </Flex>
      {dialog === 'edit' ? <EditWorkerDrawer worker={worker} onClose={close} onConflict={refetch} /> : null}
      {dialog === 'posting' ? <PostingModal worker={worker} onClose={close} /> : null}
      {dialog === 'end' && current ? <EndPostingModal worker={worker} posting={current} onClose={close} /> : null}
      {dialog === 'account' ? <AccountModal worker={worker} onClose={close} /> : null}
      {dialog === 'certificate' ? <AddCertificateModal workerId={worker.id} onClose={close} /> : null}
      {dialog === 'training' ? <AddTrainingModal workerId={worker.id} onClose={close} /> : null}
    </>
  );
}
