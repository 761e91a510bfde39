import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias, QueryBuilder } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { stationListQuery } from '../../../shared/contracts/stations';
import type { Db } from '../../db/client';
import { organizations, regions, stations } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { chinaToday } from '../../../shared/rules/china-date';
import { likeContains, stationRecordScope } from '../../platform/scope';
import { operatorOf } from '../../platform/station-operator';
import { lineSums, placeLinesAt } from '../dashboards/dashboards.repo';

const town = alias(regions, 'town');
const county = alias(regions, 'county');

/** R-STATION-NAME: the standard name, derived in SQL so it can be searched and sorted. */
const standardName = sql<string>`${county.shortName} || ${town.name} || '社会工作服务站'`;

/**
 * The standard name of the station an outer query's column names (`stationId`, qualified), as a
 * scalar subquery: its station, town and county rows by primary key, never a join over every region.
 */
export function stationNameSql(stationId: SQL): SQL<string> {
  const byId = new QueryBuilder()
    .select({ name: standardName })
    .from(stations)
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(eq(stations.id, stationId));
  return sql<string>`(${byId})`;
}

const stationColumns = {
  station: stations,
  name: standardName,
  townName: town.name,
  countyCode: county.code,
  countyShortName: county.shortName,
  operatorOrgId: organizations.id,
  operatorOrgName: organizations.name,
};

export type StationJoined = {
  station: typeof stations.$inferSelect;
  name: string;
  townName: string;
  countyCode: string;
  countyShortName: string;
  /** The contractor of the contract in force today (null: no contract in force). */
  operatorOrgId: string | null;
  operatorOrgName: string | null;
};

function joined(db: Db) {
  return db
    .select(stationColumns)
    .from(stations)
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .leftJoin(organizations, eq(organizations.id, operatorOf(stations.id, chinaToday())))
    .$dynamic();
}

const inScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id });

export type StationFilter = Omit<z.output<typeof stationListQuery>, 'page' | 'pageSize'>;

function filterConditions(ctx: Ctx, f: StationFilter): SQL | undefined {
  const where: SQL[] = [inScope(ctx)];
  if (f.countyCode) where.push(eq(county.code, f.countyCode));
  if (f.townCode) where.push(eq(stations.townCode, f.townCode));
  if (f.status) where.push(eq(stations.status, f.status));
  if (f.q) {
    const term = likeContains(f.q);
    const match = or(
      ilike(standardName, term),
      ilike(county.name, term),
      sql`array_to_string(${town.aliases}, ' ') ILIKE ${term}`,
      ilike(stations.address, term),
      eq(stations.townCode, f.q),
    );
    if (match) where.push(match);
  }
  return and(...where);
}

const SORTS: Record<StationFilter['sort'], SQL[]> = {
  code: [asc(stations.townCode)],
  name: [asc(standardName), asc(stations.townCode)],
  status: [asc(stations.status), asc(stations.townCode)],
  openedOn: [sql`${stations.openedOn} ASC NULLS LAST`, asc(stations.townCode)],
  '-openedOn': [sql`${stations.openedOn} DESC NULLS LAST`, asc(stations.townCode)],
  updatedAt: [asc(stations.updatedAt)],
  '-updatedAt': [desc(stations.updatedAt)],
};

export async function listStations(
  ctx: Ctx,
  f: StationFilter & { page: number; pageSize: number },
): Promise<{ rows: StationJoined[]; total: number }> {
  const where = filterConditions(ctx, f);
  const rows = await joined(ctx.db)
    .where(where)
    .orderBy(...SORTS[f.sort])
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  // A short first page is its own total; otherwise count.
  if (f.page === 1 && rows.length < f.pageSize) return { rows, total: rows.length };
  const [n] = await ctx.db
    .select({ n: count() })
    .from(stations)
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(where);
  return { rows, total: n?.n ?? 0 };
}

/** Every matching station, for export; the caller caps the count. */
export async function allStations(ctx: Ctx, f: StationFilter, limit: number): Promise<StationJoined[]> {
  return joined(ctx.db)
    .where(filterConditions(ctx, f))
    .orderBy(...SORTS[f.sort])
    .limit(limit);
}

/** The stations of a page chosen elsewhere (compliance), in scope, in town-code order. */
export async function stationsByIds(ctx: Ctx, ids: readonly string[]): Promise<StationJoined[]> {
  if (ids.length === 0) return [];
  return joined(ctx.db)
    .where(and(inArray(stations.id, [...ids]), inScope(ctx)))
    .orderBy(asc(stations.townCode));
}

export async function findStation(ctx: Ctx, id: string): Promise<StationJoined | undefined> {
  const [row] = await joined(ctx.db)
    .where(and(eq(stations.id, id), inScope(ctx)))
    .limit(1);
  return row;
}

/** R-STATION-ONE looks across all scopes: a town's station exists or it doesn't. */
export async function stationIdOfTown(db: Db, townCode: string): Promise<string | undefined> {
  const [row] = await db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, townCode)).limit(1);
  return row?.id;
}

