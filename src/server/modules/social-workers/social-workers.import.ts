import ExcelJS from 'exceljs';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ImportReport } from '../../../shared/contracts/social-workers';
import { certificateInput, idNumberSchema, trainingInput, workerEditableSchema } from '../../../shared/contracts/social-workers';
import { birthDateOf, sexOf } from '../../../shared/rules/id-number';
import {
  CERTIFICATE_LABELS,
  CERTIFICATE_LEVELS,
  EDUCATION_LABELS,
  EDUCATION_LEVELS,
  postingBreaches,
  STAFF_RULES,
  STAFF_SOURCE_LABELS,
  STAFF_SOURCES,
  type WorkerQualifications,
} from '../../../shared/rules/staffing';
import { organizations, postings, socialWorkers, users, workerCertificates, workerTrainings } from '../../db/schema';
import { employableOrgIds } from '../organizations/organizations.repo';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { invalid } from '../../platform/errors';
import { endUserSessions } from '../../platform/session';
import { allStations, type StationJoined } from '../stations/stations.repo';
import * as repo from './social-workers.repo';
import { registeringPath } from './social-workers.service';

/** One sheet per kind of row; the ID number ties them to the person. */
const SHEETS = {
  workers: { name: '社工信息', columns: ['姓名', '身份证号', '手机号', '学历', '专业', '毕业院校', '毕业日期', '所属机构统一社会信用代码'] },
  certificates: { name: '证书', columns: ['身份证号', '证书等级', '证书编号', '取得日期'] },
  trainings: { name: '培训', columns: ['身份证号', '培训日期', '学时', '培训机构', '培训主题'] },
  postings: { name: '上岗', columns: ['身份证号', '社工站（镇街名称或代码）', '上岗日期', '人员来源'] },
} as const;
type SheetKey = keyof typeof SHEETS;

const MAX_ROWS = 5000;
/** People written per batch: their rows are inserted together and named in one audit entry. */
export const WORKER_IMPORT_BATCH = 500;

interface Issue { sheet: string; row: number; column: string; message: string }
type Cells = Record<string, string>;
interface Row { sheet: SheetKey; row: number; cells: Cells }

const byLabel = <K extends string>(labels: Record<K, string>, keys: readonly K[]) =>
  new Map<string, K>(keys.map((k) => [labels[k], k]));
const EDUCATION_BY_LABEL = byLabel(EDUCATION_LABELS, EDUCATION_LEVELS);
const CERT_BY_LABEL = byLabel(CERTIFICATE_LABELS, CERTIFICATE_LEVELS);
const SOURCE_BY_LABEL = byLabel(STAFF_SOURCE_LABELS, STAFF_SOURCES);

export async function template(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const lists: Record<string, string[]> = {
    学历: Object.values(EDUCATION_LABELS),
    证书等级: Object.values(CERTIFICATE_LABELS),
    人员来源: Object.values(STAFF_SOURCE_LABELS),
  };
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    const def = SHEETS[key];
    const sheet = book.addWorksheet(def.name);
    sheet.addRow([...def.columns]);
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((col) => {
      col.width = 20;
      col.numFmt = '@';
    });
    def.columns.forEach((name, i) => {
      const list = lists[name];
      if (list)
        for (let r = 2; r <= 500; r++)
          sheet.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] };
    });
  }
  const help = book.addWorksheet('填写说明');
  for (const line of [
    '一人一行填写“社工信息”；证书、培训、上岗各一行一条，用身份证号对应到人。',
    '身份证号按 GB 11643 校验，出生日期和性别由身份证号得出，无需填写。',
    '日期格式 YYYY-MM-DD；学时可带1位小数。',
    '学历、证书等级、人员来源请从下拉列表选择。',
    '上岗时按《实施方案》二（三）检查：45周岁以下（上岗日）、大专及以上学历、具备社会工作专业素质。',
    '已登记的身份证号不会重复建档：证书、培训、上岗会补充到已有人员。',
  ])
    help.addRow([line]);
  help.getColumn(1).width = 100;
  return Buffer.from(await book.xlsx.writeBuffer());
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

