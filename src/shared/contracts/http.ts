import { z } from 'zod';
import type { FieldIssue } from '../errors';
import type { RoutePermission } from '../permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint: the server registers it and the web client calls it from the same object,
 * so paths, permissions and shapes cannot drift. `response` absent means a file download.
 */
export interface RouteContract {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  permission?: RoutePermission;
  public?: true;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
}

export function route<const C extends RouteContract>(c: C): C {
  return c;
}

export type ParamsOf<C extends RouteContract> = C['params'] extends z.ZodType ? z.input<C['params']> : undefined;
export type QueryOf<C extends RouteContract> = C['query'] extends z.ZodType ? z.input<C['query']> : undefined;
export type BodyOf<C extends RouteContract> = C['body'] extends z.ZodType ? z.input<C['body']> : undefined;
export type ResponseOf<C extends RouteContract> = C['response'] extends z.ZodType ? z.output<C['response']> : Blob;

/** A numeric id or uuid in the path. */
export const idParams = z.strictObject({ id: z.uuid() });

export const okResponse = z.object({ ok: z.literal(true) });

/** Paging for every list: 1-based page, bounded page size. */
export const pagingQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** True when `total` is the count cap (server COUNT_CAP), not the exact number: show "1,000+" and offer 下一页. */
    totalCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** YYYY-MM-DD, a real calendar date. */
export const calendarDate = z.iso.date({ error: '请输入有效日期（YYYY-MM-DD）' });

/**
 * C0 control characters other than tab and line breaks. Never meaningful in text a person
 * typed, and PostgreSQL refuses NUL outright; the server refuses them in every request.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
export const CONTROL_CHARS_MESSAGE = '不能包含控制字符（如 NUL）';
// eslint-disable-next-line no-control-regex
const WITHOUT_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F]*$/;

/** Every string (or object key) of a parsed request that holds a control character, by field path. */
export function controlCharIssues(value: unknown, path = ''): FieldIssue[] {
  if (typeof value === 'string') return CONTROL_CHARS.test(value) ? [{ path, message: CONTROL_CHARS_MESSAGE }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharIssues(v, path ? `${path}.${i}` : String(i)));
  if (value === null || typeof value !== 'object') return [];
  // Parsed JSON and query strings (whose objects may have a bare prototype); never a stream or bytes.
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const at = path ? `${path}.${k}` : k;
    return CONTROL_CHARS.test(k) ? [{ path: at.replace(new RegExp(CONTROL_CHARS.source, 'g'), '?'), message: CONTROL_CHARS_MESSAGE }] : controlCharIssues(v, at);
  });
}

/** Optional free text: trimmed, bounded, empty when absent. */
export const optionalText = (max: number) =>
  z.string().trim().max(max, { error: `不超过 ${max} 字` }).regex(WITHOUT_CONTROL_CHARS, { error: CONTROL_CHARS_MESSAGE }).default('');

export const nonEmpty = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不超过 ${max} 字` })
    .regex(WITHOUT_CONTROL_CHARS, { error: `${label}${CONTROL_CHARS_MESSAGE}` });

export const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, { error: '请输入有效的手机号或固定电话' });
