import { and, asc, desc, eq, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { dashboardRollups, dashboardStationStaffing, regions, stations } from '../../db/schema';
import { qualified } from '../../db/sql';
import type { DashboardFigure } from '../../../shared/contracts/dashboards';
import type { Ctx } from '../../platform/context';
import { stationsServedBy } from '../../platform/station-operator';

export interface RegionRow {
  code: string;
  name: string;
  shortName: string;
  level: string;
  parentCode: string | null;
  path: string;
}

const regionColumns = {
  code: regions.code, name: regions.name, shortName: regions.shortName, level: regions.level, parentCode: regions.parentCode, path: regions.path,
};

export async function findRegion(ctx: Ctx, code: string): Promise<RegionRow | undefined> {
  const [row] = await ctx.db.select(regionColumns).from(regions).where(eq(regions.code, code));
  return row;
}

export async function regionsByCodes(ctx: Ctx, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return ctx.db.select(regionColumns).from(regions).where(inArray(regions.code, codes));
}

/** The installation's root (a province or a city): the top of an organisation's dashboard. */
export async function rootRegion(ctx: Ctx): Promise<RegionRow | undefined> {
  const [row] = await ctx.db.select(regionColumns).from(regions).where(isNull(regions.parentCode)).orderBy(asc(regions.code)).limit(1);
  return row;
}

export async function childRegions(ctx: Ctx, code: string): Promise<RegionRow[]> {
  return ctx.db.select(regionColumns).from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
}

/** One page of the children in code order, and how many there are (the count from the parent index alone). */
export async function childRegionsPage(ctx: Ctx, code: string, order: 'asc' | 'desc', limit: number, offset: number) {
  const [rows, [count]] = await Promise.all([
    ctx.db.select(regionColumns).from(regions).where(eq(regions.parentCode, code))
      .orderBy(order === 'asc' ? asc(regions.code) : desc(regions.code)).limit(limit).offset(offset),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(regions).where(eq(regions.parentCode, code)),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/**
 * The roll-up rows an actor may read: region actors by path; an organisation by the stations it
 * serves today (its figures are its stations', never its county's payments or grades).
 */
export function rollupScope(ctx: Ctx, today: string): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  if (scope.kind === 'org') return scope.orgId ? sql`${dashboardRollups.stationId} IN ${stationsServedBy(scope.orgId, today)}` : sql`false`;
  return scope.path ? like(dashboardRollups.scopePath, `${scope.path}%`) : sql`false`;
}

/** Stations the actor may count, as SQL over the stations table. */
function stationScope(ctx: Ctx, today: string): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  if (scope.kind === 'org') return scope.orgId ? sql`${stations.id} IN ${stationsServedBy(scope.orgId, today)}` : sql`false`;
  return scope.path ? like(stations.scopePath, `${scope.path}%`) : sql`false`;
}

/** The child's code under `path` ('' for rows of the region itself, e.g. a county's payments). */
const childOf = (path: string) => sql<string>`split_part(substr(${dashboardRollups.scopePath}, ${path.length + 1}), '/', 1)`;

/**
 * An organisation's sums per child region and measure for the year (clients: the register,
 * undated), from its stations' lines (tier 0). One indexed range of the roll-up table: its size
 * is places × months × measures, never the records.
 */
export async function sumsByChild(ctx: Ctx, path: string, year: number, today: string) {
  return ctx.db
    .select({ child: childOf(path), measure: dashboardRollups.measure, value: sql<number>`sum(${dashboardRollups.value})::float8` })
    .from(dashboardRollups)
    .where(
      and(
        eq(dashboardRollups.tier, 0),
        like(dashboardRollups.scopePath, `${path}%`),
        or(eq(dashboardRollups.period, ''), like(dashboardRollups.period, `${year}%`)),
        rollupScope(ctx, today),
      ),
    )
    .groupBy(sql`1`, dashboardRollups.measure);
}

export const MONTHLY_MEASURES = ['records', 'minutes', 'persons', 'home_visits', 'volunteer_hours', 'spent_fen'] as const;

export async function monthlySums(ctx: Ctx, path: string, year: number, today: string) {
  return ctx.db
    .select({ period: dashboardRollups.period, measure: dashboardRollups.measure, value: sql<number>`sum(${dashboardRollups.value})::float8` })
    .from(dashboardRollups)
    .where(
      and(
        eq(dashboardRollups.tier, 0),
        like(dashboardRollups.scopePath, `${path}%`),
        like(dashboardRollups.period, `${year}-%`),
        inArray(dashboardRollups.measure, [...MONTHLY_MEASURES]),
        rollupScope(ctx, today),
      ),
    )
    .groupBy(dashboardRollups.period, dashboardRollups.measure);
}

/**
 * Coverage per child counted from the region tree and the stations table: an organisation's
 * (its few stations; it has no towns' lines). Region actors read the 'towns', 'stations' and
 * 'operating' roll-up lines instead (migration 0049).
 */
export async function coverageByChild(ctx: Ctx, path: string, today: string) {
  const child = sql<string>`split_part(substr(${regions.path}, ${path.length + 1}), '/', 1)`;
  const towns = await ctx.db
    .select({ child, towns: sql<number>`count(*)::int` })
    .from(regions)
    .where(and(like(regions.path, `${path}%`), eq(regions.level, 'town')))
    .groupBy(sql`1`);
  const schild = sql<string>`split_part(substr(${stations.scopePath}, ${path.length + 1}), '/', 1)`;
  const st = await ctx.db
    .select({
      child: schild,
      stations: sql<number>`count(*) FILTER (WHERE ${stations.status} <> 'revoked')::int`,
      operating: sql<number>`count(*) FILTER (WHERE ${stations.status} = 'operating')::int`,
    })
    .from(stations)
    .where(and(like(stations.scopePath, `${path}%`), stationScope(ctx, today)))
    .groupBy(sql`1`);
  return { towns, stations: st };
}

/** Stations under the path the actor may count (id, path, town), for staffing and for org drill-down. */
export async function stationsUnder(ctx: Ctx, path: string, today: string) {
  return ctx.db
    .select({ id: stations.id, scopePath: stations.scopePath, townCode: stations.townCode, status: stations.status })
    .from(stations)
    .where(and(like(stations.scopePath, `${path}%`), stationScope(ctx, today)));
}

/** Whether any row under the path needs recomputing: one probe, so a fresh scope skips the locking transaction. */
export async function anyStaleStaffing(ctx: Ctx, path: string, today: string): Promise<boolean> {
  const rows = await ctx.db.select({ one: sql`1` }).from(dashboardStationStaffing).where(staleUnder(path, today)).limit(1);
  return rows.length > 0;
}

function staleUnder(path: string, today: string) {
  return and(
    like(dashboardStationStaffing.scopePath, `${path}%`),
    // A revoked station's row (not live) is recomputed only when marked stale: it counts nowhere.
    or(sql`${dashboardStationStaffing.stale}`, and(sql`${dashboardStationStaffing.live}`, lt(dashboardStationStaffing.asOf, today))),
  );
}

/**
 * Locks the rows that need recomputing (stale, or of an earlier day), in a fixed order. Every
 * station has a row (made by a trigger with the station, migration 0049); the partial index of
 * stale rows and the index on as_of find them without reading the rest of the scope. `skipLocked`:
 * rows another transaction holds are left (stale) rather than waited for.
 */
export async function lockStaleStaffing(ctx: Ctx, path: string, today: string, skipLocked = false): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: dashboardStationStaffing.stationId })
    .from(dashboardStationStaffing)
    .where(staleUnder(path, today))
    .orderBy(asc(dashboardStationStaffing.stationId))
    .for('update', skipLocked ? { skipLocked: true } : {});
  return rows.map((r) => r.id);
}

