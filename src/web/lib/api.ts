import type { BodyOf, ParamsOf, QueryOf, ResponseOf, RouteContract } from '../../shared/contracts/http';
import type { ErrorBody, ErrorCode, FieldIssue, RuleRef } from '../../shared/errors';
import { m } from '../i18n';

type ErrorDetails = NonNullable<ErrorBody['error']['details']>;

/** A refused or failed request, carrying the server's error code and (Chinese) message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get fields(): FieldIssue[] {
    return this.details.fields ?? [];
  }

  get rule(): RuleRef | undefined {
    return this.details.rule;
  }
}

export function isApiError(e: unknown, code?: ApiError['code']): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

// The CSRF token lives only in memory (never in browser storage): it comes with login and /me.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the CSRF token is stale; returns a fresh one, or null. */
let csrfRefresher: (() => Promise<string | null>) | null = null;
export function onCsrfRefresh(refresh: () => Promise<string | null>): void {
  csrfRefresher = refresh;
}

type Key<K extends string, T> = [T] extends [undefined] ? { [P in K]?: undefined } : { [P in K]: T };
type QueryKey<T> = [T] extends [undefined] ? { query?: undefined } : { query?: T };

export type CallInput<C extends RouteContract> = Key<'params', ParamsOf<C>> & QueryKey<QueryOf<C>> & Key<'body', BodyOf<C>>;

/** The input is optional only when the contract needs neither params nor body. */
type CallArgs<C extends RouteContract> = [ParamsOf<C>, BodyOf<C>] extends [undefined, undefined]
  ? [input?: CallInput<C>]
  : [input: CallInput<C>];

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** Builds the URL of a contract: `:name` path parameters substituted, empty query values dropped. */
export function apiUrl<C extends RouteContract>(
  contract: C,
  input: { params?: ParamsOf<C>; query?: QueryOf<C> } = {},
): string {
  const params = (input.params ?? {}) as Record<string, string>;
  const path = contract.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${contract.path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, QueryValue>)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * How a request goes out: fetch, or (for an upload whose page shows progress) an XMLHttpRequest
 * wrapped to answer with a Response, since only XHR reports the bytes sent.
 */
export type Transport = (url: string, init: { method: string; headers: Record<string, string>; body?: BodyInit }) => Promise<Response>;

async function send<C extends RouteContract>(
  contract: C,
  input: CallInput<C>,
  retried: boolean,
  form?: FormData,
  // fetch sends the session cookie by default (credentials: same-origin).
  transport: Transport = fetch,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (contract.method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const hasBody = input.body !== undefined;
  // A multipart body sets its own Content-Type (with the boundary).
  if (hasBody) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await transport(apiUrl(contract, input), { method: contract.method, headers, body: form ?? (hasBody ? JSON.stringify(input.body) : undefined) });
  } catch {
    throw new ApiError(0, 'NETWORK', m.app.offline);
  }
  if (res.ok) return res;
  // A proxy's bare 502/504 on an upload should say the upload failed, not that a page failed to load.
  const error = await readError(res, form ? m.app.uploadFailed : m.app.loadFailed);
  // A stale token (e.g. after the session was renewed in another tab): refresh once and retry.
  if (error.code === 'CSRF_FAILED' && !retried && csrfRefresher) {
    const fresh = await csrfRefresher();
    if (fresh) {
      csrfToken = fresh;
      return send(contract, input, true, form, transport);
    }
  }
  throw error;
}

async function readError(res: Response, failed: string): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ErrorBody>;
    if (body.error) return new ApiError(res.status, body.error.code as ErrorCode, body.error.message, body.error.details);
  } catch {
    // Not JSON (a proxy's error page, say): fall through to a generic error.
  }
  return new ApiError(res.status, 'INTERNAL', `${failed}（${res.status}）`);
}

/** Calls one endpoint through its shared contract; the response type follows the contract. */
export async function api<C extends RouteContract>(contract: C, ...args: CallArgs<C>): Promise<ResponseOf<C>> {
  const input = (args[0] ?? {}) as CallInput<C>;
  const res = await send(contract, input, false);
  if (!contract.response) return (await res.blob()) as ResponseOf<C>;
  return (await res.json()) as ResponseOf<C>;
}

export type UploadInput<C extends RouteContract> = { params?: ParamsOf<C>; query?: QueryOf<C> };

/**
 * Sends one file as the multipart field `file` through its contract, with the same CSRF token,
 * stale-token retry and ApiError as api(). Answers with the contract's JSON; a contract that
 * answers with a file (an import report) has it saved under the server's name. `transport`: see
 * withProgress (features/social-workers/upload.ts) for a page that shows the bytes sent.
 */
export async function upload<C extends RouteContract>(
  contract: C,
  input: UploadInput<C>,
  file: File,
  transport?: Transport,
): Promise<ResponseOf<C>> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await send(contract, input as CallInput<C>, false, form, transport);
  return (contract.response ? await res.json() : await save(res)) as ResponseOf<C>;
}

/** Saves the answer as a file; resolves to its headers (an export's X-Export-Capped, say). */
export async function download<C extends RouteContract>(contract: C, input: CallInput<C>): Promise<Headers> {
  const res = await send(contract, input, false);
  await save(res);
  return res.headers;
}

/** Saves a file answer under the server's file name (Content-Disposition). */
async function save(res: Response): Promise<Blob> {
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition')) ?? 'download';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the blob is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob;
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}
