import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Divider, Flex, Form, Input, InputNumber, Row, Select, Space, Tag, Typography, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { VolunteerTeam } from '../../../shared/contracts/volunteers';
import { TEAM_KINDS, TEAM_KIND_LABELS, TEAM_STAGES, TEAM_STAGE_LABELS, type TeamKind, type TeamStage } from '../../../shared/rules/volunteers';
import { DrawerForm } from '../../components/DrawerForm';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { PermissionGate, useCurrentUser, usePermission } from '../../lib/permissions';
import { zhCNVolunteers as t } from '../../i18n/zh-CN.volunteers';
import { useActionError } from '../clients/useActionError';
import { StationSelect } from '../reports/fields';
import { useCreateTeam, useTeams, useUpdateTeam } from './volunteers.api';

const FILTER_KEYS = ['kind', 'stage'] as const;
const kindOptions = TEAM_KINDS.map((k) => ({ value: k, label: TEAM_KIND_LABELS[k] }));
const stageOptions = TEAM_STAGES.map((s) => ({ value: s, label: TEAM_STAGE_LABELS[s] }));
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const d = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const dj = (v: string | null) => (v ? dayjs(v) : null);

interface Values {
  stationId?: string;
  kind: TeamKind;
  name: string;
  stage: TeamStage;
  incubatedOn: Dayjs;
  cultivatedOn?: Dayjs | null;
  registeredOn?: Dayjs | null;
  filedOn?: Dayjs | null;
  registrationNo?: string;
  otherMembers?: number;
  activities?: string;
  support?: { date: Dayjs; kind: string; description: string }[];
}

const STAGE_DATES: { stage: TeamStage; name: 'incubatedOn' | 'cultivatedOn' | 'registeredOn' | 'filedOn'; label: string }[] = [
  { stage: 'incubating', name: 'incubatedOn', label: t.incubatedOn },
  { stage: 'cultivating', name: 'cultivatedOn', label: t.cultivatedOn },
  { stage: 'registered', name: 'registeredOn', label: t.registeredOn },
  { stage: 'filed', name: 'filedOn', label: t.filedOn },
];

