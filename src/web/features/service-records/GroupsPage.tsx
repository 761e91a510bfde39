import { App, Form, Input, Modal, Radio, Select, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { CreateButton } from '../../components/CreateButton';
import { m } from '../../i18n';
import { useOwnStation, useStationOptions } from '../clients/clients.api';
import { useActionError } from '../clients/useActionError';
import { PhaseTag } from './recordLabels';
import { useCreateGroup, useGroups, type GroupListItem, type GroupListQuery } from './groups.api';
import { ApplicationField } from '../applications/ApplicationField';

const t = m.daily.groups;
const KINDS = ['group', 'community'] as const;
type Kind = (typeof KINDS)[number];
const FILTER_KEYS = ['kind'] as const;
const kindOptions = KINDS.map((k) => ({ value: k, label: t.kinds[k] }));

function CreateGroupModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ kind: Kind; name: string; goals?: string; stationId?: string; applicationId?: string }>();
  const pickedStation = Form.useWatch<string | undefined>('stationId', form);
  const create = useCreateGroup();
  const own = useOwnStation();
  const stations = useStationOptions(!own.isStationWorker);
  const { handle } = useActionError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Modal
      open
      title={t.createTitle}
      okText={m.common.save}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'group' }}
        disabled={create.isPending}
        onFinish={(v) =>
          create.mutate(
            { kind: v.kind, name: v.name.trim(), goals: v.goals?.trim() ?? '', stationId: own.isStationWorker ? null : (v.stationId ?? null), applicationId: v.applicationId ?? null },
            {
              onSuccess: (g) => {
                message.success(t.created);
                onClose();
                void navigate(`/groups/${g.id}`);
              },
              onError: (e) => handle(e, { form }),
            },
          )
        }
      >
        <Form.Item label={t.kind} name="kind">
          <Radio.Group optionType="button" buttonStyle="solid" options={kindOptions} />
        </Form.Item>
        {!own.isStationWorker ? (
          <Form.Item label={m.daily.clients.station} name="stationId" rules={[{ required: true, message: m.daily.clients.stationRequired }]}>
            <Select<string>
              showSearch={{ optionFilterProp: 'label' }}
              loading={stations.isPending}
              options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t.goals} name="goals">
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        {/* A group under a department's application: one in force for the station today (R-PLATFORM-APPLY). */}
        <ApplicationField stationId={pickedStation} date={undefined} ownStation={own.isStationWorker} />
      </Form>
    </Modal>
  );
}

/** 小组与社区活动: the station's groups (MZ/T 095) and community activities. */
export default function GroupsPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const [creating, setCreating] = useState(false);
  const kind = oneOf(KINDS, url.kind);
  const query: GroupListQuery = useMemo(() => ({ kind, page, pageSize }), [kind, page, pageSize]);
  const result = useGroups(query);

  const columns: TableProps<GroupListItem>['columns'] = [
    { title: t.name, dataIndex: 'name', key: 'name', render: (n: string, g) => <Link to={`/groups/${g.id}`}>{n}</Link> },
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 110, render: (k: Kind) => t.kinds[k] },
    { title: t.phase, key: 'phase', width: 100, render: (_, g) => (g.kind === 'group' ? <PhaseTag g={g} /> : '—') },
    { title: t.sessions, key: 'sessions', width: 110, render: (_, g) => t.sessionsCount(g.sessionCount) },
    { title: m.daily.clients.station, dataIndex: 'stationName', key: 'station', width: 240 },
  ];

  return (
    <>
      <ListPage<GroupListItem>
        title={t.listTitle}
        extra={
          <CreateButton permission="client:write" label={t.create} onClick={() => setCreating(true)} />
        }
        list={list}
        filters={[{ type: 'select', key: 'kind', label: t.kind, options: kindOptions, span: { xs: 12, md: 6 } }]}
        result={result}
        columns={columns}
        empty={t.empty}
        cardsTestId="group-cards"
        card={(g) => (
          <ListCard
            title={<Link to={`/groups/${g.id}`}>{g.name}</Link>}
            tag={g.kind === 'group' ? <PhaseTag g={g} /> : null}
            meta={`${t.kinds[g.kind]} · ${t.sessionsCount(g.sessionCount)}`}
          />
        )}
      />
      {creating ? <CreateGroupModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
