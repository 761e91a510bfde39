import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/reports';
import { chinaToday } from '../../../shared/rules/china-date';
import {
  contractReportPeriod,
  districtReportPeriod,
  monthlyPeriod,
  REPORT_KIND_LABELS,
  REPORT_SECTIONS,
  REPORT_STATUS_LABELS,
  reportTimeliness,
  type ReportKind,
} from '../../../shared/rules/reports';
import { contracts, files, reports, type ReportSnapshot } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { DOCUMENT_TYPES, readUpload } from '../../platform/uploads';
import { postedWorkers } from '../compliance/compliance.service';
import { stationFindings } from '../compliance/staffing-findings';
import { contractFindings, stationStates } from '../contracts/contract-findings';
import { contractsInForceAt, findContract } from '../contracts/contracts.repo';
import { purchaserCounty } from '../regions/county-scope';
import { findStation, stationNames } from '../stations/stations.repo';
import { computeFigures } from './report-figures';
import * as repo from './reports.repo';
import { workflowEvent } from '../../platform/workflow';

type Detail = z.input<typeof c.reportDetailSchema>;
type Summary = z.input<typeof c.reportSummarySchema>;
type DraftBody = z.output<typeof c.draftReport.body>;

function summaryOf(j: repo.ReportListJoined, now: Date): Summary {
  const r = j.report;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    countyCode: r.countyCode,
    countyShortName: j.countyShortName,
    stationId: r.stationId,
    contractId: r.contractId,
    orgName: j.orgName,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueOn: r.dueOn,
    status: r.status,
    timeliness: reportTimeliness(r.dueOn, r.firstSubmittedAt, now),
    firstSubmittedAt: r.firstSubmittedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function list(ctx: Ctx, q: z.output<typeof c.reportListQuery>) {
  const where: SQL[] = [];
  if (q.kind) where.push(eq(reports.kind, q.kind));
  if (q.status) where.push(eq(reports.status, q.status));
  if (q.countyCode) where.push(eq(reports.countyCode, q.countyCode));
  if (q.stationId) where.push(eq(reports.stationId, q.stationId));
  if (q.contractId) where.push(eq(reports.contractId, q.contractId));
  if (q.year) where.push(gte(reports.periodStart, `${q.year}-01-01`), lte(reports.periodStart, `${q.year}-12-31`));
  if (q.late === 'true') where.push(repo.lateCondition(chinaToday()));
  const [rows, counted] = await Promise.all([
    repo.listReports(ctx, where, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countReports(ctx, where, q),
  ]);
  const now = new Date();
  return { items: rows.map((j) => summaryOf(j, now)), ...counted, page: q.page, pageSize: q.pageSize };
}

/** The findings a report states: staffing of its stations and, for a contract, the contract's own. */
async function findingsOf(ctx: Ctx, r: repo.ReportRow, stationIds: string[]): Promise<ReportSnapshot['findings']> {
  const today = chinaToday();
  const [posted, names] = await Promise.all([postedWorkers(ctx, stationIds, today), stationNames(ctx.db, stationIds)]);
  const lines: ReportSnapshot['findings'] = [];
  for (const id of stationIds)
    for (const f of stationFindings(posted.get(id) ?? [], today).findings.filter((x) => x.severity === 'finding'))
      lines.push({ rule: f.rule.id, message: `${names.get(id) ?? ''}：${f.message}` });
  if (r.contractId) {
    const [k] = await ctx.db.select().from(contracts).where(eq(contracts.id, r.contractId));
    if (k) {
      const states = await stationStates(ctx, [{ contract: k, stationIds }], today);
      for (const f of contractFindings(k, states.get(k.id) ?? [], today).filter((x) => x.severity === 'finding'))
        lines.push({ rule: f.rule.id, message: f.message });
    }
  }
  return lines;
}

async function liveSnapshot(ctx: Ctx, r: repo.ReportRow): Promise<ReportSnapshot> {
  const stationIds = await repo.subjectStations(ctx.db, r);
  const [figures, findings] = await Promise.all([
    computeFigures(ctx.db, stationIds, { start: r.periodStart, end: r.periodEnd }),
    findingsOf(ctx, r, stationIds),
  ]);
  return { computedAt: new Date().toISOString(), figures, findings };
}

const FILE_LABELS = { needs_survey: '需求调研报告', service_plan: '服务计划' } as const;

function missingOf(r: repo.ReportRow, fileKinds: string[]): string[] {
  if (r.kind !== 'midterm' && r.kind !== 'final') return [];
  return (['needs_survey', 'service_plan'] as const).filter((k) => !fileKinds.includes(k)).map((k) => FILE_LABELS[k]);
}

const frozenSnapshot = (r: repo.ReportRow): ReportSnapshot | null =>
  r.snapshot !== null && r.status !== 'draft' && r.status !== 'returned' ? r.snapshot : null;

/** The figures a report shows: frozen at submission, else live (a drill-down needs no comparison). */
export async function shownSnapshot(ctx: Ctx, r: repo.ReportRow): Promise<ReportSnapshot> {
  return frozenSnapshot(r) ?? liveSnapshot(ctx, r);
}

/**
 * How `get` treats a submitted report's live figures: `live`, the ones the caller has just
 * computed; `compare: false`, none (a document or archive shows the frozen figures alone).
 */
interface LiveOptions { live?: ReportSnapshot; compare?: boolean }

/**
 * Frozen figures for a submitted report beside the live ones (to say what changed since), live
 * ones alone for a draft.
 */
async function snapshotOf(ctx: Ctx, r: repo.ReportRow, o: LiveOptions): Promise<{ frozen: boolean; snap: ReportSnapshot; live: ReportSnapshot | null }> {
  const frozen = frozenSnapshot(r);
  if (frozen && o.compare === false) return { frozen: true, snap: frozen, live: null };
  const current = o.live ?? (await liveSnapshot(ctx, r));
  return frozen ? { frozen: true, snap: frozen, live: current } : { frozen: false, snap: current, live: null };
}

export async function get(ctx: Ctx, id: string, o: LiveOptions = {}): Promise<Detail> {
  const j = await repo.findReport(ctx, id);
  if (!j) throw notFound('报告');
  const r = j.report;
  const [{ frozen, snap, live: current }, attached] = await Promise.all([snapshotOf(ctx, r, o), repo.filesOf(ctx.db, id)]);
  const liveByKey = new Map((current?.figures ?? []).map((f) => [f.key, f]));
  return {
    ...summaryOf(j, new Date()),
    sections: Object.fromEntries(REPORT_SECTIONS.map((s) => [s, r.sections[s] ?? ''])) as Detail['sections'],
    figures: snap.figures.map(({ ids: _ids, ...f }) => f),
    findings: snap.findings,
    frozen,
    computedAt: snap.computedAt,
    changedSince: current
      ? snap.figures
          .filter((f) => (liveByKey.get(f.key)?.value ?? 0) !== f.value)
          .map((f) => ({ key: f.key, label: f.label, frozen: f.value, live: liveByKey.get(f.key)?.value ?? 0 }))
      : [],
    lastComment: r.lastComment,
    history: r.history,
    files: attached.map(({ ownerType, ...f }) => ({ ...f, kind: repo.kindOfOwner(ownerType), createdAt: f.createdAt.toISOString() })),
    missing: missingOf(r, attached.map((f) => repo.kindOfOwner(f.ownerType))),
  };
}

/** The contractor of a contract report is the only one who writes it (R-REPORTS: 承接主体提交). */
function mustBeContractor(ctx: Ctx, orgId: string) {
  const scope = actorOf(ctx).scope;
  if (scope.kind !== 'org' || scope.orgId !== orgId)
    throw new AppError('FORBIDDEN', '月度简报、中期和终期报告由承接机构起草和提交');
}

interface NewReport {
  kind: ReportKind;
  countyCode: string;
  scopePath: string;
  stationId: string | null;
  contractId: string | null;
  orgId: string | null;
  title: string;
  period: { start: string; end: string; dueOn: string };
}

async function subjectFor(ctx: Ctx, body: DraftBody): Promise<NewReport> {
  if (body.kind === 'district_annual') {
    if (actorOf(ctx).scope.kind === 'org') throw new AppError('FORBIDDEN', '区市项目实施情况报告由区市民政部门起草');
    const county = await purchaserCounty(ctx, body.countyCode);
    return {
      kind: 'district_annual', countyCode: county.code, scopePath: county.path, stationId: null, contractId: null, orgId: null,
      title: `${county.shortName}${body.year}年度社工站项目实施情况报告`, period: districtReportPeriod(body.year),
    };
  }
  if (body.kind === 'monthly' && body.stationId) {
    // The briefing is owed by whoever served the station that month, also after its contract
    // ended (R-REPORTS): an organisation looks the station up beyond today's scope, and the
    // contract in force in the month decides below.
    const orgActor = actorOf(ctx).scope.kind === 'org';
    const station = await findStation(orgActor ? { ...ctx, system: true } : ctx, body.stationId);
    if (!station) throw notFound('社工站');
    const period = monthlyPeriod(body.month);
    const [inForce] = await contractsInForceAt(ctx.db, [station.station.id], period.start, period.end);
    if (!inForce) throw invalid([{ path: 'stationId', message: `${station.name}在${body.month}没有履行中的服务合同` }]);
    mustBeContractor(ctx, inForce.contract.contractorOrgId);
    return {
      kind: 'monthly', countyCode: station.countyCode, scopePath: station.station.scopePath, stationId: station.station.id,
      contractId: inForce.contract.id, orgId: inForce.contract.contractorOrgId,
      title: `${station.name}${body.month.replace('-', '年')}月工作简报`, period,
    };
  }
  const contractId = body.kind === 'monthly' ? body.contractId : body.contractId;
  if (!contractId) throw invalid([{ path: 'stationId', message: '请选择社工站或合同' }]);
  const found = await findContract(ctx, contractId);
  if (!found) throw notFound('服务合同');
  const k = found.contract;
  mustBeContractor(ctx, k.contractorOrgId);
  if (!k.startsOn || !k.endsOn || k.status === 'draft') throw invalid([{ path: 'contractId', message: '合同尚未签订' }]);
  const period = body.kind === 'monthly' ? monthlyPeriod(body.month) : contractReportPeriod(body.kind, k.startsOn, k.endsOn);
  const suffix = body.kind === 'monthly' ? `${body.month.replace('-', '年')}月工作简报` : REPORT_KIND_LABELS[body.kind];
  return {
    kind: body.kind, countyCode: k.countyCode, scopePath: k.scopePath, stationId: null, contractId: k.id, orgId: k.contractorOrgId,
    title: `${k.title}${suffix}`, period,
  };
}

export async function draft(ctx: Ctx, body: DraftBody): Promise<Detail> {
  const s = await subjectFor(ctx, body);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(reports)
        .values({
          kind: s.kind, countyCode: s.countyCode, scopePath: s.scopePath, stationId: s.stationId, contractId: s.contractId, orgId: s.orgId,
          title: s.title, periodStart: s.period.start, periodEnd: s.period.end, dueOn: s.period.dueOn,
          sections: Object.fromEntries(REPORT_SECTIONS.map((k) => [k, ''])), history: [workflowEvent(tx, '从业务记录生成草稿')],
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, { action: 'report.create', objectType: 'report', objectId: row.id, detail: row.title });
      return get(tx, row.id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'reports_subject_period')) throw new AppError('CONFLICT', `${s.title}已生成，请在报告列表中打开`);
    throw err;
  }
}

/** Writers: the contractor for its reports, the county unit for the district's own. */
async function writable(ctx: Ctx, id: string) {
  const j = await repo.findReport(ctx, id);
  if (!j) throw notFound('报告');
  const r = j.report;
  if (r.kind === 'district_annual') await purchaserCounty(ctx, r.countyCode);
  else if (r.orgId) mustBeContractor(ctx, r.orgId);
  return r;
}

function notEditable(r: repo.ReportRow) {
  return new AppError('CONFLICT', `报告${REPORT_STATUS_LABELS[r.status]}，不能修改；被退回后可修改再提交`);
}

export async function update(ctx: Ctx, id: string, body: z.output<typeof c.updateReport.body>): Promise<Detail> {
  const r = await writable(ctx, id);
  if (r.status !== 'draft' && r.status !== 'returned') throw notEditable(r);
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(reports)
      .set({ sections: body.sections, version: sql`${reports.version} + 1`, updatedAt: new Date() })
      .where(and(eq(reports.id, id), eq(reports.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'report.update', objectType: 'report', objectId: id, before: r.sections, after: body.sections });
    return get(tx, id);
  });
}

