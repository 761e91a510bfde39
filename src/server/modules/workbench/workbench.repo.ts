import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, like, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { MONTHLY_DUE_DAY } from '../../../shared/rules/reports';
import { STATION_MIN_FUND_FEN } from '../../../shared/rules/purchase';
import {
  annualPlans, auditCheckpoints, auditLog, cases, clients, contractPayments, contracts, contractStations, evaluations, organizations, regions, reports,
  stationBudgets, stations, supervisions, users,
} from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { stationRecordScope } from '../../platform/scope';
import { IN_FORCE_STATUSES, operatorOf } from '../../platform/station-operator';
import { contractScope, summaryColumns } from '../contracts/contracts.repo';
import { evaluationScope } from '../evaluations/evaluations.repo';
import { reportScope } from '../reports/reports.repo';

// Each function answers one question of a workbench with one query: the scope predicate in the
// WHERE, the number of all matching rows by a window count, and only the first few rows.

/** How many items a section shows; the count is always the whole. */
export const SHOWN = 5;

export interface Page<T> {
  total: number;
  rows: T[];
}

const total = sql<number>`(count(*) over())::int`;
function page<T extends { total: number }>(rows: T[]): Page<Omit<T, 'total'>> {
  return { total: rows[0]?.total ?? 0, rows };
}

const town = alias(regions, 'wb_town');
const county = alias(regions, 'wb_county');
const stationName = sql<string>`${county.shortName} || ${town.name} || '社会工作服务站'`;

/** Region scopes only: the county units at or under the actor's region. */
function countiesUnder(ctx: Ctx): SQL {
  const scope = ctx.actor?.scope;
  if (!scope?.path || scope.kind === 'org' || scope.kind === 'none') return sql`false`;
  return and(eq(regions.level, 'county'), like(regions.path, `${scope.path}%`)) ?? sql`false`;
}

const reportColumns = {
  id: reports.id, title: reports.title, kind: reports.kind, dueOn: reports.dueOn, submittedAt: reports.submittedAt,
  lastComment: reports.lastComment, orgName: organizations.name, total,
};

/** Reports in scope matching the conditions, oldest due first. */
async function reportsWhere(ctx: Ctx, where: SQL[]) {
  const rows = await ctx.db
    .select(reportColumns)
    .from(reports)
    .leftJoin(organizations, eq(organizations.id, reports.orgId))
    .where(and(reportScope(ctx), ...where))
    .orderBy(asc(reports.dueOn), asc(reports.title), asc(reports.id))
    .limit(SHOWN);
  return page(rows);
}

/** Submitted and waiting for the reviewer: the district's own annual report (the city's), or the contractors' (the district's). */
export const reportsAwaitingReview = (ctx: Ctx, districtAnnual: boolean) =>
  reportsWhere(ctx, [eq(reports.status, 'submitted'), districtAnnual ? eq(reports.kind, 'district_annual') : ne(reports.kind, 'district_annual')]);

/** Submitted (or accepted) since a moment: what a town reads. */
export const reportsSubmittedSince = (ctx: Ctx, since: Date) =>
  reportsWhere(ctx, [inArray(reports.status, ['submitted', 'accepted']), gte(reports.submittedAt, since)]);

/** Drafts falling due between two days. */
export const draftsDueBetween = (ctx: Ctx, from: string, to: string) =>
  reportsWhere(ctx, [eq(reports.status, 'draft'), gte(reports.dueOn, from), lte(reports.dueOn, to)]);

export const reportsReturned = (ctx: Ctx) => reportsWhere(ctx, [eq(reports.status, 'returned')]);

/** R-PLAN-DUE: the county units in scope whose plan for the year is not filed (none, draft, submitted, returned). */
export async function plansNotFiled(ctx: Ctx, year: number) {
  const rows = await ctx.db
    .select({ countyCode: regions.code, countyShortName: regions.shortName, planId: annualPlans.id, status: annualPlans.status, total })
    .from(regions)
    .leftJoin(annualPlans, and(eq(annualPlans.countyCode, regions.code), eq(annualPlans.year, year)))
    .where(and(countiesUnder(ctx), or(isNull(annualPlans.id), ne(annualPlans.status, 'filed'))))
    .orderBy(sql`${annualPlans.status} = 'submitted' DESC`, asc(regions.code))
    .limit(SHOWN);
  return page(rows);
}