function TeamDrawer({ team, onClose }: { team: VolunteerTeam | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const me = useCurrentUser();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const { handle } = useActionError();
  const stage = Form.useWatch('stage', form) ?? team?.stage ?? 'incubating';
  const reached = TEAM_STAGES.indexOf(stage);
  const onFinish = (v: Values) => {
    const fields = {
      kind: v.kind, name: v.name.trim(), registrationNo: v.registrationNo?.trim() ?? '', otherMembers: v.otherMembers ?? 0,
      activities: v.activities?.trim() ?? '', leadWorkerId: team?.leadWorkerId ?? null,
      support: (v.support ?? []).map((s) => ({ date: s.date.format('YYYY-MM-DD'), kind: s.kind.trim(), description: s.description.trim() })),
    };
    const done = { onSuccess: onClose, onError: (e: unknown) => handle(e, { form }) };
    if (team)
      update.mutate(
        {
          id: team.id,
          body: { ...fields, version: team.version, stage: v.stage, cultivatedOn: d(v.cultivatedOn), registeredOn: d(v.registeredOn), filedOn: d(v.filedOn) },
        },
        done,
      );
    else create.mutate({ ...fields, stationId: v.stationId ?? null, incubatedOn: v.incubatedOn.format('YYYY-MM-DD') }, done);
  };
  return (
    <DrawerForm<Values>
      title={team ? t.teamEditTitle : t.teamCreateTitle}
      form={form}
      width={600}
      testId="volunteer-team-form"
      pending={create.isPending || update.isPending}
      onClose={onClose}
      onFinish={onFinish}
      initialValues={
        team
          ? {
              ...team, incubatedOn: dayjs(team.incubatedOn), cultivatedOn: dj(team.cultivatedOn), registeredOn: dj(team.registeredOn),
              filedOn: dj(team.filedOn), support: team.support.map((s) => ({ ...s, date: dayjs(s.date) })),
            }
          : { kind: 'volunteer_team', stage: 'incubating', incubatedOn: dayjs(), otherMembers: 0, support: [] }
      }
    >
      {!team && !me.scope.stationId ? (
        <Form.Item label={t.station} name="stationId" rules={[{ required: true, message: t.stationRequired }]}>
          <StationSelect />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} sm={9}>
          <Form.Item label={t.kind} name="kind" rules={[{ required: true }]}>
            <Select<TeamKind> options={kindOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={15}>
          <Form.Item label={t.teamName} name="name" rules={[{ required: true, whitespace: true, message: t.required(t.teamName) }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      {team ? (
        <Form.Item label={t.stage} name="stage" extra={t.stageHint}>
          <Select<TeamStage> options={stageOptions.filter((o) => TEAM_STAGES.indexOf(o.value) >= TEAM_STAGES.indexOf(team.stage))} />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        {STAGE_DATES.filter((s, i) => (team ? i <= reached : i === 0)).map((s) => (
          <Col xs={12} sm={6} key={s.name}>
            <Form.Item label={s.label} name={s.name} rules={[{ required: true, message: t.required(s.label) }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly disabled={!!team && s.name === 'incubatedOn'} disabledDate={notFuture} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          <Form.Item label={t.registrationNo} name="registrationNo">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item label={t.otherMembers} name="otherMembers">
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.activities} name="activities">
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Divider titlePlacement="start" plain>{t.support}</Divider>
      <Form.List name="support">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} align="start" wrap>
                <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: t.required(t.supportDate) }]} style={{ flex: '1 1 120px' }}>
                  <DatePicker inputReadOnly placeholder={t.supportDate} disabledDate={notFuture} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name={[f.name, 'kind']} rules={[{ required: true, whitespace: true, message: t.required(t.supportKind) }]} style={{ flex: '1 1 90px' }}>
                  <Input maxLength={20} placeholder={t.supportKind} />
                </Form.Item>
                <Form.Item name={[f.name, 'description']} rules={[{ required: true, whitespace: true, message: t.required(t.supportDescription) }]} style={{ flex: '2 1 160px' }}>
                  <Input maxLength={200} placeholder={t.supportDescription} />
                </Form.Item>
                <Button icon={<DeleteOutlined aria-hidden />} aria-label="删除" onClick={() => remove(f.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ date: dayjs(), kind: '', description: '' })}>
              {t.supportAdd}
            </Button>
          </>
        )}
      </Form.List>
    </DrawerForm>
  );
}

const StageTag = ({ stage }: { stage: TeamStage }) => (
  <Tag color={stage === 'filed' || stage === 'registered' ? 'success' : 'processing'}>{TEAM_STAGE_LABELS[stage]}</Tag>
);

/** 志愿服务队与社区社会组织 the stations cultivate (二（一）5): stage with dates, members, support. */
export default function TeamsPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const canWrite = usePermission('volunteer:write');
  const [editing, setEditing] = useState<VolunteerTeam | 'new' | null>(null);
  const kind = oneOf(TEAM_KINDS, url.kind);
  const stage = oneOf(TEAM_STAGES, url.stage);
  const query = useMemo(() => ({ kind, stage, page, pageSize }), [kind, stage, page, pageSize]);
  const result = useTeams(query);
  const editButton = (x: VolunteerTeam) => (
    <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(x)} aria-label={`${t.edit}：${x.name}`}>
      {t.edit}
    </Button>
  );
  const columns: TableProps<VolunteerTeam>['columns'] = [
    { title: t.teamName, dataIndex: 'name', key: 'name', width: 200, fixed: 'start' },
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 120, render: (k: TeamKind) => TEAM_KIND_LABELS[k] },
    { title: t.stage, dataIndex: 'stage', key: 'stage', width: 90, render: (s: TeamStage) => <StageTag stage={s} /> },
    { title: t.incubatedOn, dataIndex: 'incubatedOn', key: 'incubatedOn', width: 110 },
    { title: t.station, dataIndex: 'stationName', key: 'station', width: 240, ellipsis: true },
    { title: t.members, key: 'members', width: 110, render: (_, x) => `${x.members}${x.otherMembers ? ` + ${x.otherMembers}` : ''}` },
    { title: t.hours, dataIndex: 'totalHours', key: 'hours', width: 100 },
    { title: t.support, key: 'support', width: 90, render: (_, x) => x.support.length },
    ...(canWrite ? [{ title: '', key: 'actions', width: 90, render: (_: unknown, x: VolunteerTeam) => editButton(x) }] : []),
  ];
  return (
    <>
      <ListPage<VolunteerTeam>
        title={t.teamsTitle}
        extra={
          <PermissionGate permission="volunteer:write">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t.teamCreate}</Button>
          </PermissionGate>
        }
        list={list}
        filters={[
          { type: 'select', key: 'kind', label: t.kind, options: kindOptions, span: { xs: 12, md: 6 } },
          { type: 'select', key: 'stage', label: t.stage, options: stageOptions, span: { xs: 12, md: 6 } },
        ]}
        result={result}
        columns={columns}
        scrollX={1150}
        empty={t.teamsEmpty}
        cardsTestId="volunteer-team-cards"
        card={(x) => (
          <ListCard title={x.name} tag={<StageTag stage={x.stage} />} meta={`${TEAM_KIND_LABELS[x.kind]} · ${t.members} ${x.members} · ${t.hoursUnit(x.totalHours)}`}>
            <Typography.Text type="secondary">{x.stationName}</Typography.Text>
            {canWrite ? <Space style={{ display: 'flex', marginTop: 8 }}>{editButton(x)}</Space> : null}
          </ListCard>
        )}
      />
      {editing ? <TeamDrawer team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
