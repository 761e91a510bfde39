import { and, asc, count, eq, gte, like, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { DeadlineKind, DeadlineState } from '../../../shared/contracts/calendar';
import { CONTRACT_IN_FORCE } from '../../../shared/rules/purchase';
import { calendarReportCounts, contractPayments, contracts, procurements, regions, reports, stations } from '../../db/schema';
import { qualified } from '../../db/sql';
import type { Ctx } from '../../platform/context';
import { regionOrAncestorScope } from '../../platform/scope';
import { contractShortStationSql } from '../contracts/contract-findings';
import { contractScope } from '../contracts/contracts.repo';
import { reportListColumns, reportScope, reportScopeParts } from '../reports/reports.repo';

/** The actor's region: its path and its own code (the last segment). */
export interface ScopeRegion {
  path: string;
  code: string;
  /** Too many child regions to list: every deadline counts to the scope itself. */
  merged?: boolean;
}

export function scopeRegionOf(ctx: Ctx): ScopeRegion | null {
  if (ctx.system) return { path: '/', code: '' };
  const scope = ctx.actor?.scope;
  if (!scope?.path || scope.kind === 'org' || scope.kind === 'none') return null;
  return { path: scope.path, code: scope.path.split('/').filter(Boolean).pop() ?? '' };
}

/** The region just below the scope that holds `path`; rows at or above the scope (a county's own, a city's) count to the scope itself. */
export function childOf(path: string, scope: ScopeRegion): string {
  if (scope.merged || !path.startsWith(scope.path)) return scope.code;
  return path.slice(scope.path.length).split('/')[0] || scope.code;
}

/** childOf in SQL, on a materialised path column. */
function childSql(path: SQL, scope: ScopeRegion): SQL {
  if (scope.merged) return sql`${scope.code}::text`;
  return sql`coalesce(CASE WHEN ${path} LIKE ${`${scope.path}%`} THEN nullif(split_part(substr(${path}, ${scope.path.length + 1}), '/', 1), '') END, ${scope.code})`;
}

/** The scope, merged when it has more child regions than a calendar lists (one LIMIT n+1 probe). */
export async function withChildLimit(ctx: Ctx, scope: ScopeRegion, n: number): Promise<ScopeRegion> {
  if (!scope.code) return scope;
  const rows = await ctx.db.select({ one: sql`1` }).from(regions).where(eq(regions.parentCode, scope.code)).limit(n + 1);
  return rows.length > n ? { ...scope, merged: true } : scope;
}

/** More than `n` stations in the scope: one LIMIT n+1 probe on the path index, never a full count. */
export async function moreStationsThan(ctx: Ctx, scope: ScopeRegion, n: number): Promise<boolean> {
  const rows = await ctx.db.select({ one: sql`1` }).from(stations).where(like(stations.scopePath, `${scope.path}%`)).limit(n + 1);
  return rows.length > n;
}

export interface GroupRow {
  day: string;
  kind: DeadlineKind;
  child: string;
  state: DeadlineState;
  n: number;
}

/**
 * The state of a deadline on `day`, met or not, as the itemised calendar computes it: a missed
 * one of a closed year is expired unless it is money still owed (instalments).
 */
function stateSql(day: SQL, met: SQL, today: string, canExpire: boolean | SQL): SQL<DeadlineState> {
  const yearStart = `${today.slice(0, 4)}-01-01`;
  return sql<DeadlineState>`CASE WHEN ${met} THEN 'done' WHEN ${day} >= ${today}::date THEN 'upcoming'
    WHEN ${canExpire} AND ${day} < ${yearStart}::date THEN 'expired' ELSE 'overdue' END`;
}

/** A report's state: first submission on the China calendar against its due day (reportTimeliness), then expiry. */
function reportStateSql(today: string): SQL<DeadlineState> {
  const submitted = qualified(reports.firstSubmittedAt);
  const due = qualified(reports.dueOn);
  return sql<DeadlineState>`CASE WHEN ${submitted} IS NOT NULL THEN (CASE WHEN (${submitted} AT TIME ZONE 'Asia/Shanghai')::date > ${due} THEN 'late' ELSE 'done' END)
    ELSE ${stateSql(due, sql`false`, today, true)} END`;
}

/**
 * Station and contract reports due in the window, counted per day, child region and state. A
 * province or city (and the system) reads the kept counts (calendar_report_counts: county units ×
 * days, whatever the number of stations); a county's or town's children are towns, which those
 * counts do not split, so it and an organisation count their reports (index-only on
 * reports_due_cover_idx, migration 0044) — their scopes stay small.
 */
export async function reportGroups(ctx: Ctx, scope: ScopeRegion, from: string, to: string, today: string): Promise<GroupRow[]> {
  const kind = ctx.actor?.scope.kind;
  const kept = ctx.system || kind === 'province' || kind === 'city';
  // reportScopeParts: the region's path first, then the contract reports placed outside it (few, counted live).
  const parts = reportScopeParts(ctx);
  const rows = await Promise.all([
    ...(kept ? [keptReportGroups(ctx, scope, from, to, today)] : []),
    ...(kept ? parts.slice(1) : parts).map((part) =>
      ctx.db
        .select({ day: reports.dueOn, child: sql<string>`${childSql(qualified(reports.scopePath), scope)}`, state: reportStateSql(today), n: sql<number>`count(*)::int` })
        .from(reports)
        .where(and(part, gte(reports.dueOn, from), lte(reports.dueOn, to), ne(reports.kind, 'district_annual')))
        .groupBy(sql`1, 2, 3`),
    ),
  ]);
  // The caller adds rows of the same key.
  return rows.flat().map((r) => ({ ...r, kind: 'report_due' as const }));
}

/** The kept counts of the scope's path: a pending report's state comes from its due day and today, never stored. */
function keptReportGroups(ctx: Ctx, scope: ScopeRegion, from: string, to: string, today: string) {
  const c = calendarReportCounts;
  const state = qualified(c.state);
  return ctx.db
    .select({
      day: c.dueOn,
      child: sql<string>`${childSql(qualified(c.countyPath), scope)}`,
      state: sql<DeadlineState>`CASE WHEN ${state} = 'pending' THEN ${stateSql(qualified(c.dueOn), sql`false`, today, true)} ELSE ${state} END`,
      n: sql<number>`sum(${qualified(c.n)})::int`,
    })
    .from(c)
    .where(and(like(c.countyPath, `${scope.path}%`), gte(c.dueOn, from), lte(c.dueOn, to)))
    .groupBy(sql`1, 2, 3`)
    // Keys emptied by later writes stay as zero rows.
    .having(sql`sum(${qualified(c.n)}) <> 0`);
}

/** Procurement deadlines in the window (cancelled ones are no deadline), counted like reports. */
export async function procurementGroups(ctx: Ctx, scope: ScopeRegion, from: string, to: string, today: string): Promise<GroupRow[]> {
  const day = qualified(procurements.deadlineOn);
  const rows = await ctx.db
    .select({
      day: sql<string>`${day}::text`,
      child: sql<string>`${childSql(qualified(procurements.scopePath), scope)}`,
      state: stateSql(day, sql`${qualified(procurements.status)} = 'awarded'`, today, true),
      n: sql<number>`count(*)::int`,
    })
    .from(procurements)
    .where(and(regionOrAncestorScope(ctx, procurements.scopePath), gte(procurements.deadlineOn, from), lte(procurements.deadlineOn, to), ne(procurements.status, 'cancelled')))
    .groupBy(sql`1, 2, 3`);
  return rows.map((r) => ({ ...r, kind: 'procurement_deadline' as const }));
}

/**
 * The contracts' deadlines in the window, one row per (contract, deadline) unfolded in SQL and
 * counted per day, kind, child region and state: on-post (met when no station lacks qualified
 * workers, or the contract is no longer in force), instalments (met when paid in full), the end
 * of term and the 1 January of an ending year (met when the contract is no longer in force).
 */
export async function contractGroups(ctx: Ctx, scope: ScopeRegion, from: string, to: string, today: string): Promise<GroupRow[]> {
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  const inForce = sql`${qualified(contracts.status)} IN (${sql.join(CONTRACT_IN_FORCE.map((s) => sql`${s}`), sql`, `)})`;
  const onPost = sql`(${qualified(contracts.signedOn)} + interval '1 month')::date`;
  const res = await ctx.db.execute(sql`WITH k AS (
      SELECT ${qualified(contracts.id)} AS id, ${qualified(contracts.scopePath)} AS path, ${qualified(contracts.signedOn)} AS signed_on,
        ${qualified(contracts.endsOn)} AS ends_on, ${qualified(contracts.endingYear)} AS ending_year, ${qualified(contracts.instalments)} AS instalments,
        ${inForce} AS in_force,
        CASE WHEN ${inForce} AND ${qualified(contracts.signedOn)} IS NOT NULL AND ${onPost} BETWEEN ${f} AND ${t}
          THEN ${contractShortStationSql(today)} ELSE false END AS short
      FROM ${contracts}
      WHERE ${contractScope(ctx)} AND ${qualified(contracts.status)} <> 'draft'
        AND ((${onPost} BETWEEN ${f} AND ${t}) OR ${qualified(contracts.endsOn)} BETWEEN ${f} AND ${t}
          OR make_date(${qualified(contracts.endingYear)}, 1, 1) BETWEEN ${f} AND ${t}
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(${qualified(contracts.instalments)}) AS j WHERE (j->>'dueOn') BETWEEN ${from} AND ${to}))
    ), paid AS (
      -- The payments of these contracts per instalment, summed once (not a probe per instalment).
      SELECT ${qualified(contractPayments.contractId)} AS contract_id, ${qualified(contractPayments.instalment)} AS instalment,
        sum(${qualified(contractPayments.amountFen)}) AS fen
      FROM ${contractPayments} WHERE ${qualified(contractPayments.contractId)} IN (SELECT id FROM k) GROUP BY 1, 2
    ), d AS (
      SELECT (k.signed_on + interval '1 month')::date AS day, 'onpost_due' AS kind, k.path, NOT k.short AS met FROM k WHERE k.signed_on IS NOT NULL
      UNION ALL SELECT k.ends_on, 'contract_end', k.path, NOT k.in_force FROM k WHERE k.ends_on IS NOT NULL
      UNION ALL SELECT make_date(k.ending_year, 1, 1), 'ending_year', k.path, NOT k.in_force FROM k WHERE k.ending_year IS NOT NULL
      UNION ALL SELECT (i.value->>'dueOn')::date, 'instalment_due', k.path, coalesce(paid.fen, 0) >= (i.value->>'amountFen')::bigint
        FROM k CROSS JOIN LATERAL jsonb_array_elements(k.instalments) WITH ORDINALITY AS i(value, ord)
        LEFT JOIN paid ON paid.contract_id = k.id AND paid.instalment = i.ord - 1
    )
    SELECT d.day::text AS day, d.kind, ${childSql(sql`d.path`, scope)} AS child,
      ${stateSql(sql`d.day`, sql`d.met`, today, sql`d.kind <> 'instalment_due'`)} AS state, count(*)::int AS n
    FROM d WHERE d.day BETWEEN ${f} AND ${t} GROUP BY 1, 2, 3, 4`);
  return (res as unknown as { rows: GroupRow[] }).rows;
}

/** The district annual reports due in the window: one per county and year, to mark its 30 November deadline met. */
export async function districtReportsIn(ctx: Ctx, from: string, to: string) {
  return ctx.db
    .select(reportListColumns)
    .from(reports)
    .where(and(reportScope(ctx), eq(reports.kind, 'district_annual'), gte(reports.dueOn, from), lte(reports.dueOn, to)));
}

/** The reports behind one grouped entry (a day and a child region), paged in the database. */
export async function reportsOfGroup(ctx: Ctx, scope: ScopeRegion, day: string, region: string, limit: number, offset: number) {
  const where = and(
    reportScope(ctx),
    eq(reports.dueOn, day),
    ne(reports.kind, 'district_annual'),
    sql`${childSql(qualified(reports.scopePath), scope)} = ${region}`,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ report: reportListColumns, countyShortName: regions.shortName })
      .from(reports)
      .innerJoin(regions, eq(regions.code, reports.countyCode))
      .where(where)
      .orderBy(asc(reports.title), asc(reports.id))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(reports).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function regionNames(ctx: Ctx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db
    .select({ code: regions.code, shortName: regions.shortName })
    .from(regions)
    .where(sql`${regions.code} IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.code, r.shortName]));
}
