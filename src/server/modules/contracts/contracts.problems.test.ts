import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { contracts, contractStations, organizations, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { stationNames } from '../stations/stations.repo';
import { PROBLEM_COUNT_CAP } from './contracts.repo';

let t: TestApp;
let city: Session;
let hc: { id: string; scopePath: string }[];
const extra = PROBLEM_COUNT_CAP + 11;

type Item = { id: string; findings: unknown[]; stations: { id: string; name: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  const [org] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  if (!org) throw new Error('no demo org');
  hc = await t.database.db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(like(stations.scopePath, '/371000/371002/%'))
    .orderBy(asc(stations.townCode));
  // More contracts marked to end (R-CONTRACT-FAIL) than the 有问题 count reads: a province's worth.
  const rows = await t.database.db
    .insert(contracts)
    .values(
      Array.from({ length: extra }, (_, i) => ({
        countyCode: '371002', scopePath: '/371000/371002/', contractorOrgId: org.id, title: `评估不合格合同${i + 1}`,
        number: `FAIL-${i + 1}`, status: 'performing' as const, startsOn: '2026-01-01', endsOn: '2099-12-31', signedOn: '2026-01-01',
        endingYear: 2027, endingReason: '年度评估不合格',
      })),
    )
    .returning({ id: contracts.id });
  // A few cover stations (in reverse town order), so the page shows their names in path order.
  const covered = rows.slice(0, 3).flatMap((r, i) => hc.slice(i * 2, i * 2 + 3).reverse().map((s) => ({ contractId: r.id, stationId: s.id, stationPath: s.scopePath })));
  await t.database.db.insert(contractStations).values(covered);
});
afterAll(() => t.close());

describe('the 有问题 count at province size', () => {
  it(`stops at ${PROBLEM_COUNT_CAP} (then says so) unless the page asked for reaches further; the pages hold every contract with findings once`, async () => {
    const all = (await city.get('/api/contracts?pageSize=200')).json();
    const expected = all.items.filter((c: Item) => c.findings.length > 0).map((c: Item) => c.id).sort();
    expect(expected.length).toBeGreaterThan(PROBLEM_COUNT_CAP + 10);

    const first = (await city.get('/api/contracts?withFindings=true&page=1&pageSize=20')).json();
    expect(first).toMatchObject({ total: PROBLEM_COUNT_CAP, totalCapped: true });
    expect(first.items).toHaveLength(20);

    const seen: string[] = [];
    const pages = Math.ceil(expected.length / 20);
    for (let page = 1; page <= pages; page++) {
      const res = (await city.get(`/api/contracts?withFindings=true&page=${page}&pageSize=20`)).json();
      const reach = Math.max(PROBLEM_COUNT_CAP, page * 20);
      // Capped, the count reaches at least to this page's end (下一页 stays truthful); exact at the end.
      expect(res).toMatchObject(expected.length > reach ? { total: reach, totalCapped: true } : { total: expected.length, totalCapped: false });
      seen.push(...res.items.map((c: Item) => c.id));
    }
    expect(seen.sort()).toEqual(expected);
    // Without the filter the count stays exact.
    expect((await city.get('/api/contracts?pageSize=1')).json()).toMatchObject({ total: all.total, totalCapped: false });
  });

  it('shows each contract’s stations by their standard names in path order, as the stations’ own names', async () => {
    const page = (await city.get('/api/contracts?withFindings=true&pageSize=200&page=1')).json();
    const withStations: Item[] = page.items.filter((c: Item) => c.stations.length > 0 && c.findings.length > 0);
    expect(withStations.length).toBeGreaterThanOrEqual(3);
    const pathOf = new Map(hc.map((s) => [s.id, s.scopePath]));
    const names = await stationNames(t.database.db, withStations.flatMap((c) => c.stations.map((s) => s.id)));
    for (const c of withStations) {
      expect(c.stations.map((s) => s.name)).toEqual(c.stations.map((s) => names.get(s.id)));
      expect(c.stations.every((s) => s.name.endsWith('社会工作服务站') && s.name.length > '社会工作服务站'.length)).toBe(true);
      const paths = c.stations.map((s) => pathOf.get(s.id) ?? '');
      expect(paths).toEqual([...paths].sort());
      // The contract's own page shows the same stations.
      expect((await city.get(`/api/contracts/${c.id}`)).json().stations).toEqual(c.stations);
    }
  });
});
