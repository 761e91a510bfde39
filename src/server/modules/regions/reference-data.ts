import { eq, isNull, sql } from 'drizzle-orm';
import { SCOPE_KINDS, type ScopeKind } from '../../../shared/permissions';
import type { Db } from '../../db/client';
import { regions } from '../../db/schema';
import { DEFAULT_REGION_ROOT } from './default-city';
import { type RegionInsert, regionRowsFor } from './division-tree';

export { CITY, DATA_DIR, DEFAULT_REGION_ROOT, readWeihaiRegions, readWeihaiVillages } from './default-city';

/** The installation's root is chosen once; changing it would orphan every stored scope path. */
export class RegionRootMismatchError extends Error {}

/**
 * Loads the installation's region tree: `root` (SGZ_REGION_ROOT) on a new store, else the root
 * already stored, else the default city. Idempotent: inserts new regions and refreshes the
 * names of existing ones. Refuses a root other than the stored one.
 */
export async function loadReferenceData(db: Db, options: { root?: string | undefined } = {}): Promise<number> {
  const [stored] = await db.select({ code: regions.code, name: regions.name }).from(regions).where(isNull(regions.parentCode)).limit(1);
  if (stored && options.root && stored.code !== options.root)
    throw new RegionRootMismatchError(
      `SGZ_REGION_ROOT=${options.root}, but this store was set up for ${stored.code} ${stored.name}: ` +
        `the region root is chosen when a store is first set up and cannot change (every scope path hangs from it). ` +
        `Unset SGZ_REGION_ROOT or set it to ${stored.code}, or set up a new store for ${options.root}.`,
    );
  const rows = regionRowsFor(stored?.code ?? options.root ?? DEFAULT_REGION_ROOT);
  for (let i = 0; i < rows.length; i += 1000) await upsertRegions(db, rows.slice(i, i + 1000));
  return rows.length;
}

/** The installation's root region (the one without a parent): a province or a city. */
export async function rootRegion(db: Db): Promise<{ code: string; name: string; level: string; path: string }> {
  const [root] = await db
    .select({ code: regions.code, name: regions.name, level: regions.level, path: regions.path })
    .from(regions)
    .where(isNull(regions.parentCode))
    .limit(1);
  if (!root) throw new Error('no region tree: run the migrations and load the reference data first');
  return root;
}

/** The scope kinds this installation has: no province kind under a city root. */
export async function availableScopeKinds(db: Db): Promise<ScopeKind[]> {
  const province = (await db.$count(regions, eq(regions.level, 'province'))) > 0;
  return SCOPE_KINDS.filter((k) => k !== 'province' || province);
}

async function upsertRegions(db: Db, rows: RegionInsert[]): Promise<void> {
  await db
    .insert(regions)
    .values(rows)
    .onConflictDoUpdate({
      target: regions.code,
      set: {
        name: sql`excluded.name`,
        shortName: sql`excluded.short_name`,
        level: sql`excluded.level`,
        parentCode: sql`excluded.parent_code`,
        path: sql`excluded.path`,
        aliases: sql`excluded.aliases`,
        townType: sql`excluded.town_type`,
        villageCommittees: sql`excluded.village_committees`,
        residentCommittees: sql`excluded.resident_committees`,
      },
    });
}
