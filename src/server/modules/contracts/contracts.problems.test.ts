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

type Item = { id: string; findings: unknown[] };

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

  it('a list row counts the contract’s stations and names its short ones in one finding, as the contract’s page has them', async () => {
    const page = (await city.get('/api/contracts?withFindings=true&pageSize=200&page=1')).json();
    type Row = { id: string; stationCount: number; findings: Finding[] };
    type Finding = { rule: { id: string }; severity: string; message: string };
    const covered: Row[] = page.items.filter((c: Row) => c.stationCount > 0 && c.findings.some((f) => f.rule.id === 'R-ONPOST-1M'));
    expect(covered.length).toBeGreaterThanOrEqual(3);
    expect(page.items.every((c: object) => !('stations' in c))).toBe(true);
    const pathOf = new Map(hc.map((s) => [s.id, s.scopePath]));
    for (const c of covered) {
      const detail = (await city.get(`/api/contracts/${c.id}`)).json() as { stations: { id: string; name: string; onPostState: string }[]; findings: Finding[] };
      expect(detail.stations).toHaveLength(c.stationCount);
      // The page: each station by its standard name, in path order.
      const names = await stationNames(t.database.db, detail.stations.map((s) => s.id));
      expect(detail.stations.map((s) => s.name)).toEqual(detail.stations.map((s) => names.get(s.id)));
      expect(detail.stations.every((s) => s.name.endsWith('社会工作服务站') && s.name.length > '社会工作服务站'.length)).toBe(true);
      const paths = detail.stations.map((s) => pathOf.get(s.id) ?? '');
      expect(paths).toEqual([...paths].sort());
      // The row: the page's short stations, the first three named in the same order, in one finding.
      const short = detail.stations.filter((s) => s.onPostState === 'due' || s.onPostState === 'overdue');
      const onPage = detail.findings.filter((f) => f.rule.id === 'R-ONPOST-1M');
      const inRow = c.findings.filter((f) => f.rule.id === 'R-ONPOST-1M');
      expect(onPage).toHaveLength(short.length);
      expect(inRow).toHaveLength(1);
      if (short.length === 1) expect(inRow).toEqual(onPage);
      else expect(inRow[0]?.message).toContain(`${short.length}个社工站（${short.slice(0, 3).map((s) => s.name).join('、')}${short.length > 3 ? '等' : ''}）`);
    }
  });
});