async function readRows(content: Buffer): Promise<{ rows: Row[]; issues: Issue[]; book: ExcelJS.Workbook }> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw invalid([{ path: 'file', message: '无法读取该 Excel 文件，请使用下载的模板' }]);
  }
  const rows: Row[] = [];
  const issues: Issue[] = [];
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    const def = SHEETS[key];
    const sheet = book.getWorksheet(def.name);
    if (!sheet) {
      if (key === 'workers') throw invalid([{ path: 'file', message: `缺少工作表“${def.name}”，请使用下载的模板` }]);
      continue;
    }
    const header = def.columns.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1)));
    if (header.join('|') !== def.columns.join('|'))
      throw invalid([{ path: 'file', message: `工作表“${def.name}”的表头与模板不一致，请使用下载的模板` }]);
    sheet.eachRow((r, n) => {
      if (n === 1) return;
      const cells: Cells = {};
      def.columns.forEach((col, i) => (cells[col] = cellText(r.getCell(i + 1))));
      if (Object.values(cells).every((v) => v === '')) return;
      rows.push({ sheet: key, row: n, cells });
    });
  }
  if (rows.length > MAX_ROWS) throw invalid([{ path: 'file', message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` }]);
  return { rows, issues, book };
}

/** Maps a zod failure of one field to the sheet column it came from. */
function zodIssues(row: Row, error: z.ZodError, columnOf: Record<string, string>): Issue[] {
  return error.issues.map((i) => ({
    sheet: SHEETS[row.sheet].name, row: row.row, column: columnOf[String(i.path[0] ?? '')] ?? '', message: i.message,
  }));
}

const issue = (row: Row, column: string, message: string): Issue => ({ sheet: SHEETS[row.sheet].name, row: row.row, column, message });

interface Plan {
  report: ImportReport;
  /** Rows whose every check passed, with what they will write. */
  apply: (ctx: Ctx, summary: string) => Promise<void>;
  issuesByRow: Map<string, string[]>;
  book: ExcelJS.Workbook;
}

/** Validates every row against the contracts, the registry and the posting rules; writes nothing. */
async function plan(ctx: Ctx, content: Buffer, mode: 'all' | 'valid-only'): Promise<Plan> {
  const { rows, issues, book } = await readRows(content);
  const actor = actorOf(ctx);

  // People: the sheet's rows, plus those already registered (matched by keyed hash).
  interface Person { row?: Row; id: string; existingId?: string; data?: z.output<typeof workerEditableSchema>; orgId: string | null; quals: WorkerQualifications }
  const people = new Map<string, Person>();
  const idFrom = (row: Row, column = '身份证号'): string | null => {
    const parsed = idNumberSchema.safeParse(row.cells[column] ?? '');
    if (!parsed.success) {
      issues.push(issue(row, column, parsed.error.issues[0]?.message ?? '身份证号无效'));
      return null;
    }
    return parsed.data;
  };
  const orgByCode = new Map<string, string | null>();
  const foreignOrgCodes = new Set<string>();
  const stationsInScope = await allStations(ctx, { sort: 'code' }, 10_000);

  // One lookup for the whole sheet: registered people by keyed hash, those of them in scope with
  // their certificates, trainings and active postings, and the organisations named.
  const indexOf = new Map<string, string>();
  for (const row of rows) {
    const parsed = idNumberSchema.safeParse(row.cells['身份证号'] ?? '');
    if (parsed.success && !indexOf.has(parsed.data)) indexOf.set(parsed.data, ctx.cipher.index(parsed.data));
  }
  const registeredByIndex = new Map<string, string>();
  const indexes = [...indexOf.values()];
  for (let i = 0; i < indexes.length; i += WORKER_IMPORT_BATCH) {
    const found = await ctx.db.select({ id: socialWorkers.id, index: socialWorkers.idNumberIndex }).from(socialWorkers)
      .where(inArray(socialWorkers.idNumberIndex, indexes.slice(i, i + WORKER_IMPORT_BATCH)));
    for (const f of found) registeredByIndex.set(f.index, f.id);
  }
  const registeredIds = [...registeredByIndex.values()];
  const visible = new Map<string, repo.WorkerRow>();
  for (let i = 0; i < registeredIds.length; i += WORKER_IMPORT_BATCH) {
    const found = await ctx.db.select().from(socialWorkers)
      .where(and(inArray(socialWorkers.id, registeredIds.slice(i, i + WORKER_IMPORT_BATCH)), repo.workerScope(ctx)));
    for (const w of found) visible.set(w.id, w);
  }
  const extrasOf = await repo.loadQualificationRecords(ctx.db, [...visible.keys()]);
  const activelyPosted = new Set(
    visible.size === 0 ? [] : (await ctx.db.select({ workerId: postings.workerId }).from(postings)
      .where(and(inArray(postings.workerId, [...visible.keys()]), isNull(postings.endDate)))).map((p) => p.workerId),
  );
  const registeredId = (id: string) => registeredByIndex.get(indexOf.get(id) ?? '');
  const codes = [...new Set(rows.filter((r) => r.sheet === 'workers').map((r) => (r.cells['所属机构统一社会信用代码'] ?? '').toUpperCase()).filter(Boolean))];
  if (codes.length && actor.scope.kind !== 'org') {
    const found = await ctx.db.select({ id: organizations.id, code: organizations.creditCode }).from(organizations).where(inArray(organizations.creditCode, codes));
    // Only organisations of the officer's own unit (registered there or serving its stations).
    const employable = await employableOrgIds(ctx, found.map((o) => o.id));
    for (const code of codes) {
      const org = found.find((o) => o.code === code);
      orgByCode.set(code, org && employable.has(org.id) ? org.id : null);
      if (org && !employable.has(org.id)) foreignOrgCodes.add(code);
    }
  }

  for (const row of rows.filter((r) => r.sheet === 'workers')) {
    const id = idFrom(row);
    const c = row.cells;
    const education = EDUCATION_BY_LABEL.get(c['学历'] ?? '');
    if (!education) issues.push(issue(row, '学历', `请从下拉列表选择学历（${Object.values(EDUCATION_LABELS).join('/')}）`));
    const parsed = workerEditableSchema.safeParse({
      name: c['姓名'], phone: c['手机号'] ?? '', education: education ?? 'junior_college', major: c['专业'] ?? '',
      school: c['毕业院校'] ?? '', graduatedOn: c['毕业日期'] ? c['毕业日期'] : null,
    });
    if (!parsed.success) issues.push(...zodIssues(row, parsed.error, { name: '姓名', phone: '手机号', major: '专业', school: '毕业院校', graduatedOn: '毕业日期' }));
    let orgId: string | null = actor.scope.kind === 'org' ? actor.scope.orgId : null;
    const code = (c['所属机构统一社会信用代码'] ?? '').toUpperCase();
    if (code && actor.scope.kind !== 'org') {
      orgId = orgByCode.get(code) ?? null;
      if (!orgId)
        issues.push(issue(row, '所属机构统一社会信用代码', foreignOrgCodes.has(code) ? '只能填写本区市登记或正在本区市承接社工站的机构' : '未找到该统一社会信用代码的承接机构'));
    }
    if (!id) continue;
    if (people.has(id)) {
      issues.push(issue(row, '身份证号', '该身份证号在本表中重复出现'));
      continue;
    }
    const existingId = registeredId(id);
    if (existingId && !visible.has(existingId)) {
      issues.push(issue(row, '身份证号', '该身份证号已由其他单位登记'));
      continue;
    }
    people.set(id, {
      row, id, existingId, orgId, data: parsed.success ? parsed.data : undefined,
      quals: { birthDate: birthDateOf(id), education: education ?? 'junior_high', major: c['专业'] ?? '', certificates: [], trainings: [] },
    });
  }

  /** A certificate, training or posting row's person: in the sheet, or registered and visible. */
  const personFor = (row: Row): Person | null => {
    const id = idFrom(row);
    if (!id) return null;
    const known = people.get(id);
    if (known) return known;
    const existingId = registeredId(id);
    const existing = existingId ? visible.get(existingId) : undefined;
    if (!existing || !existingId) {
      issues.push(issue(row, '身份证号', '该身份证号既不在“社工信息”表中，也未在您的范围内登记'));
      return null;
    }
    const x = extrasOf.get(existingId);
    const p: Person = { id, existingId, orgId: existing.orgId, quals: x ? repo.qualificationsOf(existing, x) : { birthDate: existing.birthDate, education: existing.education, major: existing.major, certificates: [], trainings: [] } };
    people.set(id, p);
    return p;
  };

  const certRows: { row: Row; person: Person; data: z.output<typeof certificateInput> }[] = [];
  for (const row of rows.filter((r) => r.sheet === 'certificates')) {
    const person = personFor(row);
    const level = CERT_BY_LABEL.get(row.cells['证书等级'] ?? '');
    if (!level) issues.push(issue(row, '证书等级', '请从下拉列表选择证书等级'));
    const parsed = certificateInput.safeParse({ level: level ?? 'assistant', number: row.cells['证书编号'] ?? '', obtainedOn: row.cells['取得日期'] });
    if (!parsed.success) issues.push(...zodIssues(row, parsed.error, { number: '证书编号', obtainedOn: '取得日期' }));
    if (person && parsed.success && level) {
      certRows.push({ row, person, data: parsed.data });
      person.quals = { ...person.quals, certificates: [...person.quals.certificates, { level, obtainedOn: parsed.data.obtainedOn }] };
    }
  }
  const trainingRows: { row: Row; person: Person; data: z.output<typeof trainingInput> }[] = [];
  for (const row of rows.filter((r) => r.sheet === 'trainings')) {
    const person = personFor(row);
    const hoursText = row.cells['学时'] ?? '';
    const parsed = trainingInput.safeParse({
      date: row.cells['培训日期'], hours: hoursText === '' ? undefined : Number(hoursText),
      provider: row.cells['培训机构'] ?? '', topic: row.cells['培训主题'] ?? '',
    });
    if (!parsed.success) issues.push(...zodIssues(row, parsed.error, { date: '培训日期', hours: '学时', provider: '培训机构', topic: '培训主题' }));
    if (person && parsed.success) {
      trainingRows.push({ row, person, data: parsed.data });
      person.quals = { ...person.quals, trainings: [...person.quals.trainings, { date: parsed.data.date, hours: parsed.data.hours }] };
    }
  }
  const stationByKey = new Map<string, StationJoined>();
  for (const s of stationsInScope) for (const k of [s.station.townCode, s.townName, s.name]) stationByKey.set(k, s);
  const postingRows: { row: Row; person: Person; station: StationJoined; startDate: string; source: (typeof STAFF_SOURCES)[number] }[] = [];
  const postedInSheet = new Set<string>();
  for (const row of rows.filter((r) => r.sheet === 'postings')) {
    const person = personFor(row);
    const station = stationByKey.get(row.cells['社工站（镇街名称或代码）'] ?? '');
    if (!station) issues.push(issue(row, '社工站（镇街名称或代码）', '未找到该社工站，或不在您的管辖范围内'));
    const startDate = row.cells['上岗日期'] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) issues.push(issue(row, '上岗日期', '请输入有效日期（YYYY-MM-DD）'));
    const source = SOURCE_BY_LABEL.get(row.cells['人员来源'] ?? '');
    if (!source) issues.push(issue(row, '人员来源', `请从下拉列表选择人员来源（${Object.values(STAFF_SOURCE_LABELS).join('/')}）`));
    if (!person || !station || !source || !/^\d{4}-\d{2}-\d{2}$/.test(startDate)) continue;
    if (postedInSheet.has(person.id) || (person.existingId && activelyPosted.has(person.existingId))) {
      issues.push(issue(row, '身份证号', '该社工已在岗（或本表中已安排上岗），请先办理离岗'));
      continue;
    }
    for (const b of postingBreaches(person.quals, startDate))
      issues.push(issue(row, '上岗日期', `${b.message}（${b.rule}，${STAFF_RULES[b.rule].clause}）`));
    postedInSheet.add(person.id);
    postingRows.push({ row, person, station, startDate, source });
  }

  // A person whose own row is bad makes their certificate, training and posting rows bad too.
  const badRows = new Set(issues.map((i) => `${i.sheet}:${i.row}`));
  const badPeople = new Set([...people.values()].filter((p) => p.row && badRows.has(`${SHEETS.workers.name}:${p.row.row}`)).map((p) => p.id));
  const dependent = [...certRows, ...trainingRows, ...postingRows];
  for (const d of dependent)
    if (badPeople.has(d.person.id) && !badRows.has(`${SHEETS[d.row.sheet].name}:${d.row.row}`)) {
      issues.push(issue(d.row, '身份证号', '此人的“社工信息”行有误，本行一并不导入'));
      badRows.add(`${SHEETS[d.row.sheet].name}:${d.row.row}`);
    }
  const ok = (row: Row) => !badRows.has(`${SHEETS[row.sheet].name}:${row.row}`);
  const invalidRows = rows.filter((r) => !ok(r)).length;
  const writable = mode === 'valid-only' || invalidRows === 0;

  const newPeople = [...people.values()].filter((p) => p.row && !p.existingId && p.data && ok(p.row));
  const matched = [...people.values()].filter((p) => p.existingId && (!p.row || ok(p.row)));
  const postingsToWrite = postingRows.filter((p) => ok(p.row));

  const homePath = await registeringPath(ctx);
  const sheetRow = (r: Row) => ({ sheet: SHEETS[r.sheet].name, row: r.row });
  /**
   * Writes in batches of people: one multi-row insert each of workers, certificates, trainings and
   * postings, one update of the posted workers, and one audit entry naming every row of the batch
   * (sheet, row, worker id).
   */
  const apply = async (tx: Ctx, summary: string) => {
    const writers = [...matched, ...newPeople];
    const batches = Math.ceil(writers.length / WORKER_IMPORT_BATCH);
    const certsToWrite = certRows.filter((r) => ok(r.row));
    const trainingsToWrite = trainingRows.filter((r) => ok(r.row));
    for (let b = 0; b < batches; b++) {
      const batch = writers.slice(b * WORKER_IMPORT_BATCH, (b + 1) * WORKER_IMPORT_BATCH);
      const inBatch = new Set(batch.map((p) => p.id));
      const idOf = new Map<string, string>();
      for (const p of batch) if (p.existingId) idOf.set(p.id, p.existingId);
      const fresh = batch.filter((p) => !p.existingId && p.data);
      if (fresh.length) {
        const created = await tx.db.insert(socialWorkers).values(fresh.map((p) => {
          const d = p.data as z.output<typeof workerEditableSchema>;
          return {
            name: d.name, idNumberCipher: tx.cipher.encrypt(p.id), idNumberIndex: tx.cipher.index(p.id), idNumberTail: p.id.slice(-4),
            birthDate: birthDateOf(p.id), sex: sexOf(p.id), phoneCipher: d.phone ? tx.cipher.encrypt(d.phone) : null, phoneTail: d.phone ? d.phone.slice(-4) : null,
            education: d.education, major: d.major, school: d.school, graduatedOn: d.graduatedOn, orgId: p.orgId, scopePath: homePath,
          };
        })).returning({ id: socialWorkers.id });
        fresh.forEach((p, i) => { const row = created[i]; if (row) idOf.set(p.id, row.id); });
      }
      const workerIds = [...idOf.values()];
      // Certificates and trainings already on record (or twice in the sheet) are not added again.
      const haveCert = new Set((await tx.db.select().from(workerCertificates).where(inArray(workerCertificates.workerId, workerIds)))
        .map((c) => `${c.workerId}|${c.level}|${c.obtainedOn}`));
      const certs = certsToWrite.filter((r) => inBatch.has(r.person.id)).flatMap((r) => {
        const workerId = idOf.get(r.person.id);
        const key = `${workerId}|${r.data.level}|${r.data.obtainedOn}`;
        if (!workerId || haveCert.has(key)) return [];
        haveCert.add(key);
        return [{ ...r.data, workerId }];
      });
      if (certs.length) await tx.db.insert(workerCertificates).values(certs);
      const haveTraining = new Set((await tx.db.select().from(workerTrainings).where(inArray(workerTrainings.workerId, workerIds)))
        .map((t) => `${t.workerId}|${t.date}|${t.topic}`));
      const trainings = trainingsToWrite.filter((r) => inBatch.has(r.person.id)).flatMap((r) => {
        const workerId = idOf.get(r.person.id);
        const key = `${workerId}|${r.data.date}|${r.data.topic}`;
        if (!workerId || haveTraining.has(key)) return [];
        haveTraining.add(key);
        return [{ ...r.data, hours: String(r.data.hours), workerId }];
      });
      if (trainings.length) await tx.db.insert(workerTrainings).values(trainings);
      const posts = postingsToWrite.filter((r) => inBatch.has(r.person.id)).flatMap((r) => {
        const workerId = idOf.get(r.person.id);
        return workerId ? [{ workerId, row: r }] : [];
      });
      if (posts.length) {
        await tx.db.insert(postings).values(posts.map(({ workerId, row: r }) => ({
          workerId, orgId: r.person.orgId, stationId: r.station.station.id, scopePath: r.station.station.scopePath, source: r.source, startDate: r.startDate,
        })));
        const moves = sql.join(posts.map(({ workerId, row: r }) => sql`(${workerId}::uuid, ${r.station.station.scopePath}::text)`), sql`, `);
        const moved = (await tx.db.execute(sql`UPDATE ${socialWorkers} SET scope_path = v.path, updated_at = now() FROM (VALUES ${moves}) AS v(id, path)
          WHERE ${socialWorkers.id} = v.id RETURNING ${socialWorkers.id} AS id, ${socialWorkers.userId} AS user_id`) as unknown as { rows: { id: string; user_id: string | null }[] }).rows;
        // A worker with an account follows the posting: station scope, sessions ended (rare: one by one).
        for (const w of moved) {
          const p = posts.find((x) => x.workerId === w.id)?.row.station.station;
          if (!w.user_id || !p) continue;
          await tx.db.update(users).set({ scopeKind: 'station', scopePath: p.scopePath, stationId: p.id }).where(eq(users.id, w.user_id));
          await endUserSessions(tx.db, w.user_id, 'posting_changed');
        }
      }
      const named = [
        ...batch.filter((p) => p.row).map((p) => ({ ...sheetRow(p.row as Row), workerId: idOf.get(p.id) ?? '', name: p.data?.name ?? '' })),
        ...[...certsToWrite, ...trainingsToWrite, ...postingsToWrite].filter((r) => inBatch.has(r.person.id))
          .map((r) => ({ ...sheetRow(r.row), workerId: idOf.get(r.person.id) ?? '' })),
      ];
      await writeAudit(tx, {
        action: 'worker.import', objectType: 'social_worker', objectId: '', after: { rows: named },
        detail: `${summary}；第 ${b + 1}/${batches} 批，${batch.length} 人，${named.length} 行`,
      });
    }
  };

  const issuesByRow = new Map<string, string[]>();
  for (const i of issues) issuesByRow.set(`${i.sheet}:${i.row}`, [...(issuesByRow.get(`${i.sheet}:${i.row}`) ?? []), `${i.column ? `【${i.column}】` : ''}${i.message}`]);
  return {
    book,
    issuesByRow,
    apply,
    report: {
      written: false,
      mode,
      rows: rows.length,
      validRows: rows.length - invalidRows,
      invalidRows,
      createdWorkers: writable ? newPeople.length : 0,
      matchedWorkers: writable ? matched.length : 0,
      createdPostings: writable ? postingsToWrite.length : 0,
      issues: issues.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row),
    },
  };
}

export async function importWorkers(ctx: Ctx, content: Buffer, mode: 'all' | 'valid-only', dryRun: boolean): Promise<ImportReport> {
  const p = await plan(ctx, content, mode);
  const writable = mode === 'valid-only' || p.report.invalidRows === 0;
  if (dryRun || !writable || p.report.validRows === 0) return p.report;
  await inTransaction(ctx, (tx) =>
    p.apply(tx, `导入 ${p.report.rows} 行（${mode === 'all' ? '全部有效才导入' : '仅导入有效行'}）：新建 ${p.report.createdWorkers} 人，补充 ${p.report.matchedWorkers} 人，上岗 ${p.report.createdPostings} 条，问题 ${p.report.issues.length} 处`));
  return { ...p.report, written: true };
}

/** The uploaded workbook with a 校验结果 column on each sheet and a summary sheet. */
export async function reportWorkbook(ctx: Ctx, content: Buffer): Promise<Buffer> {
  const p = await plan(ctx, content, 'all');
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    const sheet = p.book.getWorksheet(SHEETS[key].name);
    if (!sheet) continue;
    const col = SHEETS[key].columns.length + 1;
    sheet.getCell(1, col).value = '校验结果';
    sheet.getCell(1, col).font = { bold: true };
    sheet.getColumn(col).width = 60;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const found = p.issuesByRow.get(`${SHEETS[key].name}:${n}`);
      const cell = row.getCell(col);
      cell.value = found ? found.join('；') : '通过';
      cell.font = { color: { argb: found ? 'FFC00000' : 'FF008000' } };
    });
  }
  const summary = p.book.addWorksheet('问题汇总');
  summary.addRow(['工作表', '行号', '列', '问题']);
  summary.getRow(1).font = { bold: true };
  for (const i of p.report.issues) summary.addRow([i.sheet, i.row, i.column, i.message]);
  summary.addRow([]);
  summary.addRow([`共 ${p.report.rows} 行，有效 ${p.report.validRows} 行，有问题 ${p.report.invalidRows} 行`]);
  summary.columns.forEach((c, i) => (c.width = i === 3 ? 80 : 16));
  return Buffer.from(await p.book.xlsx.writeBuffer());
}
