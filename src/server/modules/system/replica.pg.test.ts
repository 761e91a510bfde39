import { randomBytes } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Database } from '../../db/client';
import { seedDemo } from '../../db/demo-data';
import { publicFundingSummaries, stations } from '../../db/schema';
import { openDatabase } from '../../db/setup';
import { createFieldCipher } from '../../platform/field-cipher';
import { cookieOf, DEMO_PASSWORD, sessionFrom, type Session } from '../../testing/test-app';

/**
 * PostgreSQL only. The "replica" is a copy of the primary made once (CREATE DATABASE … TEMPLATE):
 * a standby that never catches up, so anything read from it after a write is visibly stale.
 */
const server = process.env.TEST_DATABASE_URL;
const suffix = randomBytes(4).toString('hex');
const primaryName = `sgz_hp_${suffix}`;
const replicaName = `sgz_hr_${suffix}`;
const cipher = createFieldCipher(randomBytes(32));
let database: Database;
let app: FastifyInstance;
let replica: pg.Client;
const YEAR = 2036;

async function asServer(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(q);
  await c.end();
}
const urlOf = (name: string) => {
  const u = new URL(server ?? '');
  u.pathname = `/${name}`;
  return u.toString();
};
async function login(username: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(res.statusCode).toBe(200);
  return sessionFrom(app, cookieOf(res), res.json<{ csrfToken: string }>().csrfToken);
}
const huancuiOf = (body: { counties: { countyShortName: string; budgetFen: number }[] }) =>
  body.counties.find((k) => k.countyShortName === '环翠区')?.budgetFen;

describe.skipIf(!server)('a lagging replica: health and the public funding summary (PostgreSQL)', () => {
  beforeAll(async () => {
    await asServer(`CREATE DATABASE ${primaryName}`);
    const seeding = await openDatabase({ url: urlOf(primaryName) });
    await seedDemo(seeding.db, DEMO_PASSWORD, cipher);
    await seeding.close();
    await asServer(`CREATE DATABASE ${replicaName} TEMPLATE ${primaryName}`);
    database = await openDatabase({ url: urlOf(primaryName), readUrl: urlOf(replicaName) });
    app = await buildApp({ database, cipher, webDir: null, validateResponses: true, readAfterWriteSeconds: 10 });
    await app.ready();
    replica = new pg.Client({ connectionString: urlOf(replicaName) });
    await replica.connect();
  }, 120_000);
  afterAll(async () => {
    await replica?.end();
    await app?.close();
    // The last test ended the read pool already.
    await database?.pool?.end();
    await database?.readPool?.end().catch(() => undefined);
    await asServer(`DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`);
    await asServer(`DROP DATABASE IF EXISTS ${primaryName} WITH (FORCE)`);
  });

  it('health checks the primary and the replica, each on its own pool', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', driver: 'postgres', database: { primary: 'ok', replica: 'ok' }, version: '0.1.0' });
  });

  it('refreshes the public summary from the primary, never from the lagging replica', async () => {
    const [station] = await database.db
      .select({ id: stations.id })
      .from(stations)
      .where(and(like(stations.scopePath, '/371000/371002/%')))
      .limit(1);
    if (!station) throw new Error('no station');
    const district = await login('demo-district');
    const put = await district.put(`/api/funding/stations/${station.id}/${YEAR}`, { province: 5_000_000, city: 5_000_000, county: 5_000_000, social: 7 });
    expect(put.statusCode).toBe(200);
    // The replica never saw the budget; the anonymous answer is computed on the primary all the same.
    expect((await replica.query('SELECT count(*)::int AS n FROM station_budgets WHERE year = $1', [YEAR])).rows[0]?.n).toBe(0);
    const anon = await app.inject({ method: 'GET', url: `/api/public/funding?year=${YEAR}` });
    expect(anon.statusCode).toBe(200);
    expect(huancuiOf(anon.json())).toBe(15_000_007);
    const [stored] = await database.db.select().from(publicFundingSummaries).where(eq(publicFundingSummaries.year, YEAR));
    expect(huancuiOf(stored?.body as { counties: { countyShortName: string; budgetFen: number }[] })).toBe(15_000_007);
  });

  it('an anonymous read may take the replica’s cache row (up to its lag); the session that wrote reads the primary’s', async () => {
    const year = YEAR + 1;
    // A cache row on the replica from before a write it has not replayed yet.
    await replica.query('SET default_transaction_read_only = off');
    // The row of the default page (1 of 20 county units), the key an unpaged request reads.
    await replica.query('INSERT INTO public_funding_summaries (year, page, page_size, body, computed_at) VALUES ($1, 1, 20, $2, now())', [
      year, JSON.stringify({ year, total: { budgetFen: 1, paidFen: 0, spentFen: 0, executionRate: 0, bySource: { province: 1, city: 0, county: 0, social: 0 }, byCategory: { staff: 0, activities: 0, training: 0, office: 0, publicity: 0, other: 0 } }, counties: [], countiesTotal: 0, page: 1, pageSize: 20 }),
    ]);
    const [station] = await database.db.select({ id: stations.id }).from(stations).where(like(stations.scopePath, '/371000/371002/%')).limit(1);
    if (!station) throw new Error('no station');
    const district = await login('demo-district');
    expect((await district.put(`/api/funding/stations/${station.id}/${year}`, { province: 1, city: 2, county: 3, social: 4 })).statusCode).toBe(200);
    // The writer's own GETs read the primary for DATABASE_READ_AFTER_WRITE_SECONDS: its write shows.
    const own = await district.get(`/api/public/funding?year=${year}`);
    expect(own.json().total.budgetFen).toBe(10);
    // An anonymous visitor may be served the replica's row until the replica catches up (documented).
    const anon = await app.inject({ method: 'GET', url: `/api/public/funding?year=${year}` });
    expect(anon.json().total.budgetFen).toBe(1);
  });

  it('reports the replica down (200, degraded) while the primary answers', async () => {
    await database.readPool?.end();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'degraded', database: { primary: 'ok', replica: 'down' } });
  });
});
