import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form } from 'antd';
// The form's two fields only: `Input` from 'antd' brings Search, OTP and TextArea along.
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { lazy, Suspense, useState, type ComponentProps } from 'react';
import type { Me, SecondFactorChallenge } from '../../../shared/contracts/auth';
import { Link, Navigate, useLocation } from 'react-router';
import { errorText, markFieldErrors } from '../../lib/error-text';
import { takeSessionExpired, useMe } from '../../lib/session';
import { m } from '../../i18n';
import { useLogin } from './auth.api';
import { AuthShell } from './AuthShell';
import { PageLoading } from '../../components/PageStates';

// Shown only after a failed attempt or an expired session: not in the login page's first download.
const LazyAlert = lazy(() => import('antd/es/alert'));
function Alert(props: ComponentProps<typeof LazyAlert>) {
  return (
    <Suspense fallback={null}>
      <LazyAlert {...props} />
    </Suspense>
  );
}
// Only the administrators (and everyone when the policy says so) reach it: not in the login page's first download.
const SecondFactorStep = lazy(() => import('./SecondFactorStep').then((x) => ({ default: x.SecondFactorStep })));
// Where a user lands comes from the menu (and its icons), which the signed-in frame loads anyway.
const ToLanding = lazy(() =>
  import('../../app/navigation').then((nav) => ({
    default: ({ me }: { me: Me }) => <Navigate to={nav.landingPath(me.permissions)} replace />,
  })),
);

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login, never an absolute URL. */
function safeFrom(state: unknown): string | null {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : null;
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const { data: me } = useMe();
  const login = useLogin();
  const location = useLocation();
  const [expired] = useState(takeSessionExpired);
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);

  // Signed in (just now, or already): one place decides where to go.
  if (me) {
    const target = me.mustChangePassword ? '/change-password' : safeFrom(location.state);
    if (target) return <Navigate to={target} replace />;
    return (
      <Suspense fallback={<PageLoading />}>
        <ToLanding me={me} />
      </Suspense>
    );
  }

  if (challenge)
    return (
      <AuthShell title={challenge.secondFactor === 'enrol' ? m.auth.enrolTitle : m.auth.totpTitle}>
        <Suspense fallback={<PageLoading />}>
          <SecondFactorStep
            challenge={challenge}
            onRestart={() => {
              setChallenge(null);
              login.reset();
            }}
          />
        </Suspense>
      </AuthShell>
    );

  const onFinish = (values: LoginValues) => {
    login.mutate(values, {
      onSuccess: (result) => {
        if ('pendingToken' in result) setChallenge(result);
      },
      onError: (e) => {
        markFieldErrors(e, form);
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <AuthShell title={m.auth.loginTitle}>
      {expired && !login.error ? (
        <Alert type="info" showIcon title={m.common.sessionExpired} style={{ marginBottom: 16 }} />
      ) : null}
      {login.error ? (
        <Alert type="error" showIcon title={errorText(login.error)} role="alert" style={{ marginBottom: 16 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
        <Form.Item label={m.auth.username} name="username" rules={[{ required: true, message: m.auth.usernameRequired }]}>
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item label={m.auth.password} name="password" rules={[{ required: true, message: m.auth.passwordRequired }]}>
          <Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {m.auth.login}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/public">{m.auth.publicSiteLink}</Link>
      </div>
    </AuthShell>
  );
}