/** R-DISTRICT-REPORT: the county units in scope whose report of the year is not yet submitted. */
export async function districtReportsNotSubmitted(ctx: Ctx, year: number) {
  const rows = await ctx.db
    .select({ countyCode: regions.code, countyShortName: regions.shortName, reportId: reports.id, status: reports.status, total })
    .from(regions)
    .leftJoin(reports, and(eq(reports.countyCode, regions.code), eq(reports.kind, 'district_annual'), eq(reports.periodStart, `${year}-01-01`)))
    .where(and(countiesUnder(ctx), or(isNull(reports.id), inArray(reports.status, ['draft', 'returned']))))
    .orderBy(asc(regions.code))
    .limit(SHOWN);
  return page(rows);
}

const stationScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id });

function stationsJoined(ctx: Ctx) {
  return ctx.db.select({ id: stations.id, townCode: stations.townCode, countyCode: county.code, name: stationName, total }).from(stations)
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .$dynamic();
}

/** R-FUND-STATION: stations in scope whose budget for the year (all sources) is below the minimum. */
export async function stationsUnderfunded(ctx: Ctx, year: number) {
  const budget = sql<number>`coalesce((SELECT sum(${stationBudgets.amountFen}) FROM ${stationBudgets}
    WHERE ${stationBudgets.stationId} = ${stations.id} AND ${stationBudgets.year} = ${year}), 0)::bigint`;
  const rows = await ctx.db
    .select({ id: stations.id, name: stationName, budgetFen: sql<number>`${budget}`.mapWith(Number), total })
    .from(stations)
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(and(stationScope(ctx), ne(stations.status, 'revoked'), sql`${budget} < ${STATION_MIN_FUND_FEN}`))
    .orderBy(asc(stations.townCode))
    .limit(SHOWN);
  return page(rows);
}

/** R-STATION-OPERATOR: stations in scope that no contract in force serves today. */
export async function stationsWithoutOperator(ctx: Ctx, today: string) {
  const rows = await stationsJoined(ctx)
    .where(and(stationScope(ctx), ne(stations.status, 'revoked'), sql`${operatorOf(stations.id, today)} IS NULL`))
    .orderBy(asc(stations.townCode))
    .limit(SHOWN);
  return page(rows);
}

/** R-SUPERVISE: stations in scope with no supervision visit on or after a day. */
export async function stationsNotSupervisedSince(ctx: Ctx, since: string) {
  const rows = await stationsJoined(ctx)
    .where(and(stationScope(ctx), ne(stations.status, 'revoked'),
      sql`NOT EXISTS (SELECT 1 FROM ${supervisions} WHERE ${supervisions.stationId} = ${stations.id} AND ${supervisions.date} >= ${since})`))
    .orderBy(asc(stations.townCode))
    .limit(SHOWN);
  return page(rows);
}

/** R-CONTRACT-FAIL: contracts in force that are to end after a failed evaluation. */
export async function contractsToEnd(ctx: Ctx) {
  const rows = await ctx.db
    .select({ id: contracts.id, title: contracts.title, endingYear: contracts.endingYear, endingReason: contracts.endingReason, total })
    .from(contracts)
    .where(and(contractScope(ctx), isNotNull(contracts.endingYear), inArray(contracts.status, [...IN_FORCE_STATUSES])))
    .orderBy(asc(contracts.endingYear), asc(contracts.title))
    .limit(SHOWN);
  return page(rows);
}

/** Contracts in force today in scope, for R-ONPOST-1M (a county unit holds a handful). */
export async function contractsInForce(ctx: Ctx, today: string) {
  return ctx.db
    .select(summaryColumns)
    .from(contracts)
    .where(and(contractScope(ctx), inArray(contracts.status, [...IN_FORCE_STATUSES]), isNotNull(contracts.signedOn),
      lte(contracts.startsOn, today), gte(contracts.endsOn, today)))
    .orderBy(asc(contracts.signedOn))
    .limit(200);
}

