import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../shared/contracts/auth';
import type { FileMeta } from '../../../shared/contracts/organizations';
import { uploadServiceRecordFile } from '../../../shared/contracts/service-records';
import type { ErrorBody, ErrorCode } from '../../../shared/errors';
import { ApiError, apiUrl } from '../../lib/api';
import { ME_KEY, fetchMe } from '../../lib/session';
import { m } from '../../i18n';

const t = m.daily.records;

/** What the server takes for a service record (platform/uploads.ts): photos and signed sheets. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Why a file is refused before sending, or null. The server checks the content again. */
export function attachmentProblem(file: File): string | null {
  const byName = /\.(jpe?g|png|pdf)$/i.test(file.name);
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type) && !byName) return t.badType;
  if (file.size > MAX_ATTACHMENT_BYTES) return t.tooLarge;
  return null;
}

export type UploadProgress = { phase: 'sending'; percent: number } | { phase: 'processing' };

/**
 * One multipart POST through XMLHttpRequest (fetch reports no upload progress), with the same
 * rules as lib/api.ts: the CSRF token in X-CSRF-Token, a stale token refreshed via /me once,
 * errors as ApiError carrying the server's Chinese message.
 */
function send(url: string, file: File, token: string | undefined, onProgress: (p: UploadProgress) => void) {
  return new Promise<XMLHttpRequest>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: 'sending', percent: Math.min(99, Math.floor((e.loaded / e.total) * 100)) });
    };
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', m.app.offline));
    xhr.ontimeout = () => reject(new ApiError(0, 'NETWORK', m.app.offline));
    const body = new FormData();
    body.append('file', file, file.name);
    onProgress({ phase: 'sending', percent: 0 });
    xhr.send(body);
  });
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as Partial<ErrorBody>;
    if (body.error) return new ApiError(xhr.status, body.error.code as ErrorCode, body.error.message, body.error.details);
  } catch {
    // A proxy's error page (413 from nginx, say): fall through.
  }
  if (xhr.status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', t.tooLarge);
  return new ApiError(xhr.status, 'INTERNAL', `${t.uploadFailed}（${xhr.status}）`);
}

const ok = (xhr: XMLHttpRequest) => xhr.status >= 200 && xhr.status < 300;

/** Attaches a photo or signed sheet to a service record; resolves with the stored file's metadata. */
export async function uploadRecordAttachment(
  client: QueryClient,
  recordId: string,
  file: File,
  onProgress: (p: UploadProgress) => void,
): Promise<FileMeta> {
  const problem = attachmentProblem(file);
  if (problem) throw new ApiError(400, 'VALIDATION_FAILED', problem);
  const url = apiUrl(uploadServiceRecordFile, { params: { id: recordId } });
  let xhr = await send(url, file, client.getQueryData<Me | null>(ME_KEY)?.csrfToken, onProgress);
  if (!ok(xhr)) {
    let error = errorOf(xhr);
    if (error.code !== 'CSRF_FAILED') throw error;
    // A stale token (the session was renewed in another tab): a fresh one from /me, once.
    const me = await fetchMe();
    client.setQueryData(ME_KEY, me);
    if (!me) throw error;
    xhr = await send(url, file, me.csrfToken, onProgress);
    if (!ok(xhr)) {
      error = errorOf(xhr);
      throw error;
    }
  }
  return JSON.parse(xhr.responseText) as FileMeta;
}
