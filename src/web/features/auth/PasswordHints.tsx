import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { passwordProblems } from '../../../shared/rules/password-policy';
import { m } from '../../i18n';
import { useCurrentUser } from '../../lib/permissions';

/**
 * Live hints while a new password is typed, from the policy in force (sent with /me). The
 * server checks it again and its word is final.
 */
export function PasswordHints({ password, username }: { password: string; username?: string }) {
  const { passwordPolicy } = useCurrentUser();
  if (!password) return null;
  const problems = passwordProblems(password, passwordPolicy, username);
  return (
    <div aria-live="polite" data-testid="password-hints" style={{ marginTop: -8, marginBottom: 16 }}>
      {problems.length === 0 ? (
        <Typography.Text type="success">
          <CheckCircleOutlined aria-hidden /> {m.auth.passwordOk}
        </Typography.Text>
      ) : (
        problems.map((p) => (
          <div key={p}>
            <Typography.Text type="danger">
              <CloseCircleOutlined aria-hidden /> {p}
            </Typography.Text>
          </div>
        ))
      )}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {m.auth.passwordServerNote}
        </Typography.Text>
      </div>
    </div>
  );
}
