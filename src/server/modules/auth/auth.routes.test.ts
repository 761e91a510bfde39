import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '../../db/schema';
import { cookieOf, createTestApp, DEMO_PASSWORD, sessionFrom, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const loginAs = (username: string, password = DEMO_PASSWORD) =>
  t.anon('POST', '/api/auth/login', { username, password });

async function auditActions(objectId: string): Promise<string[]> {
  const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, objectId)).orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

describe('login and sessions', () => {
  it('logs in with an HttpOnly SameSite cookie and a CSRF token; a new session id each time', async () => {
    const a = await loginAs('demo-town');
    const b = await loginAs('demo-town');
    expect(a.statusCode).toBe(200);
    const cookie = a.cookies.find((c) => c.name === 'sgz_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookieOf(a)).not.toBe(cookieOf(b));
    const me = a.json();
    expect(me.username).toBe('demo-town');
    expect(me.scope).toMatchObject({ kind: 'town', label: '鲸园街道', regionCode: '371002002' });
    expect(me.csrfToken).toBeTypeOf('string');
  });

  it('ends the old session when the same browser logs in again', async () => {
    const first = await loginAs('demo-town');
    const again = await t.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { cookie: cookieOf(first) },
      payload: { username: 'demo-town', password: DEMO_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(first) } });
    expect(old.statusCode).toBe(401);
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const res = await loginAs('demo-city');
    const s = sessionFrom(t.app, cookieOf(res), res.json().csrfToken);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    expect((await s.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password with one message for unknown users and bad passwords, and audits both', async () => {
    const unknown = await loginAs('nobody-here', 'Whatever#123');
    const wrong = await loginAs('demo-evaluator', 'Wrong#pass1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    const [failed] = await t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'auth.login_failed' AND ${auditLog.actorName} = 'nobody-here'`);
    expect(failed?.result).toBe('fail');
    await loginAs('demo-evaluator'); // a success resets the counter
  });

  it('locks the account for 30 minutes after 5 failures and answers 429, even to the right password', async () => {
    for (let i = 1; i <= 4; i++) expect((await loginAs('demo-applicant', `Wrong#pass${i}`)).statusCode).toBe(401);
    const fifth = await loginAs('demo-applicant', 'Wrong#pass5');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(29 * 60);
    expect((await loginAs('demo-applicant')).statusCode).toBe(429);
    const [u] = await t.database.db.select().from(users).where(eq(users.username, 'demo-applicant'));
    if (!u?.lockedUntil) throw new Error('not locked');
    const minutes = (u.lockedUntil.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    expect(await auditActions(u.id)).toContain('auth.lockout');
    // Once the lock has run out the right password works again.
    await t.database.db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, u.id));
    expect((await loginAs('demo-applicant')).statusCode).toBe(200);
  });

  it('expires a session after 30 idle minutes and after 12 hours in all', async () => {
    const idle = await t.login('demo-org');
    await t.database.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM users WHERE username = 'demo-org')`,
    );
    const r1 = await idle.get('/api/auth/me');
    expect(r1.statusCode).toBe(401);
    expect(r1.json().error.message).toContain('会话已过期');

    const busy = await t.login('demo-org');
    await t.database.db.execute(
      sql`UPDATE sessions SET last_seen_at = now(), created_at = now() - interval '12 hours 1 minute' WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE username = 'demo-org')`,
    );
    expect((await busy.get('/api/auth/me')).statusCode).toBe(401);

    const fresh = await t.login('demo-org');
    await t.database.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE username = 'demo-org')`,
    );
    expect((await fresh.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('stores only a hash of the session token', async () => {
    const res = await loginAs('demo-worker');
    const token = cookieOf(res).split('=')[1] ?? '';
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.id, token));
    expect(rows).toHaveLength(0);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, or with another session’s token', async () => {
    const s = await t.login('demo-city');
    const other = await t.login('demo-district');
    const noToken = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_FAILED');
    const wrong = await s.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': other.csrfToken });
    expect(wrong.statusCode).toBe(403);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('forces a change at first login, checks the policy, then lets the user in', async () => {
    const admin = await t.login('demo-sysadmin');
    const created = await admin.post('/api/users', {
      username: 'new.officer', displayName: '新同事', roles: ['city_officer'],
      scope: { kind: 'city', regionCode: '371000' }, initialPassword: 'Start#2026x',
    });
    expect(created.statusCode).toBe(200);
    const s = await t.login('new.officer', 'Start#2026x');
    const me = await s.get('/api/auth/me');
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await s.get('/api/stations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await s.post('/api/auth/password', { currentPassword: 'Start#2026x', newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields[0].path).toBe('newPassword');
    const wrongCurrent = await s.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Better#Pass9' });
    expect(wrongCurrent.json().error.details.fields[0].path).toBe('currentPassword');

    const ok = await s.post('/api/auth/password', { currentPassword: 'Start#2026x', newPassword: 'Better#Pass9' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mustChangePassword).toBe(false);
    expect((await s.get('/api/stations')).statusCode).toBe(200);
    expect((await loginAs('new.officer', 'Better#Pass9')).statusCode).toBe(200);
  });

  it('lets a user change their display name, audited', async () => {
    const s = await t.login('demo-worker');
    const res = await s.patch('/api/auth/profile', { displayName: '陈晓（驻站）' });
    expect(res.statusCode).toBe(200);
    expect(res.json().displayName).toBe('陈晓（驻站）');
    expect(await auditActions(res.json().id)).toContain('auth.profile_update');
  });
});
