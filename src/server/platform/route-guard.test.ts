import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contracts from '../../shared/contracts';
import type { RouteContract } from '../../shared/contracts/http';
import { ROLE_PERMISSIONS } from '../../shared/permissions';
import { DEMO_USERS } from '../db/demo-data';
import { buildApp } from '../app';
import { createTestApp, type Session, type TestApp } from '../testing/test-app';

const all: RouteContract[] = Object.values(contracts).flatMap((mod) =>
  Object.values(mod).filter((v): v is RouteContract => typeof v === 'object' && v !== null && 'method' in v && 'path' in v),
);
const guarded = all.filter((c) => !c.public);
const url = (c: RouteContract) => c.path.replace(':id', '00000000-0000-4000-8000-000000000000');

let t: TestApp;
const sessions = new Map<string, Session>();

beforeAll(async () => {
  t = await createTestApp();
  for (const u of DEMO_USERS) sessions.set(u.username, await t.login(u.username));
});
afterAll(() => t.close());

describe('every route is guarded', () => {
  it('registers every contract', () => {
    expect(guarded.length).toBeGreaterThan(15);
    for (const c of all) expect(t.app.hasRoute({ method: c.method, url: c.path }), `${c.method} ${c.path}`).toBe(true);
  });

  it.each(guarded.map((c) => [`${c.method} ${c.path}`, c] as const))('%s: anonymous → 401', async (_name, c) => {
    const res = await t.anon(c.method, url(c), c.method === 'GET' ? undefined : {});
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  const permissioned = guarded.filter((c) => c.permission !== 'self');
  it.each(permissioned.map((c) => [`${c.method} ${c.path}`, c] as const))(
    '%s: a user without the permission → 403',
    async (_name, c) => {
      const lacking = DEMO_USERS.find((u) => u.roles.every((r) => !ROLE_PERMISSIONS[r].some((p) => p === c.permission)));
      if (!lacking) throw new Error(`every demo user holds ${c.permission}`);
      const s = sessions.get(lacking.username);
      if (!s) throw new Error('no session');
      const res = await s.request(c.method, url(c), c.method === 'GET' ? undefined : {});
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    },
  );

  it('refuses to start when a route declares neither a permission nor public', async () => {
    const app = await buildApp({ database: t.database, cipher: t.cipher, webDir: null });
    app.get('/api/undeclared', async () => ({ leaked: true }));
    await expect(app.ready()).rejects.toThrow(/undeclared/);
    await app.close().catch(() => undefined);
  });

  it('answers API responses with no-store and security headers, and hides stack traces', async () => {
    const res = await t.anon('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const bad = await t.anon('POST', '/api/auth/login', '{"username":');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.anon('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toContain('/api/stations/{id}');
  });
});
