import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaDateTime } from '../../shared/rules/china-date';
import type { ListColumn } from './excel';

/**
 * listWorkbook's sheet (bold frozen header, rows, a footer line with the export time, the count
 * and a note), written by exceljs' streaming writer: each batch of rows is committed as it comes,
 * so the process holds one batch and the compressed bytes, never every row as objects.
 * `cap`, when given, stops the export there and says so in the footer.
 */
export async function streamedListWorkbook(
  sheetName: string,
  columns: ListColumn[],
  batches: AsyncIterable<Record<string, unknown>[]>,
  options: { note?: string; cap?: number } = {},
): Promise<{ content: Buffer; rows: number; capped: boolean }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'SGZ';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  let capped = false;
  for await (const batch of batches) {
    for (const r of batch) {
      if (options.cap !== undefined && rows >= options.cap) {
        capped = true;
        break;
      }
      sheet.addRow(r).commit();
      rows += 1;
    }
    if (capped) break;
  }
  sheet.addRow([]).commit();
  const cap = capped ? `（已达导出上限 ${options.cap ?? rows} 条）` : '';
  sheet.addRow([`导出时间：${chinaDateTime(new Date())}　共 ${rows} 条${cap}${options.note ? `　${options.note}` : ''}`]).commit();
  sheet.commit();
  await book.commit();
  await ended;
  return { content: Buffer.concat(chunks), rows, capped };
}
