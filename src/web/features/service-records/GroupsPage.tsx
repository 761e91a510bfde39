import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Form, Input, Modal, Pagination, Radio, Row, Select, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { useOwnStation, useStationOptions } from '../clients/clients.api';
import { useActionError } from '../clients/useActionError';
import { PhaseTag } from './recordLabels';
import { useCreateGroup, useGroups, type Group, type GroupListQuery } from './groups.api';

const t = m.daily.groups;
const KINDS = ['group', 'community'] as const;
type Kind = (typeof KINDS)[number];
const FILTER_KEYS = ['kind', 'page', 'pageSize'] as const;

function CreateGroupModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ kind: Kind; name: string; goals?: string; stationId?: string }>();
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
            { kind: v.kind, name: v.name.trim(), goals: v.goals?.trim() ?? '', stationId: own.isStationWorker ? null : (v.stationId ?? null) },
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
          <Radio.Group optionType="button" buttonStyle="solid" options={KINDS.map((k) => ({ value: k, label: t.kinds[k] }))} />
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
      </Form>
    </Modal>
  );
}

/** 小组与社区活动: the station's groups (MZ/T 095) and community activities. */
export default function GroupsPage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const isMobile = useIsMobile();
  const [creating, setCreating] = useState(false);
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const kind = (KINDS as readonly string[]).includes(url.kind ?? '') ? (url.kind as Kind) : undefined;
  const query: GroupListQuery = useMemo(() => ({ kind, page, pageSize }), [kind, page, pageSize]);
  const { data, isPending, isFetching, error, refetch } = useGroups(query);

  const columns: TableProps<Group>['columns'] = [
    { title: t.name, dataIndex: 'name', key: 'name', render: (n: string, g) => <Link to={`/groups/${g.id}`}>{n}</Link> },
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 110, render: (k: Kind) => t.kinds[k] },
    { title: t.phase, key: 'phase', width: 100, render: (_, g) => (g.kind === 'group' ? <PhaseTag g={g} /> : '—') },
    { title: t.sessions, key: 'sessions', width: 110, render: (_, g) => t.sessionsCount(g.sessions.length) },
    { title: m.daily.clients.station, dataIndex: 'stationName', key: 'station', width: 240 },
  ];

  return (
    <>
      <PageHeader
        title={t.listTitle}
        extra={
          <PermissionGate permission="client:write">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          </PermissionGate>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Select<Kind>
            aria-label={t.kind}
            placeholder={t.kind}
            allowClear
            style={{ width: '100%' }}
            options={KINDS.map((k) => ({ value: k, label: t.kinds[k] }))}
            value={kind}
            onChange={(v) => setUrl({ kind: v, page: undefined })}
          />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        !isPending && (data?.items.length ?? 0) === 0 ? (
          <Empty description={t.empty} />
        ) : (
          <Flex vertical gap={12} data-testid="group-cards">
            {(data?.items ?? []).map((g) => (
              <Card key={g.id} size="small">
                <Flex justify="space-between" gap={8}>
                  <Link to={`/groups/${g.id}`} style={{ fontWeight: 600, fontSize: 16 }}>
                    {g.name}
                  </Link>
                  {g.kind === 'group' ? <PhaseTag g={g} /> : null}
                </Flex>
                <Typography.Text type="secondary">
                  {t.kinds[g.kind]} · {t.sessionsCount(g.sessions.length)}
                </Typography.Text>
              </Card>
            ))}
            <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(p) => setUrl({ page: p })} />
          </Flex>
        )
      ) : (
        <Table<Group>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => m.common.total(n) }}
        />
      )}
      {creating ? <CreateGroupModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
