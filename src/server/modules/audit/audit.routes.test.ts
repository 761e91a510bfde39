import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let auditor: Session;
beforeAll(async () => {
  t = await createTestApp();
  auditor = await t.login('demo-auditor');
  const city = await t.login('demo-city');
  await t.anon('POST', '/api/auth/login', { username: 'demo-city', password: 'Wrong#pass1' });
  const list = (await city.get('/api/stations?q=鲸园'.replace('鲸园', encodeURIComponent('鲸园')))).json();
  const s = (await city.get(`/api/stations/${list.items[0].id}`)).json();
  const { id: _i, name: _n, townCode: _t, townName: _tn, countyCode: _c, countyShortName: _cs, status: _s, operatorOrgName: _o,
    updatedAt: _u, statusReason: _sr, operatorOrgId: _oi, createdAt: _ca, findings: _f, ...editable } = s;
  await city.patch(`/api/stations/${s.id}`, { ...editable, address: '审计测试地址' });
});
afterAll(() => t.close());

interface Entry { action: string; actorName: string; result: string; after: { address?: string } | null; at: string }

describe('audit log', () => {
  it('records logins, failures and writes with before and after', async () => {
    const all = (await auditor.get('/api/audit?pageSize=200')).json<{ items: Entry[] }>().items;
    const actions = all.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'station.update']));
    const update = all.find((e) => e.action === 'station.update');
    expect(update?.after?.address).toBe('审计测试地址');
    expect(update?.actorName).toBe('demo-city');
  });

  it('searches by user, action and China day', async () => {
    const byAction = (await auditor.get('/api/audit?action=auth.login_failed')).json<{ items: Entry[]; total: number }>();
    expect(byAction.total).toBe(1);
    expect(byAction.items[0]?.result).toBe('fail');
    const byActor = (await auditor.get('/api/audit?actor=demo-city&action=station.update')).json<{ total: number }>();
    expect(byActor.total).toBe(1);
    const today = chinaToday();
    expect((await auditor.get(`/api/audit?from=${today}&to=${today}`)).json<{ total: number }>().total).toBeGreaterThan(3);
    expect((await auditor.get('/api/audit?to=2020-01-01')).json<{ total: number }>().total).toBe(0);
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const db = t.database.db;
    await expect(db.execute(sql`UPDATE audit_log SET detail = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
  });

  it('detects tampering through the hash chain', async () => {
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true, brokenAtId: null });
    // Someone with the power to switch the trigger off edits a row…
    const db = t.database.db;
    await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await db.execute(sql`UPDATE audit_log SET actor_name = 'someone-else' WHERE id = (SELECT min(id) + 1 FROM audit_log)`);
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    const res = (await auditor.get('/api/audit/verify')).json();
    expect(res.ok).toBe(false);
    expect(res.brokenAtId).toBeGreaterThan(0);
  });

  it('is readable only by the audit administrator', async () => {
    for (const u of ['demo-city', 'demo-sysadmin', 'demo-secadmin']) {
      expect((await (await t.login(u)).get('/api/audit')).statusCode).toBe(403);
    }
  });
});