/** The stations of contracts that lie in the actor's scope (a town sees its own station of a county's contract). */
export async function contractStationsInScope(ctx: Ctx, contractIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (contractIds.length === 0) return out;
  const rows = await ctx.db
    .select({ contractId: contractStations.contractId, stationId: contractStations.stationId })
    .from(contractStations)
    .innerJoin(stations, eq(stations.id, contractStations.stationId))
    .where(and(inArray(contractStations.contractId, contractIds), stationScope(ctx)))
    .orderBy(asc(contractStations.stationPath));
  for (const r of rows) out.set(r.contractId, [...(out.get(r.contractId) ?? []), r.stationId]);
  return out;
}

/** Instalments of contracts in force due by a day (from the year's start) and not paid in full (R-FUND-USE). */
export async function instalmentsDue(ctx: Ctx, from: string, by: string) {
  const rows = await ctx.db
    .select({
      contractId: contracts.id, title: contracts.title, label: sql<string>`i.value->>'label'`, dueOn: sql<string>`(i.value->>'dueOn')`,
      amountFen: sql<number>`(i.value->>'amountFen')::bigint`.mapWith(Number),
      paidFen: sql<number>`coalesce((SELECT sum(${contractPayments.amountFen}) FROM ${contractPayments}
        WHERE ${contractPayments.contractId} = ${contracts.id} AND ${contractPayments.instalment} = i.ord - 1), 0)::bigint`.mapWith(Number),
      total,
    })
    .from(contracts)
    .innerJoin(sql`jsonb_array_elements(${contracts.instalments}) WITH ORDINALITY AS i(value, ord)`, sql`true`)
    .where(and(contractScope(ctx), inArray(contracts.status, [...IN_FORCE_STATUSES]),
      sql`(i.value->>'dueOn')::date BETWEEN ${from}::date AND ${by}::date`,
      sql`coalesce((SELECT sum(${contractPayments.amountFen}) FROM ${contractPayments}
        WHERE ${contractPayments.contractId} = ${contracts.id} AND ${contractPayments.instalment} = i.ord - 1), 0) < (i.value->>'amountFen')::bigint`))
    .orderBy(sql`(i.value->>'dueOn')::date`, asc(contracts.title))
    .limit(SHOWN);
  return page(rows);
}

/** Evaluations in scope not yet finished. */
export async function evaluationsUnfinished(ctx: Ctx) {
  const rows = await ctx.db
    .select({ id: evaluations.id, year: evaluations.year, contractTitle: contracts.title, orgName: organizations.name, total })
    .from(evaluations)
    .innerJoin(contracts, eq(contracts.id, evaluations.contractId))
    .innerJoin(organizations, eq(organizations.id, evaluations.orgId))
    .where(and(evaluationScope(ctx), eq(evaluations.status, 'draft')))
    .orderBy(asc(evaluations.year), asc(contracts.title))
    .limit(SHOWN);
  return page(rows);
}

const supervisionScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: supervisions.scopePath, stationId: supervisions.stationId });

/** R-SUPERVISE: follow-ups asked for at a visit, past their day and not done. */
export async function supervisionFollowUpsOverdue(ctx: Ctx, today: string) {
  const rows = await ctx.db
    .select({ id: supervisions.id, stationId: supervisions.stationId, stationName, followUp: supervisions.followUp, due: supervisions.followUpDue, date: supervisions.date, total })
    .from(supervisions)
    .innerJoin(stations, eq(stations.id, supervisions.stationId))
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(and(supervisionScope(ctx), ne(supervisions.followUp, ''), isNull(supervisions.followUpDone), lt(supervisions.followUpDue, today)))
    .orderBy(asc(supervisions.followUpDue))
    .limit(SHOWN);
  return page(rows);
}

