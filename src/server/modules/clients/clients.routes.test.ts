import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { auditLog } from '../../db/schema';
import { fillWorkbook, idNumberBornOn, multipartFile, XLSX_MIME } from '../../testing/factories';
import { setCountCapForTests } from '../../platform/capped-count';
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
    const neighbour = await t.userWith('neighbour.worker', ['station_worker'], { kind: 'station', regionCode: '371002001' });
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

  it('an evaluator cannot learn ID digits by searching: the search matches names only for roles without ID numbers', async () => {
    const tail = elder.slice(-4);
    const evaluator = await t.login('demo-evaluator');
    expect((await evaluator.get(`/api/clients?q=${tail}`)).json().total).toBe(0);
    const district = await t.login('demo-district');
    expect((await district.get(`/api/clients?q=${tail}`)).json().items.map((c: { id: string }) => c.id)).toContain(clientId);
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

describe('editing a client', () => {
  it('saves the profile with the ID number fixed; an absent or empty phone keeps the stored number, null removes it', async () => {
    const villages = (await worker.get('/api/regions?level=village&parentCode=371002002')).json() as { code: string }[];
    const created = await worker.post('/api/clients', client({
      name: '赵秀英', idNumber: idNumberBornOn('1946-07-07', 905), phone: '13612340000',
      household: [{ name: '赵军', relation: '儿子', phone: '13900005555' }],
      guardian: { name: '赵军', relation: '儿子', phone: '13900005555' },
    }));
    expect(created.statusCode).toBe(200);
    const id = created.json().id as string;
    const edit = (over: Record<string, unknown>) => ({
      version: 1, name: '赵秀英', villageCode: villages[2]?.code, address: '新址 5 号', targetGroups: ['tekun'], riskLevel: 'high',
      legalBasis: 'statutory', household: [{ name: '赵军', relation: '长子', phone: '' }, { name: '赵丽', relation: '女儿', phone: '13800004444' }],
      guardian: { name: '赵军', relation: '儿子' }, ...over,
    });

    const saved = await worker.patch(`/api/clients/${id}`, edit({}));
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 2, villageCode: villages[2]?.code, address: '新址 5 号', targetGroups: ['tekun'], riskLevel: 'high', phoneMasked: '136****0000',
      household: [{ name: '赵军', relation: '长子', phoneMasked: '139****5555' }, { name: '赵丽', relation: '女儿', phoneMasked: '138****4444' }],
      guardian: { name: '赵军', phoneMasked: '139****5555' },
    });
    expect((await worker.post(`/api/clients/${id}/reveal`, { field: 'phone' })).json().value).toBe('13612340000');

    // A new phone replaces; null removes; a different guardian does not inherit the old one's phone.
    const next = await worker.patch(`/api/clients/${id}`, edit({
      version: 2, phone: null, household: [{ name: '赵军', relation: '长子', phone: null }], guardian: { name: '钱红', relation: '女儿', phone: '' },
    }));
    expect(next.json()).toMatchObject({ phoneMasked: '', household: [{ name: '赵军', phoneMasked: '' }], guardian: { name: '钱红', phoneMasked: '' } });
    const replaced = await worker.patch(`/api/clients/${id}`, edit({ version: 3, phone: '13700001111' }));
    expect(replaced.json().phoneMasked).toBe('137****1111');

    // The ID number is not an editable field; a stale version is a conflict.
    const withId = await worker.patch(`/api/clients/${id}`, edit({ version: 4, idNumber: idNumberBornOn('1946-07-07', 907) }));
    expect(withId.statusCode).toBe(400);
    expect((await worker.patch(`/api/clients/${id}`, edit({ version: 3 }))).statusCode).toBe(409);
    const log = (await worker.get(`/api/clients/${id}/access-log?pageSize=50`)).json();
    expect(log.items.filter((e: { action: string }) => e.action === 'update')).toHaveLength(3);
    const raw = JSON.stringify(await t.database.db.execute(sql`SELECT * FROM clients WHERE id = ${id}`));
    expect(raw).not.toContain('13700001111');
  });

  it('refuses an edit from another station (404) and a minor left without a guardian', async () => {
    const neighbour = await t.login('neighbour.worker', 'Own#Pass2026');
    const current = (await worker.get(`/api/clients/${clientId}`)).json();
    const body = {
      version: current.version, name: current.name, villageCode: current.villageCode, targetGroups: current.targetGroups,
      household: [], guardian: null,
    };
    expect((await neighbour.patch(`/api/clients/${clientId}`, body)).statusCode).toBe(404);
    const year = Number(chinaToday().slice(0, 4));
    const child = (await worker.get(`/api/clients?q=${encodeURIComponent('小明')}`)).json().items[0];
    expect(child.birthDate.slice(0, 4)).toBe(String(year - 9));
    const full = (await worker.get(`/api/clients/${child.id}`)).json();
    const orphaned = await worker.patch(`/api/clients/${child.id}`, {
      version: full.version, name: full.name, villageCode: full.villageCode, targetGroups: full.targetGroups, guardian: null,
    });
    expect(orphaned.json().error.details.fields[0].path).toBe('guardian');
  });
});

