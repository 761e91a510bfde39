import type { ResponseOf, RouteContract } from '../../../shared/contracts/http';
import { ApiError, upload, type Transport, type UploadInput } from '../../lib/api';
import { m } from '../../i18n';

const t = m.staffing;

/** The server refuses larger files (platform/uploads.ts); refuse them here before sending. */
export const MAX_UPLOAD_MB = 10;

export type { UploadInput };

/** Upload progress: the bytes sent, then the wait while the server reads the file. */
export type UploadProgress = { phase: 'sending'; percent: number } | { phase: 'processing'; percent: 100 };

export type OnProgress = (p: UploadProgress) => void;

/**
 * A transport for lib/api.ts upload() through XMLHttpRequest, because only XHR reports upload
 * progress; it answers with a Response, so the CSRF retry and ApiError stay lib/api.ts's.
 */
export function withProgress(onProgress: OnProgress): Transport {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(init.method, url);
      xhr.responseType = 'blob';
      for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress({ phase: 'sending', percent: Math.min(99, Math.floor((e.loaded / e.total) * 100)) });
      };
      xhr.upload.onload = () => onProgress({ phase: 'processing', percent: 100 });
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        // A Response may not carry a body with 204/205/304.
        const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
        resolve(new Response(empty ? null : (xhr.response as Blob), { status: xhr.status, headers }));
      };
      xhr.onerror = xhr.ontimeout = () => reject(new TypeError('upload failed'));
      onProgress({ phase: 'sending', percent: 0 });
      xhr.send(init.body as XMLHttpRequestBodyInit);
    });
}

/**
 * lib/api.ts upload() with this house's file-size check before sending, progress, and a proxy's
 * bare 413 (nginx's page, not our JSON) told in words.
 */
export async function uploadWithProgress<C extends RouteContract>(
  contract: C,
  input: UploadInput<C>,
  file: File,
  onProgress?: OnProgress,
  tooLarge: string = t.upload.tooLarge(MAX_UPLOAD_MB),
): Promise<ResponseOf<C>> {
  if (file.size > MAX_UPLOAD_MB * 1024 * 1024) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', tooLarge);
  try {
    return await upload(contract, input, file, onProgress && withProgress(onProgress));
  } catch (e) {
    if (e instanceof ApiError && e.status === 413 && e.code === 'INTERNAL') throw new ApiError(413, 'PAYLOAD_TOO_LARGE', tooLarge);
    throw e;
  }
}

/** Uploads one file as the `file` field and returns the JSON answer the contract describes. */
export const uploadJson = <C extends RouteContract>(contract: C, input: UploadInput<C>, file: File, onProgress?: OnProgress) =>
  uploadWithProgress(contract, input, file, onProgress);

/** Uploads one file and saves the attachment the server answers with (e.g. the import report). */
export async function uploadForDownload<C extends RouteContract>(contract: C, input: UploadInput<C>, file: File, onProgress?: OnProgress): Promise<void> {
  await uploadWithProgress(contract, input, file, onProgress);
}

/** "2.4 MB", "512 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
