import { App, Form, Input, Modal, Typography } from 'antd';
import type { User } from '../../../shared/contracts/users';
import { useReportError } from '../../lib/errors';
import { m } from '../../i18n';
import { PasswordHints } from '../auth/PasswordHints';
import { useResetPassword } from './users.api';

/** The dialog is the confirmation: the administrator types the new password and confirms. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [form] = Form.useForm<{ newPassword: string }>();
  const password = Form.useWatch('newPassword', form) ?? '';
  const reset = useResetPassword();
  const report = useReportError();
  const { message } = App.useApp();

  return (
    <Modal
      open
      title={m.users.resetTitle(user.displayName)}
      okText={m.users.resetPassword}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{m.users.resetHint}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        disabled={reset.isPending}
        onFinish={({ newPassword }) =>
          reset.mutate(
            { id: user.id, newPassword },
            {
              onSuccess: () => {
                message.success(m.users.resetDone);
                onClose();
              },
              onError: (e) => report(e, form),
            },
          )
        }
      >
        <Form.Item label={m.users.newPassword} name="newPassword" rules={[{ required: true, message: m.auth.newRequired }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordHints password={password} username={user.username} />
      </Form>
    </Modal>
  );
}
