import { EditOutlined, FileWordOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { VolunteerCertificate, VolunteerRecord } from '../../../shared/contracts/volunteers';
import { RECORD_SOURCE_LABELS, VOLUNTEER_SKILL_LABELS, VOLUNTEER_STATUS_LABELS } from '../../../shared/rules/volunteers';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, PageLoading } from '../../components/PageStates';
import { RevealableValue } from '../../components/RevealableValue';
import { useReportError } from '../../lib/errors';
import { PermissionGate, usePermission } from '../../lib/permissions';
import { useCardLayout } from '../../components/ListPage';
import { zhCNVolunteers as t } from '../../i18n/zh-CN.volunteers';
import { IssueDrawer, RecordDrawer } from './RecordDrawers';
import { VolunteerDrawer } from './VolunteerDrawer';
import { revealVolunteer, useCertificates, usePrintCertificate, useVolunteer, useVolunteerRecords } from './volunteers.api';

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

function Reveal({ id, field, masked }: { id: string; field: 'idNumber' | 'phone'; masked: string }) {
  const canReveal = usePermission('volunteer:reveal');
  return (
    <RevealableValue
      masked={masked}
      canReveal={canReveal}
      reveal={() => revealVolunteer(id, field)}
      texts={{ what: field === 'idNumber' ? t.idNumber : t.phone, reveal: t.reveal, hide: t.hide, title: t.revealTitle, content: t.revealContent }}
      testId={`volunteer-${field}`}
    />
  );
}

function Records({ volunteerId }: { volunteerId: string }) {
  const [page, setPage] = useState(1);
  const cards = useCardLayout();
  const { data, isPending } = useVolunteerRecords({ volunteerId, page, pageSize: 10 });
  const items = data?.items ?? [];
  const when = (r: VolunteerRecord) => `${r.date} ${r.startTime}–${r.endTime}`;
  if (cards)
    return (
      <List<VolunteerRecord>
        loading={isPending}
        dataSource={items}
        locale={{ emptyText: t.recordsEmpty }}
        pagination={data && data.total > 10 ? { current: page, total: data.total, pageSize: 10, onChange: setPage, size: 'small' } : false}
        renderItem={(r) => (
          <List.Item>
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>{r.content}</Typography.Text>
              <div>{when(r)} · {t.hoursUnit(hours(r.minutes))}</div>
              <Typography.Text type="secondary">{RECORD_SOURCE_LABELS[r.source]} · {r.certifier}</Typography.Text>
            </div>
          </List.Item>
        )}
      />
    );
  return (
    <Table<VolunteerRecord>
      rowKey="id"
      size="small"
      loading={isPending}
      dataSource={items}
      locale={{ emptyText: t.recordsEmpty }}
      scroll={{ x: 900 }}
      pagination={{ current: page, total: data?.total ?? 0, pageSize: 10, onChange: setPage, hideOnSinglePage: true }}
      columns={[
        { title: t.date, key: 'when', width: 170, render: (_, r) => when(r) },
        { title: t.hours, key: 'hours', width: 90, render: (_, r) => hours(r.minutes) },
        { title: t.content, dataIndex: 'content', key: 'content' },
        { title: t.training, dataIndex: 'training', key: 'training', width: 140, render: (s: string) => s || '—' },
        { title: t.source, dataIndex: 'source', key: 'source', width: 150, render: (s: VolunteerRecord['source']) => RECORD_SOURCE_LABELS[s] },
        { title: t.certifier, dataIndex: 'certifier', key: 'certifier', width: 220, ellipsis: true },
      ]}
    />
  );
}

function Certificates({ volunteerId }: { volunteerId: string }) {
  const { data, isPending } = useCertificates({ volunteerId, pageSize: 50 });
  const report = useReportError();
  const print = usePrintCertificate();
  const canPrint = usePermission('volunteer:write');
  return (
    <List<VolunteerCertificate>
      loading={isPending}
      dataSource={data?.items ?? []}
      locale={{ emptyText: t.certificatesEmpty }}
      renderItem={(c) => (
        <List.Item
          actions={
            canPrint
              ? [
                  <Button key="print" size="small" icon={<PrinterOutlined aria-hidden />} onClick={() => print(c.id).catch((e: unknown) => report(e))}>
                    {c.prints > 0 ? t.reprint : t.print}
                  </Button>,
                ]
              : []
          }
        >
          <div style={{ minWidth: 0 }} data-testid="volunteer-certificate">
            <Typography.Text strong>{c.number}</Typography.Text>
            <div>
              {t.period}：{c.periodFrom}至{c.periodTo} · {t.hoursUnit(c.totalHours)}
            </div>
            <Typography.Text type="secondary">
              {t.issuedOn} {c.issuedOn} · {t.prints} {c.prints}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

/** 志愿者档案: basics (masked, audited reveal), service records and certificates. */
export default function VolunteerPage() {
  const { id = '' } = useParams();
  const { data: v, error, refetch } = useVolunteer(id);
  const [open, setOpen] = useState<'edit' | 'record' | 'issue' | null>(null);
  if (error && !v) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (!v) return <PageLoading />;
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {v.name}
            {v.minor ? <Tag color="orange">{t.minor}</Tag> : null}
            {v.status !== 'active' ? <Tag>{VOLUNTEER_STATUS_LABELS[v.status]}</Tag> : null}
          </Space>
        }
        docTitle={`${v.name} · ${t.detailTitle}`}
        extra={
          <PermissionGate permission="volunteer:write">
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setOpen('edit')}>{t.edit}</Button>
            <Button icon={<FileWordOutlined aria-hidden />} onClick={() => setOpen('issue')}>{t.issue}</Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen('record')}>{t.addRecord}</Button>
          </PermissionGate>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t.basics} size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t.idNumber}><Reveal id={v.id} field="idNumber" masked={v.idNumberMasked} /></Descriptions.Item>
            <Descriptions.Item label={t.phone}><Reveal id={v.id} field="phone" masked={v.phoneMasked} /></Descriptions.Item>
            <Descriptions.Item label={t.age}>{v.age}（{v.birthDate}）</Descriptions.Item>
            <Descriptions.Item label={t.station}>{v.stationName}</Descriptions.Item>
            <Descriptions.Item label={t.team}>{v.teamName || t.noTeam}</Descriptions.Item>
            <Descriptions.Item label={t.leadWorker}>{v.leadWorkerName || '—'}</Descriptions.Item>
            <Descriptions.Item label={t.skills}>{v.skills.map((s) => VOLUNTEER_SKILL_LABELS[s]).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t.availability}>{v.availability || '—'}</Descriptions.Item>
            <Descriptions.Item label={t.totalHours}><span data-testid="volunteer-total-hours">{v.totalHours}</span></Descriptions.Item>
            <Descriptions.Item label={t.consentOn}>{v.consentOn}（{v.consentScope}）</Descriptions.Item>
            {v.minor ? (
              <Descriptions.Item label={t.guardianSection}>
                {v.guardianName}（{v.guardianRelation}）{v.guardianConsentOn}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Card title={t.records} size="small">
          <Records volunteerId={v.id} />
        </Card>
        <Card title={t.certificates} size="small">
          <Certificates volunteerId={v.id} />
        </Card>
      </Flex>
      {open === 'edit' ? <VolunteerDrawer volunteer={v} onClose={() => setOpen(null)} /> : null}
      {open === 'record' ? <RecordDrawer volunteer={v} onClose={() => setOpen(null)} /> : null}
      {open === 'issue' ? <IssueDrawer volunteer={v} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
