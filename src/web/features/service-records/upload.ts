import type { FileMeta } from '../../../shared/contracts/organizations';
import { uploadServiceRecordFile } from '../../../shared/contracts/service-records';
import { ApiError } from '../../lib/api';
import { m } from '../../i18n';
import { uploadWithProgress, type OnProgress, type UploadProgress } from '../social-workers/upload';

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

export type { UploadProgress };

/** Attaches a photo or signed sheet to a service record; resolves with the stored file's metadata. */
export async function uploadRecordAttachment(recordId: string, file: File, onProgress: OnProgress): Promise<FileMeta> {
  const problem = attachmentProblem(file);
  if (problem) throw new ApiError(400, 'VALIDATION_FAILED', problem);
  return uploadWithProgress(uploadServiceRecordFile, { params: { id: recordId } }, file, onProgress, t.tooLarge);
}
