import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { auditLog, loginChallenges, recoveryCodes, users } from '../../db/schema';
import { cookieOf, createTestApp, DEMO_PASSWORD, sessionFrom, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const password = (username: string) => t.anon('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

async function actions(username: string, action: string) {
  return t.database.db.select().from(auditLog).where(and(eq(auditLog.actorName, username), eq(auditLog.action, action))).orderBy(auditLog.id);
}

async function secretOf(username: string): Promise<string> {
  const [row] = await t.database.db.select({ s: users.totpSecret }).from(users).where(eq(users.username, username));
  if (!row?.s) throw new Error('not enrolled');
  return t.cipher.decrypt(row.s);
}

/** Enrols the user (first login) and returns the secret and the recovery codes. */
async function enrol(username: string): Promise<{ secret: string; codes: string[]; confirmed: LightMyRequestResponse }> {
  const step = (await password(username)).json();
  expect(step.secondFactor).toBe('enrol');
  const { secret } = (await post('/api/auth/totp/enrolment', { pendingToken: step.pendingToken })).json();
  const confirmed = await post('/api/auth/totp/enrolment/confirm', { pendingToken: step.pendingToken, code: await generate({ secret }) });
  expect(confirmed.statusCode).toBe(200);
  return { secret, codes: confirmed.json().recoveryCodes, confirmed };
}

describe('TOTP enrolment at the first login of an administrator', () => {
  it('answers the password with an enrolment step (no session yet), then QR code, secret, URI; a wrong code is refused and audited', async () => {
    const step = await password('demo-secadmin');
    expect(step.statusCode).toBe(200);
    expect(step.json()).toMatchObject({ secondFactor: 'enrol', pendingToken: expect.any(String) });
    expect(step.cookies.find((c) => c.name === 'sgz_sid')).toBeUndefined();
    // The pending token is kept hashed in the database, not in the process.
    const [challenge] = await t.database.db.select().from(loginChallenges).where(eq(loginChallenges.kind, 'enrol'));
    expect(challenge?.id).not.toBe(step.json().pendingToken);
    expect(challenge?.pendingSecret).toMatch(/^v1\.aes256gcm\./);

    const start = await post('/api/auth/totp/enrolment', { pendingToken: step.json().pendingToken });
    const { secret, otpauthUri, qrDataUrl } = start.json();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*demo-secadmin\?secret=/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await post('/api/auth/totp/enrolment/confirm', { pendingToken: step.json().pendingToken, code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect((await actions('demo-secadmin', 'auth.totp_failed')).at(-1)?.result).toBe('fail');

    const ok = await post('/api/auth/totp/enrolment/confirm', { pendingToken: step.json().pendingToken, code: await generate({ secret }) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().username).toBe('demo-secadmin');
    const codes: string[] = ok.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const s = sessionFrom(t.app, cookieOf(ok), ok.json().csrfToken);
    expect((await s.get('/api/security/policy')).statusCode).toBe(200);

    // The secret is encrypted at rest; recovery codes are kept only as keyed hashes.
    const [row] = await t.database.db.select().from(users).where(eq(users.username, 'demo-secadmin'));
    expect(row?.totpSecret).toMatch(/^v1\.aes256gcm\./);
    expect(row?.totpSecret).not.toContain(secret);
    const stored = await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, row?.id ?? ''));
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(JSON.stringify(stored)).not.toContain(c.replace('-', ''));
    expect(await actions('demo-secadmin', 'auth.totp_enrol')).toHaveLength(1);
    // The token is spent.
    expect((await post('/api/auth/totp/enrolment', { pendingToken: step.json().pendingToken })).statusCode).toBe(401);
  });
});

describe('TOTP at every login', () => {
  let secret = '';
  let codes: string[] = [];
  beforeAll(async () => {
    ({ secret, codes } = await enrol('demo-auditor'));
  });

  it('asks for the code after the password; a code is not accepted twice (replay), audited', async () => {
    // The code of the enrolment's own time step was used there: refused here. The step is read
    // from the database, not from the clock, so a 30-second boundary between the two is harmless.
    const [enrolled] = await t.database.db.select({ step: users.totpLastStep }).from(users).where(eq(users.username, 'demo-auditor'));
    const usedStep = Number(enrolled?.step);
    expect(usedStep).toBeGreaterThan(0);
    const first = (await password('demo-auditor')).json();
    expect(first.secondFactor).toBe('verify');
    const replay = await post('/api/auth/totp', { pendingToken: first.pendingToken, code: await generate({ secret, epoch: usedStep * 30 }) });
    expect(replay.statusCode).toBe(401);
    expect((await actions('demo-auditor', 'auth.totp_failed')).at(-1)?.detail).toContain('重放');
    // The next step's code (a phone clock slightly ahead) is within the window and new.
    const next = await generate({ secret, epoch: (usedStep + 1) * 30 });
    const ok = await post('/api/auth/totp', { pendingToken: first.pendingToken, code: next });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().username).toBe('demo-auditor');
    expect((await actions('demo-auditor', 'auth.login')).at(-1)?.detail).toContain('动态口令');
    const again = (await password('demo-auditor')).json();
    expect((await post('/api/auth/totp', { pendingToken: again.pendingToken, code: next })).statusCode).toBe(401);
  });

  it('can be finished by another process on the same database (the step is in the database)', async () => {
    const other = await buildApp({ database: t.database, cipher: t.cipher, webDir: null });
    await other.ready();
    try {
      await t.database.db.update(users).set({ totpLastStep: null }).where(eq(users.username, 'demo-auditor'));
      const step = (await password('demo-auditor')).json();
      const res = await other.inject({ method: 'POST', url: '/api/auth/totp', payload: { pendingToken: step.pendingToken, code: await generate({ secret }) } });
      expect(res.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('takes a recovery code instead, each once, audited', async () => {
    const code = codes[0] ?? '';
    const step = (await password('demo-auditor')).json();
    const ok = await post('/api/auth/totp', { pendingToken: step.pendingToken, code: code.toLowerCase() });
    expect(ok.statusCode).toBe(200);
    const used = await actions('demo-auditor', 'auth.recovery_code_used');
    expect(used).toHaveLength(1);
    expect(used[0]?.detail).toContain('剩余 9');
    const step2 = (await password('demo-auditor')).json();
    expect((await post('/api/auth/totp', { pendingToken: step2.pendingToken, code })).statusCode).toBe(401);
    expect((await actions('demo-auditor', 'auth.totp_failed')).at(-1)?.detail).toContain('恢复码');
    // Another unused one still works.
    expect((await post('/api/auth/totp', { pendingToken: step2.pendingToken, code: codes[1] ?? '' })).statusCode).toBe(200);
  });

  it('refuses an expired step', async () => {
    const step = (await password('demo-auditor')).json();
    await t.database.db.update(loginChallenges).set({ expiresAt: new Date(Date.now() - 1000) }).where(sql`${loginChallenges.usedAt} IS NULL`);
    await t.database.db.update(users).set({ totpLastStep: null }).where(eq(users.username, 'demo-auditor'));
    const res = await post('/api/auth/totp', { pendingToken: step.pendingToken, code: await generate({ secret }) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('重新输入');
  });

  it('locks the account after 5 wrong codes like wrong passwords (429), even to the right code', async () => {
    const step = (await password('demo-auditor')).json();
    const codesSent = [];
    for (let i = 0; i < 5; i++) codesSent.push((await post('/api/auth/totp', { pendingToken: step.pendingToken, code: `00000${i}` })).statusCode);
    expect(codesSent).toEqual([401, 401, 401, 401, 429]);
    await t.database.db.update(users).set({ totpLastStep: null }).where(eq(users.username, 'demo-auditor'));
    const right = await post('/api/auth/totp', { pendingToken: step.pendingToken, code: await generate({ secret }) });
    // The pending step died with the lock; a new login meets the lock.
    expect(right.statusCode).toBe(401);
    expect((await password('demo-auditor')).statusCode).toBe(429);
    expect(await actions('demo-auditor', 'auth.lockout')).toHaveLength(1);
    await t.database.db.update(users).set({ lockedUntil: null }).where(eq(users.username, 'demo-auditor'));
  });
});

describe("the security administrator's switch: TOTP for every role", () => {
  it('off by default (a business user logs straight in); on, a business user enrols at the next login', async () => {
    expect((await password('demo-city')).json().csrfToken).toBeTypeOf('string');
    const sec = await t.login('demo-secadmin');
    const policy = (await sec.get('/api/security/policy')).json();
    expect(policy.totpAllRoles).toBe(false);
    const on = await sec.put('/api/security/policy', { ...policy, totpAllRoles: true, updatedAt: undefined });
    expect(on.statusCode).toBe(200);
    const [audited] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'security.policy_update'));
    expect(audited?.after).toMatchObject({ totpAllRoles: true });
    const step = (await password('demo-city')).json();
    expect(step).toMatchObject({ secondFactor: 'enrol' });
    await enrol('demo-city');
    expect((await password('demo-city')).json().secondFactor).toBe('verify');
    const off = await sec.put('/api/security/policy', { ...on.json<Record<string, unknown>>(), totpAllRoles: false, updatedAt: undefined });
    expect(off.statusCode).toBe(200);
    expect((await password('demo-city')).json().csrfToken).toBeTypeOf('string');
    // Administrators keep it whatever the switch says.
    expect((await password('demo-sysadmin')).json().secondFactor).toBeDefined();
  });
});