/** Standard names of stations by id (for postings and findings), unscoped: names are not secrets. */
export async function stationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: stations.id, name: standardName })
    .from(stations)
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(inArray(stations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

type CoverageRow = { countyCode: string; countyShortName: string; towns: number; stations: number; operating: number };

/** The coverage lines of a place (all tiers plus pending deltas), each column its measure's sum. */
const COVERAGE_LINES = { towns: 'towns', stations: 'stations', operating: 'operating' } as const;
const coverageLinesAt = (path: SQL): SQL => placeLinesAt(path, Object.values(COVERAGE_LINES));
const coverageSums = lineSums(COVERAGE_LINES);

/** The county units under a path that have towns (a unit without any shows nowhere). */
const countyUnits = (path: string) => sql`FROM ${regions} c WHERE c.level = 'county' AND c.path LIKE ${`${path}%`}
  AND EXISTS (SELECT 1 FROM ${regions} t WHERE t.parent_code = c.code AND t.level = 'town')`;

/**
 * Coverage per county unit under `path` in code order (a page of them, or all): the 'towns',
 * 'stations' and 'operating' roll-up lines at each county's own path (all tiers plus pending
 * deltas, as the dashboards read them, migration 0049): one index probe per county, not a row per
 * town and station.
 */
async function countyCoverage(ctx: Ctx, path: string, window?: { limit: number; offset: number }): Promise<(CoverageRow & { units: number })[]> {
  // units: how many county units the path holds, counted by the same scan that picks the page.
  const res = await ctx.db.execute(sql`SELECT c.code AS "countyCode", c.short_name AS "countyShortName", ${coverageSums}, c.units
    FROM (SELECT c.code, c.short_name, c.path, (count(*) OVER ())::int AS units ${countyUnits(path)} ORDER BY c.code
      ${window ? sql`LIMIT ${window.limit} OFFSET ${window.offset}` : sql``}) c
    LEFT JOIN LATERAL (${coverageLinesAt(sql`c.path`)}) x ON true
    GROUP BY c.code, c.short_name, c.units ORDER BY c.code`);
  return (res as unknown as { rows: (CoverageRow & { units: number })[] }).rows;
}

/** The path of a region actor whose scope holds whole county units (a county, city or province); null otherwise. */
async function countyScopePath(ctx: Ctx): Promise<string | null> {
  const scope = ctx.actor?.scope;
  if (ctx.system || !scope || scope.kind === 'org' || scope.kind === 'none' || !scope.path) return null;
  const [own] = await ctx.db.select({ level: regions.level }).from(regions).where(eq(regions.path, scope.path));
  return own && own.level !== 'town' ? scope.path : null;
}

/**
 * A page of county units for a region actor whose scope holds whole counties, and the scope's
 * total from the lines of its own path (a city's or province's tier-2 sums): the page's counties
 * and one place are read, whatever the number of counties and towns beneath. Null for a narrower
 * scope (a town, an organisation), which county lines cannot express.
 */
export async function coveragePage(
  ctx: Ctx, page: number, pageSize: number,
): Promise<{ rows: CoverageRow[]; total: Omit<CoverageRow, 'countyCode' | 'countyShortName'>; counties: number } | null> {
  const path = await countyScopePath(ctx);
  if (!path) return null;
  const [pageRows, totals] = await Promise.all([
    countyCoverage(ctx, path, { limit: pageSize, offset: (page - 1) * pageSize }),
    ctx.db.execute(sql`SELECT ${coverageSums} FROM (${coverageLinesAt(sql`${path}`)}) x`),
  ]);
  const [total] = (totals as unknown as { rows: Omit<CoverageRow, 'countyCode' | 'countyShortName'>[] }).rows;
  // A page past the end holds no row to carry the count: counted on its own then.
  const counties = pageRows[0]?.units ?? (await ctx.db.execute(sql`SELECT count(*)::int AS n ${countyUnits(path)}`) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  return {
    rows: pageRows.map(({ units: _, ...r }) => r),
    total: { towns: total?.towns ?? 0, stations: total?.stations ?? 0, operating: total?.operating ?? 0 },
    counties,
  };
}

/** Towns, live stations (not revoked) and operating stations per county unit within the scope (the workbench's gaps: every unit). */
export async function coverage(ctx: Ctx): Promise<CoverageRow[]> {
  const path = await countyScopePath(ctx);
  if (path) return (await countyCoverage(ctx, path)).map(({ units: _, ...r }) => r);
  // Organisations (the stations they serve) and town officers: counted from their few towns and stations.
  return ctx.db
    .select({
      countyCode: county.code,
      countyShortName: county.shortName,
      towns: count(town.code),
      stations: sql<number>`count(${stations.id}) FILTER (WHERE ${stations.status} <> 'revoked')::int`,
      operating: sql<number>`count(${stations.id}) FILTER (WHERE ${stations.status} = 'operating')::int`,
    })
    .from(town)
    .innerJoin(county, eq(county.code, town.parentCode))
    .leftJoin(stations, eq(stations.townCode, town.code))
    .where(and(eq(town.level, 'town'), stationRecordScope(ctx, { scopePath: town.path, stationId: stations.id })))
    .groupBy(county.code, county.shortName)
    .orderBy(asc(county.code));
}
