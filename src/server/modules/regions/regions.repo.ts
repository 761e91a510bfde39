import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Region } from '../../../shared/contracts/regions';
import type { Db } from '../../db/client';
import { regions } from '../../db/schema';
import { likeContains } from '../../platform/scope';

export type RegionRow = typeof regions.$inferSelect;

export const toRegion = (r: RegionRow): Region => ({
  code: r.code,
  name: r.name,
  shortName: r.shortName,
  level: r.level,
  parentCode: r.parentCode,
  path: r.path,
  aliases: r.aliases,
  townType: r.townType ?? null,
});

// Regions are public reference data (NBS codes), not business rows: every user with
// region:read sees the whole tree, which their forms and filters need.
export async function listRegions(
  db: Db,
  f: { level?: Region['level'] | undefined; parentCode?: string | undefined; q?: string | undefined },
): Promise<RegionRow[]> {
  const where: SQL[] = [];
  if (f.level) where.push(eq(regions.level, f.level));
  if (f.parentCode) where.push(eq(regions.parentCode, f.parentCode));
  if (f.q) {
    const term = likeContains(f.q);
    const match = or(
      ilike(regions.name, term),
      ilike(regions.shortName, term),
      sql`array_to_string(${regions.aliases}, ' ') ILIKE ${term}`,
    );
    if (match) where.push(match);
  }
  return db
    .select()
    .from(regions)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(regions.code));
}

export async function findRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code)).limit(1);
  return row;
}
