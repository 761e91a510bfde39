import ExcelJS from 'exceljs';
import { and, asc, eq, like, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { auditLog, contractPayments, contractSpending, contracts, contractStations, organizations, publicFundingSummaries, stationBudgets as stationBudgetsTable, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { seedFundingDemo } from './funding.demo';
import { rebuildFundingRollups } from './funding.repo';

let t: TestApp;
let city: Session;
let huancui: Session;
let rongcheng: Session;
/** Stations of 环翠区 and 荣成市 in town-code order. */
let hc: { id: string; scopePath: string }[];
let rc: { id: string; scopePath: string }[];

interface Finding { rule: { id: string; clause: string }; message: string; clearBy: string }
interface Row {
  stationId: string; name: string; countyCode: string; budget: Record<string, number>; budgetFen: number; paidFen: number;
  spentFen: number; spending: Record<string, number>; executionRate: number | null; findings: Finding[];
}
interface Overview {
  year: number;
  total: Omit<Row, 'stationId' | 'name' | 'countyCode'>;
  counties: (Omit<Row, 'stationId' | 'name' | 'findings'> & { countyShortName: string; stations: number })[];
  stations: Row[];
}

const stationsOf = (countyCode: string) =>
  t.database.db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(and(like(stations.scopePath, `/371000/${countyCode}/%`), sql`${stations.status} <> 'revoked'`))
    .orderBy(asc(stations.townCode));

const budget = (province: number, city: number, county: number, social: number) => ({ province, city, county, social });
/** Every station of the scope: the list is paged, and a city holds fewer than 200 stations. */
const overview = async (s: Session, year: number, county = '') =>
  (await s.get(`/api/funding?year=${year}&pageSize=200${county ? `&countyCode=${county}` : ''}`)).json<Overview>();
const rowOf = (o: Overview, id: string) => o.stations.find((r) => r.stationId === id);

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  huancui = await t.login('demo-district');
  rongcheng = await t.userWith('rongcheng.funding', ['district_officer'], { kind: 'county', regionCode: '371082' });
  hc = await stationsOf('371002');
  rc = await stationsOf('371082');
});
afterAll(() => t.close());

describe('station budgets', () => {
  it('are stored and read back exactly in fen, with an audit row of before and after', async () => {
    const [a] = hc;
    if (!a) throw new Error('no station');
    const first = await huancui.put(`/api/funding/stations/${a.id}/2030`, budget(5_000_001, 3_000_000, 6_999_998, 1));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      stationId: a.id, budget: { province: 5_000_001, city: 3_000_000, county: 6_999_998, social: 1 }, budgetFen: 15_000_000,
      paidFen: 0, spentFen: 0, executionRate: 0, findings: [],
    });
    const again = await huancui.put(`/api/funding/stations/${a.id}/2030`, budget(5_000_000, 3_000_000, 7_000_000, 0));
    expect(again.json().budget).toEqual({ province: 5_000_000, city: 3_000_000, county: 7_000_000, social: 0 });
    expect(rowOf(await overview(city, 2030), a.id)?.budget).toEqual({ province: 5_000_000, city: 3_000_000, county: 7_000_000, social: 0 });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'funding.budget'), eq(auditLog.objectId, a.id)))
      .orderBy(asc(auditLog.id));
    expect(audits).toHaveLength(2);
    expect(audits[0]?.before).toBeNull();
    expect(audits[1]?.before).toEqual({ year: 2030, province: 5_000_001, city: 3_000_000, county: 6_999_998, social: 1 });
    expect(audits[1]?.after).toEqual({ year: 2030, province: 5_000_000, city: 3_000_000, county: 7_000_000, social: 0 });
  });

  it('refuses amounts that are not whole fen, and writers without funding:write', async () => {
    const [a] = hc;
    if (!a) throw new Error('no station');
    const res = await huancui.put(`/api/funding/stations/${a.id}/2030`, budget(5_000_000.5, 0, 0, 0));
    expect(res.statusCode).toBe(400);
    expect((await city.put(`/api/funding/stations/${a.id}/2030`, budget(1, 1, 1, 1))).statusCode).toBe(403);
  });

  it('flags a station at 149,999.99 CNY (R-FUND-STATION) and clears it at 150,000.00', async () => {
    const [, b] = hc;
    if (!b) throw new Error('no station');
    const short = (await huancui.put(`/api/funding/stations/${b.id}/2031`, budget(5_000_000, 3_000_000, 6_999_999, 0))).json<Row>();
    expect(short.budgetFen).toBe(14_999_999);
    expect(short.findings).toHaveLength(1);
    expect(short.findings[0]).toMatchObject({
      rule: { id: 'R-FUND-STATION', clause: '五（二）' },
      message: '2031年度安排补助资金149,999.99元，低于150,000.00元，差0.01元',
      clearBy: '追加安排0.01元，使2031年度补助资金不低于150,000.00元',
    });
    const enough = (await huancui.put(`/api/funding/stations/${b.id}/2031`, budget(5_000_000, 3_000_000, 7_000_000, 0))).json<Row>();
    expect(enough.findings).toEqual([]);
    // A station without any budget for the year has none arranged: also a finding.
    const o = await overview(huancui, 2031);
    expect(o.stations).toHaveLength(hc.length);
    expect(o.stations.filter((r) => r.findings.some((f) => f.rule.id === 'R-FUND-STATION'))).toHaveLength(hc.length - 1);
    expect(rowOf(o, hc[2]?.id ?? '')?.findings[0]?.message).toBe('2031年度尚未安排补助资金，每个社工站每年原则上不低于150,000.00元');
  });
});

