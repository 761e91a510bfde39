import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import type { RuleRef } from '../../../shared/errors';
import { isApiError } from '../../lib/api';
import { fieldName, useReportError } from '../../lib/errors';
import { m } from '../../i18n';

export interface ActionErrorOptions {
  form?: FormInstance;
  /** Re-reads the record after someone else saved first. */
  onConflict?: () => unknown;
  /** The form's name for a server field path, when the form holds it differently. */
  mapPath?: (path: string) => string;
}

/**
 * How a failed write is shown on the daily-work screens:
 * - someone saved first (VERSION_CONFLICT): say so and re-read;
 * - a rule was broken (RULE_VIOLATION): kept for an inline RuleAlert, and notified;
 * - field errors of any code (400, or 409 for a duplicate ID number): onto the form;
 * - anything else: the shared report.
 */
export function useActionError() {
  const report = useReportError();
  const { message } = App.useApp();
  const [rule, setRule] = useState<{ rule: RuleRef; message: string } | null>(null);

  const handle = useCallback(
    (e: unknown, opts: ActionErrorOptions = {}) => {
      if (isApiError(e, 'VERSION_CONFLICT')) {
        message.warning(m.common.versionConflict, 6);
        void opts.onConflict?.();
        return;
      }
      if (isApiError(e) && e.rule) setRule({ rule: e.rule, message: e.message });
      if (isApiError(e) && e.fields.length > 0 && opts.form) {
        const map = opts.mapPath ?? ((p: string) => p);
        opts.form.setFields(e.fields.map((f) => ({ name: fieldName(map(f.path)), errors: [f.message] })));
        const lines = e.fields.map((f) => f.message).slice(0, 3).join('；');
        message.error(e.code === 'VALIDATION_FAILED' ? `${m.common.checkFields}：${lines}` : e.message);
        return;
      }
      report(e, opts.form);
    },
    [message, report],
  );

  const clearRule = useCallback(() => setRule(null), []);
  return { handle, rule, clearRule };
}
