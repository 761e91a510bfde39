import { App, Form, Input, Modal, Select } from 'antd';
import type { ClientDetail } from '../../../shared/contracts/clients';
import { CLIENT_STATUSES, CLIENT_STATUS_LABELS, type ClientStatus } from '../../../shared/rules/clients';
import { m } from '../../i18n';
import { useChangeClientStatus } from './clients.api';
import { useActionError } from './useActionError';

const t = m.daily.clients;

interface StatusValues {
  status: ClientStatus;
  reason: string;
}

/** 在册 / 暂停 / 注销 with a reason; 注销 is asked twice. */
export function ClientStatusModal({ client, onClose, onConflict }: { client: ClientDetail; onClose: () => void; onConflict: () => unknown }) {
  const [form] = Form.useForm<StatusValues>();
  const change = useChangeClientStatus(client.id);
  const { handle } = useActionError();
  const { message, modal } = App.useApp();

  const send = (v: StatusValues) =>
    change.mutateAsync({ version: client.version, status: v.status, reason: v.reason.trim() }).then(
      () => {
        message.success(t.statusChanged);
        onClose();
      },
      (e: unknown) => handle(e, { form, onConflict }),
    );

  const onFinish = (v: StatusValues) => {
    if (v.status !== 'closed') return void send(v);
    modal.confirm({
      title: t.confirmCloseTitle,
      content: t.confirmCloseContent,
      okText: m.common.confirm,
      okButtonProps: { danger: true },
      cancelText: m.common.cancel,
      onOk: () => send(v),
    });
  };

  return (
    <Modal
      open
      title={t.changeStatusTitle}
      okText={m.common.confirm}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form<StatusValues> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
        <Form.Item label={t.newStatus} name="status" rules={[{ required: true, message: t.newStatusRequired }]}>
          <Select
            options={CLIENT_STATUSES.filter((s) => s !== client.status).map((s) => ({ value: s, label: CLIENT_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item label={t.reason} name="reason" rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
