import { ArrowLeftOutlined, PlusOutlined, StepForwardOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Modal, Space, Steps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { GROUP_PHASES, GROUP_PHASE_LABELS } from '../../../shared/rules/case-work';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useActionError } from '../clients/useActionError';
import { ClientPicker } from './ClientPicker';
import { useAddSession, useGroup, useSetPhase, type Group } from './groups.api';
import { PhaseTag } from './recordLabels';
import { VolunteerFields } from './VolunteerFields';

const t = m.daily.groups;

interface SessionValues {
  date: Dayjs;
  topic: string;
  clientIds: string[];
  volunteers: { name: string; hours?: number }[];
  outcome?: string;
}

function SessionModal({ group, onClose }: { group: Group; onClose: () => void }) {
  const [form] = Form.useForm<SessionValues>();
  const add = useAddSession(group.id);
  const { handle } = useActionError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const onFinish = (v: SessionValues) =>
    add.mutate(
      {
        date: v.date.format('YYYY-MM-DD'),
        topic: v.topic.trim(),
        clientIds: v.clientIds ?? [],
        volunteers: (v.volunteers ?? []).map((x) => ({ name: x.name.trim(), hours: x.hours ?? 0 })),
        outcome: v.outcome?.trim() ?? '',
      },
      {
        onSuccess: () => {
          message.success(t.sessionAdded);
          onClose();
        },
        onError: (e) => handle(e, { form }),
      },
    );
  return (
    <Modal
      open
      title={t.sessionTitle}
      okText={m.common.save}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<SessionValues> form={form} layout="vertical" onFinish={onFinish} disabled={add.isPending} initialValues={{ date: dayjs(), clientIds: [], volunteers: [] }}>
        <Form.Item label={t.sessionDate} name="date" rules={[{ required: true, message: t.sessionDateRequired }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label={t.topic} name="topic" rules={[{ required: true, whitespace: true, message: t.topicRequired }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t.attendance} name="clientIds">
          <ClientPicker aria-label={t.attendance} />
        </Form.Item>
        <Form.Item label={m.daily.records.volunteers}>
          <VolunteerFields size="middle" />
        </Form.Item>
        <Form.Item label={t.outcome} name="outcome">
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NextPhaseButton({ group, onConflict }: { group: Group; onConflict: () => unknown }) {
  const set = useSetPhase(group.id);
  const { handle } = useActionError();
  const { message, modal } = App.useApp();
  const next = GROUP_PHASES[GROUP_PHASES.indexOf(group.phase) + 1];
  if (!next) return null;
  const label = GROUP_PHASE_LABELS[next];
  return (
    <Button
      icon={<StepForwardOutlined aria-hidden />}
      loading={set.isPending}
      onClick={() =>
        modal.confirm({
          title: t.confirmPhaseTitle(label),
          content: t.confirmPhaseContent,
          okText: m.common.confirm,
          cancelText: m.common.cancel,
          onOk: () =>
            set
              .mutateAsync({ version: group.version, phase: next })
              .then(() => message.success(t.phaseChanged), (e: unknown) => handle(e, { onConflict })),
        })
      }
    >
      {t.nextPhase(label)}
    </Button>
  );
}

/** One group or community activity: its phase, goals and the sessions held. */
export default function GroupPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { data: group, view, refetch } = pageData(useGroup(id), t.notFound);
  const [adding, setAdding] = useState(false);

  if (view) return view;
  const open = group.phase !== 'closed';
  const sessions = [...group.sessions].sort((a, b) => b.date.localeCompare(a.date));

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate('/groups')} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={group.name}
        title={
          <Space size={8} wrap>
            <span data-testid="group-name">{group.name}</span>
            <Tag>{t.kinds[group.kind]}</Tag>
            {group.kind === 'group' ? <PhaseTag g={group} /> : null}
          </Space>
        }
        extra={
          open ? (
            <PermissionGate permission="client:write">
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
                {t.addSession}
              </Button>
              {group.kind === 'group' ? <NextPhaseButton group={group} onConflict={refetch} /> : null}
            </PermissionGate>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {group.kind === 'group' ? (
          <Card size="small" data-testid="group-phases">
            <Steps
              size="small"
              responsive={false}
              titlePlacement={isMobile ? 'vertical' : 'horizontal'}
              current={GROUP_PHASES.indexOf(group.phase)}
              status={open ? 'process' : 'finish'}
              items={GROUP_PHASES.map((p) => ({ key: p, title: GROUP_PHASE_LABELS[p] }))}
            />
          </Card>
        ) : null}
        <Card size="small" title={t.goals}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{group.goals || '—'}</Typography.Paragraph>
          <Typography.Text type="secondary">{group.stationName}</Typography.Text>
        </Card>
        <Card size="small" title={`${t.sessions}（${group.sessions.length}）`} data-testid="group-sessions">
          {sessions.length === 0 ? (
            <Empty description={t.noSessions} />
          ) : (
            <Flex vertical gap={8}>
              {sessions.map((s) => (
                <Card key={s.id} size="small" data-testid="group-session">
                  <Typography.Text strong>
                    {s.date} · {s.topic}
                  </Typography.Text>
                  <div style={{ marginTop: 4 }} data-testid="session-attendees">
                    <Typography.Text type="secondary">{t.attendees}：</Typography.Text>
                    {s.clients.length === 0 ? (
                      <Typography.Text type="secondary">{t.noAttendees}</Typography.Text>
                    ) : (
                      s.clients.map((c, i) => (
                        <span key={c.id}>
                          {i > 0 ? '、' : ''}
                          <Link to={`/clients/${c.id}`}>{c.name}</Link>
                        </span>
                      ))
                    )}
                  </div>
                  {s.volunteers.length > 0 ? (
                    <div style={{ marginTop: 4 }} data-testid="session-volunteers">
                      <Typography.Text type="secondary">{t.volunteersList}：</Typography.Text>
                      {s.volunteers.map((v) => `${v.name}（${m.daily.common.hours(v.hours)}）`).join('、')}
                    </div>
                  ) : null}
                  {s.outcome ? <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{t.outcome}：{s.outcome}</div> : null}
                </Card>
              ))}
            </Flex>
          )}
        </Card>
      </Flex>
      {adding ? <SessionModal group={group} onClose={() => setAdding(false)} /> : null}
    </>
  );
}
