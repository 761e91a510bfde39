import { and, asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { executionRate } from '../../../shared/rules/purchase';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { publicFundingSummaries, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

/** The public summary's county units a page at a time (issue 11): the pages add up to the whole, the total never changes. */

let t: TestApp;
let city: Session;
let huancui: Session;

const YEAR = Number(chinaToday().slice(0, 4));

interface Amounts { budgetFen: number; paidFen: number; spentFen: number; executionRate: number | null }
interface PublicCounty extends Amounts { countyCode: string; countyShortName: string; stations: number }
interface PublicPage {
  year: number;
  total: Amounts & { bySource: Record<string, number>; byCategory: Record<string, number> };
  counties: PublicCounty[];
  countiesTotal: number;
  page: number;
  pageSize: number;
}
interface StationRow { countyCode: string; countyShortName: string; budgetFen: number; paidFen: number; spentFen: number; budget: Record<string, number>; spending: Record<string, number> }

const publicPage = async (query: string) => {
  const res = await t.anon('GET', `/api/public/funding?year=${YEAR}&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.json<PublicPage>(), text: res.body };
};

/** Every live station of the city with its own figures (the overview's station list, one row per station). */
async function perStation(): Promise<StationRow[]> {
  const res = await city.get(`/api/funding?year=${YEAR}&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  const o = res.json<{ stations: StationRow[]; stationsTotal: number }>();
  expect(o.stations).toHaveLength(o.stationsTotal);
  return o.stations;
}

/** The per-county list the public page owes, summed here from the per-station rows, in county-code order. */
function countiesFrom(rows: StationRow[]): PublicCounty[] {
  const by = new Map<string, PublicCounty>();
  for (const r of [...rows].sort((a, b) => a.countyCode.localeCompare(b.countyCode))) {
    const k = by.get(r.countyCode) ?? { countyCode: r.countyCode, countyShortName: r.countyShortName, stations: 0, budgetFen: 0, paidFen: 0, spentFen: 0, executionRate: null };
    k.stations += 1;
    k.budgetFen += r.budgetFen;
    k.paidFen += r.paidFen;
    k.spentFen += r.spentFen;
    by.set(r.countyCode, k);
  }
  return [...by.values()].map((k) => ({ ...k, executionRate: executionRate(k.spentFen, k.budgetFen) }));
}

const storedPages = async () =>
  t.database.db
    .select({ page: publicFundingSummaries.page, pageSize: publicFundingSummaries.pageSize, body: publicFundingSummaries.body })
    .from(publicFundingSummaries)
    .where(eq(publicFundingSummaries.year, YEAR))
    .orderBy(asc(publicFundingSummaries.pageSize), asc(publicFundingSummaries.page));

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  huancui = await t.login('demo-district');
});
afterAll(() => t.close());

describe('public funding summary, a page of county units at a time', () => {
  it('pages that together are the per-county list of the stations, with the same total on every page', async () => {
    const stationRows = await perStation();
    const expected = countiesFrom(stationRows);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.some((k) => k.paidFen > 0 && k.spentFen > 0)).toBe(true);
    const sum = (f: (r: StationRow) => number) => stationRows.reduce((n, r) => n + f(r), 0);

    const pageSize = 3;
    const pages: PublicPage[] = [];
    for (let p = 1; p <= Math.ceil(expected.length / pageSize) + 1; p++) pages.push((await publicPage(`page=${p}&pageSize=${pageSize}`)).body);
    expect(pages.flatMap((p) => p.counties)).toEqual(expected);
    expect(pages.map((p) => p.counties.length)).toEqual(pages.map((_, i) => Math.max(0, Math.min(pageSize, expected.length - i * pageSize))));
    expect(pages.at(-1)?.counties).toEqual([]);
    for (const [i, p] of pages.entries()) {
      expect(p).toMatchObject({ year: YEAR, page: i + 1, pageSize, countiesTotal: expected.length });
      expect(p.total).toEqual(pages[0]?.total);
    }
    // The total is the whole year's, as before paging: every station's figures summed.
    expect(pages[0]?.total).toMatchObject({
      budgetFen: sum((r) => r.budgetFen), paidFen: sum((r) => r.paidFen), spentFen: sum((r) => r.spentFen),
      executionRate: executionRate(sum((r) => r.spentFen), sum((r) => r.budgetFen)),
    });
    expect(pages[0]?.total.bySource.city).toBe(sum((r) => r.budget.city ?? 0));
    expect(pages[0]?.total.byCategory.staff).toBe(sum((r) => r.spending.staff ?? 0));

    // Without paging parameters: the first 20 in code order (every unit at Weihai), the same total.
    const first = (await publicPage('')).body;
    expect(first).toMatchObject({ page: 1, pageSize: 20, countiesTotal: expected.length, counties: expected.slice(0, 20), total: pages[0]?.total });
    expect((await publicPage('pageSize=100')).body.counties).toEqual(expected);
  });

  it('keeps one cache row per page asked, holding only that page; a write drops them all', async () => {
    await t.database.db.delete(publicFundingSummaries);
    const a = (await publicPage('page=1&pageSize=2')).body;
    const b = (await publicPage('page=2&pageSize=2')).body;
    await publicPage('page=99&pageSize=2'); // past the last unit: answered, not kept
    const rows = await storedPages();
    expect(rows.map((r) => [r.page, r.pageSize])).toEqual([[1, 2], [2, 2]]);
    expect(rows.map((r) => (r.body as PublicPage).counties)).toEqual([a.counties, b.counties]);
    expect(rows.every((r) => (r.body as PublicPage).counties.length === 2)).toBe(true);

    // A budget write through the API shows on the next page read at once, on every page's total.
    const [station] = await t.database.db
      .select({ id: stations.id })
      .from(stations)
      .where(and(like(stations.scopePath, '/371000/371002/%'), sql`${stations.status} <> 'revoked'`))
      .orderBy(asc(stations.townCode))
      .limit(1);
    if (!station) throw new Error('no station');
    const before = (await huancui.get(`/api/funding?year=${YEAR}&pageSize=200`)).json<{ stations: { stationId: string; budget: Record<string, number> }[] }>();
    const own = before.stations.find((s) => s.stationId === station.id)?.budget;
    if (!own) throw new Error('no budget row');
    const put = await huancui.put(`/api/funding/stations/${station.id}/${YEAR}`, { ...own, social: (own.social ?? 0) + 7 });
    expect(put.statusCode, put.body).toBe(200);
    expect(await storedPages()).toEqual([]);
    const after = (await publicPage('page=2&pageSize=2')).body;
    expect(after.total.budgetFen).toBe(a.total.budgetFen + 7);
    expect((await publicPage('page=1&pageSize=2')).body.total).toEqual(after.total);

    // A row past its window is recomputed, and the year's other expired rows go with it.
    await t.database.db.update(publicFundingSummaries).set({ computedAt: sql`now() - interval '1 hour'` }).where(eq(publicFundingSummaries.year, YEAR));
    await publicPage('page=3&pageSize=2');
    // Page 1 is read (and kept) first: its total tells a page past the end without a recompute.
    expect((await storedPages()).map((r) => [r.page, r.pageSize])).toEqual([[1, 2], [3, 2]]);
  });

  it('answers a page past the last unit from page 1’s cached total: no recompute, nothing kept', async () => {
    await t.database.db.delete(publicFundingSummaries);
    const first = (await publicPage('page=1&pageSize=5')).body;
    // Figures moved behind the cache's back: a recompute would show them, the cached total does not.
    await t.database.db.execute(sql`UPDATE funding_county_lines SET b_social = b_social + 1000 WHERE year = ${YEAR}`);
    const past = (await publicPage('page=999&pageSize=5')).body;
    expect(past).toMatchObject({ page: 999, pageSize: 5, counties: [], countiesTotal: first.countiesTotal });
    expect(past.total).toEqual(first.total);
    expect((await storedPages()).map((r) => [r.page, r.pageSize])).toEqual([[1, 5]]);
    await t.database.db.execute(sql`UPDATE funding_county_lines SET b_social = b_social - 1000 WHERE year = ${YEAR}`);
  });

  it('refuses a bad page or page size with a Chinese message', async () => {
    for (const q of ['page=0', 'page=-1', 'page=abc', 'page=1.5', 'pageSize=0', 'pageSize=101', 'pageSize=2.5', 'page=10001']) {
      const res = await t.anon('GET', `/api/public/funding?year=${YEAR}&${q}`);
      expect(res.statusCode, q).toBe(400);
      const body = res.json<{ error: { details?: { fields?: { path: string; message: string }[] } } }>();
      const field = body.error.details?.fields?.find((f) => f.path === q.split('=')[0]);
      expect(field?.message, `${q}: ${res.body}`).toMatch(/^(页码|每页条数)/);
    }
  });

  it('shows an anonymous visitor sums only, on every page', async () => {
    const { text, body } = await publicPage('page=2&pageSize=3');
    expect(body.counties.length).toBeGreaterThan(0);
    expect(text).not.toContain('社会工作服务站');
    expect(text).not.toContain(DEMO_ORG_NAME);
    expect(text).not.toMatch(/stationId|findings|name"/);
    expect(Object.keys(body).sort()).toEqual(['counties', 'countiesTotal', 'page', 'pageSize', 'total', 'year']);
    // The county's division code (public reference data) tells apart units of one short name (two 市中区 in a province).
    expect(Object.keys(body.counties[0] ?? {}).sort()).toEqual(['budgetFen', 'countyCode', 'countyShortName', 'executionRate', 'paidFen', 'spentFen', 'stations']);
    expect(body.counties.every((k) => /^\d{6}$/.test(k.countyCode))).toBe(true);
    // Still open without a login, and nothing else is taken as a filter.
    expect((await t.anon('GET', `/api/public/funding?year=${YEAR}&countyCode=371002`)).statusCode).toBe(400);
  });
});
