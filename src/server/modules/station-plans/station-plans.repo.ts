import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { StationPlanMeasure } from '../../../shared/rules/station-plans';
import type { Db } from '../../db/client';
import { qualified } from '../../db/sql';
import { contracts, contractStations, files, organizations, regions, stationPlans, stationPlanVersions, stations, users } from '../../db/schema';
import { actorOf, type Ctx } from '../../platform/context';
import { scopeFilter, stationRecordScope } from '../../platform/scope';
import { contractInForceOn } from '../../platform/station-operator';
import { contractsInForceAt } from '../contracts/contracts.repo';

export type PlanRow = typeof stationPlans.$inferSelect;

const town = alias(regions, 'sp_town');
const county = alias(regions, 'sp_county');
const standardName = sql<string>`${county.shortName} || ${town.name} || '社会工作服务站'`;

/** Region actors by path; an organisation by the plans of its own contracts. */
export const planScope = (ctx: Ctx): SQL => scopeFilter(ctx, { scopePath: stationPlans.scopePath, orgId: stationPlans.orgId });

/**
 * R-STATION-PLAN-TARGET in SQL, for the list's count and filter: the measures of an approved plan
 * with a closed month under half its pro-rated target — the month's count for a monthly measure,
 * the running total for a quarterly or yearly one — the same integer test as belowTarget.
 * Per plan, each table is read once over the plan's closed months and grouped by month (as
 * monthlyActuals does), so the cost grows with the plans, not with plans × months × measures.
 * The plan's columns are qualified (db/sql.ts) since the inner tables have a station_id too.
 */
export function findingsCount(today: string): SQL<number> {
  const p = {
    status: qualified(stationPlans.status), stationId: qualified(stationPlans.stationId), year: qualified(stationPlans.year),
    firstMonth: qualified(stationPlans.firstMonth), lastMonth: qualified(stationPlans.lastMonth), contractId: qualified(stationPlans.contractId),
    records: qualified(stationPlans.targetRecords), visits: qualified(stationPlans.targetHomeVisits),
    sessions: qualified(stationPlans.targetGroupSessions), cases: qualified(stationPlans.targetCasesOpened),
  };
  // The plan's months from the first to the last closed one (a closed month ends before today).
  const from = sql`make_date(${p.year}, ${p.firstMonth}::int, 1)`;
  const until = sql`least((make_date(${p.year}, ${p.lastMonth}::int, 1) + interval '1 month')::date, date_trunc('month', ${today}::date)::date)`;
  return sql<number>`(CASE WHEN ${p.status} = 'approved' THEN (
    SELECT coalesce(bool_or(${p.records} > 0 AND x.records * 2 < ${p.records}), false)::int
      + coalesce(bool_or(${p.visits} > 0 AND x.visits * 2 < ${p.visits}), false)::int
      + coalesce(bool_or(${p.sessions} > 0 AND x.sessions_run * 6 < ${p.sessions} * x.k), false)::int
      + coalesce(bool_or(${p.cases} > 0 AND x.cases_run * 24 < ${p.cases} * x.k), false)::int
    FROM (
      SELECT coalesce(r.records, 0) AS records, coalesce(r.visits, 0) AS visits,
        sum(coalesce(s.sessions, 0)) OVER (ORDER BY m.mo) AS sessions_run, sum(coalesce(c.cases, 0)) OVER (ORDER BY m.mo) AS cases_run,
        row_number() OVER (ORDER BY m.mo) AS k
      -- From the first judged month (judgedFrom); closed months are a prefix, so running totals start there.
      FROM generate_series(${from}
          + CASE WHEN (SELECT extract(year FROM sk.starts_on)::int FROM contracts sk WHERE sk.id = ${p.contractId}) = ${p.year}
              THEN interval '1 month' ELSE interval '0 months' END,
          make_date(${p.year}, ${p.lastMonth}::int, 1), interval '1 month') AS m(mo)
      LEFT JOIN (
        SELECT date_trunc('month', sr.date)::date AS mo, count(*) AS records, count(*) FILTER (WHERE sr.home_visit) AS visits
        FROM service_records sr WHERE sr.station_id = ${p.stationId} AND sr.date >= ${from} AND sr.date < ${until} GROUP BY 1
      ) r ON r.mo = m.mo::date
      LEFT JOIN (
        SELECT date_trunc('month', gs.date)::date AS mo, count(*) AS sessions
        FROM group_sessions gs JOIN groups g ON g.id = gs.group_id
        WHERE g.station_id = ${p.stationId} AND gs.date >= ${from} AND gs.date < ${until} GROUP BY 1
      ) s ON s.mo = m.mo::date
      LEFT JOIN (
        SELECT date_trunc('month', cs.opened_on)::date AS mo, count(*) AS cases
        FROM cases cs WHERE cs.station_id = ${p.stationId} AND cs.opened_on >= ${from} AND cs.opened_on < ${until} GROUP BY 1
      ) c ON c.mo = m.mo::date
      WHERE m.mo::date < ${until}
    ) x
  ) ELSE 0 END)`;
}

