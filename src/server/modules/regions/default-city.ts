import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { regions } from '../../db/schema';

export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data');
/**
 * The default installation's root, whose data ships in data/ (zone units, aliases, villages
 * that the NBS lists lack). Code that needs the installation's root reads it from the
 * database (rootRegion), never from here.
 */
export const DEFAULT_REGION_ROOT = '371000';
export const CITY = { code: DEFAULT_REGION_ROOT, name: '威海市' } as const;

type RegionRow = typeof regions.$inferInsert;

const COLUMNS = [
  'code', 'name', 'type', 'county_code', 'county_name', 'zone',
  'village_committees_2021', 'resident_committees_2021', 'village_level_total_2021', 'note',
] as const;

/** Other spellings named in the note column (苘山镇 ↔ 蔄山镇, 龙山路街道 ↔ 龙山街道). */
function aliasesFromNote(name: string, note: string): string[] {
  const found = note.match(/[\u4e00-\u9fff]+(?:镇|街道)/gu) ?? [];
  return [...new Set(found)].filter((n) => n !== name);
}

/** Reads data/weihai-towns.csv into the city → county unit → town rows. */
export function readWeihaiRegions(file = path.join(DATA_DIR, 'weihai-towns.csv')): RegionRow[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split(',');
  if (header?.join(',') !== COLUMNS.join(',')) throw new Error(`${file}: unexpected header`);
  const cityPath = `/${CITY.code}/`;
  const rows: RegionRow[] = [
    { code: CITY.code, name: CITY.name, shortName: CITY.name, level: 'city', parentCode: null, path: cityPath, aliases: [] },
  ];
  const counties = new Map<string, RegionRow>();
  for (const [i, line] of lines.entries()) {
    const f = line.split(',');
    if (f.length !== COLUMNS.length) throw new Error(`${file}:${i + 2}: expected ${COLUMNS.length} fields`);
    const [code, name, type, countyCode, countyName, zone, villages, residents, , note] = f as string[] as [
      string, string, string, string, string, string, string, string, string, string,
    ];
    if (type !== '镇' && type !== '街道') throw new Error(`${file}:${i + 2}: unknown type ${type}`);
    const countyPath = `${cityPath}${countyCode}/`;
    if (!counties.has(countyCode))
      counties.set(countyCode, {
        code: countyCode, name: countyName, shortName: zone || countyName, level: 'county',
        parentCode: CITY.code, path: countyPath, aliases: zone ? [countyName] : [],
      });
    rows.push({
      code, name, shortName: name, level: 'town', parentCode: countyCode, path: `${countyPath}${code}/`,
      aliases: aliasesFromNote(name, note), townType: type,
      villageCommittees: Number(villages), residentCommittees: Number(residents),
    });
  }
  rows.splice(1, 0, ...[...counties.values()].sort((a, b) => a.code.localeCompare(b.code)));
  return rows;
}

/** Reads data/weihai-villages.csv: the village-level units (村委会、居委会) under the towns. */
export function readWeihaiVillages(towns: RegionRow[], file = path.join(DATA_DIR, 'weihai-villages.csv')): RegionRow[] {
  const townPath = new Map(towns.filter((t) => t.level === 'town').map((t) => [t.code, t.path]));
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.shift() !== 'code,name,town_code') throw new Error(`${file}: unexpected header`);
  return lines.map((line, i) => {
    const [code, name, townCode] = line.split(',');
    const parent = townCode ? townPath.get(townCode) : undefined;
    if (!code || !name || !townCode || !parent) throw new Error(`${file}:${i + 2}: unknown town or malformed row`);
    // Official names end in 村委会/居委会; the place is the name before it.
    const shortName = name.replace(/(村民委员会|居民委员会|村委会|居委会)$/u, '') || name;
    return { code, name, shortName, level: 'village' as const, parentCode: townCode, path: `${parent}${code}/`, aliases: [] };
  });
}

