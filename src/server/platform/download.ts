import type { FastifyReply } from 'fastify';
import { chinaToday } from '../../shared/rules/china-date';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file as an attachment, with a Chinese file name that every browser reads. */
export function sendAttachment(reply: FastifyReply, content: Buffer, baseName: string, ext: 'xlsx' | 'docx', type = XLSX_TYPE): Buffer {
  const name = `${baseName}-${chinaToday()}.${ext}`;
  void reply
    .header('Content-Type', type)
    .header('Content-Disposition', `attachment; filename="export.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return content;
}
