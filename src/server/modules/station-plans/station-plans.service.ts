import dayjs from 'dayjs';
import type { FastifyRequest } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/station-plans';
import { RULES } from '../../../shared/rules/catalog';
import { chinaToday } from '../../../shared/rules/china-date';
import { clauseText } from '../../../shared/rules/clause-text';
import {
  belowTarget,
  isCumulative,
  judgedFrom,
  MEASURE_INFO,
  measureText,
  monthClosed,
  monthlyTarget,
  planMonths,
  STATION_PLAN_MEASURES,
  STATION_PLAN_STATUS_LABELS,
  stationPlanDueOn,
  type StationPlanTargets,
} from '../../../shared/rules/station-plans';
import { files, serviceItems, stationPlans, stationPlanVersions, type StationPlanSnapshot } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { DOCUMENT_TYPES, readUpload } from '../../platform/uploads';
import { workflowEvent } from '../../platform/workflow';
import { allowedServiceItems } from '../service-catalogue/service-items';
import * as repo from './station-plans.repo';

type Content = z.output<typeof c.stationPlanContentSchema>;
type Detail = z.input<typeof c.stationPlanDetailSchema>;
type Finding = z.input<typeof c.stationPlanFindingSchema>;

const FILE_LABELS = { needs_survey: '需求调研报告', service_plan: '服务计划' } as const;
const CLAUSE = `${clauseText(RULES['R-STATION-PLAN'].clause)}、${clauseText(RULES['R-START-WORK'].clause)}`;
const monthText = (m: string) => `${Number(m.slice(5, 7))}月`;

const targetsOf = (p: repo.PlanRow): StationPlanTargets => ({
  records: p.targetRecords, homeVisits: p.targetHomeVisits, groupSessions: p.targetGroupSessions, casesOpened: p.targetCasesOpened,
});
const targetColumns = (t: StationPlanTargets) => ({
  targetRecords: t.records, targetHomeVisits: t.homeVisits, targetGroupSessions: t.groupSessions, targetCasesOpened: t.casesOpened,
});
const snapshotOf = (p: repo.PlanRow): StationPlanSnapshot => ({ itemCodes: p.itemCodes, duties: p.duties, targets: targetsOf(p) });

/** What submitting still needs: the chosen items, the duties, and the R-START-WORK attachments. */
function missingOf(p: repo.PlanRow, fileKinds: readonly string[]): string[] {
  const out: string[] = [];
  if (p.itemCodes.length === 0) out.push('服务项目');
  if (!p.duties.trim()) out.push('工作职责');
  for (const k of ['needs_survey', 'service_plan'] as const) if (!fileKinds.includes(k)) out.push(FILE_LABELS[k]);
  return out;
}

