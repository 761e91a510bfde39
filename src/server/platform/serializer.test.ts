import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { completeSecondFactor, cookieOf, createTestApp, DEMO_PASSWORD, type TestApp } from '../testing/test-app';

let t: TestApp;
let fast: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  fast = await buildApp({ database: t.database, cipher: t.cipher, webDir: null });
  await fast.ready();
});
afterAll(async () => {
  await fast.close();
  await t.close();
});

describe('production serializer', () => {
  it('writes the same JSON as the strict zod serializer for stations, regions and audit', async () => {
    const login = async (app: FastifyInstance, username: string) =>
      cookieOf(await completeSecondFactor(app, t.database, t.cipher, username,
        await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } })));
    const cityFast = await login(fast, 'demo-city');
    const cityStrict = await login(t.app, 'demo-city');
    const list = (await t.app.inject({ url: '/api/stations?pageSize=5', headers: { cookie: cityStrict } })).json();
    for (const url of ['/api/stations?pageSize=50', `/api/stations/${list.items[0].id}`, '/api/stations/coverage', '/api/regions']) {
      const a = await fast.inject({ url, headers: { cookie: cityFast } });
      const b = await t.app.inject({ url, headers: { cookie: cityStrict } });
      expect(a.statusCode).toBe(200);
      expect(a.json()).toEqual(b.json());
    }
    // A write, so the audit rows include before/after images.
    const station = (await t.app.inject({ url: `/api/stations/${list.items[0].id}`, headers: { cookie: cityStrict } })).json();
    const edited = await fast.inject({
      method: 'PATCH', url: `/api/stations/${station.id}`,
      headers: { cookie: cityFast, 'x-csrf-token': (await fast.inject({ url: '/api/auth/me', headers: { cookie: cityFast } })).json().csrfToken },
      payload: {
        version: station.version, venueType: station.venueType, venueOther: '', address: '序列化测试', phone: '',
        openedOn: station.openedOn, outdoorPlaque: 'installed', indoorPlaque: 'installed', equipment: '', hostContactName: '', hostContactPhone: '',
      },
    });
    expect(edited.statusCode).toBe(200);
    const auditorFast = await login(fast, 'demo-auditor');
    const auditorStrict = await login(t.app, 'demo-auditor');
    const a = (await fast.inject({ url: '/api/audit?pageSize=200', headers: { cookie: auditorFast } })).json();
    const b = (await t.app.inject({ url: '/api/audit?pageSize=200', headers: { cookie: auditorStrict } })).json();
    // b was read later and holds one more login; compare the rows both hold.
    const byId = new Map(b.items.map((e: { id: number }) => [e.id, e]));
    expect(a.items.some((e: { action: string }) => e.action === 'station.update')).toBe(true);
    for (const e of a.items) expect(e).toEqual(byId.get(e.id));
  });

  it('sends only the fields the contract declares', async () => {
    // The administrator's login answers the second-factor step (one branch of the login
    // contract's union), the completed one the user (the other branch).
    const step = await fast.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-sysadmin', password: DEMO_PASSWORD } });
    expect(Object.keys(step.json()).sort()).toEqual(['expiresAt', 'pendingToken', 'secondFactor']);
    const res = await completeSecondFactor(fast, t.database, t.cipher, 'demo-sysadmin', step);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      ['csrfToken', 'displayName', 'id', 'idleMinutes', 'mustChangePassword', 'passwordPolicy', 'passwordReset', 'permissions', 'recoveryCodes', 'roles', 'scope', 'username'].sort(),
    );
    expect(JSON.stringify(body)).not.toContain('argon2');
    const city = await fast.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city', password: DEMO_PASSWORD } });
    expect(Object.keys(city.json()).sort()).toEqual(
      ['csrfToken', 'displayName', 'id', 'idleMinutes', 'mustChangePassword', 'passwordPolicy', 'passwordReset', 'permissions', 'roles', 'scope', 'username'].sort(),
    );
  });
});
