import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let city: Session;
const today = chinaToday();

type Item = { id: string; contractor: { id: string }; stations: { id: string; qualifiedOnPost: number; onPostState: string }[]; findings: unknown[] };

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
});
afterAll(() => t.close());

const rowsOf = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)) as unknown as { rows: T[] };
/** Each contract's stations as its own page shows them (GET /api/contracts/:id recomputes nothing). */
async function detailStates(ids: string[]) {
  const out: Record<string, Item['stations']> = {};
  for (const id of ids) out[id] = (await city.get(`/api/contracts/${id}`)).json().stations;
  return out;
}

describe('R-ONPOST-1M from the stations’ kept staffing rows', () => {
  it('the counts kept per posting organisation equal those counted live, station by station, and the findings with them', async () => {
    // The city's list recomputes its stale rows first, then reads the kept counts.
    const list = (await city.get('/api/contracts?pageSize=200')).json();
    const items = (list.items as Item[]).filter((c) => c.stations.length > 0);
    expect(items.length).toBeGreaterThan(1);
    const { rows: [unfresh] } = await rowsOf<{ n: number }>(sql`SELECT count(*)::int AS n FROM dashboard_station_staffing
      WHERE live AND scope_path LIKE '/371000/%' AND (stale OR as_of < ${today}::date OR own_qualified IS NULL)`);
    expect(unfresh?.n).toBe(0);
    const kept = Object.fromEntries(items.map((c) => [c.id, c.stations]));
    // The demo has stations with and without enough of the contractor's qualified workers.
    const counts = items.flatMap((c) => c.stations.map((s) => s.qualifiedOnPost));
    expect(counts.some((n) => n >= 2)).toBe(true);
    expect(counts.some((n) => n < 2)).toBe(true);

    // Every row marked stale: nothing kept is trusted, every count is made live.
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET stale = true`);
    expect(await detailStates(items.map((c) => c.id))).toEqual(kept);
    const flagged = (await city.get('/api/contracts?withFindings=true&pageSize=200')).json();
    expect((flagged.items as Item[]).map((c) => c.id).sort()).toEqual((list.items as Item[]).filter((c) => c.findings.length > 0).map((c) => c.id).sort());
  });

  it('a fresh row is what the test reads; a stale row or one of an earlier day is never trusted, and the next refresh restores it', async () => {
    const list = (await city.get('/api/contracts?pageSize=200')).json();
    const contract = (list.items as Item[]).find((c) => c.stations.some((s) => s.qualifiedOnPost > 0));
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
});
