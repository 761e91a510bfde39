import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import type { RuleRef } from '../../shared/errors';
import { clauseText } from '../../shared/rules/clause-text';
import { m } from '../i18n';
import { ApiError, isApiError } from './api';

export function ruleText(rule: RuleRef): string {
  return m.common.ruleViolation(rule.id, clauseText(rule.clause), rule.title);
}

/** One line for the user: the server's Chinese message, plus the rule or wait time when given. */
export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return m.app.loadFailed;
  if (e.rule && !e.message.includes(e.rule.id)) return `${e.message}　${ruleText(e.rule)}`;
  if (e.code === 'ACCOUNT_LOCKED' && e.details.retryAfterSeconds)
    return `${e.message}（${m.common.lockedRetry(Math.ceil(e.details.retryAfterSeconds / 60))}）`;
  return e.message;
}

/** `scope.regionCode` → ['scope', 'regionCode'], `roles.0` → ['roles', 0]: Ant Design name paths. */
export function fieldName(path: string): (string | number)[] {
  return path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/** Marks the server's field errors on the form; returns true when there were any. */
export function markFieldErrors(e: unknown, form: FormInstance | undefined): boolean {
  if (!form || !isApiError(e, 'VALIDATION_FAILED') || e.fields.length === 0) return false;
  form.setFields(e.fields.map((f) => ({ name: fieldName(f.path), errors: [f.message] })));
  return true;
}

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