/** Progress per measure and month (counted in SQL for the one station-year) and the findings of an approved plan. */
async function progressOf(ctx: Ctx, p: repo.PlanRow, stationName: string, contractStartsOn: string | null, today: string) {
  const from = judgedFrom(p.year, p.firstMonth, contractStartsOn);
  const months = planMonths(p.year, p.firstMonth, p.lastMonth);
  const first = months[0] ?? `${p.year}-01`;
  const last = months[months.length - 1] ?? `${p.year}-12`;
  const actuals = await repo.monthlyActuals(ctx.db, p.stationId, `${first}-01`, dayjs(`${last}-01`).endOf('month').format('YYYY-MM-DD'));
  const targets = targetsOf(p);
  const measured = STATION_PLAN_MEASURES.map((measure) => {
    let running = 0;
    let total = 0;
    const rows = months.map((month) => {
      const actual = actuals.get(month)?.[measure] ?? 0;
      total += actual;
      // The on-post month is shown but not judged; running totals start at the first judged month.
      const n = Number(month.slice(5, 7)) - from + 1;
      if (n >= 1) running += actual;
      const closed = monthClosed(month, today);
      const below = closed && n >= 1 && (isCumulative(measure) ? belowTarget(measure, targets[measure], running, n) : belowTarget(measure, targets[measure], actual));
      return { month, actual, closed, below, running, n };
    });
    return { measure, target: targets[measure], monthlyTarget: Math.round(monthlyTarget(measure, targets[measure]) * 10) / 10, rows, total };
  });
  const progress = measured.map(({ rows, ...r }) => ({ ...r, months: rows.map(({ month, actual, closed, below }) => ({ month, actual, closed, below })) }));
  const findings: Finding[] = [];
  if (p.status === 'approved')
    for (const row of measured) {
      const below = row.rows.filter((m) => m.below);
      const last = below[below.length - 1];
      if (!last) continue;
      const info = MEASURE_INFO[row.measure];
      const months = below.map((m) => monthText(m.month)).join('、');
      const message = isCumulative(row.measure)
        ? `${stationName}${info.label}的进度不到服务计划目标的一半（${months}）：计划${measureText(row.measure, row.target)}，截至${monthText(last.month)}累计${last.running}${info.unit}，按月折算应有约${Math.round(monthlyTarget(row.measure, row.target) * last.n * 10) / 10}${info.unit}。`
        : `${stationName}${months}的${info.label}不到服务计划目标的一半：计划${measureText(row.measure, row.target)}，实际${below.map((m) => `${monthText(m.month)}${m.actual}${info.unit}`).join('、')}。`;
      findings.push({
        rule: RULES['R-STATION-PLAN-TARGET'],
        message,
        clearBy: '承接机构按计划补足服务并如实记录；确需调整目标的，修改服务计划报区市民政部门重新审定。',
        clause: CLAUSE, measure: row.measure, months: below.map((m) => m.month),
      });
    }
  return { progress, findings };
}