export async function saveStaffing(
  ctx: Ctx,
  today: string,
  rows: {
    stationId: string; onPost: number; qualified: number; ownQualified: Record<string, number>; compliant: boolean;
    findings: Record<string, number>; warnings: number; certIssues: number;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      station_id: r.stationId, on_post: r.onPost, qualified: r.qualified, own_qualified: r.ownQualified, compliant: r.compliant, findings: r.findings, warnings: r.warnings, cert_issues: r.certIssues,
    })),
  );
  // live and the path from the station as it is now (the rows are locked: a status change waits and marks them stale again).
  await ctx.db.execute(sql`UPDATE dashboard_station_staffing d SET as_of = ${today}::date, on_post = x.on_post, qualified = x.qualified,
      own_qualified = x.own_qualified, compliant = x.compliant, findings = x.findings, warnings = x.warnings, cert_issues = x.cert_issues, stale = false,
      live = s.status <> 'revoked', scope_path = s.scope_path
    FROM jsonb_to_recordset(${json}::jsonb) AS x(station_id uuid, on_post int, qualified int, own_qualified jsonb, compliant boolean, findings jsonb, warnings int, cert_issues int),
      stations s
    WHERE d.station_id = x.station_id AND s.id = x.station_id`);
}

/** Moves the pending tier-2 deltas into their rows (a no-op when another process is folding). */
export async function foldPending(ctx: Ctx): Promise<void> {
  await ctx.db.execute(sql`SELECT dashboard_rollups_fold()`);
}

const yearPeriods = (year: number) => sql`(period = '' OR period LIKE ${`${year}%`})`;

