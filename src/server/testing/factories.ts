import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '../../shared/rules/id-number';

/** A valid GB 11643 number born on the given day (area 371002, 环翠区). */
export function idNumberBornOn(birthDate: string, seq = 123, area = '371002'): string {
  const first17 = `${area}${birthDate.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A multipart/form-data body with one `file` field, for app.inject. */
export function multipartFile(name: string, content: Buffer, mime: string) {
  const boundary = '----sgz-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Fills the downloaded import template's sheets with rows (header row stays). */
export async function fillWorkbook(template: Buffer, sheets: Record<string, string[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    rows.forEach((r, i) => {
      r.forEach((v, j) => (sheet.getCell(i + 2, j + 1).value = v));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
