import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { auditLog } from '../../db/schema';
import { fillWorkbook, idNumberBornOn, multipartFile, XLSX_MIME } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let worker: Session;
let village: string;
let clientId: string;

const elder = idNumberBornOn('1948-03-12', 215);
const client = (over: Record<string, unknown> = {}) => ({
  name: '刘桂兰', idNumber: elder, phone: '13512345678', villageCode: village, address: '鲸园街道某小区3号楼',
  household: [{ name: '刘强', relation: '儿子', phone: '13900002222' }], targetGroups: ['tekun_elderly_dispersed', 'left_behind_elderly'],
  riskLevel: 'medium', ...over,
});

async function stationUser(username: string, townCode: string): Promise<Session> {
  const admin = await t.login('demo-sysadmin');
  const res = await admin.post('/api/users', {
    username, displayName: username, roles: ['station_worker'], scope: { kind: 'station', regionCode: townCode }, initialPassword: 'Init#Pass2026',
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  const s = await t.login(username, 'Init#Pass2026');
  await s.post('/api/auth/password', { currentPassword: 'Init#Pass2026', newPassword: 'Own#Pass2026' });
  return t.login(username, 'Own#Pass2026');
}

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
  village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
  const res = await worker.post('/api/clients', client());
  if (res.statusCode !== 200) throw new Error(res.body);
  clientId = res.json().id;
});
afterAll(() => t.close());

