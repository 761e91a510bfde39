import { App, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../lib/api';
import { useReportError } from '../lib/errors';
import { m } from '../i18n';

/** antd's validateFields rejects with the invalid fields, which the form already shows. */
const invalidForm = (e: unknown) => Boolean(e && typeof e === 'object' && 'errorFields' in e);

/**
 * A draft edited on its page and then submitted (a plan, a report): 保存 checks the form and saves;
 * 报送 is refused with `blocked` while something is missing, otherwise confirmed, saving unsaved
 * changes first. Someone else's newer version is re-read.
 */
export function useDraftFlow<V>(
  form: FormInstance<V>,
  opts: {
    version: number;
    dirty: boolean;
    save: (values: V) => Promise<{ version: number }>;
    submit: (version: number) => Promise<unknown>;
    refetch: () => unknown;
    /** Why it cannot be submitted yet, if it cannot. */
    blocked: string | null;
    texts: { saved: string; submitted: string; submitTitle: string; submit: string };
    confirmContent: ReactNode;
  },
) {
  const report = useReportError();
  const { message, modal } = App.useApp();
  const failed = (e: unknown) => {
    if (invalidForm(e)) return;
    if (isApiError(e, 'VERSION_CONFLICT')) {
      message.warning(m.common.versionConflict, 6);
      void opts.refetch();
      return;
    }
    report(e, form);
  };
  const save = async () => opts.save(await form.validateFields());

  const onSave = () =>
    save()
      .then(() => message.success(opts.texts.saved))
      .catch(failed);

  const onSubmit = () => {
    if (opts.blocked) {
      message.error(opts.blocked);
      return;
    }
    modal.confirm({
      title: opts.texts.submitTitle,
      content: opts.confirmContent,
      okText: opts.texts.submit,
      cancelText: m.common.cancel,
      onOk: async () => {
        try {
          const version = opts.dirty ? (await save()).version : opts.version;
          await opts.submit(version);
          message.success(opts.texts.submitted);
        } catch (e) {
          failed(e);
        }
      },
    });
  };
  return { onSave, onSubmit };
}
