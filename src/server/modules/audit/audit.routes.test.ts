import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction, AuditEntry as FullEntry } from '../../../shared/contracts/audit';
import { chinaToday } from '../../../shared/rules/china-date';
import { writeAuditAlone } from '../../platform/audit';
import { systemContext } from '../../platform/context';
import { idNumberBornOn } from '../../testing/factories';
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
  const worker = await t.login('demo-worker');
  const village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json<{ code: string }[]>()[0]?.code;
  const client = await worker.post('/api/clients', { name: '刘晓兰', idNumber: idNumberBornOn('1950-04-06', 377), villageCode: village, targetGroups: ['dibao'] });
  expect(client.statusCode).toBe(200);
});
afterAll(() => t.close());

interface Entry extends Pick<FullEntry, 'action' | 'actorName' | 'result' | 'at' | 'changes'> { before?: unknown; after?: unknown }

describe('audit log', () => {
  it('records logins, failures and writes with before and after', async () => {
    const all = (await auditor.get('/api/audit?pageSize=200')).json<{ items: Entry[] }>().items;
    const actions = all.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'station.update']));
    const update = all.find((e) => e.action === 'station.update');
    expect(update?.changes.find((c) => c.field === 'address')?.after?.text).toBe('审计测试地址');
    // The changes stand for the logged images: the raw JSON is not sent a second time.
    expect(update).not.toHaveProperty('after');
    expect(update).not.toHaveProperty('before');
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
      const s = await t.login(u);
      expect((await s.get('/api/audit')).statusCode).toBe(403);
      expect((await s.get('/api/audit/kinds')).statusCode).toBe(403);
      expect((await s.get('/api/audit/export')).statusCode).toBe(403);
    }
    expect((await t.anon('GET', '/api/audit/export')).statusCode).toBe(401);
  });

  it('names the object of each row and shows changes as field: before → after in Chinese', async () => {
    const items = (await auditor.get('/api/audit?pageSize=200')).json<{ items: FullEntry[] }>().items;
    const update = items.find((e) => e.action === 'station.update');
    expect(update?.objectName).toBe('环翠区鲸园街道社会工作服务站');
    const address = update?.changes.find((c) => c.field === 'address');
    expect(address?.label).toBe('地址');
    expect(address?.after?.text).toBe('审计测试地址');
    expect(address?.before?.text).not.toBe('审计测试地址');
    expect(update?.changes.some((c) => c.field === 'version' || c.field === 'updatedAt')).toBe(false);

    const created = items.find((e) => e.action === 'client.create');
    // The auditor reads the client's masked name; no ID-number fragment, no raw id, in the changes.
    expect(created?.objectName).toBe('刘*兰');
    const shown = JSON.stringify(created?.changes);
    expect(shown).toContain('"label":"姓名"');
    expect(shown).toContain('刘*兰');
    expect(shown).not.toContain('刘晓兰');
    expect(shown).not.toContain('idNumberTail');
    expect(created?.changes.find((c) => c.field === 'stationId')?.after?.text).toBe('环翠区鲸园街道社会工作服务站');
    expect(created?.changes.find((c) => c.field === 'targetGroups')?.after?.text).not.toContain('dibao');
    expect(created?.changes.find((c) => c.field === 'status')?.after?.text).toBe('在册');
  });

  it('offers as filters every action and object type present in the log, new kinds included', async () => {
    const before = (await auditor.get('/api/audit/kinds')).json<{ actions: { code: string; label: string }[]; objectTypes: { code: string; label: string }[] }>();
    expect(before.actions).toEqual(expect.arrayContaining([{ code: 'station.update', label: '编辑社工站' }, { code: 'auth.login_failed', label: '登录失败' }]));
    expect(before.objectTypes).toEqual(expect.arrayContaining([{ code: 'station', label: '社工站' }, { code: 'client', label: '服务对象' }]));
    expect(before.actions.some((a) => a.code === 'future.kind')).toBe(false);
    // A kind of entry no label map knows yet appears, under its own code.
    const ctx = systemContext(t.database.db, t.app.log, t.cipher);
    await writeAuditAlone(ctx, { action: 'future.kind' as AuditAction, objectType: 'future_object', objectId: 'x' });
    const after = (await auditor.get('/api/audit/kinds')).json<typeof before>();
    expect(after.actions).toContainEqual({ code: 'future.kind', label: 'future.kind' });
    expect(after.objectTypes).toContainEqual({ code: 'future_object', label: 'future_object' });
    expect(after.actions.map((a) => a.code)).toEqual([...new Set(after.actions.map((a) => a.code))]);
  });

  it('exports the filtered log as .xlsx, and the export is itself audited', async () => {
    const res = await auditor.get('/api/audit/export?action=station.update');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['x-export-capped']).toBe('false');
    expect(res.headers['x-export-total']).toBe('1');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const lines: string[] = [];
    sheet?.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')));
    expect(lines[0]).toContain('操作=编辑社工站');
    expect(lines[0]).toContain('符合条件 1 条，导出 1 条');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('编辑社工站');
    expect(lines[2]).toContain('环翠区鲸园街道社会工作服务站');
    expect(lines[2]).toContain('地址：');
    expect(lines[2]).toContain('→ 审计测试地址');
    const exports = (await auditor.get('/api/audit?action=audit.export')).json<{ items: FullEntry[] }>().items;
    expect(exports).toHaveLength(1);
    expect(exports[0]?.actorName).toBe('demo-auditor');
    expect(exports[0]?.detail).toContain('导出 1 条');
    expect(exports[0]?.detail).toContain('操作=编辑社工站');
  });
});
