import { Space, Tag, Tooltip, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { USER_STATUSES, type User } from '../../../shared/contracts/users';
import { ROLES, ROLE_LABELS, SCOPE_KIND_LABELS, type Role } from '../../../shared/permissions';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { CreateButton } from '../../components/CreateButton';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { UserActions } from './UserActions';
import { isLocked, type UserDialog } from './userDialogs';
import { useUsers, type UserListQuery } from './users.api';

const FILTER_KEYS = ['q', 'role', 'status'] as const;

/** "区市：环翠区"; the administrators' "无业务数据" needs no prefix. */
function scopeText(scope: User['scope']): string {
  return scope.kind === 'none' ? SCOPE_KIND_LABELS.none : `${SCOPE_KIND_LABELS[scope.kind]}：${scope.label}`;
}

function StatusTags({ u }: { u: User }) {
  return (
    <Space size={4} wrap>
      <Tag color={u.status === 'active' ? 'success' : 'default'}>{m.users.statuses[u.status]}</Tag>
      {isLocked(u) ? (
        <Tooltip title={formatDateTime(u.lockedUntil)}>
          <Tag color="error">{m.users.locked}</Tag>
        </Tooltip>
      ) : null}
      {u.mustChangePassword ? <Tag color="warning">{m.users.mustChange}</Tag> : null}
    </Space>
  );
}

export default function UsersPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const [dialog, setDialog] = useState<UserDialog>(null);
  const canManage = usePermission('user:manage');
  const isMobile = useIsMobile();
  const role = oneOf(ROLES, url.role);
  const status = oneOf(USER_STATUSES, url.status);
  const query: UserListQuery = useMemo(() => ({ q: url.q, role, status, page, pageSize }), [url.q, role, status, page, pageSize]);
  const result = useUsers(query);

  const columns: TableProps<User>['columns'] = [
    { title: m.users.username, dataIndex: 'username', key: 'username', width: 140 },
    { title: m.users.displayName, dataIndex: 'displayName', key: 'displayName', width: 120 },
    {
      title: m.users.roles,
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>),
    },
    { title: m.users.scope, key: 'scope', width: 240, render: (_, u) => scopeText(u.scope) },
    { title: m.users.status, key: 'status', width: 150, render: (_, u) => <StatusTags u={u} /> },
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
            // Pinned on a desktop; on a small screen a pinned column would leave no room for the rest.
            fixed: isMobile ? undefined : ('end' as const),
            render: (_: unknown, u: User) => <UserActions user={u} onDialog={setDialog} />,
          },
        ]
      : []),
  ];

  return (
    <ListPage<User>
      title={m.users.title}
      extra={
        <CreateButton permission="user:manage" label={m.users.create} onClick={() => setDialog({ kind: 'create' })} />
      }
      filters={[
        { type: 'search', key: 'q', label: m.users.keyword, span: { xs: 24, md: 10 } },
        { type: 'select', key: 'role', label: m.users.role, span: { xs: 12, md: 7 }, options: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })) },
        {
          type: 'select',
          key: 'status',
          label: m.users.status,
          span: { xs: 12, md: 7 },
          options: USER_STATUSES.map((s) => ({ value: s, label: m.users.statuses[s] })),
        },
      ]}
      list={list}
      result={result}
      columns={columns}
      scrollX={1000}
      empty={m.users.empty}
      cardsTestId="user-cards"
      card={(u) => (
        <ListCard
          title={`${u.displayName}（${u.username}）`}
          tag={<StatusTags u={u} />}
          meta={`${u.roles.map((r) => ROLE_LABELS[r]).join('、')} · ${scopeText(u.scope)}`}
        >
          {m.users.lastLoginAt}：{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : m.users.never}
          {canManage ? (
            <div style={{ marginTop: 8 }}>
              <UserActions user={u} onDialog={setDialog} />
            </div>
          ) : null}
        </ListCard>
      )}
    >
      {dialog?.kind === 'create' ? <UserFormModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <UserFormModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'reset' ? <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </ListPage>
  );
}