describe('registering a client (服务对象)', () => {
  it('files the client at the worker’s station and village, masked, with sex and birth date from the ID', async () => {
    const c = (await worker.get(`/api/clients/${clientId}`)).json();
    expect(c).toMatchObject({ birthDate: '1948-03-12', sex: 'male', stationName: '环翠区鲸园街道社会工作服务站', legalBasis: 'statutory' });
    expect(c.idNumberMasked).toBe(`3710**********${elder.slice(-4)}`);
    expect(c.household[0]).toEqual({ name: '刘强', relation: '儿子', phoneMasked: '139****2222' });
    const raw = JSON.stringify(await t.database.db.execute(sql`SELECT * FROM clients`));
    expect(raw).not.toContain(elder);
    expect(raw).not.toContain('13900002222');
  });

  it('refuses the same ID number twice in the city and shows likely duplicates by name and birth date', async () => {
    const again = await (await t.login('demo-district')).post('/api/clients', client({ stationId: (await worker.get(`/api/clients/${clientId}`)).json().stationId }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.fields[0].path).toBe('idNumber');
    const dups = (await worker.get(`/api/clients/duplicates?name=${encodeURIComponent('刘桂兰')}&birthDate=1948-03-12`)).json();
    expect(dups.map((d: { id: string }) => d.id)).toEqual([clientId]);
  });

  it('needs a guardian for a minor and, under 14, the guardian’s consent (R-PIPL-MINOR)', async () => {
    const year = Number(chinaToday().slice(0, 4));
    const child = idNumberBornOn(`${year - 9}-05-01`, 317);
    const noGuardian = await worker.post('/api/clients', client({ name: '小明', idNumber: child, targetGroups: ['left_behind_children'] }));
    expect(noGuardian.json().error.details.fields[0].path).toBe('guardian');
    const guardian = { name: '王芳', relation: '母亲', phone: '13600003333' };
    const noConsent = await worker.post('/api/clients', client({ name: '小明', idNumber: child, guardian, targetGroups: ['left_behind_children'] }));
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.json().error.details.rule.id).toBe('R-PIPL-MINOR');
    const ok = await worker.post('/api/clients', client({
      name: '小明', idNumber: child, guardian, targetGroups: ['left_behind_children'],
      consents: [{ kind: 'guardian', givenBy: '王芳', relation: '母亲', givenOn: chinaToday() }],
    }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().consents[0]).toMatchObject({ kind: 'guardian', givenBy: '王芳' });
  });

  it('refuses a village outside the station’s town', async () => {
    const other = (await worker.get('/api/regions?level=village&parentCode=371002001')).json()[0].code;
    const res = await worker.post('/api/clients', client({ idNumber: idNumberBornOn('1950-01-01', 411), villageCode: other }));
    expect(res.json().error.details.fields[0].path).toBe('villageCode');
  });
});

describe('who sees a client', () => {
  it('another station’s worker gets 404; the district and the running organisation see it; another organisation does not', async () => {
    const neighbour = await stationUser('neighbour.worker', '371002001');
    expect((await neighbour.get(`/api/clients/${clientId}`)).statusCode).toBe(404);
    expect((await neighbour.get('/api/clients')).json().total).toBe(0);
    expect((await (await t.login('demo-district')).get(`/api/clients/${clientId}`)).statusCode).toBe(200);
    expect((await (await t.login('demo-org')).get(`/api/clients/${clientId}`)).statusCode).toBe(200);
    expect((await (await t.login('demo-town')).get('/api/clients')).json().total).toBeGreaterThan(0);
    const admin = await t.login('demo-sysadmin');
    const orgs = (await admin.get('/api/users/org-options')).json() as { id: string; name: string }[];
    const rongcheng = orgs.find((o) => o.name.startsWith('荣成市'));
    await admin.post('/api/users', {
      username: 'rc.manager', displayName: '荣成机构', roles: ['org_manager'], scope: { kind: 'org', orgId: rongcheng?.id }, initialPassword: 'Init#Pass2026',
    });
    const s = await t.login('rc.manager', 'Init#Pass2026');
    await s.post('/api/auth/password', { currentPassword: 'Init#Pass2026', newPassword: 'Own#Pass2026' });
    const otherOrg = await t.login('rc.manager', 'Own#Pass2026');
    expect((await otherOrg.get(`/api/clients/${clientId}`)).statusCode).toBe(404);
    expect((await otherOrg.get('/api/clients')).json().total).toBe(0);
  });

  it('an evaluator sees no ID numbers or phones', async () => {
    const evaluator = await t.login('demo-evaluator');
    const list = (await evaluator.get('/api/clients')).json();
    expect(list.items[0].idNumberMasked).toBeNull();
    const c = (await evaluator.get(`/api/clients/${clientId}`)).json();
    expect(c.idNumberMasked).toBeNull();
    expect(c.phoneMasked).toBeNull();
    expect(c.household[0].phoneMasked).toBe('');
    expect((await evaluator.post(`/api/clients/${clientId}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
  });

  it('logs every view and reveal; the client page shows who looked; the log cannot be changed', async () => {
    await (await t.login('demo-district')).get(`/api/clients/${clientId}`);
    const revealed = await worker.post(`/api/clients/${clientId}/reveal`, { field: 'idNumber' });
    expect(revealed.json().value).toBe(elder);
    const log = (await worker.get(`/api/clients/${clientId}/access-log?pageSize=50`)).json();
    const who = log.items.map((e: { username: string; action: string }) => `${e.username}:${e.action}`);
    expect(who).toContain('demo-district:view');
    expect(who).toContain('demo-worker:reveal');
    expect(who).toContain('demo-evaluator:view');
    await expect(t.database.db.execute(sql`DELETE FROM client_access_log`)).rejects.toThrow();
    const reveals = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'client.reveal'));
    expect(reveals).toHaveLength(1);
  });
});

describe('Excel import of clients', () => {
  const fill = async (rows: string[][]) => {
    const template = (await worker.get('/api/clients/import/template')).rawPayload;
    return fillWorkbook(template, { 服务对象: rows });
  };
  const upload = async (content: Buffer, query = '') => {
    const body = multipartFile('对象.xlsx', content, XLSX_MIME);
    return worker.request('POST', `/api/clients/import${query}`, body.payload, body.headers);
  };

  it('checks every row and writes nothing unless all are valid; valid-only writes the good ones', async () => {
    const villageName = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[1].name;
    const year = Number(chinaToday().slice(0, 4));
    const good = idNumberBornOn('1951-09-09', 713);
    const child = idNumberBornOn(`${year - 8}-03-03`, 715);
    const file = await fill([
      ['孙爷爷', good, '', villageName, '', '特困、留守老人', '高', '', '', '', ''],
      ['小红', child, '', villageName, '', '农村留守儿童', '', '李梅', '母亲', '', ''],
      ['错号', '110105194912310021', '', '不存在的村', '', '外星人', '', '', '', '', ''],
    ]);
    const all = (await upload(file)).json();
    expect(all).toMatchObject({ written: false, rows: 3, validRows: 1, invalidRows: 2, created: 0 });
    const columns = all.issues.map((i: { row: number; column: string }) => `${i.row}:${i.column}`);
    expect(columns).toEqual(expect.arrayContaining(['3:监护人同意日期', '4:身份证号', '4:村（社区）', '4:对象类别']));
    expect((await worker.get(`/api/clients?q=${encodeURIComponent('孙爷爷')}`)).json().total).toBe(0);
    const some = (await upload(file, '?mode=valid-only')).json();
    expect(some).toMatchObject({ written: true, created: 1 });
    const found = (await worker.get(`/api/clients?q=${encodeURIComponent('孙爷爷')}`)).json();
    expect(found.items[0]).toMatchObject({ riskLevel: 'high', targetGroups: ['tekun', 'left_behind_elderly'] });
  });
});