/** Submitting freezes the figures: later records do not change what was reported. */
export async function submit(ctx: Ctx, id: string, version: number): Promise<Detail> {
  const r = await writable(ctx, id);
  if (r.status !== 'draft' && r.status !== 'returned') throw notEditable(r);
  const attached = await repo.filesOf(ctx.db, id);
  const missing = missingOf(r, attached.map((f) => repo.kindOfOwner(f.ownerType)));
  if (missing.length > 0) throw ruleViolation('R-START-WORK', `${REPORT_KIND_LABELS[r.kind]}须附${missing.join('、')}`);
  const now = new Date();
  const late = reportTimeliness(r.dueOn, r.firstSubmittedAt ?? now, now) === 'late';
  const snapshot = await liveSnapshot(ctx, r);
  const rule = r.kind === 'district_annual' ? 'R-DISTRICT-REPORT' : 'R-REPORTS';
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(reports)
      .set({
        status: 'submitted', snapshot, firstSubmittedAt: r.firstSubmittedAt ?? now, submittedAt: now, submittedBy: actorOf(tx).id,
        history: [...r.history, workflowEvent(tx, '提交', late ? `逾期提交（应于${r.dueOn}前提交，${rule}）` : '')],
        version: sql`${reports.version} + 1`, updatedAt: now,
      })
      .where(and(eq(reports.id, id), eq(reports.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'report.submit', objectType: 'report', objectId: id, detail: `${r.title}${late ? '（逾期）' : ''}` });
    return get(tx, id, { live: snapshot }); // frozen just now: the live figures are the ones it froze
  });
}

