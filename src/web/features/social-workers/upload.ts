import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../shared/contracts/auth';
import type { ParamsOf, QueryOf, ResponseOf, RouteContract } from '../../../shared/contracts/http';
import type { ErrorBody, ErrorCode } from '../../../shared/errors';
import { ApiError, apiUrl } from '../../lib/api';
import { ME_KEY, fetchMe } from '../../lib/session';
import { m } from '../../i18n';

const t = m.staffing;

/** The server refuses larger files (platform/uploads.ts); refuse them here before sending. */
export const MAX_UPLOAD_MB = 10;

export interface UploadInput<C extends RouteContract> {
  params?: ParamsOf<C>;
  query?: QueryOf<C>;
}

/** Upload progress: the bytes sent, then the wait while the server reads the file. */
export type UploadProgress = { phase: 'sending'; percent: number } | { phase: 'processing'; percent: 100 };

export type OnProgress = (p: UploadProgress) => void;

/**
 * The multipart endpoints go through XMLHttpRequest rather than fetch, because only XHR reports
 * upload progress. Same rules as lib/api.ts: the CSRF token in X-CSRF-Token, a stale token
 * refreshed through /me once, errors as ApiError with the server's Chinese message.
 */
function send(url: string, file: File, token: string | undefined, asBlob: boolean, onProgress?: OnProgress) {
  return new Promise<XMLHttpRequest>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.responseType = asBlob ? 'blob' : 'text';
    xhr.setRequestHeader('Accept', asBlob ? '*/*' : 'application/json');
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.({ phase: 'sending', percent: Math.min(99, Math.floor((e.loaded / e.total) * 100)) });
    };
    xhr.upload.onload = () => onProgress?.({ phase: 'processing', percent: 100 });
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', m.app.offline));
    xhr.ontimeout = () => reject(new ApiError(0, 'NETWORK', m.app.offline));
    const body = new FormData();
    body.append('file', file, file.name);
    onProgress?.({ phase: 'sending', percent: 0 });
    xhr.send(body);
  });
}

async function bodyText(xhr: XMLHttpRequest): Promise<string> {
  if (xhr.responseType === 'blob') return xhr.response instanceof Blob ? xhr.response.text() : '';
  return xhr.responseText;
}

async function errorOf(xhr: XMLHttpRequest): Promise<ApiError> {
  try {
    const body = JSON.parse(await bodyText(xhr)) as Partial<ErrorBody>;
    if (body.error) return new ApiError(xhr.status, body.error.code as ErrorCode, body.error.message, body.error.details);
  } catch {
    // A proxy's error page (413 from nginx, say): fall through.
  }
  if (xhr.status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', t.upload.tooLarge(MAX_UPLOAD_MB));
  return new ApiError(xhr.status, 'INTERNAL', `${t.upload.failed}（${xhr.status}）`);
}

function tokenOf(client: QueryClient): string | undefined {
  return client.getQueryData<Me | null>(ME_KEY)?.csrfToken;
}

async function upload<C extends RouteContract>(
  client: QueryClient,
  contract: C,
  input: UploadInput<C>,
  file: File,
  asBlob: boolean,
  onProgress?: OnProgress,
): Promise<XMLHttpRequest> {
  if (file.size > MAX_UPLOAD_MB * 1024 * 1024)
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', t.upload.tooLarge(MAX_UPLOAD_MB));
  const url = apiUrl(contract, input);
  let xhr = await send(url, file, tokenOf(client), asBlob, onProgress);
  if (xhr.status >= 200 && xhr.status < 300) return xhr;
  let error = await errorOf(xhr);
  // A stale token (the session was renewed in another tab): ask /me for a fresh one and retry once.
  if (error.code === 'CSRF_FAILED') {
    const me = await fetchMe();
    client.setQueryData(ME_KEY, me);
    if (me) {
      xhr = await send(url, file, me.csrfToken, asBlob, onProgress);
      if (xhr.status >= 200 && xhr.status < 300) return xhr;
      error = await errorOf(xhr);
    }
  }
  throw error;
}

/** Uploads one file as the `file` field and returns the JSON answer the contract describes. */
export async function uploadJson<C extends RouteContract>(
  client: QueryClient,
  contract: C,
  input: UploadInput<C>,
  file: File,
  onProgress?: OnProgress,
): Promise<ResponseOf<C>> {
  const xhr = await upload(client, contract, input, file, false, onProgress);
  return JSON.parse(xhr.responseText) as ResponseOf<C>;
}

/** Uploads one file and saves the attachment the server answers with (e.g. the import report). */
export async function uploadForDownload<C extends RouteContract>(
  client: QueryClient,
  contract: C,
  input: UploadInput<C>,
  file: File,
  onProgress?: OnProgress,
): Promise<void> {
  const xhr = await upload(client, contract, input, file, true, onProgress);
  const blob = xhr.response as Blob;
  saveBlob(blob, fileNameOf(xhr.getResponseHeader('Content-Disposition')) ?? 'report.xlsx');
}

/** Saves a blob under a name through a temporary object URL. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the blob is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/** "2.4 MB", "512 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
