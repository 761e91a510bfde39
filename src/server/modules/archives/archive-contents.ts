import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { ArchiveFileKind } from '../../../shared/rules/archives';
import { CASE_STAGE_LABELS, SERVICE_METHOD_LABELS, SERVICE_METHODS } from '../../../shared/rules/case-work';
import { chinaDateTime } from '../../../shared/rules/china-date';
import { maskIdNumber } from '../../../shared/rules/id-number';
import { SERVICE_DOMAIN_LABELS, SERVICE_DOMAINS } from '../../../shared/rules/organizations';
import { EVALUATION_GRADE_LABELS, SPENDING_CATEGORY_LABELS } from '../../../shared/rules/purchase';
import { REPORT_KIND_LABELS } from '../../../shared/rules/reports';
import { STATION_PLAN_STATUS_LABELS } from '../../../shared/rules/station-plans';
import type { Db } from '../../db/client';
import {
  annualPlans, cases, clients, contractPayments, contractSpending, contractStations, contracts, evaluations, files, reports,
  serviceRecords, stationPlans, users, volunteerCertificates,
} from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { systemOf } from '../evaluations/indicators';
import { reportDocx } from '../reports/report-document';
import * as reportsService from '../reports/reports.service';
import { findStation, stationNames } from '../stations/stations.repo';
import { certificateDocx } from '../volunteers/certificates';

// What a station-year archive holds: the list of its files, each made only when the builder asks.

/** One file of the archive, listed before it is made so the job knows its total. */
export interface Item {
  folder: string;
  name: string;
  kind: ArchiveFileKind;
  source: string;
  date: string;
  /** The year the retention period starts counting. */
  startYear: number;
  render: () => Promise<Buffer>;
}

const TOP_FOLDERS = {
  reports: '01-工作报告',
  plan: '02-年度计划',
  contracts: '03-合同与付款',
  evaluation: '04-绩效评估',
  cases: '05-结案个案',
  records: '06-服务台账汇总',
  volunteers: '07-志愿服务记录证明',
} as const;
type Folders = Record<keyof typeof TOP_FOLDERS, string>;
const prefixed = (prefix: string): Folders =>
  Object.fromEntries(Object.entries(TOP_FOLDERS).map(([k, v]) => [k, `${prefix}/${v}`])) as Folders;

/** A station-year within a contract archive: the contract's term only, under the station's folder. */
interface StationYearOptions {
  /** Only this contract (its reports, and no 03/04 folders: the contract archive holds those once). */
  contractId?: string;
  /** The part of the year within the contract's term (default the whole year). */
  from?: string;
  to?: string;
  /** Folder the station-year's folders go under. */
  prefix?: string;
}

export const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001F]/g, '_').slice(0, 120);
const yuan = (fen: number) => Math.round(fen) / 100;
const dateText = (d: Date | string | null) => (d === null ? '' : typeof d === 'string' ? d : chinaDateTime(d).slice(0, 10));

interface Sheet {
  name: string;
  columns: { header: string; key: string; width: number }[];
  rows: Record<string, unknown>[];
}

