import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/annual-plans';
import {
  missingPlanContents,
  PLAN_CONTENT_LABELS,
  PLAN_STATUS_LABELS,
  planDueOn,
  planTimeliness,
} from '../../../shared/rules/purchase';
import { annualPlans, annualPlanVersions, users, type PlanSnapshot } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { regionOrAncestorScope } from '../../platform/scope';
import { countiesInScope, countyByCode, purchaserCounty, stationsOfCounty } from '../regions/county-scope';
import { stationNames } from '../stations/stations.repo';
import { workflowEvent } from '../../platform/workflow';

type PlanRow = typeof annualPlans.$inferSelect;
const submitter = alias(users, 'submitter');
const decider = alias(users, 'decider');
type Content = z.output<typeof c.planContentSchema>;
type Detail = z.input<typeof c.planDetailSchema>;

const snapshot = (b: Content): PlanSnapshot => ({
  goals: b.goals,
  budgetFen: b.budgetFen,
  purchaseMethod: b.purchaseMethod,
  contentSchedule: b.contentSchedule,
  qualityStandards: b.qualityStandards,
  quantityStandards: b.quantityStandards,
  evaluationPlan: b.evaluationPlan,
  stationIds: [...new Set(b.stationIds)],
});

/** What a plan's line shows: its state and two of its contents' figures, never its text or history. */
const summaryColumns = {
  id: annualPlans.id, countyCode: annualPlans.countyCode, year: annualPlans.year, status: annualPlans.status,
  firstSubmittedAt: annualPlans.firstSubmittedAt, version: annualPlans.version, updatedAt: annualPlans.updatedAt,
  budgetFen: sql<number>`(${annualPlans.content} ->> 'budgetFen')::float8`,
  stations: sql<number>`jsonb_array_length(${annualPlans.content} -> 'stationIds')`,
};
type PlanLine = Pick<PlanRow, 'id' | 'countyCode' | 'year' | 'status' | 'firstSubmittedAt' | 'version' | 'updatedAt'> & { budgetFen: number; stations: number };
const lineOf = (p: PlanRow): PlanLine => ({ ...p, budgetFen: p.content.budgetFen, stations: p.content.stationIds.length });

function summary(p: PlanLine, countyShortName: string, versions: number, now: Date) {
  return {
    id: p.id,
    countyCode: p.countyCode,
    countyShortName,
    year: p.year,
    status: p.status,
    dueOn: planDueOn(p.year),
    firstSubmittedAt: p.firstSubmittedAt?.toISOString() ?? null,
    timeliness: planTimeliness(p.year, p.firstSubmittedAt, now),
    budgetFen: p.budgetFen,
    stations: p.stations,
    versions,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

async function findPlan(ctx: Ctx, id: string): Promise<PlanRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(annualPlans)
    .where(and(eq(annualPlans.id, id), regionOrAncestorScope(ctx, annualPlans.scopePath)));
  return row;
}

async function versionCounts(ctx: Ctx, planIds: string[]): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ planId: annualPlanVersions.planId, n: sql<number>`count(*)::int` })
    .from(annualPlanVersions)
    .where(inArray(annualPlanVersions.planId, planIds))
    .groupBy(annualPlanVersions.planId);
  return new Map(rows.map((r) => [r.planId, r.n]));
}

export async function overview(ctx: Ctx, year: number) {
  const now = new Date();
  const counties = await countiesInScope(ctx);
  const plans = counties.length
    ? await ctx.db
        .select(summaryColumns)
        .from(annualPlans)
        .where(and(eq(annualPlans.year, year), inArray(annualPlans.countyCode, counties.map((k) => k.code))))
    : [];
  const planOf = new Map(plans.map((p) => [p.countyCode, p]));
  const counts = await versionCounts(ctx, plans.map((p) => p.id));
  return {
    year,
    dueOn: planDueOn(year),
    rows: counties.map((k) => {
      const plan = planOf.get(k.code);
      return {
        countyCode: k.code,
        countyShortName: k.shortName,
        timeliness: planTimeliness(year, plan?.firstSubmittedAt ?? null, now),
        plan: plan ? summary(plan, k.shortName, counts.get(plan.id) ?? 0, now) : null,
      };
    }),
  };
}

export async function get(ctx: Ctx, id: string): Promise<Detail> {
  const plan = await findPlan(ctx, id);
  if (!plan) throw notFound('年度计划');
  const county = await countyByCode(ctx, plan.countyCode);
  const versions = await ctx.db
    .select({ v: annualPlanVersions, submittedBy: submitter.displayName, decidedBy: decider.displayName })
    .from(annualPlanVersions)
    .leftJoin(submitter, eq(submitter.id, annualPlanVersions.submittedBy))
    .leftJoin(decider, eq(decider.id, annualPlanVersions.decidedBy))
    .where(eq(annualPlanVersions.planId, id))
    .orderBy(asc(annualPlanVersions.number));
  const names = await stationNames(ctx.db, plan.content.stationIds);
  return {
    ...summary(lineOf(plan), county?.shortName ?? '', versions.length, new Date()),
    content: plan.content,
    stationNames: plan.content.stationIds.map((sid) => ({ id: sid, name: names.get(sid) ?? '' })),
    missing: missingPlanContents(plan.content).map((k) => PLAN_CONTENT_LABELS[k]),
    lastComment: plan.lastComment,
    history: plan.history,
    submissions: versions.map(({ v, submittedBy, decidedBy }) => ({
      number: v.number,
      content: v.content,
      submittedAt: v.submittedAt.toISOString(),
      submittedBy: submittedBy ?? '',
      decision: v.decision,
      decisionComment: v.decisionComment,
      decidedAt: v.decidedAt?.toISOString() ?? null,
      decidedBy: decidedBy ?? '',
    })),
  };
}