/** Region actors read rows under their path only (the region was checked too: this is the belt). */
function pathScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  return scope && scope.kind !== 'org' && scope.path ? sql`scope_path LIKE ${`${scope.path}%`}` : sql`false`;
}

/**
 * The figures of places, each from the rows of its own path (all tiers, plus pending deltas):
 * a town its stations' lines, a county its sums and county-level lines, a city or province its
 * tier-2 sums. One index probe per place, whatever lies beneath it. Region actors only.
 * `figuresOnly`: the year's sum of each measure a dashboard row shows (children), not the months
 * and breakdowns (domains, target groups, grades) only the region itself shows.
 */
export async function placeSums(ctx: Ctx, paths: string[], year: number, opts: { figuresOnly?: boolean } = {}) {
  if (paths.length === 0) return [];
  const list = sql.join(paths.map((p) => sql`${p}`), sql`, `);
  const measures = opts.figuresOnly ? sql`AND (measure IN (${sql.join(ROW_MEASURES.map((m) => sql`${m}`), sql`, `)}) OR measure LIKE ${`${OPEN_DUE}%`})` : sql``;
  const period = opts.figuresOnly ? sql`''` : sql`period`;
  const res = await ctx.db.execute(sql`SELECT scope_path AS path, ${period} AS period, measure, sum(value)::float8 AS value FROM (
      SELECT scope_path, period, measure, value FROM dashboard_rollups
        WHERE tier IN (0, 1, 2) AND scope_path IN (${list}) AND ${yearPeriods(year)} ${measures} AND ${pathScope(ctx)}
      UNION ALL
      SELECT scope_path, period, measure, value FROM dashboard_rollup_pending
        WHERE scope_path IN (${list}) AND ${yearPeriods(year)} ${measures} AND ${pathScope(ctx)}
    ) x GROUP BY 1, 2, 3`);
  return (res as unknown as { rows: { path: string; period: string; measure: string; value: number }[] }).rows;
}

/**
 * The undated lines (period '') of some measures at one place, all tiers plus pending deltas, as
 * placeSums reads them: rows of (measure, value) to sum with lineSums. `path` is SQL so that a
 * lateral join can pass each unit's own path. Callers scope the place themselves.
 */
export function placeLinesAt(path: SQL, measures: readonly string[]): SQL {
  const list = sql.join(measures.map((m) => sql`${m}`), sql`, `);
  return sql`SELECT r.measure, r.value FROM dashboard_rollups r WHERE r.tier IN (0, 1, 2) AND r.scope_path = ${path} AND r.period = '' AND r.measure IN (${list})
      UNION ALL
      SELECT p.measure, p.value FROM dashboard_rollup_pending p WHERE p.scope_path = ${path} AND p.period = '' AND p.measure IN (${list})`;
}

/** Per output column, the sum of one measure's lines aliased x (0 where there are none). */
export function lineSums(columns: Readonly<Record<string, string>>): SQL {
  return sql.join(
    Object.entries(columns).map(([as, m]) => sql`coalesce(sum(x.value) FILTER (WHERE x.measure = ${m}), 0)::int AS ${sql.identifier(as)}`),
    sql`, `,
  );
}

const OPEN_DUE = 'reports_open_due:';
const SIMPLE_FIGURES: Partial<Record<DashboardFigure, string>> = {
  clients: 'clients', clientsActive: 'clients_status:active', records: 'records', hours: 'minutes', persons: 'persons',
  homeVisits: 'home_visits', volunteerTimes: 'volunteer_times', volunteerHours: 'volunteer_hours', budgetFen: 'budget_fen',
  spentFen: 'spent_fen', paidFen: 'paid_fen', reports: 'reports', reportsOnTime: 'reports_on_time',
  // Coverage and staffing (migration 0049): region actors read them as lines too.
  towns: 'towns', stations: 'stations', operating: 'operating', staffedStations: 'staffed', compliantStations: 'compliant', findings: 'staff_findings',
};
/** Findings of one staffing rule: 'staff_finding:<rule id>'. */
export const STAFF_FINDING = 'staff_finding:';
/** The measures behind a dashboard row's figures (with the open reports' lines, OPEN_DUE…). */
const ROW_MEASURES = [...Object.values(SIMPLE_FIGURES), 'reports_late'];

/** The roll-up lines of a figure and what each adds (as figuresFrom in the service); null if not a roll-up figure. */
function figureLines(k: DashboardFigure, today: string): { filter: SQL; value: SQL } | null {
  const measure = SIMPLE_FIGURES[k];
  if (measure) return { filter: sql`measure = ${measure}`, value: k === 'hours' ? sql`value / 60` : sql`value` };
  const due = sql`substr(measure, ${OPEN_DUE.length + 1})`;
  if (k === 'reportsLate')
    return { filter: sql`(measure = 'reports_late' OR measure LIKE ${`${OPEN_DUE}%`})`, value: sql`CASE WHEN measure = 'reports_late' OR ${due} < ${today} THEN value ELSE 0 END` };
  if (k === 'reportsPending') return { filter: sql`measure LIKE ${`${OPEN_DUE}%`}`, value: sql`CASE WHEN ${due} >= ${today} THEN value ELSE 0 END` };
  return null;
}