describe('the city special fund (R-FUND-CITY)', () => {
  const cityFinding = (o: Overview) => o.total.findings.find((f) => f.rule.id === 'R-FUND-CITY');

  it('sums the city source over all stations of the city: 1,859,999.99 is short, 1,860,000.00 is enough', async () => {
    const [a] = hc;
    const [b] = rc;
    if (!a || !b) throw new Error('no station');
    await huancui.put(`/api/funding/stations/${a.id}/2032`, budget(0, 100_000_000, 0, 0));
    await rongcheng.put(`/api/funding/stations/${b.id}/2032`, budget(0, 85_999_999, 0, 0));
    const short = await overview(city, 2032);
    expect(short.total.budget.city).toBe(185_999_999);
    expect(cityFinding(short)).toMatchObject({
      rule: { id: 'R-FUND-CITY', clause: '五（二）' },
      message: '2032年度全市各社工站安排的市级专项资金合计1,859,999.99元，低于1,860,000.00元，差0.01元',
    });
    // The finding is about the whole city, also when the city officer looks at one unit.
    expect(cityFinding(await overview(city, 2032, '371082'))).toBeDefined();
    // A county officer sees their own stations' share only, and no city-wide finding.
    const mine = await overview(huancui, 2032);
    expect(mine.total.budget.city).toBe(100_000_000);
    expect(mine.total.findings).toEqual([]);

    await rongcheng.put(`/api/funding/stations/${b.id}/2032`, budget(0, 86_000_000, 0, 0));
    const enough = await overview(city, 2032);
    expect(enough.total.budget.city).toBe(186_000_000);
    expect(cityFinding(enough)).toBeUndefined();
  });
});

