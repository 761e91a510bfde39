import { asc, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { contracts, contractStations, organizations, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { JS_WHITESPACE_CLASS } from '../compliance/staffing-findings';

let t: TestApp;
let city: Session;
const today = chinaToday();

type Finding = { rule: { id: string }; severity: string; message: string };
type Station = { id: string; name: string; qualifiedOnPost: number; onPostState: string };
/** A list row (its stations counted) and a contract's page (its stations listed). */
type Row = { id: string; contractor: { id: string }; stationCount: number; findings: Finding[] };
type Item = Omit<Row, 'stationCount'> & { stations: Station[] };
/** A contract in force past its on-post deadline whose contractor has no worker at its four stations. */
let short: string;

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  // A newly registered organisation: none of its workers is on post anywhere yet.
  const [org] = await t.database.db.insert(organizations)
    .values({ name: '荣成市新启社会工作服务中心', creditCode: '52371082MJ0000001X', scopePath: '/371000/371082/' })
    .returning({ id: organizations.id });
  if (!org) throw new Error('insert returned nothing');
  const four = await t.database.db.select({ id: stations.id, scopePath: stations.scopePath }).from(stations)
    .where(like(stations.scopePath, '/371000/371082/%')).orderBy(asc(stations.townCode)).limit(4);
  expect(four).toHaveLength(4);
  const [k] = await t.database.db.insert(contracts).values({
    countyCode: '371082', scopePath: '/371000/371082/', contractorOrgId: org.id, title: '荣成市社工站补充服务合同', number: 'RC-ADD-01',
    status: 'performing', startsOn: '2026-01-01', endsOn: '2026-12-31', signedOn: '2026-01-01',
  }).returning({ id: contracts.id });
  if (!k) throw new Error('insert returned nothing');
  short = k.id;
  await t.database.db.insert(contractStations).values(four.map((s) => ({ contractId: k.id, stationId: s.id, stationPath: s.scopePath })));
});
afterAll(() => t.close());

const rowsOf = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)) as unknown as { rows: T[] };
/** Each contract's stations as its own page shows them (GET /api/contracts/:id recomputes nothing). */
async function detailStates(ids: string[]) {
  const out: Record<string, Station[]> = {};
  for (const id of ids) out[id] = (await city.get(`/api/contracts/${id}`)).json().stations;
  return out;
}