/**
 * One roll-up figure for every child of `path` (for sorting and the chart's "其余"): only that
 * figure's lines, at the children's own paths: ∝ children × months, never the stations beneath.
 * Region actors only.
 */
export async function childFigure(ctx: Ctx, path: string, year: number, townChildren: boolean, figure: DashboardFigure, today: string) {
  const lines = figureLines(figure, today);
  if (!lines) return [];
  const { filter: measureFilter, value: valueExpr } = lines;
  const rest = sql`substr(scope_path, ${path.length + 1})`;
  const atChild = sql`scope_path LIKE ${`${path}%`} AND length(scope_path) > ${path.length} AND strpos(${rest}, '/') = length(scope_path) - ${path.length}`;
  // A city's or province's children are read from the partial index of county-and-above lines.
  const place = townChildren ? sql`tier = 0` : sql`(tier > 0 OR station_id IS NULL)`;
  const res = await ctx.db.execute(sql`SELECT split_part(${rest}, '/', 1) AS child, sum(${valueExpr})::float8 AS value FROM (
      SELECT scope_path, measure, value FROM dashboard_rollups
        WHERE ${place} AND ${atChild} AND (${measureFilter}) AND ${yearPeriods(year)} AND ${pathScope(ctx)}
      UNION ALL
      SELECT scope_path, measure, value FROM dashboard_rollup_pending
        WHERE ${atChild} AND (${measureFilter}) AND ${yearPeriods(year)} AND ${pathScope(ctx)}
    ) x GROUP BY 1`);
  return (res as unknown as { rows: { child: string; value: number }[] }).rows;
}

/** Stations of some towns (the page's towns, or the town shown), for links and drill-down. */
export async function stationsOfTowns(ctx: Ctx, townCodes: string[], today: string) {
  if (townCodes.length === 0) return [];
  return ctx.db
    .select({ id: stations.id, scopePath: stations.scopePath, townCode: stations.townCode, status: stations.status })
    .from(stations)
    .where(and(inArray(stations.townCode, townCodes), stationScope(ctx, today)));
}

/** Staffing rows the actor may count: region actors by path, an organisation by the stations it serves. */
function staffingScope(ctx: Ctx, path: string, today: string): SQL {
  const under = sql`${qualified(dashboardStationStaffing.scopePath)} LIKE ${`${path}%`} AND ${qualified(stations.status)} <> 'revoked'`;
  const scope = ctx.actor?.scope;
  if (!ctx.system && scope?.kind === 'org')
    return scope.orgId ? sql`${under} AND ${qualified(dashboardStationStaffing.stationId)} IN ${stationsServedBy(scope.orgId, today)}` : sql`false`;
  return under;
}

/** An organisation's live stations' staffing per child of `path`, summed in SQL (one narrow row per station). */
export async function staffingByChild(ctx: Ctx, path: string, today: string) {
  const child = sql<string>`split_part(substr(${qualified(dashboardStationStaffing.scopePath)}, ${path.length + 1}), '/', 1)`;
  return ctx.db
    .select({
      child,
      staffed: sql<number>`count(*)::int`,
      compliant: sql<number>`count(*) FILTER (WHERE ${dashboardStationStaffing.compliant})::int`,
      findings: sql<number>`coalesce(sum((SELECT sum(v::int) FROM jsonb_each_text(${qualified(dashboardStationStaffing.findings)}) AS f(k, v))), 0)::int`,
    })
    .from(dashboardStationStaffing)
    .innerJoin(stations, eq(stations.id, dashboardStationStaffing.stationId))
    .where(staffingScope(ctx, path, today))
    .groupBy(sql`1`);
}

/** Staffing findings per rule under `path`. */
export async function staffingByRule(ctx: Ctx, path: string, today: string) {
  const res = await ctx.db.execute(sql`SELECT f.k AS rule, sum(f.v::int)::int AS n
    FROM ${dashboardStationStaffing} JOIN ${stations} ON ${qualified(stations.id)} = ${qualified(dashboardStationStaffing.stationId)}
    CROSS JOIN LATERAL jsonb_each_text(${qualified(dashboardStationStaffing.findings)}) AS f(k, v)
    WHERE ${staffingScope(ctx, path, today)}
    GROUP BY 1`);
  return (res as unknown as { rows: { rule: string; n: number }[] }).rows;
}