describe('payments, spending and execution rate', () => {
  it('splits a contract’s payments equally among its stations and rates spending against the budget', async () => {
    const [a, b, c] = hc;
    if (!a || !b || !c) throw new Error('no station');
    const db = t.database.db;
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
    if (!org) throw new Error('no org');
    const [k] = await db
      .insert(contracts)
      .values({ countyCode: '371002', scopePath: '/371000/371002/', contractorOrgId: org.id, title: '2033年社工站服务', status: 'performing' })
      .returning();
    if (!k) throw new Error('no contract');
    await db.insert(contractStations).values([a, b, c].map((s) => ({ contractId: k.id, stationId: s.id, stationPath: s.scopePath })));
    await db.insert(contractPayments).values([
      { contractId: k.id, instalment: 1, paidOn: '2033-01-01', amountFen: 10_000_000 },
      { contractId: k.id, instalment: 2, paidOn: '2033-12-31', amountFen: 2 },
      { contractId: k.id, instalment: 3, paidOn: '2034-01-01', amountFen: 999 }, // next year
    ]);
    await db.insert(contractSpending).values([
      { contractId: k.id, stationId: a.id, category: 'staff', spentOn: '2033-03-01', amountFen: 6_000_000 },
      { contractId: k.id, stationId: a.id, category: 'activities', spentOn: '2033-12-31', amountFen: 1_500_001 },
      { contractId: k.id, stationId: a.id, category: 'training', spentOn: '2032-12-31', amountFen: 700 }, // last year
      { contractId: k.id, stationId: b.id, category: 'office', spentOn: '2033-06-01', amountFen: 250_000 },
    ]);
    // Fixtures written around the services: their roll-ups rebuilt as a bulk load's would be.
    await rebuildFundingRollups(db);
    await huancui.put(`/api/funding/stations/${a.id}/2033`, budget(5_000_000, 3_000_000, 7_000_000, 0));
    await huancui.put(`/api/funding/stations/${b.id}/2033`, budget(5_000_000, 3_000_000, 8_000_000, 0));

    const o = await overview(huancui, 2033);
    const ra = rowOf(o, a.id);
    // 10,000,002 fen of the year over the contract's three stations: 3,333,334 each.
    expect([ra?.paidFen, rowOf(o, b.id)?.paidFen, rowOf(o, c.id)?.paidFen]).toEqual([3_333_334, 3_333_334, 3_333_334]);
    expect(ra).toMatchObject({ spentFen: 7_500_001, budgetFen: 15_000_000, executionRate: 50 });
    expect(ra?.spending).toEqual({ staff: 6_000_000, activities: 1_500_001, training: 0, office: 0, publicity: 0, other: 0 });
    expect(rowOf(o, b.id)?.executionRate).toBe(1.6);
    expect(rowOf(o, c.id)?.executionRate).toBeNull();
    const unit = o.counties.find((k2) => k2.countyCode === '371002');
    expect(unit).toMatchObject({ paidFen: 10_000_002, spentFen: 7_750_001, budgetFen: 31_000_000, executionRate: 25 });
    expect(o.total).toMatchObject({ paidFen: 10_000_002, spentFen: 7_750_001 });

    // A payment that does not divide evenly: the remainder goes to the first station, sums stay exact.
    await db.insert(contractPayments).values({ contractId: k.id, instalment: 4, paidOn: '2033-07-01', amountFen: 1 });
    await rebuildFundingRollups(db);
    const o2 = await overview(huancui, 2033);
    expect([rowOf(o2, a.id)?.paidFen, rowOf(o2, b.id)?.paidFen, rowOf(o2, c.id)?.paidFen]).toEqual([3_333_335, 3_333_334, 3_333_334]);
    expect(o2.total.paidFen).toBe(10_000_003);
  });
});

describe('scope', () => {
  it('hides other county units’ stations and answers 404 to a write outside the scope', async () => {
    const [a] = hc;
    if (!a) throw new Error('no station');
    const res = await rongcheng.put(`/api/funding/stations/${a.id}/2030`, budget(1, 1, 1, 1));
    expect(res.statusCode).toBe(404);
    const seen = await overview(rongcheng, 2030);
    expect(seen.stations.map((r) => r.countyCode)).toEqual(rc.map(() => '371082'));
    expect(seen.counties.map((k) => k.countyCode)).toEqual(['371082']);
    expect((await overview(rongcheng, 2030, '371002')).stations).toEqual([]);
    // The budget of 环翠区 is unchanged by the refused write.
    expect(rowOf(await overview(city, 2030), a.id)?.budgetFen).toBe(15_000_000);
    // A town officer sees their one station.
    expect((await overview(await t.login('demo-town'), 2030)).stations).toHaveLength(1);
    expect((await t.anon('GET', '/api/funding?year=2030')).statusCode).toBe(401);
  });
});