describe('R-ONPOST-1M from the stations’ kept staffing rows', () => {
  it('the counts kept per posting organisation equal those counted live, station by station, and the findings with them', async () => {
    // The city's list recomputes its stale rows first, then reads the kept counts; so do the pages after it.
    const list = (await city.get('/api/contracts?pageSize=200')).json();
    const items = (list.items as Row[]).filter((c) => c.stationCount > 0);
    expect(items.length).toBeGreaterThan(1);
    const { rows: [unfresh] } = await rowsOf<{ n: number }>(sql`SELECT count(*)::int AS n FROM dashboard_station_staffing
      WHERE live AND scope_path LIKE '/371000/%' AND (stale OR as_of < ${today}::date OR own_qualified IS NULL)`);
    expect(unfresh?.n).toBe(0);
    const kept = await detailStates(items.map((c) => c.id));
    for (const c of items) expect(kept[c.id]).toHaveLength(c.stationCount);
    // The demo has stations with and without enough of the contractor's qualified workers.
    const counts = Object.values(kept).flatMap((list) => list.map((s) => s.qualifiedOnPost));
    expect(counts.some((n) => n >= 2)).toBe(true);
    expect(counts.some((n) => n < 2)).toBe(true);

    // Every row marked stale: nothing kept is trusted, every count is made live, the list's findings with them.
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET stale = true`);
    expect(await detailStates(items.map((c) => c.id))).toEqual(kept);
    const flagged = (await city.get('/api/contracts?withFindings=true&pageSize=200')).json();
    expect((flagged.items as Row[]).map((c) => c.id).sort()).toEqual((list.items as Row[]).filter((c) => c.findings.length > 0).map((c) => c.id).sort());
    for (const c of flagged.items as Row[]) expect(c.findings).toEqual((list.items as Row[]).find((x) => x.id === c.id)?.findings);
  });

  it('a fresh row is what the test reads; a stale row or one of an earlier day is never trusted, and the next refresh restores it', async () => {
    const list = (await city.get('/api/contracts?pageSize=200')).json();
    const pages = await detailStates((list.items as Row[]).filter((c) => c.stationCount > 0).map((c) => c.id));
    const contract = (list.items as Row[]).map((c) => ({ ...c, stations: pages[c.id] ?? [] })).find((c) => c.stations.some((s) => s.qualifiedOnPost > 0));
    if (!contract) throw new Error('no contract station with qualified workers');
    const station = contract.stations.find((s) => s.qualifiedOnPost > 0);
    if (!station) throw new Error('unreachable');
    const n = station.qualifiedOnPost;
    const { rows: [row] } = await rowsOf<{ own: Record<string, number> }>(sql`SELECT own_qualified AS own FROM dashboard_station_staffing WHERE station_id = ${station.id}`);
    expect(row?.own[contract.contractor.id]).toBe(n);
    const shown = async () => (await city.get(`/api/contracts/${contract.id}`)).json().stations.find((s: { id: string }) => s.id === station.id).qualifiedOnPost;

    // A fresh row says none of the contractor's: the contract page reads that (so the kept row is used).
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET own_qualified = '{}'::jsonb WHERE station_id = ${station.id}`);
    expect(await shown()).toBe(0);
    // Of an earlier day, or marked stale: counted live again.
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET as_of = as_of - 1 WHERE station_id = ${station.id}`);
    expect(await shown()).toBe(n);
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET as_of = ${today}::date, stale = true WHERE station_id = ${station.id}`);
    expect(await shown()).toBe(n);
    // The city's next list recomputes the stale row with its counts.
    await city.get('/api/contracts?withFindings=true');
    const { rows: [after] } = await rowsOf<{ own: Record<string, number>; stale: boolean }>(sql`SELECT own_qualified AS own, stale FROM dashboard_station_staffing WHERE station_id = ${station.id}`);
    expect(after).toMatchObject({ stale: false, own: { [contract.contractor.id]: n } });
  });

  it('a list groups the stations short of workers into one finding that names the first three; the contract’s page names each', async () => {
    const listed = ((await city.get('/api/contracts?pageSize=200')).json().items as Row[]).find((c) => c.id === short);
    const detail = (await city.get(`/api/contracts/${short}`)).json() as Item;
    if (!listed) throw new Error('the short contract is not listed');
    expect(listed.stationCount).toBe(4);
    expect(detail.stations.map((s) => s.onPostState)).toEqual(['overdue', 'overdue', 'overdue', 'overdue']);
    const each = detail.findings.filter((f) => f.rule.id === 'R-ONPOST-1M');
    expect(each).toHaveLength(4);
    detail.stations.forEach((s, i) => expect(each[i]?.message).toContain(s.name));
    const grouped = listed.findings.filter((f) => f.rule.id === 'R-ONPOST-1M');
    expect(grouped).toHaveLength(1);
    expect(grouped[0]).toMatchObject({ severity: 'finding' });
    const names = detail.stations.map((s) => s.name);
    expect(grouped[0]?.message).toBe(`4个社工站（${names.slice(0, 3).join('、')}等）：合同于2026-01-01签订，应于2026-02-01前安排培训合格的社工到岗，目前承接机构在岗具备专业素质的社工均不足2名`);
    // Every other contract: as many findings as its page shows, or fewer only where stations are grouped.
    const all = (await city.get('/api/contracts?pageSize=200')).json().items as Row[];
    for (const c of all) {
      const page = (await city.get(`/api/contracts/${c.id}`)).json() as Item;
      expect(c.findings.length > 0).toBe(page.findings.length > 0);
      expect(c.findings.filter((f) => f.rule.id !== 'R-ONPOST-1M')).toEqual(page.findings.filter((f) => f.rule.id !== 'R-ONPOST-1M'));
    }
  });

  it('the live test strips from a major every space the kept (JavaScript) test strips, full-width ones too', async () => {
    const spaces = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((ch) => /\s/.test(ch)).join('');
    expect(spaces).toContain('\u3000');
    const major = `社会${spaces}工作`;
    const { rows: [r] } = await rowsOf<{ s: string }>(sql`SELECT regexp_replace(${major}, ${JS_WHITESPACE_CLASS}, '', 'g') AS s`);
    expect(r?.s).toBe(major.replace(/\s/g, ''));
    expect(r?.s).toBe('社会工作');
  });

  it('a posting ended through the API marks the station’s row stale at once: the contract’s page counts the workers left', async () => {
    const org = await t.login('demo-org');
    const list = (await city.get('/api/contracts?pageSize=200')).json().items as Row[];
    const { rows: [demo] } = await rowsOf<{ id: string }>(sql`SELECT org_id AS id FROM users WHERE username = 'demo-org'`);
    const own = list.filter((c) => c.contractor.id === demo?.id && c.stationCount > 0);
    const pages = await detailStates(own.map((c) => c.id));
    const contract = own.map((c) => ({ ...c, stations: pages[c.id] ?? [] })).find((c) => c.stations.some((s) => s.qualifiedOnPost > 0));
    const station = contract?.stations.find((s) => s.qualifiedOnPost > 0);
    if (!contract || !station) throw new Error('no station of the demo organisation with qualified workers');
    const { rows: posted } = await rowsOf<{ id: string }>(sql`SELECT id FROM postings
      WHERE station_id = ${station.id} AND org_id = ${contract.contractor.id} AND end_date IS NULL`);
    expect(posted.length).toBeGreaterThanOrEqual(station.qualifiedOnPost);
    for (const p of posted) expect((await org.post(`/api/postings/${p.id}/end`, { endDate: today, reason: '调往其他社工站' })).statusCode).toBe(200);
    const { rows: [row] } = await rowsOf<{ stale: boolean }>(sql`SELECT stale FROM dashboard_station_staffing WHERE station_id = ${station.id}`);
    expect(row?.stale).toBe(true);
    const after = (await city.get(`/api/contracts/${contract.id}`)).json() as Item;
    expect(after.stations.find((s) => s.id === station.id)).toMatchObject({ qualifiedOnPost: 0 });
  });

  it('a posting recorded at another station marks every station of the worker (its first posting date moves); a certificate moved marks the worker it left', async () => {
    const stale = async (station: string) =>
      (await rowsOf<{ stale: boolean }>(sql`SELECT stale FROM dashboard_station_staffing WHERE station_id = ${station}`)).rows[0]?.stale;
    await city.get('/api/contracts?pageSize=200'); // recomputes the city's stale rows
    const { rows: [on] } = await rowsOf<{ worker: string; station: string }>(sql`SELECT p.worker_id AS worker, p.station_id AS station FROM postings p
      WHERE p.end_date IS NULL AND p.scope_path LIKE '/371000/%' ORDER BY p.id LIMIT 1`);
    const { rows: [other] } = await rowsOf<{ id: string; path: string }>(sql`SELECT id, scope_path AS path FROM stations
      WHERE status <> 'revoked' AND id <> ${on?.station ?? null} AND scope_path LIKE '/371000/%' ORDER BY id LIMIT 1`);
    if (!on || !other) throw new Error('no posting to work with');
    expect(await stale(on.station)).toBe(false);
    // An earlier posting elsewhere, recorded afterwards (a correction): the worker's first posting date is now 2019.
    await t.database.db.execute(sql`INSERT INTO postings (worker_id, station_id, scope_path, source, start_date, end_date, end_reason)
      VALUES (${on.worker}, ${other.id}, ${other.path}, 'purchased', '2019-03-01', '2019-12-31', '历史任职补录')`);
    expect(await stale(on.station)).toBe(true);

    await city.get('/api/contracts?pageSize=200');
    const { rows: [cert] } = await rowsOf<{ id: string; worker: string; station: string }>(sql`SELECT c.id, c.worker_id AS worker, p.station_id AS station
      FROM worker_certificates c JOIN postings p ON p.worker_id = c.worker_id AND p.end_date IS NULL
      WHERE p.scope_path LIKE '/371000/%' AND p.station_id <> ${on.station} ORDER BY c.id LIMIT 1`);
    if (!cert) throw new Error('no certificate of a worker on post');
    expect(await stale(cert.station)).toBe(false);
    // Entered under the wrong worker and moved to the right one: the worker it left loses it too.
    await t.database.db.execute(sql`UPDATE worker_certificates SET worker_id = ${on.worker} WHERE id = ${cert.id}`);
    expect(await stale(cert.station)).toBe(true);
  });
});