const duplicate = (year: number) => invalid([{ path: 'year', message: `该区市${year}年度计划已存在，请在原计划上修改` }]);

export async function create(ctx: Ctx, body: Content & { countyCode: string; year: number }): Promise<Detail> {
  const county = await purchaserCounty(ctx, body.countyCode);
  await stationsOfCounty(ctx, county, body.stationIds);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(annualPlans)
        .values({
          countyCode: county.code,
          scopePath: county.path,
          year: body.year,
          content: snapshot(body),
          history: [workflowEvent(tx, '编制草稿')],
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, { action: 'plan.create', objectType: 'annual_plan', objectId: row.id, after: row.content, detail: `${county.shortName}${body.year}年度计划` });
      return get(tx, row.id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'annual_plans_county_year')) throw duplicate(body.year);
    throw err;
  }
}

/** Only the purchaser (a region scope covering the unit) writes; towns and the city read. */
async function writablePlan(ctx: Ctx, id: string) {
  const plan = await findPlan(ctx, id);
  if (!plan) throw notFound('年度计划');
  return { plan, county: await purchaserCounty(ctx, plan.countyCode) };
}

function notEditable(plan: PlanRow): AppError {
  return new AppError('CONFLICT', `年度计划${PLAN_STATUS_LABELS[plan.status]}，不能修改；被退回后可修改再报送`);
}

export async function update(ctx: Ctx, id: string, body: Content & { version: number }): Promise<Detail> {
  const { plan, county } = await writablePlan(ctx, id);
  if (plan.status !== 'draft' && plan.status !== 'returned') throw notEditable(plan);
  await stationsOfCounty(ctx, county, body.stationIds);
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(annualPlans)
      .set({ content: snapshot(body), version: sql`${annualPlans.version} + 1`, updatedAt: new Date() })
      .where(and(eq(annualPlans.id, id), eq(annualPlans.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'plan.update', objectType: 'annual_plan', objectId: id, before: plan.content, after: after.content });
    return get(tx, id);
  });
}

export async function submit(ctx: Ctx, id: string, version: number): Promise<Detail> {
  const { plan } = await writablePlan(ctx, id);
  if (plan.status !== 'draft' && plan.status !== 'returned')
    throw new AppError('CONFLICT', `年度计划${PLAN_STATUS_LABELS[plan.status]}，无需再次报送`);
  const missing = missingPlanContents(plan.content);
  if (missing.length > 0)
    throw ruleViolation('R-PLAN-DUE', `年度计划缺少必备内容：${missing.map((k) => PLAN_CONTENT_LABELS[k]).join('、')}`);
  const now = new Date();
  const late = planTimeliness(plan.year, plan.firstSubmittedAt ?? now, now) === 'late';
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(annualPlans)
      .set({
        status: 'submitted',
        firstSubmittedAt: plan.firstSubmittedAt ?? now,
        history: [...plan.history, workflowEvent(tx, '报送市民政局', late ? `逾期报送（应于${planDueOn(plan.year)}前报送）` : '')],
        version: sql`${annualPlans.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(annualPlans.id, id), eq(annualPlans.version, version)))
      .returning();
    if (!after) throw versionConflict();
    const [last] = await tx.db
      .select({ n: sql<number>`coalesce(max(${annualPlanVersions.number}), 0)::int` })
      .from(annualPlanVersions)
      .where(eq(annualPlanVersions.planId, id));
    const number = (last?.n ?? 0) + 1;
    await tx.db.insert(annualPlanVersions).values({ planId: id, number, content: plan.content, submittedAt: now, submittedBy: actorOf(tx).id });
    await writeAudit(tx, {
      action: 'plan.submit', objectType: 'annual_plan', objectId: id,
      detail: `第 ${number} 次报送${late ? '（逾期，R-PLAN-DUE）' : ''}`,
    });
    return get(tx, id);
  });
}

export async function review(
  ctx: Ctx,
  id: string,
  body: { version: number; decision: 'filed' | 'returned'; comment: string },
): Promise<Detail> {
  const plan = await findPlan(ctx, id);
  if (!plan) throw notFound('年度计划');
  if (plan.status !== 'submitted') throw new AppError('CONFLICT', `年度计划${PLAN_STATUS_LABELS[plan.status]}，不在待备案状态`);
  const [latest] = await ctx.db
    .select({ by: annualPlanVersions.submittedBy })
    .from(annualPlanVersions)
    .where(eq(annualPlanVersions.planId, id))
    .orderBy(desc(annualPlanVersions.number))
    .limit(1);
  if (latest?.by === actorOf(ctx).id) throw ruleViolation('R-FOUR-EYES', '这份年度计划是您本人报送的，须由另一人备案或退回');
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(annualPlans)
      .set({
        status: body.decision,
        lastComment: body.comment,
        history: [...plan.history, workflowEvent(tx, body.decision === 'filed' ? '市民政局备案' : '市民政局退回', body.comment)],
        version: sql`${annualPlans.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(annualPlans.id, id), eq(annualPlans.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await tx.db
      .update(annualPlanVersions)
      .set({ decision: body.decision, decisionComment: body.comment, decidedAt: now, decidedBy: actorOf(tx).id })
      .where(
        and(
          eq(annualPlanVersions.planId, id),
          sql`${annualPlanVersions.number} = (SELECT max(number) FROM annual_plan_versions WHERE plan_id = ${id})`,
        ),
      );
    await writeAudit(tx, {
      action: 'plan.review', objectType: 'annual_plan', objectId: id,
      detail: `${body.decision === 'filed' ? '备案' : '退回'}${body.comment ? `：${body.comment}` : ''}`,
    });
    return get(tx, id);
  });
}