/**
 * 待审定 for this officer: submitted plans in scope that someone else sent (R-FOUR-EYES: whoever
 * sent the latest submission never decides it, as review() refuses). One definition for the
 * list filter and the workbench count, so they agree.
 */
export function toReviewBy(ctx: Ctx): SQL {
  const actor = actorOf(ctx);
  if (!actor.permissions.has('stationplan:approve')) return sql`false`;
  return (
    and(
      planScope(ctx),
      eq(stationPlans.status, 'submitted'),
      sql`(SELECT v.submitted_by FROM station_plan_versions v WHERE v.plan_id = ${qualified(stationPlans.id)}
        ORDER BY v.number DESC LIMIT 1) IS DISTINCT FROM ${actor.id}::uuid`,
    ) ?? sql`false`
  );
}

export interface ListFilter {
  year?: number;
  status?: PlanRow['status'];
  belowTarget?: boolean;
  toReview?: boolean;
}

function listWhere(ctx: Ctx, f: ListFilter, today: string): SQL | undefined {
  return and(
    planScope(ctx),
    f.year !== undefined ? eq(stationPlans.year, f.year) : undefined,
    f.status ? eq(stationPlans.status, f.status) : undefined,
    f.belowTarget === true ? sql`${findingsCount(today)} > 0` : undefined,
    f.belowTarget === false ? sql`${findingsCount(today)} = 0` : undefined,
    f.toReview ? toReviewBy(ctx) : undefined,
  );
}

export async function listPlans(ctx: Ctx, f: ListFilter, today: string, limit: number, offset: number) {
  const where = listWhere(ctx, f, today);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        id: stationPlans.id, stationId: stationPlans.stationId, stationName: standardName, countyShortName: county.shortName,
        year: stationPlans.year, orgId: stationPlans.orgId, orgName: organizations.name, contractId: stationPlans.contractId,
        status: stationPlans.status, findings: findingsCount(today), version: stationPlans.version, updatedAt: stationPlans.updatedAt,
      })
      .from(stationPlans)
      .innerJoin(stations, eq(stations.id, stationPlans.stationId))
      .innerJoin(town, eq(town.code, stations.townCode))
      .innerJoin(county, eq(county.code, town.parentCode))
      .innerJoin(organizations, eq(organizations.id, stationPlans.orgId))
      .where(where)
      .orderBy(desc(stationPlans.year), asc(stations.townCode))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(stationPlans).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/**
 * A plan in the actor's scope; `forWrite` also asks that an organisation serve the plan's station
 * today (stationRecordScope): its access to write ends with its contract, reading its own does not.
 */
export async function findPlan(ctx: Ctx, id: string, forWrite = false) {
  const [row] = await ctx.db
    .select({
      plan: stationPlans, stationName: standardName, countyShortName: county.shortName, orgName: organizations.name, contractTitle: contracts.title,
      contractStartsOn: contracts.startsOn,
    })
    .from(stationPlans)
    .innerJoin(stations, eq(stations.id, stationPlans.stationId))
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .innerJoin(organizations, eq(organizations.id, stationPlans.orgId))
    .innerJoin(contracts, eq(contracts.id, stationPlans.contractId))
    .where(
      and(
        eq(stationPlans.id, id), planScope(ctx),
        forWrite ? stationRecordScope(ctx, { scopePath: stationPlans.scopePath, stationId: stationPlans.stationId }) : undefined,
      ),
    );
  return row;
}

