import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import type { ClientImportReport } from '../../../shared/contracts/clients';
import { clientEditableSchema } from '../../../shared/contracts/clients';
import { pastDate } from '../../../shared/contracts/social-workers';
import { chinaToday } from '../../../shared/rules/china-date';
import { RISK_LEVEL_LABELS, RISK_LEVELS, TARGET_GROUP_LABELS, TARGET_GROUPS, needsGuardianConsent, isMinor } from '../../../shared/rules/clients';
import { birthDateOf, ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber, sexOf } from '../../../shared/rules/id-number';
import { clientConsents, clients, regions } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { invalid, isUniqueViolation } from '../../platform/errors';
import { stationFor } from '../service-records/station-for';
import type { create } from './clients.service';

const SHEET = '服务对象';
const COLUMNS = ['姓名', '身份证号', '手机号', '村（社区）', '地址', '对象类别', '风险等级', '监护人姓名', '监护人关系', '监护人电话', '监护人同意日期'] as const;
type Column = (typeof COLUMNS)[number];
const MAX_ROWS = 5000;
/** Rows written per statement and named per audit entry. */
export const IMPORT_BATCH = 500;

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
  station: { id: string; townCode: string };
  villagePath: Map<string, string>;
}

/**
 * idNumberSchema's check with today's date computed once per sheet, not once per row (the
 * time-zone conversion dominated the import of 1,000 rows). Same result and message.
 */
function checkIdNumber(raw: string, today: string): { success: true; data: string } | { success: false; message: string } {
  const id = normaliseIdNumber(raw);
  const problem = idNumberProblem(id, today);
  return problem ? { success: false, message: ID_NUMBER_MESSAGES[problem] } : { success: true, data: id };
}

/** The blind indexes among `indexes` already registered: one query per batch instead of one per row. */
async function registeredIndexes(ctx: Ctx, indexes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < indexes.length; i += IMPORT_BATCH) {
    const chunk = indexes.slice(i, i + IMPORT_BATCH);
    const rows = await ctx.db.select({ index: clients.idNumberIndex }).from(clients).where(inArray(clients.idNumberIndex, chunk));
    for (const r of rows) found.add(r.index);
  }
  return found;
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
  const villagePath = new Map(villages.map((v) => [v.code, v.path]));
  // Every ID number of the sheet is looked up at once (registered anywhere in the city).
  const today = chinaToday();
  const idCells: string[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const id = checkIdNumber(text(sheet.getRow(n).getCell(COLUMNS.indexOf('身份证号') + 1)), today);
    if (id.success) idCells.push(ctx.cipher.index(id.data));
  }
  const registered = await registeredIndexes(ctx, [...new Set(idCells)]);

  const issues: ClientImportReport['issues'] = [];
  const valid: Plan['valid'] = [];
  const seen = new Set<string>();
  let rows = 0;
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = Object.fromEntries(COLUMNS.map((c, i) => [c, text(sheet.getRow(n).getCell(i + 1))])) as Record<Column, string>;
    if (Object.values(cells).every((v) => v === '')) continue;
    if (++rows > MAX_ROWS) throw invalid([{ path: 'file', message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` }]);
    const before = issues.length;
    const add = (column: string, message: string) => issues.push({ sheet: SHEET, row: n, column, message });
    const id = checkIdNumber(cells['身份证号'], today);
    if (!id.success) add('身份证号', id.message);
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
      else if (registered.has(ctx.cipher.index(id.data))) add('身份证号', '该身份证号已在全市登记为服务对象');
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
  return { book, report, valid, station: { id: station.station.id, townCode: station.station.townCode }, villagePath };
}

/** What the audit log keeps of an imported client: no ID number, phones or relatives (as clients.service's auditImage). */
const auditImage = (row: number, r: typeof clients.$inferSelect) => ({
  row, id: r.id, name: r.name, villageCode: r.villageCode, targetGroups: r.targetGroups, riskLevel: r.riskLevel, idNumberTail: r.idNumberTail,
});

/**
 * Writes checked rows in batches: one multi-row insert of the clients, one of their consents and
 * one audit entry naming every row (sheet row and new id) per batch. The checks that the
 * registration form makes one by one (station in scope, village of its town, ID number not yet
 * registered, minors' guardian and consent) were made for the whole sheet by plan().
 */
async function writeBatches(tx: Ctx, p: Plan, mode: Opts['mode'], rows: number, issues: number): Promise<void> {
  const actor = actorOf(tx);
  const batches = Math.ceil(p.valid.length / IMPORT_BATCH);
  for (let b = 0; b < batches; b++) {
    const batch = p.valid.slice(b * IMPORT_BATCH, (b + 1) * IMPORT_BATCH);
    const values = batch.map(({ body }) => ({
      stationId: p.station.id, scopePath: p.villagePath.get(body.villageCode) ?? '', villageCode: body.villageCode, name: body.name,
      idNumberCipher: tx.cipher.encrypt(body.idNumber), idNumberIndex: tx.cipher.index(body.idNumber), idNumberTail: body.idNumber.slice(-4),
      birthDate: birthDateOf(body.idNumber), sex: sexOf(body.idNumber),
      phoneCipher: body.phone ? tx.cipher.encrypt(body.phone) : null, phoneTail: body.phone ? body.phone.slice(-4) : null,
      address: body.address, householdCipher: tx.cipher.encrypt(JSON.stringify(body.household)),
      guardianCipher: body.guardian ? tx.cipher.encrypt(JSON.stringify(body.guardian)) : null,
      targetGroups: [...new Set(body.targetGroups)], riskLevel: body.riskLevel, legalBasis: body.legalBasis, createdBy: actor.id,
    }));
    const written = await tx.db.insert(clients).values(values).returning();
    const consents = batch.flatMap(({ body }, i) => body.consents.map((k) => ({ ...k, clientId: written[i]?.id ?? '', recordedBy: actor.id })));
    if (consents.length) await tx.db.insert(clientConsents).values(consents);
    await writeAudit(tx, {
      action: 'client.import', objectType: 'client', objectId: '',
      after: { stationId: p.station.id, rows: written.map((r, i) => auditImage(batch[i]?.row ?? 0, r)) },
      detail: `导入 ${rows} 行（${mode === 'all' ? '全部有效才导入' : '仅导入有效行'}）：新建 ${p.valid.length} 人，问题 ${issues} 处；第 ${b + 1}/${batches} 批，第 ${batch.map((v) => v.row).join('、')} 行`,
    });
  }
}

/**
 * Checks every row, and writes the valid ones (mode all: only when every row is valid), in batches.
 */
export async function importClients(ctx: Ctx, content: Buffer, opts: Opts & { dryRun: boolean }): Promise<ClientImportReport> {
  const p = await plan(ctx, content, opts);
  const { report } = p;
  if (opts.dryRun || report.created === 0) return report;
  try {
    await inTransaction(ctx, (tx) => writeBatches(tx, p, opts.mode, report.rows, report.issues.length));
  } catch (err) {
    // Registered by someone else between the check and the write: nothing of the file is written.
    if (isUniqueViolation(err, 'clients_id_number_idx'))
      throw invalid([{ path: 'file', message: '写入失败：表中有身份证号刚刚已被他人登记，请重新上传以查看最新校验结果' }]);
    throw err;
  }
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
