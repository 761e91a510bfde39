import ExcelJS from 'exceljs';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { auditLog, contractPayments, contractSpending, contracts, contractStations, organizations, publicFundingSummaries, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { seedFundingDemo } from './funding.demo';

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
const overview = async (s: Session, year: number, county = '') =>
  (await s.get(`/api/funding?year=${year}${county ? `&countyCode=${county}` : ''}`)).json<Overview>();
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
      countyShortName: '环翠区', stations: hc.length, budgetFen: 31_000_000, paidFen: 10_000_003, spentFen: 7_750_001, executionRate: 25,
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
