import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contracts from '../../shared/contracts';
import type { RouteContract } from '../../shared/contracts/http';
import { ROLE_PERMISSIONS } from '../../shared/permissions';
import { DEMO_USERS } from '../db/demo-data';
import { buildApp } from '../app';
import { cookieOf, createTestApp, DEMO_PASSWORD, sessionFrom, type Session, type TestApp } from '../testing/test-app';

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

  it('guards a route added outside registerRoute by the permission it declares', async () => {
    const app = await buildApp({ database: t.database, cipher: t.cipher, webDir: null });
    app.get('/api/raw-declared', { config: { permission: 'client:read' } }, async () => ({ leaked: true }));
    app.post('/api/raw-declared', { config: { permission: 'client:read' } }, async () => ({ leaked: true }));
    await app.ready();
    try {
      const loginAs = async (username: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
        expect(res.statusCode).toBe(200);
        return sessionFrom(app, cookieOf(res), res.json<{ csrfToken: string }>().csrfToken);
      };
      const anon = await app.inject({ method: 'GET', url: '/api/raw-declared' });
      expect(anon.statusCode).toBe(401);
      expect(anon.json().error.code).toBe('UNAUTHENTICATED');
      const anonHead = await app.inject({ method: 'HEAD', url: '/api/raw-declared' });
      expect(anonHead.statusCode).toBe(401);

      const lacking = DEMO_USERS.find((u) => u.roles.every((r) => !ROLE_PERMISSIONS[r].some((p) => p === 'client:read')));
      const holding = DEMO_USERS.find((u) => u.roles.some((r) => ROLE_PERMISSIONS[r].some((p) => p === 'client:read')));
      if (!lacking || !holding) throw new Error('demo users do not cover client:read both ways');
      const denied = await (await loginAs(lacking.username)).get('/api/raw-declared');
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.code).toBe('FORBIDDEN');

      const allowed = await loginAs(holding.username);
      expect((await allowed.get('/api/raw-declared')).json()).toEqual({ leaked: true });
      // A write without the CSRF token is refused by the same hook.
      const noCsrf = await app.inject({ method: 'POST', url: '/api/raw-declared', headers: { cookie: allowed.cookie }, payload: {} });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json().error.code).toBe('CSRF_FAILED');
    } finally {
      await app.close();
    }
  });

  it('still serves the web app, its files and its client-side routes to anonymous visitors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>SGZ</title>');
    fs.writeFileSync(path.join(dir, 'app.js'), 'export {}');
    const app = await buildApp({ database: t.database, cipher: t.cipher, webDir: dir });
    await app.ready();
    try {
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/app.js' })).statusCode).toBe(200);
      const spa = await app.inject({ method: 'GET', url: '/stations/123' });
      expect(spa.statusCode).toBe(200);
      expect(spa.body).toContain('<title>SGZ</title>');
      expect((await app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
