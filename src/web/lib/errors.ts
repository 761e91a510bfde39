import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { m } from '../i18n';
import { isApiError } from './api';
import { errorText, markFieldErrors, ruleText } from './error-text';

export { errorText, fieldName, markFieldErrors, ruleText } from './error-text';

/**
 * Reports a failed action: field errors go onto the form, the rest into a message.
 * A 401 is handled globally (back to login), so it is not repeated here.
 */
export function useReportError() {
  const { message, notification } = App.useApp();
  return useCallback(
    (e: unknown, form?: FormInstance) => {
      if (isApiError(e, 'UNAUTHENTICATED')) return;
      if (markFieldErrors(e, form) && isApiError(e)) {
        const lines = e.fields.map((f) => f.message).slice(0, 3).join('；');
        message.error(`${m.common.checkFields}：${lines}`);
        return;
      }
      if (isApiError(e, 'RULE_VIOLATION') && e.rule) {
        // The rule is always named; the server's message may already cite it.
        notification.error({
          title: e.message,
          description: e.message.includes(e.rule.id) ? undefined : ruleText(e.rule),
          duration: 8,
        });
        return;
      }
      message.error(errorText(e));
    },
    [message, notification],
  );
}