export async function list(ctx: Ctx, q: z.output<typeof c.listStationPlans.query>) {
  const today = chinaToday();
  const { items, total } = await repo.listPlans(ctx, { year: q.year, status: q.status, belowTarget: q.belowTarget, toReview: q.toReview }, today, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: items.map((r) => ({ ...r, findings: Number(r.findings), updatedAt: r.updatedAt.toISOString() })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

export function missingFinding(stationName: string, year: number, dueOn: string, status: repo.PlanRow['status'] | null): Finding {
  const state = status ? `服务计划${STATION_PLAN_STATUS_LABELS[status]}，尚未审定` : '尚未编制服务计划';
  return {
    rule: RULES['R-START-WORK'],
    message: `${stationName}已有服务合同，但${year}年${state}（应于${dueOn}前完成需求调研、制定服务计划并经区市民政部门审定）。`,
    clearBy: '承接机构上传需求调研报告和服务计划并报送，区市民政部门审定后消除。',
    clause: CLAUSE, measure: null, months: [],
  };
}

export async function missing(ctx: Ctx, q: z.output<typeof c.missingStationPlans.query>) {
  const today = chinaToday();
  const year = q.year ?? Number(today.slice(0, 4));
  const { rows, total } = await repo.missingPlans(ctx, year, today, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => {
      const dueOn = stationPlanDueOn(year, r.startsOn);
      return { stationId: r.stationId, stationName: r.stationName, orgName: r.orgName, dueOn, planId: r.planId, status: r.status, finding: missingFinding(r.stationName, year, dueOn, r.status) };
    }),
    total, page: q.page, pageSize: q.pageSize,
  };
}

export async function get(ctx: Ctx, id: string): Promise<Detail> {
  const found = await repo.findPlan(ctx, id);
  if (!found) throw notFound('服务计划');
  const p = found.plan;
  const today = chinaToday();
  const [attached, versions, items, { progress, findings }] = await Promise.all([
    repo.filesOf(ctx.db, id),
    repo.versionsOf(ctx.db, id),
    p.itemCodes.length
      ? ctx.db.select({ code: serviceItems.code, name: serviceItems.name, domain: serviceItems.domain }).from(serviceItems).where(inArray(serviceItems.code, p.itemCodes))
      : Promise.resolve([]),
    progressOf(ctx, p, found.stationName, found.contractStartsOn, today),
  ]);
  return {
    id: p.id, stationId: p.stationId, stationName: found.stationName, countyShortName: found.countyShortName, year: p.year,
    orgId: p.orgId, orgName: found.orgName, contractId: p.contractId, status: p.status, findings: findings.length,
    version: p.version, updatedAt: p.updatedAt.toISOString(),
    content: snapshotOf(p),
    items: p.itemCodes.map((code) => items.find((i) => i.code === code) ?? { code, name: code, domain: '' }),
    contractTitle: found.contractTitle, firstMonth: p.firstMonth, lastMonth: p.lastMonth, lastComment: p.lastComment,
    files: attached, missing: missingOf(p, attached.map((f) => f.kind)), progress, findingList: findings, history: p.history,
    submissions: versions.map(({ v, submittedBy, decidedBy }) => ({
      number: v.number, content: v.content, submittedAt: v.submittedAt.toISOString(), submittedBy: submittedBy ?? '',
      decision: v.decision, decisionComment: v.decisionComment, decidedAt: v.decidedAt?.toISOString() ?? null, decidedBy: decidedBy ?? '',
    })),
  };
}

const monthOf = (d: string | null, year: number, fallback: number) => (d && d.startsWith(`${year}-`) ? Number(d.slice(5, 7)) : fallback);

export async function create(ctx: Ctx, body: Content & { stationId: string; year: number }): Promise<Detail> {
  const { station, contract } = await repo.stationWithContract(ctx, body.stationId, body.year);
  if (!station) throw notFound('社工站');
  // The service plan is the contractor's, made once its workers are on post under a contract.
  if (!contract)
    throw ruleViolation('R-START-WORK', `该社工站${body.year}年没有已签订的服务合同：先签订合同，承接机构社工到岗后开展需求调研、制定服务计划，再按“一站一策”确定服务内容`);
  await allowedServiceItems(ctx, body.itemCodes, 'itemCodes');
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(stationPlans)
        .values({
          stationId: station.id, scopePath: station.scopePath, year: body.year, contractId: contract.id, orgId: contract.orgId,
          firstMonth: monthOf(contract.startsOn, body.year, 1), lastMonth: monthOf(contract.endsOn, body.year, 12),
          itemCodes: [...new Set(body.itemCodes)], duties: body.duties, ...targetColumns(body.targets),
          history: [workflowEvent(tx, '编制服务计划')], createdBy: actorOf(tx).id,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, { action: 'station_plan.create', objectType: 'station_plan', objectId: row.id, after: snapshotOf(row), detail: `${body.year}年一站一策服务计划` });
      return get(tx, row.id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'station_plans_station_year'))
      throw invalid([{ path: 'year', message: `该社工站${body.year}年的服务计划已存在，请在原计划上修改` }]);
    throw err;
  }
}

/** Drafting and submitting: the plan's station in the actor's scope (an organisation: its own contract's plan). */
async function writable(ctx: Ctx, id: string) {
  const found = await repo.findPlan(ctx, id, true);
  if (!found) throw notFound('服务计划');
  const p = found.plan;
  if (p.status !== 'draft' && p.status !== 'returned')
    throw new AppError('CONFLICT', `服务计划${STATION_PLAN_STATUS_LABELS[p.status]}，不能修改；被退回后可修改再报送`);
  return p;
}

export async function update(ctx: Ctx, id: string, body: Content & { version: number }): Promise<Detail> {
  const p = await writable(ctx, id);
  await allowedServiceItems(ctx, body.itemCodes, 'itemCodes');
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(stationPlans)
      .set({ itemCodes: [...new Set(body.itemCodes)], duties: body.duties, ...targetColumns(body.targets), version: sql`${stationPlans.version} + 1`, updatedAt: new Date() })
      .where(and(eq(stationPlans.id, id), eq(stationPlans.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'station_plan.update', objectType: 'station_plan', objectId: id, before: snapshotOf(p), after: snapshotOf(after) });
    return get(tx, id);
  });
}

