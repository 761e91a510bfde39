import { and, asc, eq, inArray } from 'drizzle-orm';
import { regions, stations } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { invalid, notFound } from '../../platform/errors';
import { pathInScope, regionOrAncestorScope } from '../../platform/scope';

export interface County {
  code: string;
  shortName: string;
  path: string;
}

/** County units the actor sees: all of them from the city, its own from a county, a town or a station. */
export async function countiesInScope(ctx: Ctx): Promise<County[]> {
  // Those under the scope, or the one above it (a town's, a station's): chosen in SQL, not from the whole tree.
  return ctx.db
    .select({ code: regions.code, shortName: regions.shortName, path: regions.path })
    .from(regions)
    .where(and(eq(regions.level, 'county'), regionOrAncestorScope(ctx, regions.path)))
    .orderBy(asc(regions.code));
}

/** The county unit a purchaser acts for (R-BUY-ROLES): it must lie within the actor's own scope. */
export async function purchaserCounty(ctx: Ctx, code: string): Promise<County> {
  const [row] = await ctx.db
    .select({ code: regions.code, shortName: regions.shortName, path: regions.path })
    .from(regions)
    .where(and(eq(regions.code, code), eq(regions.level, 'county')));
  if (!row) throw invalid([{ path: 'countyCode', message: '区市代码不存在' }]);
  if (!pathInScope(ctx, row.path)) throw notFound('区市');
  return row;
}

export async function countyByCode(ctx: Ctx, code: string): Promise<County | undefined> {
  const [row] = await ctx.db
    .select({ code: regions.code, shortName: regions.shortName, path: regions.path })
    .from(regions)
    .where(eq(regions.code, code));
  return row;
}

/**
 * Stations named by a plan, procurement or contract must belong to its county unit; the error
 * names the field so the form marks it.
 */
export async function stationsOfCounty(
  ctx: Ctx,
  county: County,
  ids: readonly string[],
  field = 'stationIds',
): Promise<{ id: string; scopePath: string }[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const rows = await ctx.db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(inArray(stations.id, unique));
  const outside = unique.filter((id) => !rows.some((r) => r.id === id && r.scopePath.startsWith(county.path)));
  if (outside.length > 0)
    throw invalid([{ path: field, message: `所选社工站中有 ${outside.length} 个不属于${county.shortName}` }]);
  return rows;
}