/**
 * A station the actor may plan for, with the contract in force for it in the year (signed or
 * performing, its term overlapping the year; the latest start wins). Region actors by path, an
 * organisation only for stations it serves today (stationRecordScope) under its own contract.
 */
export async function stationWithContract(ctx: Ctx, stationId: string, year: number) {
  const scope = actorOf(ctx).scope;
  const [station] = await ctx.db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(and(eq(stations.id, stationId), stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id })));
  if (!station) return { station: undefined, contract: undefined };
  const inForce = await contractsInForceAt(ctx.db, [stationId], `${year}-01-01`, `${year}-12-31`);
  const [contract] = inForce
    .map((r) => r.contract)
    .filter((k) => scope.kind !== 'org' || k.contractorOrgId === scope.orgId)
    .sort((a, b) => ((a.startsOn ?? '') < (b.startsOn ?? '') ? 1 : -1))
    .map((k) => ({ id: k.id, orgId: k.contractorOrgId, startsOn: k.startsOn, endsOn: k.endsOn }));
  return { station, contract };
}

/** Per month of the period, each measure's count for the one station. */
export async function monthlyActuals(db: Db, stationId: string, from: string, to: string): Promise<Map<string, Record<StationPlanMeasure, number>>> {
  const rows = (await db.execute(sql`
    WITH r AS (
      SELECT to_char(date, 'YYYY-MM') AS m, count(*)::int AS records, (count(*) FILTER (WHERE home_visit))::int AS visits
      FROM service_records WHERE station_id = ${stationId} AND date >= ${from}::date AND date <= ${to}::date GROUP BY 1
    ), s AS (
      SELECT to_char(gs.date, 'YYYY-MM') AS m, count(*)::int AS sessions
      FROM group_sessions gs JOIN groups g ON g.id = gs.group_id
      WHERE g.station_id = ${stationId} AND gs.date >= ${from}::date AND gs.date <= ${to}::date GROUP BY 1
    ), c AS (
      SELECT to_char(opened_on, 'YYYY-MM') AS m, count(*)::int AS cases
      FROM cases WHERE station_id = ${stationId} AND opened_on >= ${from}::date AND opened_on <= ${to}::date GROUP BY 1
    )
    SELECT coalesce(r.m, s.m, c.m) AS m, coalesce(r.records, 0) AS records, coalesce(r.visits, 0) AS visits,
      coalesce(s.sessions, 0) AS sessions, coalesce(c.cases, 0) AS cases
    FROM r FULL JOIN s ON s.m = r.m FULL JOIN c ON c.m = coalesce(r.m, s.m)`)) as unknown as {
    rows: { m: string; records: number; visits: number; sessions: number; cases: number }[];
  };
  return new Map(
    rows.rows.map((r) => [r.m, { records: Number(r.records), homeVisits: Number(r.visits), groupSessions: Number(r.sessions), casesOpened: Number(r.cases) }]),
  );
}

export const FILE_OWNER = { needs_survey: 'station_plan:needs_survey', service_plan: 'station_plan:service_plan' } as const;
export type PlanFileKind = keyof typeof FILE_OWNER;
const kindOf = (owner: string): PlanFileKind => (owner === FILE_OWNER.needs_survey ? 'needs_survey' : 'service_plan');

export async function filesOf(db: Db, planId: string) {
  const rows = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt, ownerType: files.ownerType })
    .from(files)
    .where(and(inArray(files.ownerType, Object.values(FILE_OWNER)), eq(files.ownerId, planId)))
    .orderBy(asc(files.createdAt));
  return rows.map(({ ownerType, createdAt, ...f }) => ({ ...f, kind: kindOf(ownerType), createdAt: createdAt.toISOString() }));
}

export async function fileOf(db: Db, planId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(files)
    .where(and(inArray(files.ownerType, Object.values(FILE_OWNER)), eq(files.ownerId, planId), eq(files.id, fileId)));
  return row;
}

