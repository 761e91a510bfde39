import { App, Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { RuleAlert } from '../features/clients/clientLabels';
import { useActionError, type ActionErrorOptions } from '../features/clients/useActionError';
import { m } from '../i18n';

/**
 * What a form's write does with the answer: on success a message, close, then what follows (open
 * the new record); a refusal keeps its rule for `alert`, field errors go onto the form, a version
 * conflict re-reads. `start` clears the last refusal before another try.
 */
export function useFormWrite(form: FormInstance, opts: { onClose: () => void } & Omit<ActionErrorOptions, 'form'>) {
  const { handle, rule, clearRule } = useActionError();
  const { message } = App.useApp();
  const done = <R,>(saved: string, then?: (r: R) => void) => ({
    onSuccess: (r: R) => {
      message.success(saved);
      opts.onClose();
      then?.(r);
    },
    onError: (e: unknown) => handle(e, { form, onConflict: opts.onConflict, mapPath: opts.mapPath }),
  });
  return { alert: <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />, start: clearRule, done };
}

/** A dialog of one short form: what is above it (a refusal), the form, 取消 and the action (busy while sending). */
export function FormModal<V extends object>(props: {
  title: ReactNode;
  okText?: string;
  danger?: boolean;
  okDisabled?: boolean;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  onFinish: (values: V) => void;
  pending: boolean;
  /** The form is read-only (nothing can be done yet). */
  disabled?: boolean;
  onClose: () => void;
  intro?: ReactNode;
  after?: ReactNode;
  /** Names the form for the journeys. */
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText ?? m.common.save}
      okButtonProps={props.danger || props.okDisabled ? { danger: props.danger, disabled: props.okDisabled } : undefined}
      cancelText={m.common.cancel}
      onOk={() => props.form.submit()}
      onCancel={props.onClose}
      confirmLoading={props.pending}
      destroyOnHidden
    >
      {props.intro}
      <Form<V>
        form={props.form}
        layout="vertical"
        disabled={props.pending || props.disabled}
        initialValues={props.initialValues}
        onFinish={props.onFinish}
        data-testid={props.testId}
      >
        {props.children}
      </Form>
      {props.after}
    </Modal>
  );
}