describe('public summary', () => {
  it('is open without a login and holds county and city sums only', async () => {
    const res = await t.anon('GET', '/api/public/funding?year=2033');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const all = await overview(city, 2033);
    expect(body.total).toEqual({
      budgetFen: all.total.budgetFen, paidFen: all.total.paidFen, spentFen: all.total.spentFen, executionRate: all.total.executionRate,
      bySource: all.total.budget, byCategory: all.total.spending,
    });
    expect(body.counties).toHaveLength(all.counties.length);
    expect(body.counties.find((k: { countyShortName: string }) => k.countyShortName === '环翠区')).toEqual({
      countyCode: '371002', countyShortName: '环翠区', stations: hc.length, budgetFen: 31_000_000, paidFen: 10_000_003, spentFen: 7_750_001, executionRate: 25,
    });
    const text = res.body;
    expect(text).not.toContain('社会工作服务站');
    expect(text).not.toContain(hc[0]?.id ?? '-');
    expect(text).not.toContain(DEMO_ORG_NAME);
    expect(text).not.toMatch(/stationId|findings|name"/);
  });
});

describe('public summary in the database', () => {
  const huancuiOf = async () =>
    (await t.anon('GET', '/api/public/funding?year=2034')).json().counties.find((k: { countyShortName: string }) => k.countyShortName === '环翠区');

  it('is served from one row shared by every process, dropped by a budget write and recomputed after its window', async () => {
    const [a] = hc;
    if (!a) throw new Error('no station');
    await huancui.put(`/api/funding/stations/${a.id}/2034`, budget(5_000_000, 5_000_000, 5_000_000, 0));
    expect((await huancuiOf()).budgetFen).toBe(15_000_000);
    const [row] = await t.database.db.select().from(publicFundingSummaries).where(eq(publicFundingSummaries.year, 2034));
    expect(row?.body).toMatchObject({ year: 2034 });
    // A budget change through the API shows at once.
    await huancui.put(`/api/funding/stations/${a.id}/2034`, budget(6_000_000, 5_000_000, 5_000_000, 0));
    expect((await huancuiOf()).budgetFen).toBe(16_000_000);
    // A change that bypasses the services shows once the row is older than the window, not before.
    await t.database.db.execute(sql`UPDATE station_budgets SET amount_fen = amount_fen + 1 WHERE station_id = ${a.id} AND year = 2034 AND source = 'social'`);
    // (a bulk change keeps the roll-up with it, and does not drop the public rows)
    await t.database.db.execute(sql`UPDATE station_funding_rollups SET b_social = b_social + 1, budget_fen = budget_fen + 1 WHERE station_id = ${a.id} AND year = 2034`);
    expect((await huancuiOf()).budgetFen).toBe(16_000_000);
    await t.database.db.update(publicFundingSummaries).set({ computedAt: sql`now() - interval '1 hour'` }).where(eq(publicFundingSummaries.year, 2034));
    expect((await huancuiOf()).budgetFen).toBe(16_000_001);
  });
});

describe('export', () => {
  it('is a real workbook with amounts in yuan to two decimals', async () => {
    const [, b] = hc;
    if (!b) throw new Error('no station');
    await huancui.put(`/api/funding/stations/${b.id}/2031`, budget(5_000_000, 3_000_000, 6_999_999, 0));
    const res = await huancui.get('/api/funding/export?year=2031');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('资金安排与执行');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).getCell(7).value).toBe('资金合计');
    const row = sheet.getRow(3); // header, then the stations in town-code order
    expect(row.getCell(2).value).toMatch(/^环翠区.+社会工作服务站$/);
    expect(row.getCell(5).value).toBe(69_999.99);
    expect(row.getCell(7).value).toBe(149_999.99);
    expect(row.getCell(7).numFmt).toBe('#,##0.00');
    expect(String(row.getCell(17).value)).toContain('R-FUND-STATION');
  });
});

