import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../../shared/rules/credit-code';
import { organizations } from '../../db/schema';
import { multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let district: Session;
let orgManager: Session;

const code = (base17: string) => base17 + creditCodeCheckChar(base17);
const newOrg = (over: Record<string, unknown> = {}) => ({
  name: '威海市新星社会工作服务中心', creditCode: code('52371002MJE77777'.padEnd(17, '1')), kind: 'social_work_org',
  registeringAuthority: '威海市民政局', registeredOn: '2020-01-01', legalRepresentative: '王五', contactName: '赵六',
  contactPhone: '13900001111', address: '威海市环翠区', serviceDomains: ['assistance', 'elderly'], ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
  orgManager = await t.login('demo-org');
});
afterAll(() => t.close());

describe('organisations (承接主体)', () => {
  it('registers an organisation with a valid credit code, audited', async () => {
    const res = await district.post('/api/organizations', newOrg());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '威海市新星社会工作服务中心', status: 'active', stationsRun: 0, workersOnPost: 0 });
  });

  it('names the GB 32100 check on a bad credit code and refuses a duplicate; nothing written', async () => {
    const bad = await district.post('/api/organizations', newOrg({ name: '坏代码', creditCode: '91350100M000100Y44' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toEqual({ path: 'creditCode', message: '统一社会信用代码校验位不正确（GB 32100-2015）' });
    const dup = await district.post('/api/organizations', newOrg({ name: '重复' }));
    expect(dup.json().error.details.fields[0]).toMatchObject({ path: 'creditCode', message: '该统一社会信用代码已登记' });
    const names = await t.database.db.select({ name: organizations.name }).from(organizations).where(sql`name in ('坏代码','重复')`);
    expect(names).toEqual([]);
  });

  it('an organisation manager sees and edits only their own organisation', async () => {
    const mine = (await orgManager.get('/api/organizations')).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ name: '威海市环翠区阳光社会工作服务中心', stationsRun: 9 });
    const all = (await district.get('/api/organizations?pageSize=50')).json();
    const other = all.items.find((o: { name: string }) => o.name === '荣成市仁爱社会工作服务中心');
    expect((await orgManager.get(`/api/organizations/${other.id}`)).statusCode).toBe(404);
    const edit = { ...newOrg(), creditCode: undefined, name: '改名', version: other.version };
    expect((await orgManager.patch(`/api/organizations/${other.id}`, edit)).statusCode).toBe(404);
    const own = mine.items[0];
    const ok = await orgManager.patch(`/api/organizations/${own.id}`, { ...newOrg({ name: own.name }), creditCode: undefined, version: own.version });
    expect(ok.statusCode).toBe(200);
    expect((await orgManager.post(`/api/organizations/${own.id}/status`, { version: ok.json().version, status: 'barred', reason: 'x' })).statusCode).toBe(403);
  });

  it('bars an organisation with a reason', async () => {
    const list = (await district.get(`/api/organizations?q=${encodeURIComponent('新星')}`)).json();
    const org = list.items[0];
    const res = await district.post(`/api/organizations/${org.id}/status`, { version: org.version, status: 'barred', reason: '年度评估不合格' });
    expect(res.json()).toMatchObject({ status: 'barred', statusReason: '年度评估不合格' });
    expect((await district.get('/api/organizations?status=barred')).json().total).toBe(1);
  });

  it('keeps registration files, checks their type by content and serves them as attachments', async () => {
    const own = (await orgManager.get('/api/organizations')).json().items[0];
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const up = multipartFile('登记证书.pdf', pdf, 'application/pdf');
    const res = await orgManager.request('POST', `/api/organizations/${own.id}/files`, up.payload, up.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '登记证书.pdf', mime: 'application/pdf' });
    const html = multipartFile('photo.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    const refused = await orgManager.request('POST', `/api/organizations/${own.id}/files`, html.payload, html.headers);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0].path).toBe('file');
    const file = await orgManager.get(`/api/organizations/${own.id}/files/${res.json().id}`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment/);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const detail = (await orgManager.get(`/api/organizations/${own.id}`)).json();
    expect(detail.files).toHaveLength(1);
  });
});

describe('writes to an organisation belong to the county unit that registered it (and the city)', () => {
  it('环翠区 reads 文登区’s organisation but cannot edit it, change its status or upload to it; nothing changes', async () => {
    const wendengOrg = (await district.get(`/api/organizations?q=${encodeURIComponent('同心')}`)).json().items[0];
    expect(wendengOrg).toMatchObject({ countyCode: '371003', writable: false });
    const detail = (await district.get(`/api/organizations/${wendengOrg.id}`)).json();
    const { id: _i, creditCode: _c, status: _s, statusReason: _r, countyCode: _k, writable: _w, stationsRun: _sr, workersOnPost: _wp, version, createdAt: _ca, updatedAt: _u, files: _f, ...editable } = detail;
    const patch = await district.patch(`/api/organizations/${wendengOrg.id}`, { ...editable, contactName: '篡改', version });
    expect(patch.statusCode).toBe(403);
    const status = await district.post(`/api/organizations/${wendengOrg.id}/status`, { version, status: 'barred', reason: '越权' });
    expect(status.statusCode).toBe(403);
    const up = multipartFile('x.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    expect((await district.request('POST', `/api/organizations/${wendengOrg.id}/files`, up.payload, up.headers)).statusCode).toBe(403);
    const after = (await district.get(`/api/organizations/${wendengOrg.id}`)).json();
    expect(after).toMatchObject({ version, contactName: detail.contactName, status: detail.status, files: [] });
    // The city may write to every unit's organisations; 环翠区 to its own.
    const city = await t.login('demo-city');
    expect((await city.patch(`/api/organizations/${wendengOrg.id}`, { ...editable, contactName: '市局更正', version })).statusCode).toBe(200);
    const own = (await district.get(`/api/organizations?q=${encodeURIComponent('阳光')}`)).json().items[0];
    expect(own).toMatchObject({ countyCode: '371002', writable: true });
  });

  it('a county officer registers for its own unit; the city may register for any unit', async () => {
    const mine = await district.post('/api/organizations', newOrg({ name: '区登记机构', creditCode: code('52371002MJE88888'.padEnd(17, '2')), countyCode: '371003' }));
    expect(mine.json()).toMatchObject({ countyCode: '371002', writable: true });
    const city = await t.login('demo-city');
    const theirs = await city.post('/api/organizations', newOrg({ name: '市登记机构', creditCode: code('52371002MJE99999'.padEnd(17, '3')), countyCode: '371083' }));
    expect(theirs.json()).toMatchObject({ countyCode: '371083' });
    expect((await district.get(`/api/organizations/${theirs.json().id}`)).json().writable).toBe(false);
  });
});