/**
 * R-REPORTS: months an organisation's contracts in force served (from the year's first due day)
 * with no monthly briefing drafted at all, whose month has ended. Due on the 10th of the next month.
 */
export async function briefingsNeverDrafted(ctx: Ctx, orgId: string, today: string, fromDue: string) {
  const due = sql`(m.month + interval '1 month' + ${`${MONTHLY_DUE_DAY - 1} days`}::interval)::date`;
  const rows = await ctx.db
    .select({ contractId: sql<string>`m.id`, title: sql<string>`m.title`, month: sql<string>`to_char(m.month, 'YYYY-MM')`, dueOn: sql<string>`to_char(${due}, 'YYYY-MM-DD')`, total })
    .from(sql`(SELECT k.id, k.title, gs::date AS month FROM ${contracts} k,
      generate_series(date_trunc('month', k.starts_on), date_trunc('month', least(k.ends_on, ${today}::date)), interval '1 month') gs
      WHERE k.contractor_org_id = ${orgId} AND k.status IN ('signed', 'performing') AND k.starts_on IS NOT NULL
        AND k.starts_on <= ${today}::date AND k.ends_on >= ${today}::date) m`)
    .where(and(
      sql`(m.month + interval '1 month')::date <= ${today}::date`,
      sql`${due} >= ${fromDue}::date`,
      sql`NOT EXISTS (SELECT 1 FROM ${reports} r WHERE r.kind = 'monthly' AND r.contract_id = m.id AND r.period_start = m.month)`,
    ))
    .orderBy(sql`m.month`, sql`m.title`)
    .limit(SHOWN);
  return page(rows);
}

const caseScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: cases.scopePath, stationId: cases.stationId });

/** A worker's open cases; with `by`, only those whose next follow-up is on or before that day. */
export async function myOpenCases(ctx: Ctx, workerId: string, by: string | null) {
  const rows = await ctx.db
    .select({ id: cases.id, clientName: clients.name, stage: cases.stage, nextFollowUp: cases.nextFollowUp, total })
    .from(cases)
    .innerJoin(clients, eq(clients.id, cases.clientId))
    .where(and(caseScope(ctx), eq(cases.workerId, workerId), ne(cases.stage, 'closed'), by ? lte(cases.nextFollowUp, by) : undefined))
    .orderBy(sql`${cases.nextFollowUp} ASC NULLS LAST`, desc(cases.updatedAt))
    .limit(SHOWN);
  return page(rows);
}

/** The newest checkpoint of the audit chain and the rows written after it. */
export async function auditChainHead(ctx: Ctx) {
  const [checkpoint] = await ctx.db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.headId)).limit(1);
  const [after] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(gt(auditLog.id, checkpoint?.headId ?? 0));
  return { checkpoint: checkpoint ?? null, rowsAfter: after?.n ?? 0 };
}

/** Reveals of full ID numbers and phones, and exports, since a moment: the sensitive reads. */
export async function sensitiveReadsSince(ctx: Ctx, since: Date) {
  const rows = await ctx.db
    .select({ id: auditLog.id, at: auditLog.at, actorName: auditLog.actorName, action: auditLog.action, detail: auditLog.detail, total })
    .from(auditLog)
    .where(and(gte(auditLog.at, since), or(like(auditLog.action, '%.reveal'), like(auditLog.action, '%.export'))))
    .orderBy(desc(auditLog.id))
    .limit(SHOWN);
  return page(rows);
}

/** Business users (not the administrators) who must change their password, or are locked now. */
export async function usersWhere(ctx: Ctx, which: 'must_change' | 'locked') {
  const rows = await ctx.db
    .select({ id: users.id, username: users.username, displayName: users.displayName, lockedUntil: users.lockedUntil, total })
    .from(users)
    .where(and(eq(users.status, 'active'), which === 'locked' ? gt(users.lockedUntil, new Date()) : eq(users.mustChangePassword, true),
      sql`NOT (${users.roles} && ARRAY['sys_admin', 'sec_admin', 'audit_admin']::text[])`))
    .orderBy(asc(users.username))
    .limit(SHOWN);
  return page(rows);
}