export async function submit(ctx: Ctx, id: string, version: number): Promise<Detail> {
  const p = await writable(ctx, id);
  const attached = await repo.filesOf(ctx.db, id);
  const missingParts = missingOf(p, attached.map((f) => f.kind));
  if (missingParts.length > 0) {
    const filesMissing = missingParts.some((m) => m === FILE_LABELS.needs_survey || m === FILE_LABELS.service_plan);
    throw ruleViolation(filesMissing ? 'R-START-WORK' : 'R-STATION-PLAN', `服务计划缺少：${missingParts.join('、')}`);
  }
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(stationPlans)
      .set({ status: 'submitted', history: [...p.history, workflowEvent(tx, '报送区市民政部门审定')], version: sql`${stationPlans.version} + 1`, updatedAt: now })
      .where(and(eq(stationPlans.id, id), eq(stationPlans.version, version)))
      .returning();
    if (!after) throw versionConflict();
    const [last] = await tx.db
      .select({ n: sql<number>`coalesce(max(${stationPlanVersions.number}), 0)::int` })
      .from(stationPlanVersions)
      .where(eq(stationPlanVersions.planId, id));
    const number = (last?.n ?? 0) + 1;
    await tx.db.insert(stationPlanVersions).values({ planId: id, number, content: snapshotOf(p), submittedAt: now, submittedBy: actorOf(tx).id });
    await writeAudit(tx, { action: 'station_plan.submit', objectType: 'station_plan', objectId: id, detail: `第 ${number} 次报送` });
    return get(tx, id);
  });
}

export async function review(ctx: Ctx, id: string, body: { version: number; decision: 'approved' | 'returned'; comment: string }): Promise<Detail> {
  const found = await repo.findPlan(ctx, id);
  if (!found) throw notFound('服务计划');
  const p = found.plan;
  if (p.status !== 'submitted') throw new AppError('CONFLICT', `服务计划${STATION_PLAN_STATUS_LABELS[p.status]}，不在待审定状态`);
  const latest = await repo.latestVersion(ctx.db, id);
  if (latest?.submittedBy === actorOf(ctx).id) throw ruleViolation('R-FOUR-EYES', '这份服务计划是您本人报送的，须由另一人审定或退回');
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(stationPlans)
      .set({
        status: body.decision, lastComment: body.comment, approvedAt: body.decision === 'approved' ? now : null,
        history: [...p.history, workflowEvent(tx, body.decision === 'approved' ? '区市民政部门审定' : '区市民政部门退回', body.comment)],
        version: sql`${stationPlans.version} + 1`, updatedAt: now,
      })
      .where(and(eq(stationPlans.id, id), eq(stationPlans.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    if (latest)
      await tx.db
        .update(stationPlanVersions)
        .set({ decision: body.decision, decisionComment: body.comment, decidedAt: now, decidedBy: actorOf(tx).id })
        .where(eq(stationPlanVersions.id, latest.id));
    await writeAudit(tx, {
      action: 'station_plan.review', objectType: 'station_plan', objectId: id,
      detail: `${body.decision === 'approved' ? '审定' : '退回'}${body.comment ? `：${body.comment}` : ''}`,
    });
    return get(tx, id);
  });
}

export async function uploadFile(ctx: Ctx, id: string, kind: repo.PlanFileKind, request: FastifyRequest) {
  const p = await writable(ctx, id);
  const upload = await readUpload(request, DOCUMENT_TYPES);
  return inTransaction(ctx, async (tx) => {
    const [file] = await tx.db
      .insert(files)
      .values({ ownerType: repo.FILE_OWNER[kind], ownerId: id, scopePath: p.scopePath, orgId: p.orgId, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt });
    if (!file) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'station_plan.file_upload', objectType: 'station_plan', objectId: id, after: { fileId: file.id, kind, name: file.name, sha256: upload.sha256 } });
    return { ...file, createdAt: file.createdAt.toISOString() };
  });
}

export async function downloadFile(ctx: Ctx, id: string, fileId: string) {
  if (!(await repo.findPlan(ctx, id))) throw notFound('服务计划');
  const file = await repo.fileOf(ctx.db, id, fileId);
  if (!file) throw notFound('文件');
  return file;
}
