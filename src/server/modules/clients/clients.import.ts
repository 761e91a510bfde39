import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import type { ClientImportReport } from '../../../shared/contracts/clients';
import { clientEditableSchema } from '../../../shared/contracts/clients';
import { idNumberSchema, pastDate } from '../../../shared/contracts/social-workers';
import { chinaToday } from '../../../shared/rules/china-date';
import { RISK_LEVEL_LABELS, RISK_LEVELS, TARGET_GROUP_LABELS, TARGET_GROUPS, needsGuardianConsent, isMinor } from '../../../shared/rules/clients';
import { birthDateOf } from '../../../shared/rules/id-number';
import { regions } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { invalid } from '../../platform/errors';
import { stationFor } from '../service-records/station-for';
import * as repo from './clients.repo';
import { create } from './clients.service';

const SHEET = '服务对象';
const COLUMNS = ['姓名', '身份证号', '手机号', '村（社区）', '地址', '对象类别', '风险等级', '监护人姓名', '监护人关系', '监护人电话', '监护人同意日期'] as const;
type Column = (typeof COLUMNS)[number];
const MAX_ROWS = 5000;

const GROUP_BY_LABEL = new Map(TARGET_GROUPS.map((g) => [TARGET_GROUP_LABELS[g], g]));
const RISK_BY_LABEL = new Map(RISK_LEVELS.map((r) => [RISK_LEVEL_LABELS[r], r]));