describe('demo set', () => {
  it('funds most stations above 150,000 CNY, leaves two short, and meets the city fund', async () => {
    await seedFundingDemo(t.database.db, 2040);
    await seedFundingDemo(t.database.db, 2040); // a second load changes nothing
    const o = await overview(city, 2040);
    const short = o.stations.filter((r) => r.findings.length > 0);
    expect(short).toHaveLength(2);
    expect(short.some((r) => r.countyCode === '371002')).toBe(true);
    expect(o.total.findings).toEqual([]);
    expect(o.stations.every((r) => r.budgetFen >= 13_800_000 && r.budgetFen <= 17_000_000)).toBe(true);
  });
});

describe('the overview in SQL: pages, totals, filters', () => {
  const YEAR = 2035;
  type Page = Overview & { stationsTotal: number; page: number; pageSize: number };
  const get = async (s: Session, query: string) => {
    const res = await s.get(`/api/funding?year=${YEAR}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  /** Every page of a query, in order. */
  const allPages = async (s: Session, query: string, pageSize: number) => {
    const first = await get(s, `${query}&pageSize=${pageSize}&page=1`);
    const pages = [first];
    for (let p = 2; p <= Math.ceil(first.stationsTotal / pageSize) + 1; p++) pages.push(await get(s, `${query}&pageSize=${pageSize}&page=${p}`));
    return { first, rows: pages.flatMap((p) => p.stations) };
  };
  /** Live stations (not revoked) with their county code, from the table itself. */
  const live = () =>
    t.database.db
      .select({ id: stations.id, scopePath: stations.scopePath, townCode: stations.townCode })
      .from(stations)
      .where(sql`${stations.status} <> 'revoked'`)
      .orderBy(asc(stations.townCode));
  const countyOf = (scopePath: string) => scopePath.split('/')[2] ?? '';
  const raw = async <R>(q: SQL) => ((await t.database.db.execute(q)) as unknown as { rows: R[] }).rows;

  /** Budget of the year per station, straight from station_budgets. */
  const rawBudgets = async () => {
    const rows = await raw<{ station_id: string; source: string; fen: string }>(
      sql`SELECT station_id, source, amount_fen::text AS fen FROM station_budgets WHERE year = ${YEAR}`,
    );
    const by = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const m = by.get(r.station_id) ?? {};
      m[r.source] = (m[r.source] ?? 0) + Number(r.fen);
      by.set(r.station_id, m);
    }
    return by;
  };

  beforeAll(async () => {
    const db = t.database.db;
    const all = await live();
    // Short (149,999.99), none at all, or enough (150,000.00 + i fen): a mix across every county.
    const values = all.flatMap((s, i) => {
      if (i % 5 === 0) return [];
      const county = i % 3 === 0 ? 6_999_999 : 7_000_000 + i;
      return [
        { stationId: s.id, scopePath: s.scopePath, year: YEAR, source: 'province' as const, amountFen: 5_000_000 },
        { stationId: s.id, scopePath: s.scopePath, year: YEAR, source: 'city' as const, amountFen: 3_000_000 },
        { stationId: s.id, scopePath: s.scopePath, year: YEAR, source: 'county' as const, amountFen: county },
      ];
    });
    await db.insert(stationBudgetsTable).values(values);
    // A contract across two county units: its payments split over its three stations.
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
    const [h0] = hc;
    const [r0, r1] = rc;
    if (!org || !h0 || !r0 || !r1) throw new Error('no data');
    const [k] = await db
      .insert(contracts)
      .values({ countyCode: '371002', scopePath: '/371000/371002/', contractorOrgId: org.id, title: '2035年跨区社工站服务', status: 'performing' })
      .returning();
    if (!k) throw new Error('no contract');
    await db.insert(contractStations).values([h0, r0, r1].map((s) => ({ contractId: k.id, stationId: s.id, stationPath: s.scopePath })));
    await db.insert(contractPayments).values([
      { contractId: k.id, instalment: 1, paidOn: `${YEAR}-03-01`, amountFen: 1_000_001 },
      { contractId: k.id, instalment: 2, paidOn: `${YEAR + 1}-01-01`, amountFen: 5 },
    ]);
    await db.insert(contractSpending).values([
      { contractId: k.id, stationId: h0.id, category: 'staff', spentOn: `${YEAR}-05-01`, amountFen: 400_000 },
      { contractId: k.id, stationId: r1.id, category: 'office', spentOn: `${YEAR}-06-01`, amountFen: 33_333 },
      { contractId: k.id, stationId: r1.id, category: 'office', spentOn: `${YEAR - 1}-06-01`, amountFen: 7 },
    ]);
    await rebuildFundingRollups(db);
  });

  it('pages through every station exactly once, in any order, with no cap', async () => {
    const all = await live();
    for (const sort of ['code', '-budget', 'rate']) {
      const { first, rows } = await allPages(city, `sort=${sort}`, 7);
      expect(first.stationsTotal).toBe(all.length);
      expect(first.stations).toHaveLength(7);
      const ids = rows.map((r) => r.stationId);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(all.map((s) => s.id).sort());
    }
    const byCode = (await allPages(city, 'sort=code', 10)).rows.map((r) => r.stationId);
    expect(byCode).toEqual(all.map((s) => s.id));
    const byBudget = (await allPages(city, 'sort=-budget', 10)).rows.map((r) => r.budgetFen);
    expect(byBudget).toEqual([...byBudget].sort((a, b) => b - a));
  });

  it('sums per county unit and in all what the raw rows hold', async () => {
    const all = await live();
    const budgets = await rawBudgets();
    const o = await get(city, 'pageSize=1');
    const expected = new Map<string, { budgetFen: number; city: number; stations: number; spentFen: number; paidFen: number }>();
    for (const s of all) {
      const e = expected.get(countyOf(s.scopePath)) ?? { budgetFen: 0, city: 0, stations: 0, spentFen: 0, paidFen: 0 };
      const b = budgets.get(s.id) ?? {};
      e.budgetFen += Object.values(b).reduce((n, v) => n + v, 0);
      e.city += b.city ?? 0;
      e.stations += 1;
      expected.set(countyOf(s.scopePath), e);
    }
    // Spending of the year and the contract's 1,000,001 fen over three stations (the first by path gets the remainder).
    const spent = await raw<{ station_id: string; fen: string }>(sql`SELECT cs.station_id, sum(cs.amount_fen)::text AS fen FROM contract_spending cs
      JOIN stations s ON s.id = cs.station_id WHERE s.status <> 'revoked' AND cs.spent_on BETWEEN ${`${YEAR}-01-01`}::date AND ${`${YEAR}-12-31`}::date GROUP BY cs.station_id`);
    for (const r of spent) {
      const s = all.find((x) => x.id === r.station_id);
      const e = s && expected.get(countyOf(s.scopePath));
      if (e) e.spentFen += Number(r.fen);
    }
    const shareHolders = [hc[0], rc[0], rc[1]].sort((a, b) => (a?.scopePath ?? '').localeCompare(b?.scopePath ?? ''));
    shareHolders.forEach((s, i) => {
      const e = expected.get(countyOf(s?.scopePath ?? ''));
      if (e) e.paidFen += 333_333 + (i === 0 ? 2 : 0);
    });
    expect(o.counties.map((k) => k.countyCode)).toEqual([...expected.keys()].sort());
    for (const k of o.counties) {
      const e = expected.get(k.countyCode);
      expect(k).toMatchObject({ budgetFen: e?.budgetFen, stations: e?.stations, spentFen: e?.spentFen, paidFen: e?.paidFen });
      expect(k.budget.city).toBe(e?.city);
    }
    const sum = (key: 'budgetFen' | 'spentFen' | 'paidFen') => [...expected.values()].reduce((n, e) => n + e[key], 0);
    expect(o.total).toMatchObject({ budgetFen: sum('budgetFen'), spentFen: sum('spentFen'), paidFen: 1_000_001 });
    expect(sum('paidFen')).toBe(1_000_001);
    expect(o.total.budget.city).toBe([...expected.values()].reduce((n, e) => n + e.city, 0));
    // The page rows add up to the same: the totals are not the page's.
    const rows = (await allPages(city, 'sort=code', 50)).rows;
    expect(rows.reduce((n, r) => n + r.budgetFen, 0)).toBe(o.total.budgetFen);
    expect(rows.reduce((n, r) => n + r.paidFen, 0)).toBe(1_000_001);
  });

  it('有问题 keeps exactly the stations under 150,000 CNY (none arranged included); the search finds by town name', async () => {
    const all = await live();
    const budgets = await rawBudgets();
    const short = all.filter((s) => Object.values(budgets.get(s.id) ?? {}).reduce((n, v) => n + v, 0) < 15_000_000).map((s) => s.id);
    expect(short.length).toBeGreaterThan(0);
    expect(short.length).toBeLessThan(all.length);
    const { first, rows } = await allPages(city, 'only=findings', 6);
    expect(first.stationsTotal).toBe(short.length);
    expect(rows.map((r) => r.stationId)).toEqual(short);
    expect(rows.every((r) => r.findings.some((f) => f.rule.id === 'R-FUND-STATION'))).toBe(true);
    // The totals stay those of the whole scope.
    expect(first.total.budgetFen).toBe((await get(city, 'pageSize=1')).total.budgetFen);

    const [town] = await raw<{ name: string }>(sql`SELECT r.name FROM regions r WHERE r.code = ${rc[1]?.scopePath.split('/')[3] ?? ''}`);
    if (!town) throw new Error('no town');
    const found = await get(city, `q=${encodeURIComponent(town.name)}`);
    expect(found.stations.map((r) => r.stationId)).toContain(rc[1]?.id);
    expect(found.stations.every((r) => r.name.includes(town.name))).toBe(true);
    expect(found.stationsTotal).toBe(found.stations.length);
    expect((await get(city, 'q=%25')).stationsTotal).toBe(0); // a wildcard is a literal
  });

  it('a district pages through its own county only, and its totals are its county’s', async () => {
    const { first, rows } = await allPages(huancui, 'sort=code', 4);
    expect(first.stationsTotal).toBe(hc.length);
    expect(rows.map((r) => r.stationId)).toEqual(hc.map((s) => s.id));
    expect(first.counties.map((k) => k.countyCode)).toEqual(['371002']);
    const cityView = (await get(city, 'pageSize=1')).counties.find((k) => k.countyCode === '371002');
    expect(first.total).toMatchObject({ budgetFen: cityView?.budgetFen, paidFen: cityView?.paidFen, spentFen: cityView?.spentFen });
    // Another county's filter or search shows nothing of it.
    expect((await get(huancui, 'countyCode=371082')).stationsTotal).toBe(0);
    expect((await get(rongcheng, `q=${encodeURIComponent('环翠区')}`)).stations).toEqual([]);
  });

  it('exports every station the filters keep, in batches, with the same figures as the list', async () => {
    for (const query of ['', 'only=findings']) {
      const { rows } = await allPages(city, `${query}&sort=code`, 9);
      const res = await city.get(`/api/funding/export?year=${YEAR}&${query}`);
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('资金安排与执行');
      if (!sheet) throw new Error('no sheet');
      const lines: unknown[][] = [];
      for (let i = 2; i <= rows.length + 1; i++) lines.push([2, 7, 8, 9].map((c) => sheet.getRow(i).getCell(c).value));
      expect(lines).toEqual(rows.map((r) => [r.name, r.budgetFen / 100, r.paidFen / 100, r.spentFen / 100]));
      expect(sheet.getRow(rows.length + 2).getCell(2).value).toBeNull();
      expect(String(sheet.getRow(rows.length + 3).getCell(1).value)).toContain(`共 ${rows.length} 条`);
    }
  });
});
