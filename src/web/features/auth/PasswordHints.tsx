import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { passwordProblems } from '../../../shared/rules/password-policy';
import { m } from '../../i18n';

/**
 * The default policy (等保: ≥ 8 characters, 3 of 4 classes). The city may tighten it; the
 * server checks the policy in force and its word is final, so these hints only help typing.
 */
export const DEFAULT_PASSWORD_POLICY = { minLength: 8, minClasses: 3 };

/** Live hints while a new password is typed. */
export function PasswordHints({ password, username }: { password: string; username?: string }) {
  if (!password) return null;
  const problems = passwordProblems(password, DEFAULT_PASSWORD_POLICY, username);
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
