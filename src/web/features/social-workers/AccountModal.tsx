import { Alert, App, Form, Input, Modal } from 'antd';
import type { WorkerDetail } from '../../../shared/contracts/social-workers';
import { useReportError } from '../../lib/errors';
import { m } from '../../i18n';
import { PasswordHints } from '../auth/PasswordHints';
import { useCreateAccount } from './social-workers.api';

const t = m.staffing.account;

interface AccountValues {
  username: string;
  initialPassword: string;
}

/** 开通账号: a 驻站社工 account scoped to the worker's station; the first login forces a new password. */
export function AccountModal({ worker, onClose }: { worker: WorkerDetail; onClose: () => void }) {
  const [form] = Form.useForm<AccountValues>();
  const username = Form.useWatch('username', form);
  const password = Form.useWatch('initialPassword', form) ?? '';
  const create = useCreateAccount(worker.id);
  const report = useReportError();
  const { message } = App.useApp();

  const onFinish = (v: AccountValues) =>
    create.mutate(
      { username: v.username.trim(), initialPassword: v.initialPassword },
      {
        onSuccess: () => {
          message.success(t.created);
          onClose();
        },
        onError: (e) => report(e, form),
      },
    );

  return (
    <Modal
      open
      title={`${t.title}：${worker.name}`}
      okText={t.create}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t.hint} />
      <Form<AccountValues> form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending}>
        <Form.Item label={t.username} name="username" rules={[{ required: true, whitespace: true, message: t.usernameRequired }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t.initialPassword} name="initialPassword" rules={[{ required: true, message: t.initialPasswordRequired }]}>
          <Input.Password maxLength={256} autoComplete="new-password" />
        </Form.Item>
        <PasswordHints password={password} username={username} />
      </Form>
    </Modal>
  );
}
