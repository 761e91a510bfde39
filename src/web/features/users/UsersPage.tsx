import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Input, Row, Select, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { USER_STATUSES, type User } from '../../../shared/contracts/users';
import { ROLES, ROLE_LABELS, SCOPE_KIND_LABELS, type Role } from '../../../shared/permissions';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { PermissionGate, usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { UserActions } from './UserActions';
import { isLocked, type UserDialog } from './userDialogs';
import { useUsers, type UserListQuery } from './users.api';
import { serverPagination } from '../../lib/paging';

type UserStatus = (typeof USER_STATUSES)[number];
const FILTER_KEYS = ['q', 'role', 'status', 'page', 'pageSize'] as const;

const isRole = (v: string | undefined): v is Role => (ROLES as readonly string[]).includes(v ?? '');
const isStatus = (v: string | undefined): v is UserStatus => (USER_STATUSES as readonly string[]).includes(v ?? '');

/** "区市：环翠区"; the administrators' "无业务数据" needs no prefix. */
function scopeText(scope: User['scope']): string {
  return scope.kind === 'none' ? SCOPE_KIND_LABELS.none : `${SCOPE_KIND_LABELS[scope.kind]}：${scope.label}`;
}

export default function UsersPage() {
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const [dialog, setDialog] = useState<UserDialog>(null);
  const [keyword, setKeyword] = useState(url.q ?? '');
  useEffect(() => setKeyword(url.q ?? ''), [url.q]);
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
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
      {dialog?.kind === 'create' ? <UserFormModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <UserFormModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'reset' ? <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
