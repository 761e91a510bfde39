import type { FormInstance } from 'antd';
import type { RuleRef } from '../../shared/errors';
import { clauseText } from '../../shared/rules/clause-text';
import { m } from '../i18n';
import { ApiError, isApiError } from './api';

// Apart from useReportError (errors.ts): the login page and the page states need these without
// Ant Design's App, whose message, notification and modal load with the signed-in frame.

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
