import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dayjs from 'dayjs';
import { and, asc, eq, like, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { contractPayments, organizations, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { rebuildFundingYear } from './funding.repo';

let t: TestApp;
let city: Session;
let huancui: Session;
let hc: { id: string; version: number }[];

const today = chinaToday();
const YEAR = Number(today.slice(0, 4));
const HC = '/371000/371002/';
const FIGURES = [
  'b_province', 'b_city', 'b_county', 'b_social', 's_staff', 's_activities', 's_training', 's_office', 's_publicity', 's_other',
  'budget_fen', 'spent_fen', 'paid_fen',
];

type Raw = Record<string, unknown>;
const rowsOf = async (q: SQL): Promise<Raw[]> => ((await t.database.db.execute(q)) as unknown as { rows: Raw[] }).rows;
const numbers = (r: Raw) => FIGURES.map((c) => Number(r[c]));
const nonZero = (m: Map<string, number[]>) => new Map([...m].filter(([, v]) => v.some((n) => n !== 0)));

/** The kept county lines, and the same summed here from the station roll-up rows of the live stations. */
async function linesAndSums(): Promise<{ lines: Map<string, number[]>; sums: Map<string, number[]> }> {
  const lines = await rowsOf(sql`SELECT * FROM funding_county_lines`);
  const sums = await rowsOf(sql.raw(`SELECT r.year, left(s.scope_path, length(s.scope_path) - length(s.town_code) - 1) AS county_path,
      ${FIGURES.map((c) => `sum(r.${c}) AS ${c}`).join(', ')}
    FROM station_funding_rollups r JOIN stations s ON s.id = r.station_id WHERE s.status <> 'revoked' GROUP BY 1, 2`));
  const byKey = (rows: Raw[]) => nonZero(new Map(rows.map((r) => [`${Number(r.year)} ${String(r.county_path)}`, numbers(r)])));
  return { lines: byKey(lines), sums: byKey(sums) };
}

/** Every county line equals the sum of its live stations' roll-up rows, and every unit's station count its live stations. */
async function expectLinesAreSums(): Promise<Map<string, number[]>> {
  const { lines, sums } = await linesAndSums();
  expect(Object.fromEntries(lines)).toEqual(Object.fromEntries(sums));
  const kept = await rowsOf(sql`SELECT county_path, stations FROM funding_county_stations WHERE stations <> 0 ORDER BY county_path`);
  const live = await rowsOf(sql`SELECT left(scope_path, length(scope_path) - length(town_code) - 1) AS county_path, count(*) AS stations
    FROM stations WHERE status <> 'revoked' GROUP BY 1 ORDER BY 1`);
  expect(kept.map((r) => [r.county_path, Number(r.stations)])).toEqual(live.map((r) => [r.county_path, Number(r.stations)]));
  // The budget lines: every budget row, revoked stations' too, per its own scope path's unit and source.
  const sources = ['province', 'city', 'county', 'social'];
  const budgetLines = await rowsOf(sql`SELECT * FROM funding_budget_lines ORDER BY year, county_path`);
  const budgetSums = await rowsOf(sql.raw(`SELECT year, left(scope_path, length(scope_path) - position('/' IN reverse(left(scope_path, -1)))) AS county_path,
      ${sources.map((k) => `coalesce(sum(amount_fen) FILTER (WHERE source = '${k}'), 0) AS b_${k}`).join(', ')}
    FROM station_budgets GROUP BY 1, 2 ORDER BY 1, 2`));
  const budgetKeyed = (rows: Raw[]) =>
    rows.map((r) => [Number(r.year), r.county_path, ...sources.map((k) => Number(r[`b_${k}`]))]).filter((r) => r.slice(2).some((n) => n !== 0));
  expect(budgetKeyed(budgetLines)).toEqual(budgetKeyed(budgetSums));
  return lines;
}

const budgetLineOf = async (year: number, path: string) =>
  Number((await rowsOf(sql`SELECT b_city FROM funding_budget_lines WHERE year = ${year} AND county_path = ${path}`))[0]?.b_city ?? 0);

const lineOf = (lines: Map<string, number[]>, year: number, path: string) => lines.get(`${year} ${path}`) ?? FIGURES.map(() => 0);
const col = (name: string) => FIGURES.indexOf(name);

interface Totals { budgetFen: number; spentFen: number; paidFen: number; budget: Record<string, number>; spending: Record<string, number> }
interface County extends Totals { countyCode: string; stations: number }
interface Overview { total: Totals; counties: County[]; countiesTotal: number; stationsTotal: number; chart: { top: County[]; rest: unknown } }
const overview = async (s: Session, query: string) => {
  const res = await s.get(`/api/funding?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Overview>();
};

const contractOf = async (number: string) => {
  const list = (await huancui.get('/api/contracts?pageSize=200')).json<{ items: { id: string; number: string }[] }>();
  const k = list.items.find((c) => c.number === number);
  if (!k) throw new Error(`no contract ${number}`);
  return k;
};

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  huancui = await t.login('demo-district');
  hc = await t.database.db
    .select({ id: stations.id, version: stations.version })
    .from(stations)
    .where(and(like(stations.scopePath, `${HC}%`), sql`${stations.status} <> 'revoked'`))
    .orderBy(asc(stations.townCode));
});
afterAll(() => t.close());

describe('county funding lines equal the sums of their live stations’ roll-up rows', () => {
  it('hold the demo data', async () => {
    const lines = await expectLinesAreSums();
    expect(lineOf(lines, YEAR, HC)[col('budget_fen')]).toBeGreaterThan(0);
    expect(lineOf(lines, YEAR, HC)[col('paid_fen')]).toBeGreaterThan(0);
  });

  it('the migrations’ backfills give the lines the triggers keep', async () => {
    const before = await linesAndSums();
    await t.database.db.execute(sql`DELETE FROM funding_county_lines`);
    await t.database.db.execute(sql`DELETE FROM funding_county_stations`);
    const migration = readFileSync(join(process.cwd(), 'drizzle/0055_funding_county_lines.sql'), 'utf8').split('--> statement-breakpoint');
    for (const statement of migration.slice(-2)) await t.database.db.execute(sql.raw(statement));
    const budgetsBefore = await rowsOf(sql`SELECT * FROM funding_budget_lines ORDER BY year, county_path`);
    await t.database.db.execute(sql`DELETE FROM funding_budget_lines`);
    const budgets = readFileSync(join(process.cwd(), 'drizzle/0059_funding_budget_lines.sql'), 'utf8').split('--> statement-breakpoint');
    await t.database.db.execute(sql.raw(budgets.at(-1) ?? ''));
    expect(await rowsOf(sql`SELECT * FROM funding_budget_lines ORDER BY year, county_path`)).toEqual(budgetsBefore);
    expect(Object.fromEntries((await expectLinesAreSums()))).toEqual(Object.fromEntries(before.lines));
  });

  it('after a budget change, by exactly its difference', async () => {
    const [a] = hc;
    if (!a) throw new Error('no station');
    const before = lineOf(await expectLinesAreSums(), YEAR, HC);
    const own = (await overview(huancui, `year=${YEAR}&pageSize=200`)) as Overview & { stations: (Totals & { stationId: string })[] };
    const was = own.stations.find((s) => s.stationId === a.id);
    const res = await huancui.put(`/api/funding/stations/${a.id}/${YEAR}`, { province: 5_000_001, city: 3_000_000, county: 7_000_000, social: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const after = lineOf(await expectLinesAreSums(), YEAR, HC);
    expect((after[col('budget_fen')] ?? 0) - (before[col('budget_fen')] ?? 0)).toBe(15_000_004 - (was?.budgetFen ?? 0));
    expect((after[col('b_social')] ?? 0) - (before[col('b_social')] ?? 0)).toBe(3 - (was?.budget.social ?? 0));
  });

  it('after a payment and a spending record', async () => {
    const k = await contractOf(`HCMZ-${YEAR}-SGZ-01`);
    const [, b] = hc;
    if (!b) throw new Error('no station');
    const before = lineOf(await expectLinesAreSums(), YEAR, HC);
    const pay = await huancui.post(`/api/contracts/${k.id}/payments`, { instalment: 1, paidOn: today, amountFen: hc.length * 1_000 + 7 });
    expect(pay.statusCode, pay.body).toBe(200);
    const spend = await huancui.post(`/api/contracts/${k.id}/spending`, { stationId: b.id, category: 'training', spentOn: today, amountFen: 54_321 });
    expect(spend.statusCode, spend.body).toBe(200);
    const after = lineOf(await expectLinesAreSums(), YEAR, HC);
    // The contract serves 环翠区's stations only: its whole payment lands on the unit's line.
    expect((after[col('paid_fen')] ?? 0) - (before[col('paid_fen')] ?? 0)).toBe(hc.length * 1_000 + 7);
    expect((after[col('s_training')] ?? 0) - (before[col('s_training')] ?? 0)).toBe(54_321);
    expect((after[col('spent_fen')] ?? 0) - (before[col('spent_fen')] ?? 0)).toBe(54_321);
  });

  it('after a station is revoked (its figures leave the line and the overview) and reinstated (they come back)', async () => {
    const [, , c] = hc;
    if (!c) throw new Error('no station');
    const [own] = await rowsOf(sql`SELECT budget_fen, spent_fen, paid_fen FROM station_funding_rollups WHERE station_id = ${c.id} AND year = ${YEAR}`);
    const ownBudget = Number(own?.budget_fen ?? 0);
    expect(ownBudget).toBeGreaterThan(0);
    const before = await overview(city, `year=${YEAR}&countiesPageSize=100`);
    const hcBefore = before.counties.find((k) => k.countyCode === '371002');
    const cityFundBefore = await budgetLineOf(YEAR, HC);
    const [row] = await t.database.db.select({ version: stations.version }).from(stations).where(eq(stations.id, c.id));
    const revoked = await city.post(`/api/stations/${c.id}/status`, { version: row?.version, status: 'revoked', reason: '撤销测试' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const lines = await expectLinesAreSums();
    expect(lineOf(lines, YEAR, HC)[col('budget_fen')]).toBe((hcBefore?.budgetFen ?? 0) - ownBudget);
    // R-FUND-CITY counts money arranged for a station revoked later: the budget lines keep it.
    expect(await budgetLineOf(YEAR, HC)).toBe(cityFundBefore);
    expect(cityFundBefore).toBeGreaterThan(0);
    const gone = await overview(city, `year=${YEAR}&countiesPageSize=100`);
    expect(gone.total.budgetFen).toBe(before.total.budgetFen - ownBudget);
    expect(gone.total.paidFen).toBe(before.total.paidFen - Number(own?.paid_fen ?? 0));
    expect(gone.counties.find((k) => k.countyCode === '371002')?.stations).toBe((hcBefore?.stations ?? 0) - 1);
    expect(gone.stationsTotal).toBe(before.stationsTotal - 1);

    const back = await city.post(`/api/stations/${c.id}/status`, { version: revoked.json<{ version: number }>().version, status: 'preparing', reason: '恢复筹建' });
    expect(back.statusCode, back.body).toBe(200);
    await expectLinesAreSums();
    const again = await overview(city, `year=${YEAR}&countiesPageSize=100`);
    expect(again.total).toEqual(before.total);
    expect(again.counties).toEqual(before.counties);
  });

  it('after a change of a contract’s stations, and a station moved to another unit and back', async () => {
    const [a, b, c] = hc;
    if (!a || !b || !c) throw new Error('no station');
    const [org] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
    if (!org) throw new Error('no org');
    const startsOn = `${YEAR}-01-01`;
    const body = {
      countyCode: '371002', title: '环翠区社工站服务项目（县级线）', number: 'HC-LINES-01', contractorOrgId: org.id,
      stationIds: [a.id, b.id], content: '困难群众帮扶', startsOn, endsOn: dayjs(startsOn).add(1, 'year').subtract(1, 'day').format('YYYY-MM-DD'),
      quantity: '每站每月入户走访不少于30户', quality: '满意度不低于90%', priceFen: 30_000_000,
      instalments: [{ label: '首期', dueOn: startsOn, amountFen: 30_000_000 }], rightsDuties: '甲方付款，乙方服务', liability: '按日扣减',
    };
    const draft = await huancui.post('/api/contracts', body);
    expect(draft.statusCode, draft.body).toBe(200);
    const { id, version } = draft.json<{ id: string; version: number }>();
    // A payment the services would not take on a draft, loaded as a bulk import would (its year's roll-up rebuilt with it).
    await t.database.db.insert(contractPayments).values({ contractId: id, instalment: 0, paidOn: startsOn, amountFen: 1_001 });
    await rebuildFundingYear(t.database.db, YEAR);
    await expectLinesAreSums();
    const paidOf = async (stationId: string) =>
      Number((await rowsOf(sql`SELECT paid_fen FROM station_funding_rollups WHERE station_id = ${stationId} AND year = ${YEAR}`))[0]?.paid_fen ?? 0);
    const aPaid = await paidOf(a.id);
    const { countyCode: _county, ...editable } = body;
    const changed = await huancui.patch(`/api/contracts/${id}`, { ...editable, stationIds: [b.id, c.id], version });
    expect(changed.statusCode, changed.body).toBe(200);
    // a's share (half of 1,001, the remainder to the first by path) left it for c.
    expect(aPaid - (await paidOf(a.id))).toBeGreaterThanOrEqual(500);
    await expectLinesAreSums();

    // A region reorganised: the station's scope path now lies under 荣成市; its figures go with it.
    const RC = '/371000/371082/';
    const before = await expectLinesAreSums();
    const [own] = await rowsOf(sql`SELECT budget_fen FROM station_funding_rollups WHERE station_id = ${a.id} AND year = ${YEAR}`);
    const ownBudget = Number(own?.budget_fen ?? 0);
    await t.database.db.execute(sql`UPDATE stations SET scope_path = ${RC} || town_code || '/' WHERE id = ${a.id}`);
    const moved = await expectLinesAreSums();
    expect(lineOf(moved, YEAR, HC)[col('budget_fen')]).toBe((lineOf(before, YEAR, HC)[col('budget_fen')] ?? 0) - ownBudget);
    expect(lineOf(moved, YEAR, RC)[col('budget_fen')]).toBe((lineOf(before, YEAR, RC)[col('budget_fen')] ?? 0) + ownBudget);
    await t.database.db.execute(sql`UPDATE stations SET scope_path = ${HC} || town_code || '/' WHERE id = ${a.id}`);
    expect(Object.fromEntries(await expectLinesAreSums())).toEqual(Object.fromEntries(before));
  });
});

describe('the overview read from the lines gives the per-station answer', () => {
  it('for the city, a district and the public summary', async () => {
    for (const s of [city, huancui]) {
      const fromLines = await overview(s, `year=${YEAR}&countiesPageSize=100&chartTop=3`);
      // Every station's name holds 社会工作服务站: the same stations, summed one per station.
      const perStation = await overview(s, `year=${YEAR}&countiesPageSize=100&chartTop=3&q=${encodeURIComponent('社会工作服务站')}`);
      expect(fromLines.total).toEqual(perStation.total);
      expect(fromLines.counties).toEqual(perStation.counties);
      expect(fromLines.chart).toEqual(perStation.chart);
      expect(fromLines.stationsTotal).toBe(perStation.stationsTotal);
    }
    const pub = (await t.anon('GET', `/api/public/funding?year=${YEAR}`)).json<{ total: { budgetFen: number }; counties: { stations: number }[] }>();
    const all = await overview(city, `year=${YEAR}&countiesPageSize=100&q=${encodeURIComponent('社会工作服务站')}`);
    expect(pub.total.budgetFen).toBe(all.total.budgetFen);
    expect(pub.counties.map((k) => k.stations)).toEqual(all.counties.map((k) => k.stations));
  });
});