describe('the import report as Excel', () => {
  it('returns the uploaded sheet with a 校验结果 column and a 问题汇总 sheet, and writes nothing', async () => {
    const villageName = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[1].name;
    const template = (await worker.get('/api/clients/import/template')).rawPayload;
    const good = idNumberBornOn('1952-02-02', 733);
    const file = await fillWorkbook(template, {
      服务对象: [
        ['周大爷', good, '', villageName, '', '低保', '', '', '', '', ''],
        ['吴错号', '110105194912310021', '', villageName, '', '低保', '很高', '', '', '', ''],
      ],
    });
    const body = multipartFile('对象.xlsx', file, XLSX_MIME);
    const res = await worker.request('POST', '/api/clients/import/report', body.payload, body.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('服务对象');
    expect(sheet?.getCell(1, 12).value).toBe('校验结果');
    expect(sheet?.getCell(2, 12).value).toBe('通过');
    expect(String(sheet?.getCell(3, 12).value)).toMatch(/身份证号：.*；风险等级：风险等级请填写 低、中 或 高/);
    const summary = book.getWorksheet('问题汇总');
    expect(summary?.getCell(2, 2).value).toBe(3);
    expect(String(summary?.getCell(summary.rowCount, 1).value)).toBe('共 2 行，有效 1 行，有问题 1 行');
    expect((await worker.get(`/api/clients?q=${encodeURIComponent('周大爷')}`)).json().total).toBe(0);
  });
});

describe('我的服务对象 (mine)', () => {
  it('lists the clients with the user’s cases or records, also those where the user was a co-worker', async () => {
    const district = await t.login('demo-district');
    const stationId = (await worker.get(`/api/clients/${clientId}`)).json().stationId as string;
    const register = async (name: string, seq: number) => {
      const res = await district.post('/api/clients', client({ name, idNumber: idNumberBornOn('1941-04-04', seq), stationId, household: [] }));
      if (res.statusCode !== 200) throw new Error(res.body);
      return res.json().id as string;
    };
    const [byRecord, byCase, byCoWork, notMine] = [await register('冯一', 811), await register('冯二', 813), await register('冯三', 815), await register('冯四', 817)];
    const record = { date: chinaToday(), durationMinutes: 30, method: 'case', itemCode: 'EL02' };
    expect((await worker.post('/api/service-records', { ...record, clientIds: [byRecord] })).statusCode).toBe(200);
    expect((await worker.post('/api/cases', { clientId: byCase, intakeNote: '邻居反映独居' })).statusCode).toBe(200);
    const options = (await district.get(`/api/service-records/co-workers?stationId=${stationId}&date=${chinaToday()}`)).json() as { id: string; name: string }[];
    const chenXiao = options.find((w) => w.name === '陈晓')?.id;
    expect((await district.post('/api/service-records', { ...record, stationId, clientIds: [byCoWork], coWorkerIds: [chenXiao] })).statusCode).toBe(200);

    const ids = async (s: Session, q: string) => ((await s.get(`/api/clients?pageSize=200${q}`)).json().items as { id: string }[]).map((c) => c.id);
    expect((await ids(worker, '&mine=true')).sort()).toEqual([byRecord, byCase, byCoWork].sort());
    expect(await ids(district, '&mine=true')).toEqual([byCoWork]);
    expect(await ids(worker, `&q=${encodeURIComponent('冯')}`)).toHaveLength(4);
    expect(await ids(worker, '&mine=false')).toContain(notMine);
  });
});

describe('counting a long list', () => {
  it('counts exactly up to the cap; past it the total is the cap with totalCapped, and paging still works', async () => {
    const district = await t.login('demo-district');
    const exact = (await district.get('/api/clients?pageSize=2')).json();
    expect(exact.totalCapped).toBe(false);
    expect(exact.total).toBeGreaterThan(3);
    const undo = setCountCapForTests(3);
    try {
      const capped = (await district.get('/api/clients?pageSize=2')).json();
      expect(capped).toMatchObject({ total: 3, totalCapped: true });
      expect(capped.items).toHaveLength(2);
      const second = (await district.get('/api/clients?pageSize=2&page=2')).json();
      expect(second.items).toHaveLength(2);
      expect(second.items.map((i: { id: string }) => i.id)).not.toContain(capped.items[0].id);
      // A filter that matches fewer rows than the cap is counted exactly.
      const one = (await district.get(`/api/clients?q=${encodeURIComponent('刘桂兰')}`)).json();
      expect(one).toMatchObject({ total: 1, totalCapped: false });
    } finally {
      undo();
    }
  });
});
