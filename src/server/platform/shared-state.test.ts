import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { cookieOf, createTestApp, DEMO_PASSWORD, type TestApp } from '../testing/test-app';

// Two SGZ processes on one database: everything a request needs lives in the database.
let t: TestApp;
let second: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  second = await buildApp({ database: t.database, cipher: t.cipher, webDir: null });
  await second.ready();
});
afterAll(async () => {
  await second.close();
  await t.close();
});

describe('stateless processes', () => {
  it('a session made by one process works on the other, and a logout on one ends it on both', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city', password: DEMO_PASSWORD } });
    const cookie = cookieOf(login);
    const csrf = login.json().csrfToken;
    expect((await second.inject({ url: '/api/stations', headers: { cookie } })).statusCode).toBe(200);
    const out = await second.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('failed logins on both processes add up to one lockout', async () => {
    const attempt = (app: FastifyInstance) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-town', password: 'Wrong#pass0' } });
    const codes = [];
    for (const app of [t.app, second, t.app, second, t.app]) codes.push((await attempt(app)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const right = await second.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-town', password: DEMO_PASSWORD } });
    expect(right.statusCode).toBe(429);
  });
});
