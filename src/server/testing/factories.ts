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

/**
 * Ends the demo set's contracts in force (环翠区's runs the whole year), through the API as a
 * district officer would, so a test can sign its own contracts for those stations.
 */
export async function endDemoContracts(district: { get(url: string): Promise<{ json(): unknown }>; post(url: string, body?: unknown): Promise<{ statusCode: number; body: string }> }): Promise<void> {
  const page = (await district.get('/api/contracts?pageSize=200')).json() as { items: { id: string; status: string; version: number }[] };
  for (const c of page.items.filter((x) => x.status === 'signed' || x.status === 'performing')) {
    const res = await district.post(`/api/contracts/${c.id}/status`, { version: c.version, status: 'terminated', reason: '测试前结束演示合同' });
    if (res.statusCode !== 200) throw new Error(`could not end demo contract: ${res.body}`);
  }
}
