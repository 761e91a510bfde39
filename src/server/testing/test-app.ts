import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { users } from '../db/schema';
import { createFieldCipher, type FieldCipher } from '../platform/field-cipher';
import { buildApp } from '../app';
import type { Database } from '../db/client';
import { seedDemo } from '../db/demo-data';
import { seedDemoYear } from '../seed/demo-year';
import { seedArchivesDemo } from '../seed/demo-year-archives';
import { seedStationPlansDemo } from '../seed/demo-year-station-plans';
import { createTestDatabase } from './test-database';

export const DEMO_PASSWORD = 'Sgz@demo2026';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A logged-in browser: keeps the session cookie and sends the CSRF token on writes. */
export interface Session {
  cookie: string;
  csrfToken: string;
  request(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  cipher: FieldCipher;
  /** Logs in (demo password by default) and returns the session; fails the test if login fails. */
  login(username: string, password?: string): Promise<Session>;
  /**
   * A new user made by the system administrator, past the forced password change: for tests
   * that need a second county, a town or a station worker beside the demo users.
   */
  userWith(username: string, roles: string[], scope: { kind: string; regionCode?: string; orgId?: string; stationId?: string }): Promise<Session>;
  /** Anonymous request. */
  anon(method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function sessionFrom(app: FastifyInstance, cookie: string, csrfToken: string): Session {
  const request: Session['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    cookie,
    csrfToken,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body),
    put: (url, body) => request('PUT', url, body),
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'sgz_sid');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `sgz_sid=${c.value}`;
}

/**
 * Finishes a login that answered with a second-factor step, as the person's authenticator app
 * would: enrols on the first login (the secret comes with the QR code), else computes the code
 * from the stored secret (decrypted with the test key). Tests of the second factor itself use
 * the endpoints directly; here the replay guard is set back so that a test may log the same
 * administrator in twice within 30 seconds.
 */
export async function completeSecondFactor(
  app: FastifyInstance,
  database: Database,
  cipher: FieldCipher,
  username: string,
  res: LightMyRequestResponse,
): Promise<LightMyRequestResponse> {
  if (res.statusCode !== 200) return res;
  const body = res.json<{ secondFactor?: 'verify' | 'enrol'; pendingToken?: string }>();
  if (!body.secondFactor || !body.pendingToken) return res;
  const pendingToken = body.pendingToken;
  if (body.secondFactor === 'enrol') {
    const start = await app.inject({ method: 'POST', url: '/api/auth/totp/enrolment', payload: { pendingToken } });
    const { secret } = start.json<{ secret: string }>();
    const code = await generate({ secret });
    return app.inject({ method: 'POST', url: '/api/auth/totp/enrolment/confirm', payload: { pendingToken, code } });
  }
  const [row] = await database.db
    .update(users)
    .set({ totpLastStep: null })
    .where(sql`lower(${users.username}) = lower(${username})`)
    .returning({ secret: users.totpSecret });
  if (!row?.secret) throw new Error(`${username} has no TOTP secret`);
  const code = await generate({ secret: cipher.decrypt(row.secret) });
  return app.inject({ method: 'POST', url: '/api/auth/totp', payload: { pendingToken, code } });
}

/**
 * `regionRoot` sets the store up for another root (e.g. '370000' 山东省, as SGZ_REGION_ROOT does);
 * the demo data is Weihai's, so pair it with `demo: false`.
 */
export async function createTestApp(options: { demo?: boolean; regionRoot?: string; demoYear?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.regionRoot ? { regionRoot: options.regionRoot } : {});
  const cipher = createFieldCipher(randomBytes(32));
  if (options.demo !== false) await seedDemo(database.db, DEMO_PASSWORD, cipher);
  // The year of work `npm start` loads (seed/demo-year.ts), for the tests that ask for it.
  if (options.demo !== false && options.demoYear) await seedDemoYear(database.db, cipher);
  if (options.demo !== false && options.demoYear) await seedArchivesDemo(database.db, cipher);
  if (options.demo !== false && options.demoYear) await seedStationPlansDemo(database.db);
  const app = await buildApp({ database, cipher, webDir: null, validateResponses: true });
  await app.ready();
  const testApp: TestApp = {
    app,
    database,
    cipher,
    async login(username, password = DEMO_PASSWORD) {
      const first = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      const res = await completeSecondFactor(app, database, cipher, username, first);
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return sessionFrom(app, cookieOf(res), res.json<{ csrfToken: string }>().csrfToken);
    },
    async userWith(username, roles, scope) {
      const admin = await testApp.login('demo-sysadmin');
      const res = await admin.post('/api/users', { username, displayName: username, roles, scope, initialPassword: 'Init#Pass2026' });
      if (res.statusCode !== 200) throw new Error(`create ${username} failed: ${res.body}`);
      const first = await testApp.login(username, 'Init#Pass2026');
      await first.post('/api/auth/password', { currentPassword: 'Init#Pass2026', newPassword: 'Own#Pass2026' });
      return testApp.login(username, 'Own#Pass2026');
    },
    anon: (method, url, body) => app.inject({ method, url, ...(body === undefined ? {} : { payload: body as object }) }),
    async close() {
      await app.close();
      await database.close();
    },
  };
  return testApp;
}
