import { Alert, Table, Tag, type TableProps } from 'antd';
import type { ResponseOf } from '../../../shared/contracts/http';
import type { listRoles } from '../../../shared/contracts/users';
import { PERMISSION_LABELS, SCOPE_KIND_LABELS, type Permission, type ScopeKind } from '../../../shared/permissions';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { m } from '../../i18n';
import { useRoles } from './roles.api';

type RoleRow = ResponseOf<typeof listRoles>[number];

const columns: TableProps<RoleRow>['columns'] = [
  {
    title: m.roles.role,
    dataIndex: 'label',
    key: 'label',
    width: 170,
    render: (label: string, r) => (
      <>
        {label} {r.admin ? <Tag color="purple">{m.roles.admin}</Tag> : null}
      </>
    ),
  },
  {
    title: m.roles.permissions,
    dataIndex: 'permissions',
    key: 'permissions',
    render: (ps: Permission[]) => ps.map((p) => <Tag key={p} style={{ marginBlock: 2 }}>{PERMISSION_LABELS[p]}</Tag>),
  },
  {
    title: m.roles.scopeKinds,
    dataIndex: 'scopeKinds',
    key: 'scopeKinds',
    width: 200,
    render: (ks: ScopeKind[]) => ks.map((k) => <Tag key={k} color="blue">{SCOPE_KIND_LABELS[k]}</Tag>),
  },
];

/** Read-only: roles are presets defined in code, shown so administrators know what they assign. */
export default function RolesPage() {
  const { data, isPending, error, refetch } = useRoles();
  return (
    <>
      <PageHeader title={m.roles.title} />
      <Alert type="info" showIcon title={m.roles.adminNote} style={{ marginBottom: 16 }} />
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<RoleRow>
          rowKey="role"
          size="middle"
          loading={isPending}
          columns={columns}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ x: 720 }}
        />
      )}
    </>
  );
}