export async function review(ctx: Ctx, id: string, body: z.output<typeof c.reviewReport.body>): Promise<Detail> {
  const j = await repo.findReport(ctx, id);
  if (!j) throw notFound('报告');
  const r = j.report;
  const scope = actorOf(ctx).scope;
  if (r.kind === 'district_annual') {
    if (scope.kind !== 'city') throw new AppError('FORBIDDEN', '区市项目实施情况报告由市民政局接收');
  } else {
    if (scope.kind === 'org') throw new AppError('FORBIDDEN', '报告由区市民政部门接收');
    await purchaserCounty(ctx, r.countyCode);
  }
  if (r.status !== 'submitted') throw new AppError('CONFLICT', `报告${REPORT_STATUS_LABELS[r.status]}，不在待接收状态`);
  if (r.submittedBy === actorOf(ctx).id) throw ruleViolation('R-FOUR-EYES', '这份报告是您本人提交的，须由另一人接收或退回');
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(reports)
      .set({
        status: body.decision, lastComment: body.comment,
        history: [...r.history, workflowEvent(tx, body.decision === 'accepted' ? '接收' : '退回', body.comment)],
        version: sql`${reports.version} + 1`, updatedAt: new Date(),
      })
      .where(and(eq(reports.id, id), eq(reports.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'report.review', objectType: 'report', objectId: id, detail: `${body.decision === 'accepted' ? '接收' : '退回'}${body.comment ? `：${body.comment}` : ''}` });
    return get(tx, id);
  });
}

export async function uploadFile(ctx: Ctx, id: string, kind: repo.ReportFileKind, request: FastifyRequest) {
  const r = await writable(ctx, id);
  if (r.status !== 'draft' && r.status !== 'returned') throw notEditable(r);
  const upload = await readUpload(request, DOCUMENT_TYPES);
  return inTransaction(ctx, async (tx) => {
    const [file] = await tx.db
      .insert(files)
      .values({ ownerType: repo.ownerTypeOf(kind), ownerId: id, scopePath: r.scopePath, orgId: r.orgId, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt });
    if (!file) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'report.file_upload', objectType: 'report', objectId: id, after: { fileId: file.id, kind, name: file.name, sha256: upload.sha256 } });
    return { ...file, createdAt: file.createdAt.toISOString() };
  });
}

export async function downloadFile(ctx: Ctx, id: string, fileId: string) {
  if (!(await repo.findReport(ctx, id))) throw notFound('报告');
  const file = await repo.fileOf(ctx.db, id, fileId);
  if (!file) throw notFound('文件');
  return file;
}
