import { Alert, Tag, type TableProps } from 'antd';
import type { ResponseOf } from '../../../shared/contracts/http';
import type { listRoles } from '../../../shared/contracts/users';
import { PERMISSION_LABELS } from '../../../shared/permission-labels';
import { SCOPE_KIND_LABELS, type Permission, type ScopeKind } from '../../../shared/permissions';
import { ListCard, ListPage, useListState } from '../../components/ListPage';
import { m } from '../../i18n';
import { useRoles } from './roles.api';

type RoleRow = ResponseOf<typeof listRoles>[number];

const permissionTags = (ps: Permission[]) => ps.map((p) => <Tag key={p} style={{ marginBlock: 2 }}>{PERMISSION_LABELS[p]}</Tag>);
const scopeTags = (ks: ScopeKind[]) => ks.map((k) => <Tag key={k} color="blue">{SCOPE_KIND_LABELS[k]}</Tag>);
const adminTag = (r: RoleRow) => (r.admin ? <Tag color="purple">{m.roles.admin}</Tag> : null);

const columns: NonNullable<TableProps<RoleRow>['columns']> = [
  {
    title: m.roles.role,
    dataIndex: 'label',
    key: 'label',
    width: 170,
    render: (label: string, r) => (
      <>
        {label} {adminTag(r)}
      </>
    ),
  },
  {
    title: m.roles.permissions,
    dataIndex: 'permissions',
    key: 'permissions',
    render: permissionTags,
  },
  {
    title: m.roles.scopeKinds,
    dataIndex: 'scopeKinds',
    key: 'scopeKinds',
    width: 200,
    render: scopeTags,
  },
];

/** Read-only: roles are presets defined in code, shown so administrators know what they assign. */
export default function RolesPage() {
  const list = useListState([]);
  const roles = useRoles();
  const { data } = roles;
  return (
    <ListPage<RoleRow>
      title={m.roles.title}
      header={<Alert type="info" showIcon title={m.roles.adminNote} style={{ marginTop: 16 }} />}
      list={list}
      result={{ ...roles, data: data && { items: data, total: data.length } }}
      unpaged
      rowKey="role"
      columns={columns}
      scrollX={720}
      empty={m.common.empty}
      cardsTestId="role-cards"
      card={(r) => (
        <ListCard title={r.label} tag={adminTag(r)} meta={scopeTags(r.scopeKinds)}>
          {permissionTags(r.permissions)}
        </ListCard>
      )}
    />
  );
}
