import ExcelJS from 'exceljs';
import { chinaDateTime } from '../../shared/rules/china-date';

export interface ListColumn {
  header: string;
  key: string;
  width: number;
}

/** The cap on exported rows: exports are for lists people read, not bulk extraction. */
export const EXPORT_CAP = 5000;

/**
 * One sheet of a list as users see it: bold frozen header, the rows, and a footer line with
 * the export time (China), the count and any note (masking, the cap).
 */
export async function listWorkbook(
  sheetName: string,
  columns: ListColumn[],
  rows: Record<string, unknown>[],
  note = '',
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'SGZ';
  const sheet = book.addWorksheet(sheetName);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(r);
  sheet.addRow([]);
  const capped = rows.length >= EXPORT_CAP ? '（已达导出上限）' : '';
  sheet.addRow([`导出时间：${chinaDateTime(new Date())}　共 ${rows.length} 条${capped}${note ? `　${note}` : ''}`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