export async function workbook(sheets: Sheet[], footer: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'SGZ';
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name);
    sheet.columns = s.columns;
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of s.rows) sheet.addRow(r);
    sheet.addRow([]);
    sheet.addRow([footer]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function storedFile(db: Db, id: string): Promise<Buffer> {
  const [row] = await db.select({ content: files.content }).from(files).where(eq(files.id, id));
  if (!row) throw new Error(`file ${id} vanished`);
  return row.content;
}

/**
 * Attachments of owners, as items (names and ids only; the bytes are read one at a time): one
 * query for all the owners, whatever their number. The start year may differ by owner.
 */
async function attachmentItems(
  db: Db, ownerTypes: string[], ownerIds: string[], folder: string, source: (ownerId: string) => string, startYear: number | ((ownerId: string) => number),
  byOwner = false,
): Promise<Item[]> {
  if (ownerIds.length === 0) return [];
  const found = await db
    .select({ id: files.id, name: files.name, ownerId: files.ownerId, createdAt: files.createdAt })
    .from(files)
    .where(and(inArray(files.ownerType, ownerTypes), inArray(files.ownerId, ownerIds)))
    .orderBy(asc(files.createdAt), asc(files.id));
  // byOwner: grouped in the owners' order (a stable sort keeps each owner's files by date).
  const position = new Map(ownerIds.map((id, i) => [id, i]));
  const rows = byOwner ? [...found].sort((x, y) => (position.get(x.ownerId) ?? 0) - (position.get(y.ownerId) ?? 0)) : found;
  return rows.map((f) => ({
    folder, name: f.name, kind: 'attachment' as const, source: source(f.ownerId), date: dateText(f.createdAt),
    startYear: typeof startYear === 'number' ? startYear : startYear(f.ownerId),
    render: () => storedFile(db, f.id),
  }));
}

const contractColumns = {
  id: contracts.id, number: contracts.number, title: contracts.title, startsOn: contracts.startsOn, endsOn: contracts.endsOn,
  priceFen: contracts.priceFen, status: contracts.status, signedOn: contracts.signedOn, content: contracts.content,
  quantity: contracts.quantity, quality: contracts.quality, contractorOrgId: contracts.contractorOrgId,
};
type ContractTerms = { [K in keyof typeof contractColumns]: (typeof contracts.$inferSelect)[K] };

/**
 * A contract's own folder: its terms, payments and spending between from and to (spending of one
 * station, or of all its stations), and its files.
 */
async function contractItems(
  sys: Ctx, k: ContractTerms,
  o: { folder: string; from: string; to: string; stationId: string | null; financeName: string; footer: string },
): Promise<Item[]> {
  const db = sys.db;
  const { folder, from, to, footer } = o;
  const endYear = Number((k.endsOn ?? to).slice(0, 4));
  const items: Item[] = [];
  items.push({
    folder, name: '合同要素.xlsx', kind: 'contract', source: `服务合同：${k.title}`, date: k.signedOn ?? k.startsOn ?? '', startYear: endYear,
    render: () => workbook([{
      name: '合同', columns: [{ header: '项目', key: 'k', width: 16 }, { header: '内容', key: 'v', width: 90 }],
      rows: [
        { k: '合同编号', v: k.number }, { k: '名称', v: k.title }, { k: '期限', v: `${k.startsOn ?? ''} 至 ${k.endsOn ?? ''}` }, { k: '签订日期', v: k.signedOn ?? '' },
        { k: '金额（元）', v: yuan(k.priceFen) }, { k: '服务内容', v: k.content }, { k: '数量要求', v: k.quantity }, { k: '质量要求', v: k.quality },
      ],
    }], footer),
  });
  items.push({
    folder, name: o.financeName, kind: 'finance', source: `服务合同付款和${o.stationId ? '本站' : '各站'}支出：${k.title}`, date: to, startYear: Number(to.slice(0, 4)),
    render: async () => {
      const [payments, spending] = await Promise.all([
        db.select().from(contractPayments).where(and(eq(contractPayments.contractId, k.id), sql`${contractPayments.paidOn} BETWEEN ${from}::date AND ${to}::date`)).orderBy(asc(contractPayments.paidOn)),
        db.select().from(contractSpending).where(and(eq(contractSpending.contractId, k.id), o.stationId ? eq(contractSpending.stationId, o.stationId) : undefined, sql`${contractSpending.spentOn} BETWEEN ${from}::date AND ${to}::date`)).orderBy(asc(contractSpending.spentOn)),
      ]);
      const names = o.stationId ? new Map<string, string>() : await stationNames(db, [...new Set(spending.map((x) => x.stationId))]);
      return workbook([
        {
          name: '付款', columns: [{ header: '期次', key: 'i', width: 8 }, { header: '付款日期', key: 'd', width: 12 }, { header: '金额（元）', key: 'a', width: 14 }, { header: '凭证', key: 'v', width: 20 }, { header: '说明', key: 'n', width: 40 }],
          rows: payments.map((p) => ({ i: p.instalment, d: p.paidOn, a: yuan(p.amountFen), v: p.voucher, n: p.note })),
        },
        {
          name: o.stationId ? '本站支出' : '各站支出',
          columns: [
            { header: '日期', key: 'd', width: 12 }, ...(o.stationId ? [] : [{ header: '社工站', key: 's', width: 30 }]),
            { header: '类别', key: 'c', width: 14 }, { header: '金额（元）', key: 'a', width: 14 }, { header: '说明', key: 'n', width: 40 },
          ],
          rows: spending.map((x) => ({ d: x.spentOn, s: names.get(x.stationId) ?? '', c: SPENDING_CATEGORY_LABELS[x.category], a: yuan(x.amountFen), n: x.note })),
        },
      ], footer);
    },
  });
  items.push(...(await attachmentItems(db, ['contract'], [k.id], `${folder}/合同文件`, () => `合同文件：${k.title}`, endYear)));
  return items;
}

/** Evaluations of the contracts (of one year, or of every year when none is named), with their evidence. */
export async function evaluationItems(sys: Ctx, contractRows: ContractTerms[], o: { folder: string; year: number | null; footer: string }): Promise<Item[]> {
  if (contractRows.length === 0) return [];
  const rows = await sys.db
    .select({ id: evaluations.id, contractId: evaluations.contractId, year: evaluations.year, status: evaluations.status, grade: evaluations.grade, total: evaluations.total, scores: evaluations.scores, evaluators: evaluations.evaluators, finishedAt: evaluations.finishedAt })
    .from(evaluations)
    .where(and(inArray(evaluations.contractId, contractRows.map((k) => k.id)), o.year === null ? undefined : eq(evaluations.year, o.year)))
    .orderBy(asc(evaluations.year));
  const items: Item[] = [];
  for (const e of rows) {
    const k = contractRows.find((x) => x.id === e.contractId);
    items.push({
      folder: o.folder, name: `${e.year}年度绩效评估结果-${safeName(k?.number || k?.title || e.id)}.xlsx`, kind: 'evaluation',
      source: `${e.year}年度绩效评估：${k?.title ?? ''}`, date: dateText(e.finishedAt), startYear: e.year,
      render: async () => {
        const system = await systemOf(sys, e.year);
        const names = new Map(system.dimensions.flatMap((d) => d.indicators.map((i) => [i.code, `${d.name}／${i.name}`] as const)));
        return workbook([{
          name: '评估结果', columns: [{ header: '指标', key: 'i', width: 40 }, { header: '得分', key: 's', width: 10 }, { header: '评语', key: 'c', width: 60 }],
          rows: [
            ...e.scores.map((x) => ({ i: names.get(x.code) ?? x.code, s: x.score ?? '', c: x.comment })),
            { i: '总分', s: e.total ?? '', c: e.status === 'finished' ? '已完成' : '评估中' },
            { i: '等次', s: e.grade ? EVALUATION_GRADE_LABELS[e.grade] : '', c: `评估人员：${e.evaluators}` },
          ],
        }], o.footer);
      },
    });
  }
  // Every evaluation's evidence in one query, listed evaluation by evaluation (by year) as before.
  const yearOf = new Map(rows.map((e) => [e.id, e.year]));
  items.push(...(await attachmentItems(sys.db, ['evaluation'], rows.map((e) => e.id), `${o.folder}/佐证材料`, (id) => `${yearOf.get(id) ?? ''}年度绩效评估佐证`, (id) => yearOf.get(id) ?? 0, true)));
  return items;
}

/**
 * Everything SGZ holds about one station's year, as a list of files to make. Each query names
 * the station (and the year): one station's rows, never a county's.
 */
export async function archiveItems(sys: Ctx, stationId: string, year: number, opts: StationYearOptions = {}): Promise<{ items: Item[]; stationName: string }> {
  const db = sys.db;
  const station = await findStation(sys, stationId);
  if (!station) throw new Error('station vanished');
  const from = opts.from ?? `${year}-01-01`;
  const to = opts.to ?? `${year}-12-31`;
  const footer = `${station.name} ${year}年度归档　生成时间：${chinaDateTime(new Date())}`;
  const items: Item[] = [];
  const FOLDERS = opts.prefix ? prefixed(opts.prefix) : TOP_FOLDERS;

  // Contracts of the station whose term meets the year (not drafts).
  const contractRows = await db
    .select(contractColumns)
    .from(contracts)
    .innerJoin(contractStations, eq(contractStations.contractId, contracts.id))
    .where(and(eq(contractStations.stationId, stationId), opts.contractId ? eq(contracts.id, opts.contractId) : undefined, sql`${contracts.status} <> 'draft'`, sql`${contracts.startsOn} <= ${to}::date`, sql`${contracts.endsOn} >= ${from}::date`))
    .orderBy(asc(contracts.startsOn));
  const contractIds = contractRows.map((k) => k.id);

  // 01 reports: the station's and its contracts' reports of the year, as submitted (drafts are not records yet).
  const reportRows = await db
    .select({ id: reports.id, kind: reports.kind, title: reports.title, periodEnd: reports.periodEnd })
    .from(reports)
    .where(and(
      // The station's own, and its contracts' reports that name no station (another station's are not this station's).
      contractIds.length > 0 ? sql`(${reports.stationId} = ${stationId} OR (${reports.stationId} IS NULL AND ${inArray(reports.contractId, contractIds)}))` : eq(reports.stationId, stationId),
      // A contract's archive holds that contract's reports only, not another contractor's of the same station and year.
      opts.contractId ? eq(reports.contractId, opts.contractId) : undefined,
      sql`${reports.status} <> 'draft'`, sql`${reports.periodStart} <= ${to}::date`, sql`${reports.periodEnd} >= ${from}::date`,
    ))
    .orderBy(asc(reports.periodStart), asc(reports.kind));
  for (const r of reportRows)
    items.push({
      folder: FOLDERS.reports, name: `${safeName(r.title)}.docx`, kind: r.kind === 'monthly' ? 'report' : 'report_annual',
      source: `${REPORT_KIND_LABELS[r.kind]}：${r.title}`, date: r.periodEnd, startYear: Number(r.periodEnd.slice(0, 4)),
      render: async () => {
        const detail = await reportsService.get(sys, r.id, { compare: false });
        return reportDocx(detail, detail.orgName ?? `${detail.countyShortName}民政局`);
      },
    });
  const reportTitle = new Map(reportRows.map((r) => [r.id, r.title]));
  items.push(...(await attachmentItems(db, ['report', 'report:needs_survey', 'report:service_plan'], reportRows.map((r) => r.id), `${FOLDERS.reports}/附件`, (id) => `报告附件：${reportTitle.get(id) ?? ''}`, year)));

  // 02 the county's annual plan of the year, when filed or submitted.
  const [plan] = await db
    .select({ id: annualPlans.id, status: annualPlans.status, content: annualPlans.content, updatedAt: annualPlans.updatedAt })
    .from(annualPlans)
    .where(and(eq(annualPlans.countyCode, station.countyCode), eq(annualPlans.year, year), sql`${annualPlans.status} <> 'draft'`));
  if (plan)
    items.push({
      folder: FOLDERS.plan, name: `${station.countyShortName}${year}年度社工站建设计划.xlsx`, kind: 'plan', source: `${station.countyShortName}${year}年度计划`,
      date: dateText(plan.updatedAt), startYear: year,
      render: () => workbook([{
        name: '年度计划', columns: [{ header: '项目', key: 'k', width: 16 }, { header: '内容', key: 'v', width: 90 }],
        rows: [
          { k: '目标', v: plan.content.goals }, { k: '预算（元）', v: yuan(plan.content.budgetFen) }, { k: '服务内容与进度', v: plan.content.contentSchedule },
          { k: '质量标准', v: plan.content.qualityStandards }, { k: '数量标准', v: plan.content.quantityStandards }, { k: '评估安排', v: plan.content.evaluationPlan },
          { k: '本站在计划内', v: plan.content.stationIds.includes(stationId) ? '是' : '否' },
        ],
      }], footer),
    });

  // 02 the station's own plan of the year (一站一策), once submitted.
  const [stationPlan] = await db
    .select({
      status: stationPlans.status, itemCodes: stationPlans.itemCodes, duties: stationPlans.duties, firstMonth: stationPlans.firstMonth, lastMonth: stationPlans.lastMonth,
      records: stationPlans.targetRecords, visits: stationPlans.targetHomeVisits, sessions: stationPlans.targetGroupSessions, cases: stationPlans.targetCasesOpened,
      approvedAt: stationPlans.approvedAt, updatedAt: stationPlans.updatedAt,
    })
    .from(stationPlans)
    .where(and(eq(stationPlans.stationId, stationId), eq(stationPlans.year, year), sql`${stationPlans.status} <> 'draft'`));
  if (stationPlan)
    items.push({
      folder: FOLDERS.plan, name: `${year}年一站一策服务计划.xlsx`, kind: 'plan', source: `${station.name}${year}年一站一策（${STATION_PLAN_STATUS_LABELS[stationPlan.status]}）`,
      date: dateText(stationPlan.approvedAt ?? stationPlan.updatedAt), startYear: year,
      render: () => workbook([{
        name: '一站一策', columns: [{ header: '项目', key: 'k', width: 20 }, { header: '内容', key: 'v', width: 90 }],
        rows: [
          { k: '状态', v: STATION_PLAN_STATUS_LABELS[stationPlan.status] }, { k: '覆盖月份', v: `${stationPlan.firstMonth}月至${stationPlan.lastMonth}月` },
          { k: '服务项目', v: stationPlan.itemCodes.join('、') }, { k: '职责', v: stationPlan.duties },
          { k: '服务记录目标（条）', v: stationPlan.records }, { k: '入户走访目标（次）', v: stationPlan.visits },
          { k: '小组活动目标（节）', v: stationPlan.sessions }, { k: '新开个案目标（件）', v: stationPlan.cases },
        ],
      }], footer),
    });

  // 03 contracts and 04 their evaluations: a contract archive holds them once, in its own folder.
  if (!opts.contractId) {
    for (const k of contractRows)
      items.push(...(await contractItems(sys, k, { folder: `${FOLDERS.contracts}/${safeName(k.number || k.title)}`, from, to, stationId, financeName: `${year}年付款和支出.xlsx`, footer })));
    items.push(...(await evaluationItems(sys, contractRows, { folder: FOLDERS.evaluation, year, footer })));
  }

  // 05 cases closed in the year: one list (ID numbers masked as lists show them, no case notes),
  // and the attachments of their service records.
  const closed = await db
    .select({ id: cases.id, openedOn: cases.openedOn, closedOn: cases.closedOn, stage: cases.stage, clientName: clients.name, idCipher: clients.idNumberCipher, worker: users.displayName })
    .from(cases)
    .innerJoin(clients, eq(clients.id, cases.clientId))
    .leftJoin(users, eq(users.id, cases.workerId))
    .where(and(eq(cases.stationId, stationId), sql`${cases.closedOn} BETWEEN ${from}::date AND ${to}::date`))
    .orderBy(asc(cases.closedOn), asc(cases.id));
  if (closed.length > 0) {
    const caseIds = closed.map((x) => x.id);
    items.push({
      folder: FOLDERS.cases, name: `${year}年结案个案一览.xlsx`, kind: 'case', source: `${year}年结案个案（${closed.length}件）`, date: to, startYear: year,
      render: async () => {
        const counts = await db
          .select({ caseId: serviceRecords.caseId, n: sql<number>`count(*)::int` })
          .from(serviceRecords)
          .where(and(eq(serviceRecords.stationId, stationId), inArray(serviceRecords.caseId, caseIds)))
          .groupBy(serviceRecords.caseId);
        const byCase = new Map(counts.map((x) => [x.caseId, x.n]));
        return workbook([{
          name: '结案个案', columns: [
            { header: '个案编号', key: 'id', width: 12 }, { header: '服务对象', key: 'name', width: 12 }, { header: '身份证号', key: 'idn', width: 22 },
            { header: '接案日期', key: 'o', width: 12 }, { header: '结案日期', key: 'c', width: 12 }, { header: '阶段', key: 'st', width: 10 },
            { header: '社工', key: 'w', width: 12 }, { header: '服务记录（条）', key: 'n', width: 14 },
          ],
          rows: closed.map((x) => ({
            id: x.id.slice(0, 8), name: x.clientName, idn: maskIdNumber(sys.cipher.decrypt(x.idCipher)), o: x.openedOn, c: x.closedOn ?? '',
            st: CASE_STAGE_LABELS[x.stage], w: x.worker ?? '', n: byCase.get(x.id) ?? 0,
          })),
        }], `${footer}　身份证号已脱敏，不含个案记录正文`);
      },
    });
    const recordRows = await db
      .select({ id: serviceRecords.id, caseId: serviceRecords.caseId })
      .from(serviceRecords)
      .where(and(eq(serviceRecords.stationId, stationId), inArray(serviceRecords.caseId, caseIds)));
    items.push(...(await attachmentItems(db, ['service_record'], recordRows.map((r) => r.id), `${FOLDERS.cases}/服务记录附件`, () => '结案个案的服务记录附件', year)));
  }

  // 06 the records summary, counted in SQL for this station's year only.
  items.push({
    folder: FOLDERS.records, name: `${year}年服务台账汇总.xlsx`, kind: 'records_summary', source: `${station.name}${year}年服务记录`, date: to, startYear: year,
    render: async () => {
      const rows = await db
        .select({ month: sql<number>`extract(month from ${serviceRecords.date})::int`, domain: serviceRecords.domain, method: serviceRecords.method, n: sql<number>`count(*)::int`, minutes: sql<number>`coalesce(sum(${serviceRecords.durationMinutes}), 0)::int` })
        .from(serviceRecords)
        .where(and(eq(serviceRecords.stationId, stationId), sql`${serviceRecords.date} BETWEEN ${from}::date AND ${to}::date`))
        .groupBy(sql`1`, serviceRecords.domain, serviceRecords.method);
      const grid = (keyOf: (r: (typeof rows)[number]) => string, keys: readonly string[]) =>
        Array.from({ length: 12 }, (_, i) => {
          const inMonth = rows.filter((r) => r.month === i + 1);
          const line: Record<string, unknown> = { m: `${i + 1}月` };
          for (const k of keys) line[k] = inMonth.filter((r) => keyOf(r) === k).reduce((s, r) => s + r.n, 0);
          line.total = inMonth.reduce((s, r) => s + r.n, 0);
          line.hours = Math.round(inMonth.reduce((s, r) => s + r.minutes, 0) / 6) / 10;
          return line;
        });
      const head = (labels: Record<string, string>, keys: readonly string[]) => [
        { header: '月份', key: 'm', width: 8 }, ...keys.map((k) => ({ header: labels[k] ?? k, key: k, width: 12 })),
        { header: '合计（条）', key: 'total', width: 12 }, { header: '服务时长（小时）', key: 'hours', width: 16 },
      ];
      return workbook([
        { name: '按服务领域', columns: head(SERVICE_DOMAIN_LABELS, SERVICE_DOMAINS), rows: grid((r) => r.domain, SERVICE_DOMAINS) },
        { name: '按服务方式', columns: head(SERVICE_METHOD_LABELS, SERVICE_METHODS), rows: grid((r) => r.method, SERVICE_METHODS) },
      ], footer);
    },
  });

  // 07 volunteer certificates the station issued in the year, as copies (副本): the original went to the volunteer.
  const certificates = await db
    .select({ id: volunteerCertificates.id, number: volunteerCertificates.number, issuedOn: volunteerCertificates.issuedOn })
    .from(volunteerCertificates)
    .where(and(eq(volunteerCertificates.stationId, stationId), eq(volunteerCertificates.year, year), sql`${volunteerCertificates.issuedOn} BETWEEN ${from}::date AND ${to}::date`))
    .orderBy(asc(volunteerCertificates.serial));
  for (const c of certificates)
    items.push({
      folder: FOLDERS.volunteers, name: `志愿服务记录证明${safeName(c.number)}（副本）.docx`, kind: 'volunteer_certificate', source: `志愿服务记录证明 ${c.number}`,
      date: c.issuedOn, startYear: Number(c.issuedOn.slice(0, 4)),
      render: async () => {
        const [row] = await db.select().from(volunteerCertificates).where(eq(volunteerCertificates.id, c.id));
        if (!row) throw new Error('certificate vanished');
        return certificateDocx(row, true);
      },
    });

  return { items, stationName: station.name };
}


/** The years of a term, up to this year (later years hold nothing yet). */
export function termYears(startsOn: string, endsOn: string, thisYear: number): number[] {
  const first = Number(startsOn.slice(0, 4));
  const last = Math.min(Number(endsOn.slice(0, 4)), thisYear);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/**
 * A contract's archive: its own folder (terms, payments and spending of the whole term, files,
 * evaluations of every year), then for each of its stations and each year of its term the
 * station-year folders, limited to the days of the year within the term.
 */
export async function contractArchiveItems(sys: Ctx, contractId: string, thisYear: number): Promise<Item[]> {
  const [k] = await sys.db.select(contractColumns).from(contracts).where(eq(contracts.id, contractId));
  if (!k?.startsOn || !k.endsOn) throw new Error('contract vanished or has no term');
  const { startsOn, endsOn } = k;
  const footer = `${k.title} 合同归档　生成时间：${chinaDateTime(new Date())}`;
  const folder = `00-合同-${safeName(k.number || k.title)}`;
  const items = await contractItems(sys, k, { folder, from: startsOn, to: endsOn, stationId: null, financeName: '付款和支出.xlsx', footer });
  items.push(...(await evaluationItems(sys, [k], { folder: `${folder}/绩效评估`, year: null, footer })));
  const stationIds = (await sys.db.select({ id: contractStations.stationId }).from(contractStations).where(eq(contractStations.contractId, contractId))).map((r) => r.id);
  const names = await stationNames(sys.db, stationIds);
  const ordered = [...stationIds].sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? '', 'zh-CN'));
  for (const stationId of ordered)
    for (const year of termYears(startsOn, endsOn, thisYear)) {
      const from = `${year}-01-01` < startsOn ? startsOn : `${year}-01-01`;
      const to = `${year}-12-31` > endsOn ? endsOn : `${year}-12-31`;
      const prefix = `${safeName(names.get(stationId) ?? stationId)}/${year}年`;
      items.push(...(await archiveItems(sys, stationId, year, { contractId, from, to, prefix })).items);
    }
  return items;
}
