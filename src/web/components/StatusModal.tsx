import { App, Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { m } from '../i18n';
import { FormModal, useFormWrite } from './FormModal';

export interface StatusValues<S extends string> {
  status: S;
  reason: string;
}

/**
 * A record's status changed with a reason (a client, an organisation, a station): the new status
 * is one of the others, the change may be asked twice (`confirm`), and a version conflict re-reads.
 */
export function StatusModal<S extends string>(props: {
  statuses: readonly S[];
  labels: Record<S, string>;
  current: S;
  texts: {
    changeStatusTitle: string;
    newStatus: string;
    newStatusRequired: string;
    reason: string;
    reasonRequired: string;
    statusChanged: string;
  };
  reasonMax: number;
  send: (v: StatusValues<S>) => Promise<unknown>;
  pending: boolean;
  /** The second question before the change is sent; null sends at once. */
  confirm?: (status: S) => { title: string; content: string; danger: boolean } | null;
  /** A warning shown under the chosen status. */
  warning?: (status: S | undefined) => ReactNode;
  onClose: () => void;
  onConflict: () => unknown;
}) {
  const [form] = Form.useForm<StatusValues<S>>();
  const next = Form.useWatch('status', form);
  const { modal } = App.useApp();
  const { texts: t } = props;
  const write = useFormWrite(form, { onClose: props.onClose, onConflict: props.onConflict });
  const { onSuccess, onError } = write.done(t.statusChanged);

  const send = (v: StatusValues<S>) => props.send(v).then(onSuccess, onError);

  const onFinish = (v: StatusValues<S>) => {
    const ask = props.confirm?.(v.status);
    if (!ask) return void send(v);
    modal.confirm({
      title: ask.title,
      content: ask.content,
      okText: m.common.confirm,
      okButtonProps: ask.danger ? { danger: true } : undefined,
      cancelText: m.common.cancel,
      onOk: () => send(v),
    });
  };

  return (
    <FormModal<StatusValues<S>>
      title={t.changeStatusTitle}
      okText={m.common.confirm}
      form={form}
      pending={props.pending}
      onClose={props.onClose}
      onFinish={onFinish}
    >
      <Form.Item label={t.newStatus} name="status" rules={[{ required: true, message: t.newStatusRequired }]}>
        <Select options={props.statuses.filter((s) => s !== props.current).map((s) => ({ value: s, label: props.labels[s] }))} />
      </Form.Item>
      {props.warning?.(next)}
      <Form.Item label={t.reason} name="reason" rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}>
        <Input.TextArea maxLength={props.reasonMax} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}