export async function template(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(SHEET);
  sheet.addRow([...COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((col) => {
    col.width = 18;
    col.numFmt = '@';
  });
  for (let r = 2; r <= 500; r++)
    sheet.getCell(r, 7).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${Object.values(RISK_LEVEL_LABELS).join(',')}"`] };
  const help = book.addWorksheet('填写说明');
  for (const line of [
    '一人一行。身份证号按 GB 11643 校验，出生日期和性别由身份证号得出。',
    '村（社区）填写本社工站所在镇（街道）的村居名称或12位代码。',
    `对象类别可填多个，用“、”分隔：${Object.values(TARGET_GROUP_LABELS).join('、')}。`,
    '未成年人须填写监护人；不满十四周岁的，须填写监护人同意日期（个人信息保护法第三十一条）。',
    '已登记的身份证号（全市唯一）不会重复建档。',
  ])
    help.addRow([line]);
  help.getColumn(1).width = 100;
  return Buffer.from(await book.xlsx.writeBuffer());
}

const text = (cell: ExcelJS.Cell): string => {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return String(v).trim();
};

type Body = Parameters<typeof create>[1];
type Opts = { stationId?: string | undefined; mode: 'all' | 'valid-only' };

interface Plan {
  book: ExcelJS.Workbook;
  report: ClientImportReport;
  valid: { row: number; body: Body }[];
}

/** Reads the workbook and checks every row as the registration form would; writes nothing. */
async function plan(ctx: Ctx, content: Buffer, opts: Opts): Promise<Plan> {
  const station = await stationFor(ctx, opts.stationId ?? null);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw invalid([{ path: 'file', message: '无法读取该 Excel 文件，请使用下载的模板' }]);
  }
  const sheet = book.getWorksheet(SHEET);
  if (!sheet || COLUMNS.some((c, i) => text(sheet.getRow(1).getCell(i + 1)) !== c))
    throw invalid([{ path: 'file', message: `缺少工作表“${SHEET}”或表头与模板不一致，请使用下载的模板` }]);
  const villages = await ctx.db.select().from(regions).where(and(eq(regions.level, 'village'), eq(regions.parentCode, station.station.townCode)));
  const villageOf = new Map<string, string>();
  for (const v of villages) for (const k of [v.code, v.name, v.shortName]) villageOf.set(k, v.code);

  const issues: ClientImportReport['issues'] = [];
  const valid: Plan['valid'] = [];
  const seen = new Set<string>();
  const today = chinaToday();
  let rows = 0;
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = Object.fromEntries(COLUMNS.map((c, i) => [c, text(sheet.getRow(n).getCell(i + 1))])) as Record<Column, string>;
    if (Object.values(cells).every((v) => v === '')) continue;
    if (++rows > MAX_ROWS) throw invalid([{ path: 'file', message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` }]);
    const before = issues.length;
    const add = (column: string, message: string) => issues.push({ sheet: SHEET, row: n, column, message });
    const id = idNumberSchema.safeParse(cells['身份证号']);
    if (!id.success) add('身份证号', id.error.issues[0]?.message ?? '身份证号无效');
    const groups = cells['对象类别'].split(/[、,，]/).map((s) => s.trim()).filter(Boolean);
    const unknownGroups = groups.filter((g) => !GROUP_BY_LABEL.has(g));
    if (unknownGroups.length) add('对象类别', `不认识的对象类别：${unknownGroups.join('、')}`);
    const risk = cells['风险等级'] ? RISK_BY_LABEL.get(cells['风险等级']) : 'low';
    if (!risk) add('风险等级', '风险等级请填写 低、中 或 高');
    const villageCode = villageOf.get(cells['村（社区）']);
    if (!villageCode) add('村（社区）', '不是本社工站所在镇（街道）的村（社区）');
    const guardian = cells['监护人姓名'] ? { name: cells['监护人姓名'], relation: cells['监护人关系'] || '监护人', phone: cells['监护人电话'] } : null;
    const parsed = clientEditableSchema.safeParse({
      name: cells['姓名'], phone: cells['手机号'], villageCode: villageCode ?? '000000000000', address: cells['地址'], guardian,
      targetGroups: groups.map((g) => GROUP_BY_LABEL.get(g)).filter((g) => g !== undefined), riskLevel: risk ?? 'low',
    });
    if (!parsed.success)
      for (const i of parsed.error.issues) {
        const key = String(i.path[0] ?? '');
        const column = { name: '姓名', phone: '手机号', address: '地址', targetGroups: '对象类别', guardian: '监护人电话' }[key] ?? '';
        if (key !== 'villageCode') add(column, i.message);
      }
    if (id.success) {
      const birth = birthDateOf(id.data);
      if (isMinor(birth, today) && !guardian) add('监护人姓名', '未成年人须填写监护人');
      if (needsGuardianConsent(birth, today) && !cells['监护人同意日期'])
        add('监护人同意日期', '不满十四周岁，须记录监护人同意（R-PIPL-MINOR，个人信息保护法第三十一条）');
      if (cells['监护人同意日期'] && !pastDate.safeParse(cells['监护人同意日期']).success)
        add('监护人同意日期', '请输入不晚于今天的有效日期（YYYY-MM-DD）');
      if (seen.has(id.data)) add('身份证号', '该身份证号在本表中重复出现');
      else if (await repo.clientIdByIndex(ctx, ctx.cipher.index(id.data))) add('身份证号', '该身份证号已在全市登记为服务对象');
      seen.add(id.data);
    }
    if (issues.length === before && id.success && parsed.success && villageCode) {
      const consentDate = cells['监护人同意日期'];
      valid.push({
        row: n,
        body: {
          ...parsed.data, idNumber: id.data, stationId: station.station.id,
          consents: guardian && consentDate
            ? [{ kind: 'guardian', givenBy: guardian.name, relation: guardian.relation, givenOn: consentDate, scope: '导入时记录' }]
            : [],
        },
      });
    }
  }
  const invalidRows = rows - valid.length;
  const report: ClientImportReport = {
    written: false, mode: opts.mode, rows, validRows: valid.length, invalidRows,
    created: opts.mode === 'valid-only' || invalidRows === 0 ? valid.length : 0, issues,
  };
  return { book, report, valid };
}

/**
 * Checks every row, and writes the valid ones through the registration service (mode all: only
 * when every row is valid).
 */
export async function importClients(ctx: Ctx, content: Buffer, opts: Opts & { dryRun: boolean }): Promise<ClientImportReport> {
  const { report, valid } = await plan(ctx, content, opts);
  if (opts.dryRun || report.created === 0) return report;
  await inTransaction(ctx, async (tx) => {
    for (const v of valid) {
      try {
        await create(tx, v.body);
      } catch (err) {
        throw invalid([{ path: 'file', message: `第 ${v.row} 行写入失败：${(err as Error).message}` }]);
      }
    }
    await writeAudit(tx, {
      action: 'client.import', objectType: 'client', objectId: '',
      detail: `导入 ${report.rows} 行（${opts.mode === 'all' ? '全部有效才导入' : '仅导入有效行'}）：新建 ${valid.length} 人，问题 ${report.issues.length} 处`,
    });
  });
  return { ...report, written: true };
}

/** The uploaded workbook back with a 校验结果 column (problems in red, 通过 in green) and a 问题汇总 sheet. */
export async function reportWorkbook(ctx: Ctx, content: Buffer, stationId: string | undefined): Promise<Buffer> {
  const { book, report } = await plan(ctx, content, { stationId, mode: 'all' });
  const byRow = new Map<number, string[]>();
  for (const i of report.issues) byRow.set(i.row, [...(byRow.get(i.row) ?? []), `${i.column ? `${i.column}：` : ''}${i.message}`]);
  const sheet = book.getWorksheet(SHEET);
  if (sheet) {
    const col = COLUMNS.length + 1;
    sheet.getCell(1, col).value = '校验结果';
    sheet.getCell(1, col).font = { bold: true };
    sheet.getColumn(col).width = 60;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      // Rows left empty (the template's drop-down lists reach far down) are not data.
      if (COLUMNS.every((_c, i) => text(row.getCell(i + 1)) === '')) return;
      const found = byRow.get(n);
      const cell = row.getCell(col);
      cell.value = found ? found.join('；') : '通过';
      cell.font = { color: { argb: found ? 'FFC00000' : 'FF008000' } };
    });
  }
  const summary = book.addWorksheet('问题汇总');
  summary.addRow(['工作表', '行号', '列', '问题']);
  summary.getRow(1).font = { bold: true };
  for (const i of report.issues) summary.addRow([i.sheet, i.row, i.column, i.message]);
  summary.addRow([]);
  summary.addRow([`共 ${report.rows} 行，有效 ${report.validRows} 行，有问题 ${report.invalidRows} 行`]);
  summary.columns.forEach((c, i) => (c.width = i === 3 ? 80 : 16));
  return Buffer.from(await book.xlsx.writeBuffer());
}
