import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/rules/credit-code';
import { buildApp } from '../app';
import { createFieldCipher } from '../platform/field-cipher';
import { idNumberBornOn } from '../testing/factories';
import { cookieOf, DEMO_PASSWORD, sessionFrom, type Session } from '../testing/test-app';
import type { Database } from './client';
import { seedDemo } from './demo-data';
import { auditLog, clientAccessLog, sessions } from './schema';
import { openDatabase } from './setup';

/**
 * PostgreSQL only: DATABASE_READ_URL. The "replica" is the same database through its own pool,
 * read-only like a hot standby (so a write sent there fails) and named in pg_stat_activity;
 * every query each pool runs outside a transaction is recorded.
 */
const server = process.env.TEST_DATABASE_URL;
const name = `sgz_read_${randomBytes(4).toString('hex')}`;
const cipher = createFieldCipher(randomBytes(32));
let database: Database;
let app: FastifyInstance;
const seen = { primary: [] as string[], read: [] as string[], readCheckouts: 0 };

async function asServer(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(q);
  await c.end();
}

function record(pool: pg.Pool, into: string[]): void {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  pool.query = ((...args: unknown[]) => {
    const first = args[0];
    into.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
    return query(...args);
  }) as typeof pool.query;
}

/** What each pool ran during fn. */
async function during(fn: () => Promise<unknown>): Promise<{ primary: string[]; read: string[]; readCheckouts: number }> {
  const start = { primary: seen.primary.length, read: seen.read.length, readCheckouts: seen.readCheckouts };
  await fn();
  return { primary: seen.primary.slice(start.primary), read: seen.read.slice(start.read), readCheckouts: seen.readCheckouts - start.readCheckouts };
}

async function login(username: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(res.statusCode).toBe(200);
  return sessionFrom(app, cookieOf(res), res.json<{ csrfToken: string }>().csrfToken);
}
/** The sessions table keeps the SHA-256 of the cookie's token. */
const sessionIdOf = (s: Session) => createHash('sha256').update(decodeURIComponent(s.cookie.split('=')[1] ?? '')).digest('hex');
/** As if the session's last write were long ago: its GETs may use the replica again. */
const ageWrites = () => database.db.update(sessions).set({ lastWriteAt: sql`now() - interval '1 minute'` });

const code = (base17: string) => base17 + creditCodeCheckChar(base17);

describe.skipIf(!server)('DATABASE_READ_URL: reads of GET requests on the replica (PostgreSQL)', () => {
  beforeAll(async () => {
    await asServer(`CREATE DATABASE ${name}`);
    const u = new URL(server ?? '');
    u.pathname = `/${name}`;
    database = await openDatabase({ url: u.toString(), readUrl: u.toString() });
    await seedDemo(database.db, DEMO_PASSWORD, cipher);
    if (!database.pool || !database.readPool) throw new Error('no read pool');
    record(database.pool, seen.primary);
    record(database.readPool, seen.read);
    database.readPool.on('acquire', () => { seen.readCheckouts += 1; });
    app = await buildApp({ database, cipher, webDir: null, validateResponses: true, readAfterWriteSeconds: 10 });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await asServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('the read pool is read-only and shows as sgz-read in pg_stat_activity', async () => {
    if (!database.pool || !database.readPool) throw new Error('no pools');
    const asPrimary = database.pool;
    const held = await database.readPool.connect();
    try {
      const { rows } = await asPrimary.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'sgz-read' AND datname = $1", [name]);
      expect(rows[0]?.n).toBeGreaterThan(0);
      await expect(held.query('UPDATE users SET display_name = display_name WHERE false')).rejects.toThrow(/read-only transaction/);
    } finally {
      held.release();
    }
  });

  it('a GET looks the session up on the primary and runs its business query on the replica', async () => {
    const district = await login('demo-district');
    await ageWrites();
    const ran = await during(async () => expect((await district.get('/api/stations')).statusCode).toBe(200));
    expect(ran.primary.some((q) => q.includes('from "sessions"'))).toBe(true);
    expect(ran.read.some((q) => q.includes('from "sessions"'))).toBe(false);
    expect(ran.read.some((q) => q.includes('from "stations"'))).toBe(true);
    expect(ran.primary.some((q) => q.includes('from "stations"'))).toBe(false);
  });

  it('a write never touches the replica; the writer reads its own write at once, from the primary, then from the replica', async () => {
    const district = await login('demo-district');
    await ageWrites();
    let id = '';
    const wrote = await during(async () => {
      const res = await district.post('/api/organizations', {
        name: '威海市读写分离社会工作服务中心', creditCode: code('52371002MJE66666'.padEnd(17, '1')), kind: 'social_work_org',
        registeringAuthority: '威海市民政局', registeredOn: '2020-01-01', legalRepresentative: '王五', contactName: '赵六',
        contactPhone: '13900001111', address: '威海市环翠区', serviceDomains: ['assistance'],
      });
      expect(res.statusCode).toBe(200);
      id = res.json<{ id: string }>().id;
    });
    expect(wrote).toMatchObject({ read: [], readCheckouts: 0 });
    // Right after its write the session reads the primary: the replica may lag.
    const fresh = await during(async () => expect((await district.get(`/api/organizations/${id}`)).json()).toMatchObject({ name: '威海市读写分离社会工作服务中心' }));
    expect(fresh.read).toEqual([]);
    expect(fresh.primary.some((q) => q.includes('from "organizations"'))).toBe(true);
    // Another session that did not write reads the replica.
    const other = await login('demo-city');
    await database.db.update(sessions).set({ lastWriteAt: sql`now() - interval '1 minute'` }).where(eq(sessions.id, sessionIdOf(other)));
    const elsewhere = await during(async () => expect((await other.get(`/api/organizations/${id}`)).statusCode).toBe(200));
    expect(elsewhere.read.some((q) => q.includes('from "organizations"'))).toBe(true);
    // Once the window is over, the writer reads the replica too.
    await ageWrites();
    const later = await during(async () => expect((await district.get(`/api/organizations/${id}`)).statusCode).toBe(200));
    expect(later.read.some((q) => q.includes('from "organizations"'))).toBe(true);
  });

  it('a GET that writes (an export audited, a client view logged) writes on the primary', async () => {
    const district = await login('demo-district');
    await ageWrites();
    const exported = await during(async () => expect((await district.get('/api/organizations/export')).statusCode).toBe(200));
    expect(exported.read.some((q) => q.includes('from "organizations"'))).toBe(true);
    expect(exported.readCheckouts).toBe(exported.read.length); // no transaction opened on the replica
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'org.export'))).toHaveLength(1);

    const worker = await login('demo-worker');
    const village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json<{ code: string }[]>()[0]?.code;
    const made = await worker.post('/api/clients', {
      name: '刘桂兰', idNumber: idNumberBornOn('1948-03-12', 215), villageCode: village, address: '鲸园街道某小区3号楼',
      targetGroups: ['left_behind_elderly'], riskLevel: 'medium',
    });
    expect(made.statusCode).toBe(200);
    const clientId = made.json<{ id: string }>().id;
    await ageWrites();
    const viewed = await during(async () => expect((await worker.get(`/api/clients/${clientId}`)).statusCode).toBe(200));
    expect(viewed.read.some((q) => q.includes('from "clients"'))).toBe(true);
    expect(viewed.primary.some((q) => q.includes('insert into "client_access_log"'))).toBe(true);
    expect(await database.db.select().from(clientAccessLog).where(eq(clientAccessLog.clientId, clientId))).toHaveLength(1);
  });
});