const submitter = alias(users, 'sp_submitter');
const decider = alias(users, 'sp_decider');

export async function versionsOf(db: Db, planId: string) {
  return db
    .select({ v: stationPlanVersions, submittedBy: submitter.displayName, decidedBy: decider.displayName })
    .from(stationPlanVersions)
    .leftJoin(submitter, eq(submitter.id, stationPlanVersions.submittedBy))
    .leftJoin(decider, eq(decider.id, stationPlanVersions.decidedBy))
    .where(eq(stationPlanVersions.planId, planId))
    .orderBy(asc(stationPlanVersions.number));
}

/** The latest submission of a plan (the one a review decides), by the (plan_id, number) unique index. */
export async function latestVersion(db: Db, planId: string) {
  const [row] = await db
    .select({ id: stationPlanVersions.id, submittedBy: stationPlanVersions.submittedBy })
    .from(stationPlanVersions)
    .where(eq(stationPlanVersions.planId, planId))
    .orderBy(desc(stationPlanVersions.number))
    .limit(1);
  return row;
}

export interface MissingRow {
  stationId: string;
  stationName: string;
  orgName: string;
  startsOn: string;
  planId: string | null;
  status: PlanRow['status'] | null;
}

/**
 * R-START-WORK: stations in scope under a contract in force on the day whose plan for the year is
 * not approved although the month after the work started in the year has ended. An organisation
 * sees the stations it serves on the day.
 */
export async function missingPlans(
  ctx: Ctx, year: number, today: string, limit: number, offset: number, exceptReturned = false,
): Promise<{ rows: MissingRow[]; total: number }> {
  // A past year is judged on its last day: the contract then in force, the stations then served.
  const day = today < `${year}-12-31` ? today : `${year}-12-31`;
  const base = sql`
    FROM stations
    JOIN contracts k ON k.id = ${contractInForceOn(stations.id, day)}
    JOIN organizations o ON o.id = k.contractor_org_id
    JOIN regions twn ON twn.code = stations.town_code
    JOIN regions cty ON cty.code = twn.parent_code
    LEFT JOIN station_plans p ON p.station_id = stations.id AND p.year = ${year}
    WHERE ${stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id }, day)}
      AND p.status IS DISTINCT FROM 'approved' ${exceptReturned ? sql`AND p.status IS DISTINCT FROM 'returned'` : sql``}
      AND (date_trunc('month', greatest(k.starts_on, make_date(${year}::int, 1, 1))) + interval '2 months' - interval '1 day')::date < ${today}::date`;
  const [rows, counted] = await Promise.all([
    ctx.db.execute(sql`
      SELECT stations.id AS "stationId", cty.short_name || twn.name || '社会工作服务站' AS "stationName", o.name AS "orgName",
        to_char(k.starts_on, 'YYYY-MM-DD') AS "startsOn", p.id AS "planId", p.status
      ${base}
      ORDER BY stations.town_code LIMIT ${limit} OFFSET ${offset}`),
    ctx.db.execute(sql`SELECT count(*)::int AS n ${base}`),
  ]);
  const n = (counted as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  return { rows: (rows as unknown as { rows: MissingRow[] }).rows, total: Number(n) };
}

/** The workbench's few plans in scope, oldest first, with their count: returned (to fix) or toReviewBy (to approve). */
export async function plansForWorkbench(ctx: Ctx, which: 'toReview' | 'returned', limit: number) {
  const where = which === 'toReview' ? toReviewBy(ctx) : and(planScope(ctx), eq(stationPlans.status, 'returned'));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ id: stationPlans.id, year: stationPlans.year, stationName: standardName, lastComment: stationPlans.lastComment, updatedAt: stationPlans.updatedAt })
      .from(stationPlans)
      .innerJoin(stations, eq(stations.id, stationPlans.stationId))
      .innerJoin(town, eq(town.code, stations.townCode))
      .innerJoin(county, eq(county.code, town.parentCode))
      .where(where)
      .orderBy(asc(stationPlans.updatedAt))
      .limit(limit),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(stationPlans).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
