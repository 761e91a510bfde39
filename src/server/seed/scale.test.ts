import { randomBytes } from 'node:crypto';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberProblem } from '../../shared/rules/id-number';
import type { Database } from '../db/client';
import { cases, clients, groupSessions, referrals, reports, serviceRecords, socialWorkers, stations } from '../db/schema';
import { createFieldCipher } from '../platform/field-cipher';
import { createTestDatabase } from '../testing/test-database';
import { generateScale } from './scale';
import { TIERS } from './tiers';

const cipher = createFieldCipher(randomBytes(32));
const size = TIERS.tiny;
let a: Database;
let b: Database;

beforeAll(async () => {
  a = await createTestDatabase();
  b = await createTestDatabase();
  await generateScale(a.db, cipher, { size, seed: 7, password: 'Sgz@demo2026', year: 2026 });
  await generateScale(b.db, cipher, { size, seed: 7, password: 'Sgz@demo2026', year: 2026 });
}, 240_000);
afterAll(async () => {
  await a.close();
  await b.close();
});

// Stations come from the demo set (random uuids): compare them by town.
const plainClients = async (d: Database) =>
  (await d.db.select({ c: clients, town: stations.townCode }).from(clients).innerJoin(stations, eq(stations.id, clients.stationId)).orderBy(asc(clients.id)))
    .map(({ c, town }) => ({ id: c.id, name: c.name, idNumber: cipher.decrypt(c.idNumberCipher), town, village: c.villageCode, groups: c.targetGroups }));

describe('demo:scale generator (tiny tier)', () => {
  it('writes the tier’s counts', async () => {
    const n = async (t: Parameters<Database['db']['select']>[0] extends never ? never : typeof clients | typeof serviceRecords | typeof stations | typeof socialWorkers | typeof cases | typeof referrals | typeof groupSessions) =>
      (await a.db.select({ n: count() }).from(t))[0]?.n;
    expect(await n(stations)).toBe(size.stations);
    expect(await n(clients)).toBe(size.clients);
    expect(await n(serviceRecords)).toBe(size.serviceRecords);
    expect(await n(socialWorkers)).toBe(size.workers);
    expect(await n(cases)).toBe(size.clients / size.clientsPerCase);
    expect(await n(referrals)).toBe(size.clients / size.clientsPerReferral);
    expect(await n(groupSessions)).toBe(size.stations * size.groupsPerStation * size.sessionsPerGroup);
    const [monthly] = await a.db.select({ n: count() }).from(reports).where(sql`${reports.kind} = 'monthly' AND ${reports.snapshot} IS NOT NULL`);
    expect(monthly?.n).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed gives the same people, ID numbers and records', async () => {
    const [pa, pb] = [await plainClients(a), await plainClients(b)];
    expect(pa).toEqual(pb);
    const records = (d: Database) => d.db.select({ id: serviceRecords.id, date: serviceRecords.date, clientIds: serviceRecords.clientIds, item: serviceRecords.itemCode })
      .from(serviceRecords).orderBy(asc(serviceRecords.id));
    expect(await records(a)).toEqual(await records(b));
  });

  it('makes ids the API accepts: a client opens by its generated id', async () => {
    const [c] = await a.db.select({ id: clients.id }).from(clients).orderBy(asc(clients.id)).limit(1);
    expect(c?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    const [r] = await a.db.select({ id: serviceRecords.id, clientIds: serviceRecords.clientIds }).from(serviceRecords).limit(1);
    expect(`${r?.id} ${r?.clientIds[0]}`).toMatch(/^\S{14}4\S{3}-8\S+ \S{14}4\S{3}-8/);
  });

  it('makes valid, unique, encrypted ID numbers and never stores one in clear', async () => {
    const people = await plainClients(a);
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length);
    for (const p of people) expect(idNumberProblem(p.idNumber, '2026-11-30')).toBeNull();
    // Every client's record belongs to a station whose clients it names (the SQL side agrees with the JS side).
    const [orphans] = await a.db.execute(sql`SELECT count(*)::int AS n FROM service_records r WHERE NOT EXISTS
      (SELECT 1 FROM clients c WHERE c.id = r.client_ids[1] AND c.station_id = r.station_id)`).then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(orphans?.n).toBe(0);
    const sample = people.slice(0, 25).map((p) => p.idNumber);
    for (const table of ['clients', 'social_workers', 'cases', 'referrals', 'service_records']) {
      const rows = (await a.db.execute(sql.raw(`SELECT t::text AS line FROM ${table} t`)) as unknown as { rows: { line: string }[] }).rows;
      const text = rows.map((r) => r.line).join('\n');
      for (const id of sample) expect(text.includes(id), `${table} holds ${id} in clear`).toBe(false);
    }
    const [w] = await a.db.select().from(socialWorkers).orderBy(asc(socialWorkers.id)).limit(1);
    expect(w && idNumberProblem(cipher.decrypt(w.idNumberCipher), '2026-11-30')).toBeNull();
  });

  it('leaves the dashboard roll-ups as the triggers would have kept them (they are off for the load)', async () => {
    const one = async (q: ReturnType<typeof sql>) => Number((await a.db.execute(q) as unknown as { rows: { n: string | number }[] }).rows[0]?.n);
    expect(await one(sql`SELECT coalesce(sum(value), 0) AS n FROM dashboard_rollups WHERE tier = 0 AND measure = 'records'`)).toBe(size.serviceRecords);
    expect(await one(sql`SELECT coalesce(sum(value), 0) AS n FROM dashboard_rollups WHERE tier = 1 AND measure = 'minutes'`))
      .toBe(await one(sql`SELECT sum(duration_minutes) AS n FROM service_records`));
    expect(await one(sql`SELECT coalesce(sum(value), 0) AS n FROM dashboard_rollups WHERE tier = 0 AND measure = 'clients'`)).toBe(size.clients);
    expect(await one(sql`SELECT coalesce(sum(value), 0) AS n FROM dashboard_rollups WHERE tier = 0 AND measure = 'reports'`))
      .toBe(await one(sql`SELECT count(*) AS n FROM reports`));
    // The triggers are on again: a write after generation moves the roll-up.
    await a.db.execute(sql`DELETE FROM service_records WHERE id = (SELECT id FROM service_records ORDER BY id LIMIT 1)`);
    expect(await one(sql`SELECT coalesce(sum(value), 0) AS n FROM dashboard_rollups WHERE tier = 0 AND measure = 'records'`)).toBe(size.serviceRecords - 1);
  });

  it('refuses a database that already holds clients', async () => {
    await expect(generateScale(a.db, cipher, { size, seed: 7, password: 'Sgz@demo2026' })).rejects.toThrow(/already holds clients/);
  });
});
