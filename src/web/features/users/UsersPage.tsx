import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Dropdown, Empty, Input, Row, Select, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { USER_STATUSES, type User } from '../../../shared/contracts/users';
import { ROLES, ROLE_LABELS, SCOPE_KIND_LABELS, type Role } from '../../../shared/permissions';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { PermissionGate, usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { useSetUserStatus, useUnlockUser, useUsers, type UserListQuery } from './users.api';

type UserStatus = (typeof USER_STATUSES)[number];
const FILTER_KEYS = ['q', 'role', 'status', 'page', 'pageSize'] as const;

const isRole = (v: string | undefined): v is Role => (ROLES as readonly string[]).includes(v ?? '');
const isStatus = (v: string | undefined): v is UserStatus => (USER_STATUSES as readonly string[]).includes(v ?? '');
const isLocked = (u: User) => Boolean(u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()));

/** "区市：环翠区"; the administrators' "无业务数据" needs no prefix. */
function scopeText(scope: User['scope']): string {
  return scope.kind === 'none' ? SCOPE_KIND_LABELS.none : `${SCOPE_KIND_LABELS[scope.kind]}：${scope.label}`;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

function UserActions({ user, onDialog }: { user: User; onDialog: (d: Dialog) => void }) {
  const { modal, message } = App.useApp();
  const setStatus = useSetUserStatus();
  const unlock = useUnlockUser();
  const report = useReportError();
  const disabling = user.status === 'active';

  const confirmStatus = () =>
    modal.confirm({
      title: disabling ? m.users.confirmDisable(user.displayName) : m.users.confirmEnable(user.displayName),
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      okButtonProps: { danger: disabling },
      onOk: () =>
        setStatus
          .mutateAsync({ id: user.id, status: disabling ? 'disabled' : 'active' })
          .then(() => message.success(m.users.statusDone), report),
    });
  const confirmUnlock = () =>
    modal.confirm({
      title: m.users.confirmUnlock(user.displayName),
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      onOk: () => unlock.mutateAsync(user.id).then(() => message.success(m.users.unlocked), report),
    });

  const items = [
    { key: 'reset', label: m.users.resetPassword },
    { key: 'status', label: disabling ? m.users.disable : m.users.enable, danger: disabling },
    ...(isLocked(user) ? [{ key: 'unlock', label: m.users.unlock }] : []),
  ];
  return (
    <Space size={4}>
      <Button size="small" onClick={() => onDialog({ kind: 'edit', user })} data-testid={`user-edit-${user.username}`}>
        {m.users.edit}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'reset') onDialog({ kind: 'reset', user });
            if (key === 'status') confirmStatus();
            if (key === 'unlock') confirmUnlock();
          },
        }}
      >
        <Button size="small" aria-label={`${m.users.more}：${user.username}`} data-testid={`user-more-${user.username}`}>
          {m.users.more} <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
    </Space>
  );
}

export default function UsersPage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [keyword, setKeyword] = useState(url.q ?? '');
  const canManage = usePermission('user:manage');
  const isMobile = useIsMobile();
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const role = isRole(url.role) ? url.role : undefined;
  const status = isStatus(url.status) ? url.status : undefined;
  const query: UserListQuery = useMemo(() => ({ q: url.q, role, status, page, pageSize }), [url.q, role, status, page, pageSize]);
  const { data, isPending, isFetching, error, refetch } = useUsers(query);

  const columns: TableProps<User>['columns'] = [
    { title: m.users.username, dataIndex: 'username', key: 'username', width: 140 },
    { title: m.users.displayName, dataIndex: 'displayName', key: 'displayName', width: 120 },
    {
      title: m.users.roles,
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>),
    },
    {
      title: m.users.scope,
      key: 'scope',
      width: 240,
      render: (_, u) => scopeText(u.scope),
    },
    {
      title: m.users.status,
      key: 'status',
      width: 150,
      render: (_, u) => (
        <Space size={4} wrap>
          <Tag color={u.status === 'active' ? 'success' : 'default'}>{m.users.statuses[u.status]}</Tag>
          {isLocked(u) ? (
            <Tooltip title={formatDateTime(u.lockedUntil)}>
              <Tag color="error">{m.users.locked}</Tag>
            </Tooltip>
          ) : null}
          {u.mustChangePassword ? <Tag color="warning">{m.users.mustChange}</Tag> : null}
        </Space>
      ),
    },
    {
      title: m.users.lastLoginAt,
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 170,
      render: (at: string | null) => (at ? formatDateTime(at) : m.users.never),
    },
    ...(canManage
      ? [
          {
            title: m.common.actions,
            key: 'actions',
            width: 170,
            // Pinned on a desktop; on a phone a pinned column would leave no room for the rest.
            fixed: isMobile ? undefined : ('end' as const),
            render: (_: unknown, u: User) => <UserActions user={u} onDialog={setDialog} />,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={m.users.title}
        extra={
          <PermissionGate permission="user:manage">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
              {m.users.create}
            </Button>
          </PermissionGate>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={10}>
          <Input.Search
            aria-label={m.users.keyword}
            placeholder={m.users.keyword}
            allowClear
            enterButton={m.common.search}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => setUrl({ q: v.trim(), page: undefined })}
          />
        </Col>
        <Col xs={12} md={7}>
          <Select<Role>
            aria-label={m.users.role}
            placeholder={m.users.role}
            allowClear
            style={{ width: '100%' }}
            value={role}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            onChange={(v) => setUrl({ role: v, page: undefined })}
          />
        </Col>
        <Col xs={12} md={7}>
          <Select<UserStatus>
            aria-label={m.users.status}
            placeholder={m.users.status}
            allowClear
            style={{ width: '100%' }}
            value={status}
            options={USER_STATUSES.map((s) => ({ value: s, label: m.users.statuses[s] }))}
            onChange={(v) => setUrl({ status: v, page: undefined })}
          />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={m.users.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => m.common.total(n),
          }}
        />
      )}
      {dialog?.kind === 'create' ? <UserFormModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <UserFormModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'reset' ? <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
