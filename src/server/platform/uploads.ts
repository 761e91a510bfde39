import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, invalid } from './errors';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;
export const XLSX_ONLY = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;

export interface Upload {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
}

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
};

/**
 * Reads the single `file` field of a multipart request and checks its type by content (magic
 * numbers), never by the name or the browser's claim: an HTML page named .png is refused.
 */
export async function readUpload(request: FastifyRequest, allowed: readonly string[]): Promise<Upload> {
  if (!request.isMultipart()) throw invalid([{ path: 'file', message: '请以 multipart/form-data 上传文件' }]);
  const part = await request.file();
  if (!part || part.fieldname !== 'file') throw invalid([{ path: 'file', message: '请选择要上传的文件' }]);
  const content = await part.toBuffer();
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (content.length === 0) throw invalid([{ path: 'file', message: '文件是空的' }]);
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !allowed.includes(detected.mime))
    throw invalid([
      { path: 'file', message: `文件类型不受支持：只接受 ${allowed.map((m) => TYPE_LABELS[m] ?? m).join('、')}（按文件内容判断）` },
    ]);
  // eslint-disable-next-line no-control-regex
  const name = part.filename.replace(/[\\/"\u0000-\u001F]/g, '_').slice(0, 200) || `file.${detected.ext}`;
  return { name, mime: detected.mime, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content };
}

/** Files go out as attachments with their checked type; never rendered inline as a page. */
export function sendStoredFile(reply: FastifyReply, file: { name: string; mime: string; content: Buffer }): Buffer {
  void reply
    .header('Content-Type', file.mime)
    .header('Content-Disposition', `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('X-Content-Type-Options', 'nosniff');
  return file.content;
}
