import { and, asc, eq, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { dashboardRollups, dashboardStationStaffing, regions, stations } from '../../db/schema';
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
 * Which roll-up rows to read: a county or town reads its stations' rows (tier 0); a city or
 * province reads the county sums (tier 1) plus the rows that belong to a county as a whole
 * (payments, evaluations, the district's report). An organisation always reads its stations'.
 */
function tierFilter(countySums: boolean): SQL {
  return countySums
    ? sql`(${dashboardRollups.tier} = 1 OR (${dashboardRollups.tier} = 0 AND ${dashboardRollups.stationId} IS NULL))`
    : sql`${dashboardRollups.tier} = 0`;
}

/**
 * Sums per child region and measure for the year (clients: the register, undated). One indexed
 * range of the roll-up table: its size is places × months × measures, never the records.
 */
export async function sumsByChild(ctx: Ctx, path: string, year: number, today: string, countySums: boolean) {
  return ctx.db
    .select({ child: childOf(path), measure: dashboardRollups.measure, value: sql<number>`sum(${dashboardRollups.value})::float8` })
    .from(dashboardRollups)
    .where(
      and(
        tierFilter(countySums),
        like(dashboardRollups.scopePath, `${path}%`),
        or(eq(dashboardRollups.period, ''), like(dashboardRollups.period, `${year}%`)),
        rollupScope(ctx, today),
      ),
    )
    .groupBy(sql`1`, dashboardRollups.measure);
}

export const MONTHLY_MEASURES = ['records', 'minutes', 'persons', 'home_visits', 'volunteer_hours', 'spent_fen'] as const;

export async function monthlySums(ctx: Ctx, path: string, year: number, today: string, countySums: boolean) {
  return ctx.db
    .select({ period: dashboardRollups.period, measure: dashboardRollups.measure, value: sql<number>`sum(${dashboardRollups.value})::float8` })
    .from(dashboardRollups)
    .where(
      and(
        tierFilter(countySums),
        like(dashboardRollups.scopePath, `${path}%`),
        like(dashboardRollups.period, `${year}-%`),
        inArray(dashboardRollups.measure, [...MONTHLY_MEASURES]),
        rollupScope(ctx, today),
      ),
    )
    .groupBy(dashboardRollups.period, dashboardRollups.measure);
}

/**
 * Coverage per child: towns from the region tree, stations from the stations table. Both are
 * small (one row per town; ~1,800 in a province), so this reads them directly rather than
 * keeping another roll-up in step with station status changes.
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

/** Placeholder rows for stations never computed, committed before a refresh locks them. */
export async function ensureStaffingRows(ctx: Ctx, path: string, today: string): Promise<void> {
  await ctx.db.execute(sql`INSERT INTO dashboard_station_staffing (station_id, scope_path, as_of, on_post, qualified, compliant, findings, stale)
    SELECT s.id, s.scope_path, ${today}::date, 0, 0, true, '{}'::jsonb, true FROM stations s
    WHERE s.scope_path LIKE ${`${path}%`} AND s.status <> 'revoked'
      AND NOT EXISTS (SELECT 1 FROM dashboard_station_staffing d WHERE d.station_id = s.id)
    ON CONFLICT (station_id) DO NOTHING`);
}

/** Locks the rows that need recomputing (stale, or of an earlier day), in a fixed order. */
export async function lockStaleStaffing(ctx: Ctx, path: string, today: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: dashboardStationStaffing.stationId })
    .from(dashboardStationStaffing)
    .where(
      and(
        like(dashboardStationStaffing.scopePath, `${path}%`),
        or(eq(dashboardStationStaffing.stale, true), ne(dashboardStationStaffing.asOf, today)),
      ),
    )
    .orderBy(asc(dashboardStationStaffing.stationId))
    .for('update');
  return rows.map((r) => r.id);
}

export async function saveStaffing(
  ctx: Ctx,
  today: string,
  rows: { stationId: string; onPost: number; qualified: number; compliant: boolean; findings: Record<string, number> }[],
): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => ({ station_id: r.stationId, on_post: r.onPost, qualified: r.qualified, compliant: r.compliant, findings: r.findings })));
  await ctx.db.execute(sql`UPDATE dashboard_station_staffing d SET as_of = ${today}::date, on_post = x.on_post, qualified = x.qualified,
      compliant = x.compliant, findings = x.findings, stale = false
    FROM jsonb_to_recordset(${json}::jsonb) AS x(station_id uuid, on_post int, qualified int, compliant boolean, findings jsonb)
    WHERE d.station_id = x.station_id`);
}

export async function staffingUnder(ctx: Ctx, path: string, stationIds: string[]) {
  if (stationIds.length === 0) return [];
  return ctx.db
    .select({
      stationId: dashboardStationStaffing.stationId,
      scopePath: dashboardStationStaffing.scopePath,
      onPost: dashboardStationStaffing.onPost,
      compliant: dashboardStationStaffing.compliant,
      findings: dashboardStationStaffing.findings,
    })
    .from(dashboardStationStaffing)
    .where(and(like(dashboardStationStaffing.scopePath, `${path}%`), inArray(dashboardStationStaffing.stationId, stationIds)));
}
