import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { auditLog, loginThrottle, sessions } from '../db/schema';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../testing/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('behind a trusted proxy (SGZ_TRUST_PROXY)', () => {
  it('takes the client IP the proxy appended, not the left-most one the client wrote', async () => {
    const app = await buildApp({ database: t.database, cipher: t.cipher, webDir: null, trustProxy: true });
    await app.ready();
    try {
      for (const spoofed of ['6.6.6.6', '6.6.6.7', '6.6.6.8']) {
        const failed = await app.inject({
          method: 'POST', url: '/api/auth/login',
          headers: { 'x-forwarded-for': `${spoofed}, 203.0.113.9` },
          payload: { username: 'demo-worker', password: 'not-the-password' },
        });
        expect(failed.statusCode).toBe(401);
      }
      const audited = await t.database.db
        .select({ ip: auditLog.ip })
        .from(auditLog)
        .where(eq(auditLog.action, 'auth.login_failed'));
      expect(audited.map((r) => r.ip)).toEqual(['203.0.113.9', '203.0.113.9', '203.0.113.9']);
      // The per-IP throttle counts the proxy's address, whatever the client writes on the left.
      const throttled = await t.database.db.select().from(loginThrottle).where(like(loginThrottle.key, 'ip:%'));
      expect(throttled.map((r) => [r.key, r.failures])).toEqual([['ip:203.0.113.9', 3]]);

      const ok = await app.inject({
        method: 'POST', url: '/api/auth/login',
        headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
        payload: { username: 'demo-worker', password: DEMO_PASSWORD },
      });
      expect(ok.statusCode).toBe(200);
      const [session] = await t.database.db.select({ ip: sessions.ip }).from(sessions).where(eq(sessions.ip, '203.0.113.7'));
      expect(session?.ip).toBe('203.0.113.7');
    } finally {
      await app.close();
    }
  });

  it('sets a Secure __Host-sgz_sid cookie (Path=/, no Domain), even when the proxy says nothing of https', async () => {
    const app = await buildApp({ database: t.database, cipher: t.cipher, webDir: null, trustProxy: true });
    await app.ready();
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-town', password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === '__Host-sgz_sid');
      expect(cookie).toMatchObject({ secure: true, path: '/', httpOnly: true, sameSite: 'Strict' });
      expect(cookie?.domain).toBeUndefined();
      expect(res.cookies.find((c) => c.name === 'sgz_sid')).toBeUndefined();
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `__Host-sgz_sid=${cookie?.value}` } });
      expect(me.statusCode).toBe(200);
      // The plain name is not read behind the proxy.
      const plain = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sgz_sid=${cookie?.value}` } });
      expect(plain.statusCode).toBe(401);
      const csrf = res.json<{ csrfToken: string }>().csrfToken;
      const out = await app.inject({
        method: 'POST', url: '/api/auth/logout', payload: {},
        headers: { cookie: `__Host-sgz_sid=${cookie?.value}`, 'x-csrf-token': csrf },
      });
      const cleared = out.cookies.find((c) => c.name === '__Host-sgz_sid');
      expect(cleared).toMatchObject({ secure: true, path: '/', value: '' });
    } finally {
      await app.close();
    }
  });

  it('without trust-proxy ignores X-Forwarded-For and keeps the plain cookie name', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/auth/login',
      headers: { 'x-forwarded-for': '6.6.6.9' },
      payload: { username: 'demo-city', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'sgz_sid')?.secure).toBeFalsy();
    const ips = await t.database.db.select({ ip: sessions.ip }).from(sessions).where(eq(sessions.ip, '6.6.6.9'));
    expect(ips).toEqual([]);
  });
});

// The queue stands only in front of PGlite; PostgreSQL has its pool.
describe.skipIf(!!process.env.TEST_DATABASE_URL)('the embedded store queue', () => {
  it('answers 503 with Retry-After and a Chinese message when the queue is full', async () => {
    const app = await buildApp({
      database: t.database, cipher: t.cipher, webDir: null, dbQueue: { concurrency: 1, maxWaiting: 0, maxWaitMs: 1_000 },
    });
    await app.ready();
    try {
      const queue = app.dbQueue;
      if (!queue) throw new Error('no queue on the embedded store');
      const release = await queue.acquire();
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.json()).toMatchObject({ error: { code: 'SERVICE_BUSY', message: '系统繁忙，请稍后重试' } });
      release();
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect(queue.active).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('answers 503 to a request that waited too long, and serves waiters in order when the connection frees', async () => {
    const app = await buildApp({
      database: t.database, cipher: t.cipher, webDir: null, dbQueue: { concurrency: 1, maxWaiting: 10, maxWaitMs: 150 },
    });
    await app.ready();
    try {
      const queue = app.dbQueue;
      if (!queue) throw new Error('no queue on the embedded store');
      const release = await queue.acquire();
      const late = await app.inject({ method: 'GET', url: '/api/health' });
      expect(late.statusCode).toBe(503);
      expect(late.headers['retry-after']).toBeDefined();
      const finished: number[] = [];
      const waiting = [1, 2, 3].map((n) =>
        app.inject({ method: 'GET', url: '/api/health' }).then((r) => {
          finished.push(n);
          return r.statusCode;
        }),
      );
      await new Promise((r) => setTimeout(r, 20));
      expect(queue.waiting).toBe(3);
      release();
      expect(await Promise.all(waiting)).toEqual([200, 200, 200]);
      expect(finished).toEqual([1, 2, 3]);
      expect(queue.active).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('does not stand in front of the web app files', async () => {
    const app = await buildApp({ database: t.database, cipher: t.cipher, webDir: null, dbQueue: { concurrency: 1, maxWaiting: 0 } });
    await app.ready();
    try {
      const release = await app.dbQueue?.acquire();
      expect((await app.inject({ method: 'GET', url: '/some/page' })).statusCode).toBe(404);
      release?.();
    } finally {
      await app.close();
    }
  });
});
