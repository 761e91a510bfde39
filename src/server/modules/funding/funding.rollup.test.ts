import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dayjs from 'dayjs';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { contractPayments, contracts, organizations, stationFundingRollups, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { rebuildFundingRollups } from './funding.repo';

let t: TestApp;
let city: Session;
let huancui: Session;
let hc: { id: string; scopePath: string }[];

const today = chinaToday();
const YEAR = Number(today.slice(0, 4));

interface Figures { budget: Record<string, number>; spending: Record<string, number>; budgetFen: number; spentFen: number; paidFen: number }
interface StationRow extends Figures { stationId: string; countyCode: string }
interface County extends Figures { countyCode: string; countyShortName: string; stations: number }
interface Overview {
  total: Figures;
  counties: County[];
  countiesTotal: number;
  countiesPage: number;
  countiesPageSize: number;
  chart: { top: County[]; rest: (Figures & { counties: number; stations: number }) | null };
  stations: StationRow[];
  stationsTotal: number;
}

const overview = async (s: Session, query: string) => {
  const res = await s.get(`/api/funding?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Overview>();
};

const figures = (f: Figures) => ({ budget: f.budget, spending: f.spending, budgetFen: f.budgetFen, spentFen: f.spentFen, paidFen: f.paidFen });

/** The roll-up rows of the year as the answer's figures (no row: all zero). */
async function rolledUp(year: number): Promise<Map<string, ReturnType<typeof figures>>> {
  const rows = await t.database.db.select().from(stationFundingRollups).where(eq(stationFundingRollups.year, year));
  return new Map(
    rows.map((r) => [
      r.stationId,
      {
        budget: { province: r.bProvince, city: r.bCity, county: r.bCounty, social: r.bSocial },
        spending: { staff: r.sStaff, activities: r.sActivities, training: r.sTraining, office: r.sOffice, publicity: r.sPublicity, other: r.sOther },
        budgetFen: r.budgetFen, spentFen: r.spentFen, paidFen: r.paidFen,
      },
    ]),
  );
}
const ZERO = {
  budget: { province: 0, city: 0, county: 0, social: 0 },
  spending: { staff: 0, activities: 0, training: 0, office: 0, publicity: 0, other: 0 },
  budgetFen: 0, spentFen: 0, paidFen: 0,
};

/** Every live station's roll-up row equals what the station list computes live (perStation). */
async function expectRollupIsLive(year: number): Promise<Map<string, StationRow>> {
  const live = await overview(city, `year=${year}&pageSize=200`);
  const rolled = await rolledUp(year);
  for (const s of live.stations) expect({ id: s.stationId, ...(rolled.get(s.stationId) ?? ZERO) }).toEqual({ id: s.stationId, ...figures(s) });
  return new Map(live.stations.map((s) => [s.stationId, s]));
}

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  huancui = await t.login('demo-district');
  hc = await t.database.db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(and(like(stations.scopePath, '/371000/371002/%'), sql`${stations.status} <> 'revoked'`))
    .orderBy(asc(stations.townCode));
});
afterAll(() => t.close());

describe('the funding roll-up follows every write, in its transaction', () => {
  it('holds the demo year as computed live, before any write', async () => {
    const live = await expectRollupIsLive(YEAR);
    expect([...live.values()].some((s) => s.paidFen > 0 && s.spentFen > 0 && s.budgetFen > 0)).toBe(true);
  });

  it('a budget write', async () => {
    const [a] = hc;
    if (!a) throw new Error('no station');
    const res = await huancui.put(`/api/funding/stations/${a.id}/${YEAR}`, { province: 5_000_001, city: 3_000_000, county: 7_000_000, social: 3 });
    expect(res.statusCode).toBe(200);
    expect((await rolledUp(YEAR)).get(a.id)?.budgetFen).toBe(15_000_004);
    await expectRollupIsLive(YEAR);
  });

  it('a payment, shared among all of the contract’s stations with the remainder to the first', async () => {
    const list = (await huancui.get('/api/contracts?pageSize=200')).json<{ items: { id: string; number: string; status: string }[] }>();
    const k = list.items.find((c) => c.number === `HCMZ-${YEAR}-SGZ-01`);
    if (!k) throw new Error('no demo contract');
    const before = await rolledUp(YEAR);
    const pay = await huancui.post(`/api/contracts/${k.id}/payments`, { instalment: 1, paidOn: today, amountFen: hc.length * 1_000 + 5 });
    expect(pay.statusCode, pay.body).toBe(200);
    const after = await rolledUp(YEAR);
    const gained = hc.map((s) => (after.get(s.id)?.paidFen ?? 0) - (before.get(s.id)?.paidFen ?? 0));
    expect(gained.reduce((n, v) => n + v, 0)).toBe(hc.length * 1_000 + 5);
    expect([...gained].sort((x, y) => y - x)).toEqual([1_005, ...hc.slice(1).map(() => 1_000)]);
    await expectRollupIsLive(YEAR);
  });

  it('a spending record', async () => {
    const list = (await huancui.get('/api/contracts?pageSize=200')).json<{ items: { id: string; number: string }[] }>();
    const k = list.items.find((c) => c.number === `HCMZ-${YEAR}-SGZ-01`);
    const [, b] = hc;
    if (!k || !b) throw new Error('no demo contract');
    const before = (await rolledUp(YEAR)).get(b.id);
    const res = await huancui.post(`/api/contracts/${k.id}/spending`, { stationId: b.id, category: 'training', spentOn: today, amountFen: 123_457 });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await rolledUp(YEAR)).get(b.id);
    expect((after?.spending.training ?? 0) - (before?.spending.training ?? 0)).toBe(123_457);
    expect((after?.spentFen ?? 0) - (before?.spentFen ?? 0)).toBe(123_457);
    await expectRollupIsLive(YEAR);
  });

  it('a change of a contract’s stations moves its payments’ shares from the old stations to the new', async () => {
    const [a, b, c] = hc;
    if (!a || !b || !c) throw new Error('no station');
    const [org] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
    if (!org) throw new Error('no org');
    const startsOn = `${YEAR + 3}-01-01`;
    const body = {
      countyCode: '371002', title: '环翠区社工站服务项目（调整站点）', number: 'HC-ROLLUP-01', contractorOrgId: org.id,
      stationIds: [a.id, b.id], content: '困难群众帮扶', startsOn, endsOn: dayjs(startsOn).add(1, 'year').subtract(1, 'day').format('YYYY-MM-DD'),
      quantity: '每站每月入户走访不少于30户', quality: '满意度不低于90%', priceFen: 30_000_000,
      instalments: [{ label: '首期', dueOn: startsOn, amountFen: 30_000_000 }], rightsDuties: '甲方付款，乙方服务', liability: '按日扣减',
    };
    const draft = await huancui.post('/api/contracts', body);
    expect(draft.statusCode, draft.body).toBe(200);
    const id = draft.json<{ id: string; version: number }>().id;
    // A payment the services would not take on a draft, loaded as a bulk import would (and its roll-up with it).
    await t.database.db.insert(contractPayments).values({ contractId: id, instalment: 0, paidOn: startsOn, amountFen: 1_001 });
    await rebuildFundingRollups(t.database.db);
    const year = YEAR + 3;
    expect((await rolledUp(year)).get(a.id)?.paidFen).toBe(501);
    const [k] = await t.database.db.select({ version: contracts.version }).from(contracts).where(eq(contracts.id, id));
    const { countyCode: _county, ...editable } = body;
    const res = await huancui.patch(`/api/contracts/${id}`, { ...editable, stationIds: [b.id, c.id], version: k?.version });
    expect(res.statusCode, res.body).toBe(200);
    const rolled = await rolledUp(year);
    expect(rolled.get(a.id)?.paidFen ?? 0).toBe(0);
    expect((rolled.get(b.id)?.paidFen ?? 0) + (rolled.get(c.id)?.paidFen ?? 0)).toBe(1_001);
    await expectRollupIsLive(year);
  });

  it('writes at the same time on one station (budget, spending, payment) leave it equal to the live figures', async () => {
    const list = (await huancui.get('/api/contracts?pageSize=200')).json<{ items: { id: string; number: string }[] }>();
    const k = list.items.find((c) => c.number === `HCMZ-${YEAR}-SGZ-01`);
    const [, , c] = hc;
    if (!k || !c) throw new Error('no demo contract');
    const results = await Promise.all([
      huancui.put(`/api/funding/stations/${c.id}/${YEAR}`, { province: 6_000_000, city: 3_000_000, county: 6_000_000, social: 11 }),
      huancui.post(`/api/contracts/${k.id}/spending`, { stationId: c.id, category: 'office', spentOn: today, amountFen: 2_222 }),
      huancui.post(`/api/contracts/${k.id}/spending`, { stationId: c.id, category: 'publicity', spentOn: today, amountFen: 3_333 }),
      huancui.post(`/api/contracts/${k.id}/payments`, { instalment: 1, paidOn: today, amountFen: hc.length }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const live = await expectRollupIsLive(YEAR);
    expect(live.get(c.id)?.budgetFen).toBe(15_000_011);
  });

  it('the migration’s backfill gives the same rows as the set-based rebuild', async () => {
    const db = t.database.db;
    const snapshot = async () =>
      (await db.execute(sql`SELECT * FROM station_funding_rollups ORDER BY year, station_id`) as unknown as { rows: Record<string, unknown>[] }).rows
        .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)))
        // The rebuild writes a zero row for a live station without figures; the backfill writes none.
        .filter((r) => !/"budget_fen":"?0"?,"spent_fen":"?0"?,"paid_fen":"?0"?/.test(r));
    await rebuildFundingRollups(db);
    const rebuilt = await snapshot();
    await db.delete(stationFundingRollups);
    const migration = readFileSync(join(process.cwd(), 'drizzle/0043_funding_rollups_backfill.sql'), 'utf8');
    await db.execute(sql.raw(migration));
    expect(await snapshot()).toEqual(rebuilt);
    expect(rebuilt.length).toBeGreaterThan(hc.length);
    await expectRollupIsLive(YEAR);
  });
});

describe('county units a page at a time', () => {
  it('pages through every county unit exactly once in each order, and the pages add up to the total', async () => {
    const all = await overview(city, `year=${YEAR}&countiesPageSize=100`);
    expect(all.countiesTotal).toBe(all.counties.length);
    expect(all.countiesTotal).toBeGreaterThan(3);
    for (const sort of ['code', '-budget', 'budget', 'rate', '-rate']) {
      const seen: County[] = [];
      for (let p = 1; p <= Math.ceil(all.countiesTotal / 3) + 1; p++) {
        const o = await overview(city, `year=${YEAR}&countiesPageSize=3&countiesPage=${p}&countiesSort=${sort}`);
        expect(o.countiesTotal).toBe(all.countiesTotal);
        expect(o.countiesPage).toBe(p);
        expect(o.counties.length).toBeLessThanOrEqual(3);
        seen.push(...o.counties);
      }
      const codes = seen.map((k) => k.countyCode);
      expect(new Set(codes).size).toBe(codes.length);
      expect([...codes].sort()).toEqual(all.counties.map((k) => k.countyCode).sort());
      if (sort === '-budget') expect(seen.map((k) => k.budgetFen)).toEqual([...seen.map((k) => k.budgetFen)].sort((x, y) => y - x));
      if (sort === 'code') expect(codes).toEqual([...codes].sort());
      for (const key of ['budgetFen', 'spentFen', 'paidFen'] as const) expect(seen.reduce((n, k) => n + k[key], 0)).toBe(all.total[key]);
      expect(seen.reduce((n, k) => n + k.stations, 0)).toBe(all.stationsTotal);
    }
  });

  it('the chart shows the largest units by budget and sums the others', async () => {
    const o = await overview(city, `year=${YEAR}&chartTop=3&countiesPageSize=1`);
    const byBudget = [...(await overview(city, `year=${YEAR}&countiesPageSize=100&countiesSort=-budget`)).counties];
    expect(o.chart.top.map((k) => k.countyCode)).toEqual(byBudget.slice(0, 3).map((k) => k.countyCode));
    const rest = byBudget.slice(3);
    expect(o.chart.rest).toMatchObject({
      counties: rest.length,
      stations: rest.reduce((n, k) => n + k.stations, 0),
      budgetFen: rest.reduce((n, k) => n + k.budgetFen, 0),
      spentFen: rest.reduce((n, k) => n + k.spentFen, 0),
      paidFen: rest.reduce((n, k) => n + k.paidFen, 0),
    });
    expect(o.chart.rest?.budget.city).toBe(rest.reduce((n, k) => n + (k.budget.city ?? 0), 0));
    expect((await overview(city, `year=${YEAR}&chartTop=20`)).chart.rest).toBeNull();
    // A district sees its one unit, and nothing left over.
    const own = await overview(huancui, `year=${YEAR}`);
    expect(own.chart.top.map((k) => k.countyCode)).toEqual(['371002']);
    expect(own.chart.rest).toBeNull();
  });
});
