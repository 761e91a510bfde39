import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { AppLayout } from '../../app/AppLayout';
import { landingPath } from '../../app/navigation';
import { PageHeader } from '../../components/PageHeader';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useCurrentUser } from '../../lib/permissions';
import { m } from '../../i18n';
import { useAcknowledgeResetNotice, useChangePassword, useLogout } from './auth.api';
import { AuthShell } from './AuthShell';
import { PasswordHints } from './PasswordHints';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

function ChangePasswordForm() {
  const me = useCurrentUser();
  const [form] = Form.useForm<PasswordValues>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const change = useChangePassword();
  const report = useReportError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const acknowledge = useAcknowledgeResetNotice();

  const onFinish = ({ currentPassword, newPassword: next }: PasswordValues) => {
    change.mutate(
      { currentPassword, newPassword: next },
      {
        onSuccess: (updated) => {
          message.success(m.auth.changed);
          form.resetFields();
          // The reset notice was on this page while the new password was chosen: seen.
          if (updated.passwordReset) acknowledge.mutate();
          void navigate(landingPath(updated.permissions), { replace: true });
        },
        onError: (e) => report(e, form),
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending} requiredMark={false}>
      {/* A hidden username helps password managers attach the new password to the right account. */}
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      <Form.Item
        label={m.auth.currentPassword}
        name="currentPassword"
        rules={[{ required: true, message: m.auth.currentRequired }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item label={m.auth.newPassword} name="newPassword" rules={[{ required: true, message: m.auth.newRequired }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <PasswordHints password={newPassword} username={me.username} />
      <Form.Item
        label={m.auth.confirmPassword}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: m.auth.confirmRequired },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(m.auth.confirmMismatch)),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending}>
        {m.auth.submitChange}
      </Button>
    </Form>
  );
}

/** The forced page has no menu, so it offers the way out itself. */
function LogoutLink() {
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Button
      type="link"
      block
      style={{ marginTop: 8 }}
      loading={logout.isPending}
      onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
    >
      {m.nav.logout}
    </Button>
  );
}

/** Who reset the password and when: the person sees an administrator's reset. */
export function ResetNotice() {
  const me = useCurrentUser();
  if (!me.passwordReset) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="reset-notice"
      title={m.auth.resetNotice(formatDateTime(me.passwordReset.at), me.passwordReset.by)}
      description={m.auth.resetNoticeHint}
      style={{ marginBottom: 16 }}
    />
  );
}

/** Forced at first login (bare page, no menu); otherwise a normal page inside the layout. */
export default function ChangePasswordPage() {
  const me = useCurrentUser();
  if (me.mustChangePassword)
    return (
      // Outside the signed-in frame: the form's messages need Ant Design's App here.
      <App>
        <AuthShell title={m.auth.forcedChangeTitle}>
          <ResetNotice />
          <Alert type="warning" showIcon title={m.auth.forcedChangeHint} style={{ marginBottom: 16 }} />
          <ChangePasswordForm />
          <LogoutLink />
        </AuthShell>
      </App>
    );
  return (
    <AppLayout>
      <PageHeader title={m.auth.changeTitle} />
      <Card style={{ maxWidth: 480 }}>
        <ChangePasswordForm />
      </Card>
    </AppLayout>
  );
}
