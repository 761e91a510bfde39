import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema';
import { createTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../../testing/test-app';

// 三员分立 that holds: every path by which the system administrator could reach business data
// or the audit log is refused (403, a clear message) and the refusal is in the audit log.

let t: TestApp;
let admin: Session;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo-sysadmin');
  for (const u of await t.database.db.select().from(users)) ids[u.username] = u.id;
});
afterAll(() => t.close());

async function refusals(action: string, objectId: string) {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectId, objectId), eq(auditLog.result, 'fail')));
}

const id = (username: string) => {
  const v = ids[username];
  if (!v) throw new Error(`no ${username}`);
  return v;
};

describe('the system administrator cannot make or touch an administrator', () => {
  it.each(['sys_admin', 'sec_admin', 'audit_admin'])('refuses creating a %s (command line only), audited', async (role) => {
    const res = await admin.post('/api/users', {
      username: `new.${role}`, displayName: 'x', roles: [role], scope: { kind: 'none' }, initialPassword: 'Init#Pass2026',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('三员分立');
    expect(res.json().error.message).toContain('admin:create');
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.create'), eq(auditLog.result, 'fail'), sql`${auditLog.after}->>'username' = ${`new.${role}`}`));
    expect(row?.actorName).toBe('demo-sysadmin');
    expect(row?.detail).toContain('已拒绝');
    expect(await t.database.db.select().from(users).where(eq(users.username, `new.${role}`))).toHaveLength(0);
  });

  it('refuses turning a business user into the auditor, audited', async () => {
    const target = (await admin.get('/api/users?q=demo-town')).json().items[0];
    const res = await admin.patch(`/api/users/${target.id}`, {
      version: target.version, displayName: target.displayName, roles: ['audit_admin'], scope: { kind: 'none' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('三员分立');
    expect(await refusals('user.roles_change', target.id)).toHaveLength(1);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, target.id));
    expect(row?.roles).toEqual(['town_officer']);
  });

  it('refuses giving the auditor a business role, or editing, disabling, unlocking an administrator, audited', async () => {
    const auditor = (await admin.get('/api/users?role=audit_admin')).json().items[0];
    const edit = await admin.patch(`/api/users/${auditor.id}`, {
      version: auditor.version, displayName: auditor.displayName, roles: ['city_officer'], scope: { kind: 'city', regionCode: '371000' },
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.message).toContain('三员分立');
    expect(await refusals('user.update', auditor.id)).toHaveLength(1);
    const disable = await admin.post(`/api/users/${auditor.id}/status`, { status: 'disabled' });
    expect(disable.statusCode).toBe(403);
    expect(await refusals('user.status', auditor.id)).toHaveLength(1);
    const unlock = await admin.post(`/api/users/${auditor.id}/unlock`);
    expect(unlock.statusCode).toBe(403);
    expect(await refusals('user.unlock', auditor.id)).toHaveLength(1);
    const secadmin = id('demo-secadmin');
    expect((await admin.post(`/api/users/${secadmin}/status`, { status: 'disabled' })).statusCode).toBe(403);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, auditor.id));
    expect(row).toMatchObject({ roles: ['audit_admin'], status: 'active' });
  });

  it("refuses resetting the auditor's (or the security administrator's) password: the old one still works, audited", async () => {
    for (const username of ['demo-auditor', 'demo-secadmin']) {
      const res = await admin.post(`/api/users/${id(username)}/reset-password`, { newPassword: 'Taken#Over2026' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('admin:reset');
      expect(await refusals('user.password_reset', id(username))).toHaveLength(1);
      const takeover = await t.anon('POST', '/api/auth/login', { username, password: 'Taken#Over2026' });
      expect(takeover.statusCode).toBe(401);
    }
    // The auditor still logs in with their own password (and second factor).
    expect((await (await t.login('demo-auditor')).get('/api/audit/verify')).statusCode).toBe(200);
  });

  it('refuses changes to its own account (roles, status), audited', async () => {
    const me = (await admin.get('/api/auth/me')).json();
    const self = await admin.patch(`/api/users/${me.id}`, {
      version: 1, displayName: 'x', roles: ['city_officer'], scope: { kind: 'city', regionCode: '371000' },
    });
    expect(self.statusCode).toBe(403);
    expect(await refusals('user.update', me.id)).toHaveLength(1);
    expect((await admin.post(`/api/users/${me.id}/status`, { status: 'disabled' })).statusCode).toBe(403);
    expect(await refusals('user.status', me.id)).toHaveLength(1);
  });

  it('offers no way to log in as someone else: no such route exists', async () => {
    const doc = (await t.anon('GET', '/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((p) => /impersonat|sudo|login-as|switch-user|become/i.test(p))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('/api/auth/')).sort()).toEqual([
      '/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/auth/password', '/api/auth/profile',
      '/api/auth/reset-notice', '/api/auth/totp', '/api/auth/totp/enrolment', '/api/auth/totp/enrolment/confirm',
    ]);
  });
});

describe('a reset password is one-time and the person is told', () => {
  it('forces a change, shows who reset it and when (login, /me) until acknowledged, and is in the audit log', async () => {
    const target = id('demo-district');
    const before = Date.now();
    const reset = await admin.post(`/api/users/${target}/reset-password`, { newPassword: 'Reset#Pass2026' });
    expect(reset.statusCode).toBe(200);
    const [audited] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.password_reset'), eq(auditLog.objectId, target), eq(auditLog.result, 'ok')));
    expect(audited?.actorName).toBe('demo-sysadmin');

    const login = await t.anon('POST', '/api/auth/login', { username: 'demo-district', password: 'Reset#Pass2026' });
    const me = login.json();
    expect(me.mustChangePassword).toBe(true);
    expect(me.passwordReset.by).toContain('demo-sysadmin');
    expect(new Date(me.passwordReset.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const s = await t.login('demo-district', 'Reset#Pass2026');
    expect((await s.get('/api/stations')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await s.post('/api/auth/password', { currentPassword: 'Reset#Pass2026', newPassword: 'Mine#Again2026' });
    expect(changed.statusCode).toBe(200);
    // Still shown after the change, until the person says they have seen it.
    expect((await s.get('/api/auth/me')).json().passwordReset.by).toContain('demo-sysadmin');
    const ack = await s.post('/api/auth/reset-notice');
    expect(ack.json().passwordReset).toBeNull();
    expect((await s.get('/api/auth/me')).json().passwordReset).toBeNull();
    // The one-time password is spent.
    expect((await t.anon('POST', '/api/auth/login', { username: 'demo-district', password: 'Reset#Pass2026' })).statusCode).toBe(401);
    expect((await t.anon('POST', '/api/auth/login', { username: 'demo-district', password: DEMO_PASSWORD })).statusCode).toBe(401);
  });
});
