import { App, Form, Input, Modal, Select } from 'antd';
import type { Role, ScopeKind } from '../../../shared/permissions';
import { ROLES, ROLE_LABELS, ROLE_SCOPE_KINDS, roleSetProblem, scopeKindsFor } from '../../../shared/permissions';
import type { User } from '../../../shared/contracts/users';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { PasswordHints } from '../auth/PasswordHints';
import { countyOfTown } from '../regions/regions.api';
import { ScopeFields, useInstallationScopes } from './ScopeFields';
import { useCreateUser, useUpdateUser } from './users.api';

interface UserValues {
  username: string;
  displayName: string;
  roles: Role[];
  scope: { kind?: ScopeKind; regionCode: string | null; orgId: string | null };
  scopeCounty?: string;
  initialPassword: string;
}

function valuesOf(user: User): Partial<UserValues> {
  const townLike = user.scope.kind === 'town' || user.scope.kind === 'station';
  return {
    displayName: user.displayName,
    roles: user.roles,
    scope: { kind: user.scope.kind, regionCode: user.scope.regionCode, orgId: user.scope.orgId },
    scopeCounty: townLike ? countyOfTown(user.scope.regionCode) : undefined,
  };
}

/** Only the part of the scope that its kind uses goes to the server. */
function scopeBody(scope: UserValues['scope'], kind: ScopeKind) {
  const regional = kind === 'province' || kind === 'city' || kind === 'county' || kind === 'town' || kind === 'station';
  return {
    kind,
    regionCode: regional ? scope.regionCode : null,
    orgId: kind === 'org' ? scope.orgId : null,
  };
}

/** Create (user undefined) or edit a user: name, roles (三员分立 checked live) and data scope. */
export function UserFormModal({ user, onClose }: { user?: User; onClose: () => void }) {
  const [form] = Form.useForm<UserValues>();
  const roles = Form.useWatch('roles', form) ?? [];
  const username = Form.useWatch('username', form);
  const password = Form.useWatch('initialPassword', form) ?? '';
  const create = useCreateUser();
  const update = useUpdateUser();
  const saving = create.isPending || update.isPending;
  const report = useReportError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { available, fixedRegion } = useInstallationScopes();
  // A role with no scope this installation has (省民政厅 under a city root) is not offered.
  const roleOptions = ROLES.filter((r) => ROLE_SCOPE_KINDS[r].some(available)).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

  // A kind the new role set no longer accepts is cleared; a single possible kind is chosen for the user.
  const onRolesChange = (next: Role[]) => {
    const kinds = scopeKindsFor(next).filter(available);
    const current = form.getFieldValue(['scope', 'kind']) as ScopeKind | undefined;
    if (current && kinds.includes(current)) return;
    const only = kinds.length === 1 ? kinds[0] : undefined;
    form.setFieldsValue({
      scope: { kind: only, regionCode: fixedRegion(only), orgId: null },
      scopeCounty: undefined,
    });
  };

  const onFinish = (v: UserValues) => {
    if (!v.scope.kind) return;
    const scope = scopeBody(v.scope, v.scope.kind);
    const done = (text: string) => () => {
      message.success(text);
      onClose();
    };
    const failed = (e: unknown) => {
      if (isApiError(e, 'VERSION_CONFLICT')) {
        message.warning(m.common.versionConflict, 6);
        onClose();
        return;
      }
      report(e, form);
    };
    if (user)
      update.mutate(
        { id: user.id, body: { version: user.version, displayName: v.displayName, roles: v.roles, scope } },
        { onSuccess: done(m.users.updated), onError: failed },
      );
    else
      create.mutate(
        { username: v.username, displayName: v.displayName, roles: v.roles, scope, initialPassword: v.initialPassword },
        { onSuccess: done(m.users.created), onError: failed },
      );
  };

  return (
    <Modal
      open
      title={user ? m.users.editTitle : m.users.createTitle}
      okText={m.common.save}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      width={isMobile ? '100%' : 640}
      style={isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
    >
      <Form<UserValues>
        form={form}
        layout="vertical"
        initialValues={user ? valuesOf(user) : { roles: [], scope: { regionCode: null, orgId: null } }}
        onFinish={onFinish}
        disabled={saving}
      >
        {user ? (
          <Form.Item label={m.users.username}>
            <Input value={user.username} disabled />
          </Form.Item>
        ) : (
          <Form.Item label={m.users.username} name="username" rules={[{ required: true, whitespace: true, message: m.auth.usernameRequired }]}>
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label={m.users.displayName} name="displayName" rules={[{ required: true, whitespace: true, message: m.profile.displayNameRequired }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label={m.users.roles}
          name="roles"
          rules={[
            {
              validator: (_, value: Role[] | undefined) => {
                const problem = roleSetProblem(value ?? []);
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            },
          ]}
        >
          <Select<Role[]> mode="multiple" options={roleOptions} onChange={onRolesChange} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <ScopeFields roles={roles} />
        {user ? null : (
          <>
            <Form.Item
              label={m.users.initialPassword}
              name="initialPassword"
              extra={m.users.initialPasswordHint}
              rules={[{ required: true, message: m.users.initialPasswordRequired }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <PasswordHints password={password} username={username} />
          </>
        )}
      </Form>
    </Modal>
  );
}
