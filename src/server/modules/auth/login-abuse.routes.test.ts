import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const loginFrom = (ip: string, username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('password spraying: throttling per client IP', () => {
  it('after 20 failures on 20 usernames from one IP, that IP gets 429 (even with a right password); other IPs are not affected', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await loginFrom('203.0.113.7', `sprayed.user${i}`, 'Spring#2026')).statusCode);
    expect(codes).toEqual(Array(20).fill(401));
    const blocked = await loginFrom('203.0.113.7', 'demo-town', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toContain('网络地址');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await loginFrom('203.0.113.8', 'demo-town', DEMO_PASSWORD)).statusCode).toBe(200);
    const [lockout] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.lockout'), like(auditLog.detail, '%203.0.113.7%')));
    expect(lockout?.ip).toBe('203.0.113.7');
  });
});

describe('a locked account and an unknown user answer the same', () => {
  it('gives the same statuses and bodies to 6 attempts on a real account and on a name that does not exist', async () => {
    const real: { status: number; body: string; retry: unknown }[] = [];
    const unknown: typeof real = [];
    for (let i = 0; i < 6; i++) {
      const a = await loginFrom('198.51.100.1', 'demo-worker', `Wrong#pass${i}`);
      const b = await loginFrom('198.51.100.2', 'nobody.at.all', `Wrong#pass${i}`);
      real.push({ status: a.statusCode, body: a.body, retry: a.headers['retry-after'] });
      unknown.push({ status: b.statusCode, body: b.body, retry: b.headers['retry-after'] });
    }
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(real);
    // The real account is locked even to its right password; the answer is the one above.
    const right = await loginFrom('198.51.100.1', 'demo-worker', DEMO_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.body).toBe(real[5]?.body);
  });
});

describe('a password change ends the other sessions', () => {
  it("keeps the changing browser's session and ends the user's others, audited", async () => {
    const here = await t.userWith('pw.changer', ['town_officer'], { kind: 'town', regionCode: '371002002' });
    const there = await t.login('pw.changer', 'Own#Pass2026');
    expect((await there.get('/api/auth/me')).statusCode).toBe(200);
    const res = await here.post('/api/auth/password', { currentPassword: 'Own#Pass2026', newPassword: 'Newer#Pass2026' });
    expect(res.statusCode).toBe(200);
    expect((await there.get('/api/auth/me')).statusCode).toBe(401);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.password_change'), eq(auditLog.actorName, 'pw.changer')))
      .orderBy(auditLog.id);
    expect(rows.at(-1)?.detail).toMatch(/结束本人其他 [12] 个会话/);
  });
});

describe('common passwords: the long list on the server', () => {
  it.each(['Michael1', 'Jordan23', 'Blink182', 'Sasha_007'])('refuses %s (in the top 10,000, not in the short web list)', async (pw) => {
    const s = await t.userWith(`pw.${pw.toLowerCase().replace(/[^a-z0-9]/g, '')}`, ['town_officer'], { kind: 'town', regionCode: '371002002' });
    const res = await s.post('/api/auth/password', { currentPassword: 'Own#Pass2026', newPassword: pw });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].message).toBe('该密码过于常见，容易被猜中');
  });
});
