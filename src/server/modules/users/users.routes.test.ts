import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo-sysadmin');
});
afterAll(() => t.close());

const newUser = (over: Record<string, unknown> = {}) => ({
  username: 'wendeng.officer', displayName: '文登区 周科员', roles: ['district_officer'],
  scope: { kind: 'county', regionCode: '371003' }, initialPassword: 'Init#Pass2026', ...over,
});

describe('user administration by the system administrator', () => {
  it('creates a user who must change the password, scoped as chosen, audited', async () => {
    const res = await admin.post('/api/users', newUser());
    expect(res.statusCode).toBe(200);
    const u = res.json();
    expect(u).toMatchObject({ username: 'wendeng.officer', mustChangePassword: true, status: 'active' });
    expect(u.scope).toMatchObject({ kind: 'county', regionCode: '371003', label: '文登区' });
    const [row] = await t.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'user.create' AND ${auditLog.objectId} = ${u.id}`);
    expect(JSON.stringify(row?.after)).not.toContain('argon2');
  });

  it('scopes a station worker to the station of the chosen town', async () => {
    const res = await admin.post('/api/users', newUser({
      username: 'worker.two', roles: ['station_worker'], scope: { kind: 'station', regionCode: '371002002' },
    }));
    expect(res.statusCode).toBe(200);
    expect(res.json().scope.label).toBe('环翠区鲸园街道社会工作服务站');
  });

  it('refuses 三员分立 breaches in the API and in the database', async () => {
    const two = await admin.post('/api/users', newUser({ username: 'double.admin', roles: ['sys_admin', 'audit_admin'], scope: { kind: 'none' } }));
    expect(two.statusCode).toBe(400);
    expect(two.json().error.details.fields[0]).toMatchObject({ path: 'roles' });
    expect(two.json().error.details.fields[0].message).toContain('三员分立');
    const mixed = await admin.post('/api/users', newUser({ username: 'mixed.admin', roles: ['sec_admin', 'city_officer'], scope: { kind: 'none' } }));
    expect(mixed.statusCode).toBe(400);
    await expect(
      t.database.db.insert(users).values({
        username: 'raw.double', displayName: 'x', passwordHash: 'x', roles: ['sec_admin', 'audit_admin'], scopeKind: 'none',
      }),
    ).rejects.toThrow();
  });

  it('refuses a scope that does not fit the role, a weak password, a taken username', async () => {
    const kind = await admin.post('/api/users', newUser({ username: 'bad.scope', scope: { kind: 'city', regionCode: '371000' } }));
    expect(kind.json().error.details.fields[0].path).toBe('scope.kind');
    const region = await admin.post('/api/users', newUser({ username: 'bad.region', scope: { kind: 'county', regionCode: '371002002' } }));
    expect(region.json().error.details.fields[0].path).toBe('scope.regionCode');
    const weak = await admin.post('/api/users', newUser({ username: 'weak.pass', initialPassword: 'password1' }));
    expect(weak.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('initialPassword');
    const taken = await admin.post('/api/users', newUser({ username: 'DEMO-CITY' }));
    expect(taken.json().error.details.fields[0]).toMatchObject({ path: 'username', message: '用户名已被使用' });
    const count = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`username in ('bad.scope','bad.region','weak.pass')`);
    expect(count[0]?.n).toBe(0);
  });

  it('changes roles and scope: audited as a permission change, sessions of that user ended', async () => {
    const list = (await admin.get('/api/users?q=demo-evaluator')).json();
    const target = list.items[0];
    const s = await t.login('demo-evaluator');
    const res = await admin.patch(`/api/users/${target.id}`, {
      version: target.version, displayName: target.displayName, roles: ['evaluator'], scope: { kind: 'city', regionCode: '371000' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().scope.label).toBe('威海市');
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    const [row] = await t.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'user.roles_change' AND ${auditLog.objectId} = ${target.id}`);
    expect(row).toBeDefined();
    const stale = await admin.patch(`/api/users/${target.id}`, {
      version: target.version, displayName: 'x', roles: ['evaluator'], scope: { kind: 'city', regionCode: '371000' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('resets a password (change forced), disables (sessions end), unlocks', async () => {
    const target = (await admin.get('/api/users?q=demo-applicant')).json().items[0];
    const s = await t.login('demo-applicant');
    const reset = await admin.post(`/api/users/${target.id}/reset-password`, { newPassword: 'Reset#Pass2026' });
    expect(reset.json().mustChangePassword).toBe(true);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    const s2 = await t.login('demo-applicant', 'Reset#Pass2026');
    expect((await s2.get('/api/stations')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const disabled = await admin.post(`/api/users/${target.id}/status`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    expect((await s2.get('/api/auth/me')).statusCode).toBe(401);
    const refused = await t.anon('POST', '/api/auth/login', { username: 'demo-applicant', password: 'Reset#Pass2026' });
    expect(refused.statusCode).toBe(401);
    await admin.post(`/api/users/${target.id}/status`, { status: 'active' });

    await t.database.db.update(users).set({ lockedUntil: new Date(Date.now() + 600_000) }).where(eq(users.id, target.id));
    const unlocked = await admin.post(`/api/users/${target.id}/unlock`);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await t.anon('POST', '/api/auth/login', { username: 'demo-applicant', password: 'Reset#Pass2026' })).statusCode).toBe(200);
  });

  it('keeps administrators from changing themselves or disabling an administrator', async () => {
    const me = (await admin.get('/api/auth/me')).json();
    const self = await admin.post(`/api/users/${me.id}/status`, { status: 'disabled' });
    expect(self.statusCode).toBe(403);
    // Was 409 (last of a kind); since 三员分立 was tightened no administrator can be disabled here.
    const auditor = (await admin.get('/api/users?role=audit_admin')).json().items[0];
    const last = await admin.post(`/api/users/${auditor.id}/status`, { status: 'disabled' });
    expect(last.statusCode).toBe(403);
  });

  it('the system administrator reads no business data and no audit log', async () => {
    expect((await admin.get('/api/stations')).statusCode).toBe(403);
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    expect((await admin.get('/api/roles')).json()).toHaveLength(10);
  });

  it('lists users with search, role filter and paging', async () => {
    const page = (await admin.get('/api/users?pageSize=3&page=1')).json();
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThanOrEqual(10);
    const admins = (await admin.get('/api/users?role=sys_admin')).json();
    expect(admins.items.every((u: { roles: string[] }) => u.roles.includes('sys_admin'))).toBe(true);
  });
});

describe('security policy (安全管理员)', () => {
  it('tightens the password policy, which then applies to new passwords', async () => {
    const sec = await t.login('demo-secadmin');
    const current = (await sec.get('/api/security/policy')).json();
    expect(current).toMatchObject({ minLength: 8, minClasses: 3, maxFailedLogins: 5, lockMinutes: 30, idleMinutes: 30, absoluteHours: 12 });
    const res = await sec.put('/api/security/policy', { ...current, minLength: 12, updatedAt: undefined });
    expect(res.statusCode).toBe(200);
    const short = await admin.post('/api/users', newUser({ username: 'short.pass', initialPassword: 'Short#Pw26' }));
    expect(short.json().error.details.fields[0].message).toContain('12');
    const stale = await sec.put('/api/security/policy', { ...current, updatedAt: undefined });
    expect(stale.statusCode).toBe(409);
    expect((await sec.get('/api/stations')).statusCode).toBe(403);
  });
});
