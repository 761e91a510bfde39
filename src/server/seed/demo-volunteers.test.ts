import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../shared/rules/china-date';
import { idNumberProblem } from '../../shared/rules/id-number';
import { createTestApp, type TestApp } from '../testing/test-app';
import { rowsOf } from './demo-year-sql';
import { seedVolunteersDemo } from './demo-volunteers';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ demoYear: true });
  await seedVolunteersDemo(t.database.db, t.cipher);
}, 300_000);
afterAll(() => t.close());

describe('the volunteers demo', () => {
  it('registers 鲸园’s volunteers with valid, encrypted ID numbers and a minor with her guardian’s consent', async () => {
    const worker = await t.login('demo-worker');
    const list = (await worker.get('/api/volunteers?pageSize=50')).json();
    expect(list.total).toBe(12);
    const minor = list.items.filter((v: { minor: boolean }) => v.minor);
    expect(minor).toHaveLength(1);
    const detail = (await worker.get(`/api/volunteers/${minor[0].id}`)).json();
    expect(detail).toMatchObject({ guardianName: '宋丽', guardianRelation: '母亲' });
    for (const v of list.items.slice(0, 3)) {
      const id = (await worker.post(`/api/volunteers/${v.id}/reveal`, { field: 'idNumber' })).json().value;
      expect(idNumberProblem(id, chinaToday())).toBeNull();
    }
    const teams = (await worker.get('/api/volunteer-teams')).json();
    expect(teams.items.map((x: { stage: string }) => x.stage).sort()).toEqual(['cultivating', 'incubating', 'registered']);
  });

  it('turns the older sessions’ volunteer lists into records, without overlaps, and leaves recent ones to record', async () => {
    const [n] = await rowsOf<{ records: number; fromSessions: number; overlaps: number }>(t.database.db, sql`
      SELECT count(*)::int AS records, count(*) FILTER (WHERE source = 'group_session')::int AS "fromSessions",
        (SELECT count(*)::int FROM volunteer_service_records a JOIN volunteer_service_records b
          ON a.volunteer_id = b.volunteer_id AND a.date = b.date AND a.id < b.id AND a.start_time < b.end_time AND b.start_time < a.end_time) AS overlaps
      FROM volunteer_service_records`);
    expect(n?.fromSessions).toBeGreaterThan(10);
    expect(n?.overlaps).toBe(0);
    const worker = await t.login('demo-worker');
    const sources = (await worker.get('/api/volunteer-sources')).json() as { listed: { volunteerId: string | null; recorded: boolean }[] }[];
    expect(sources.some((s) => s.listed.some((l) => l.volunteerId && !l.recorded))).toBe(true);
    expect(sources.some((s) => s.listed.some((l) => l.recorded))).toBe(true);
  });

  it('issued serial 1 of the year, so the next certificate is serial 2', async () => {
    const worker = await t.login('demo-worker');
    const certs = (await worker.get('/api/volunteer-certificates')).json();
    if (certs.total === 0) return; // the first days of January: nothing served this year yet
    expect(certs.items[0].serial).toBe(1);
    const next = await worker.post(`/api/volunteers/${certs.items[0].volunteerId}/certificates`, { periodFrom: '2000-01-01', periodTo: chinaToday() });
    expect(next.json().serial).toBe(2);
  });

  it('is loaded once', async () => {
    await seedVolunteersDemo(t.database.db, t.cipher);
    const [n] = await rowsOf<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM volunteers`);
    expect(n?.n).toBe(12);
  });
});
