import { App, Button, Drawer, Flex, Form, type FormInstance } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { isApiError } from '../lib/api';
import { useReportError } from '../lib/errors';
import { useIsMobile } from '../lib/useIsMobile';
import { m } from '../i18n';

/**
 * An edit drawer: title, the form, and a footer with 取消 and 保存 (busy while saving). Closing
 * with unsaved changes asks first. When `reload` names a newer version (someone saved first and
 * the page re-read it), the form shows their values.
 */
export function DrawerForm<V extends object>(props: {
  title: ReactNode;
  form: FormInstance<V>;
  initialValues: Partial<V>;
  onFinish: (values: V) => void;
  pending: boolean;
  onClose: () => void;
  children: ReactNode;
  /** Above the form (a note about fixed or masked fields, a rule the last save broke). */
  intro?: ReactNode;
  /** Below the form. */
  after?: ReactNode;
  /** Names the drawer's body for the journeys. */
  testId?: string;
  reload?: { version: number; values: Partial<V> };
  width?: number;
  okText?: string;
}) {
  const { form, reload } = props;
  const isMobile = useIsMobile();
  const { modal } = App.useApp();
  const shownVersion = useRef(reload?.version);
  useEffect(() => {
    if (!reload || shownVersion.current === reload.version) return;
    shownVersion.current = reload.version;
    form.setFieldsValue(reload.values as Parameters<typeof form.setFieldsValue>[0]);
  }, [reload, form]);

  const close = () => {
    if (props.pending || !form.isFieldsTouched()) {
      props.onClose();
      return;
    }
    modal.confirm({
      title: m.common.discardTitle,
      content: m.common.discardContent,
      okText: m.common.discard,
      cancelText: m.common.keepEditing,
      onOk: props.onClose,
    });
  };

  return (
    <Drawer
      title={props.title}
      open
      onClose={close}
      size={isMobile ? '100%' : (props.width ?? 640)}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={close}>{m.common.cancel}</Button>
          <Button type="primary" loading={props.pending} onClick={() => form.submit()}>
            {props.okText ?? m.common.save}
          </Button>
        </Flex>
      }
    >
      <div data-testid={props.testId}>
        {props.intro}
        <Form<V> form={form} layout="vertical" initialValues={props.initialValues} onFinish={props.onFinish} disabled={props.pending} scrollToFirstError>
          {props.children}
        </Form>
        {props.after}
      </div>
    </Drawer>
  );
}

/**
 * What a drawer's save does with the answer: on success a message and close; on 409 the other
 * person's version is re-read; the API's `details.fields` go onto the form's fields.
 */
export function useDrawerSave(form: FormInstance, opts: { saved: string; onClose: () => void; onConflict?: () => Promise<unknown> }) {
  const report = useReportError();
  const { message } = App.useApp();
  return {
    onSuccess: () => {
      message.success(opts.saved);
      opts.onClose();
    },
    onError: (e: unknown) => {
      // A new record has no version to conflict with: only an edit passes onConflict.
      if (opts.onConflict && isApiError(e, 'VERSION_CONFLICT')) {
        message.warning(m.common.versionConflict, 6);
        void opts.onConflict();
        return;
      }
      report(e, form);
    },
  };
}
