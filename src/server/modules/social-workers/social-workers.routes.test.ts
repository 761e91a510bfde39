import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, socialWorkers, stations } from '../../db/schema';
import { idNumberBornOn } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let district: Session;
let org: Session;
let demoOrgId: string;
let jingyuan: string;

const worker = (over: Record<string, unknown> = {}) => ({
  name: '孙悦', idNumber: idNumberBornOn('1990-05-20', 301), phone: '13712345678', education: 'bachelor', major: '社会工作',
  school: '山东大学', graduatedOn: '2012-07-01', ...over,
});

async function stationOf(townCode: string): Promise<string> {
  const [row] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, townCode));
  if (!row) throw new Error('no station');
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
  org = await t.login('demo-org');
  demoOrgId = (await org.get('/api/auth/me')).json().scope.orgId;
  jingyuan = await stationOf('371002002');
});
afterAll(() => t.close());

describe('registering a social worker', () => {
  it('derives birth date and sex from the ID number, masks it everywhere, stores no plain text', async () => {
    const res = await org.post('/api/social-workers', worker());
    expect(res.statusCode).toBe(200);
    const w = res.json();
    expect(w).toMatchObject({ birthDate: '1990-05-20', sex: 'male', idNumberMasked: '3710**********' + worker().idNumber.slice(-4), phoneMasked: '137****5678', orgId: demoOrgId, qualifiedBy: 'major' });
    expect(JSON.stringify(w)).not.toContain(worker().idNumber);
    const raw = await t.database.db.execute(sql`SELECT * FROM social_workers`);
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain(worker().idNumber);
    expect(dump).not.toContain('13712345678');
    const audit = await t.database.db.execute(sql`SELECT * FROM audit_log`);
    expect(JSON.stringify(audit)).not.toContain(worker().idNumber);
  });

  it('finds the existing person when the same ID number is registered again (lower-case x too)', async () => {
    const id = idNumberBornOn('1988-03-03', 1);
    const withX = id.endsWith('X') ? id : idNumberBornOn('1988-03-03', 11);
    expect((await district.post('/api/social-workers', worker({ name: '第一次', idNumber: withX, orgId: demoOrgId }))).statusCode).toBe(200);
    const again = await org.post('/api/social-workers', worker({ name: '第二次', idNumber: withX.toLowerCase() }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.fields[0].path).toBe('idNumber');
    const n = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(socialWorkers).where(eq(socialWorkers.name, '第二次'));
    expect(n[0]?.n).toBe(0);
  });

  it('marks bad input field by field and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ idNumber: '110105194912310021' }, 'idNumber'],
      [{ idNumber: '110105194913310021' }, 'idNumber'],
      [{ idNumber: idNumberBornOn('2099-01-01') }, 'idNumber'],
      [{ trainings: [{ date: '2024-01-01', hours: -4 }] }, 'trainings.0.hours'],
      [{ certificates: [{ level: 'assistant', obtainedOn: '2024-02-30' }] }, 'certificates.0.obtainedOn'],
      [{ graduatedOn: '2999-01-01' }, 'graduatedOn'],
      [{ education: 'kindergarten' }, 'education'],
    ];
    for (const [over, path] of cases) {
      const res = await org.post('/api/social-workers', worker({ name: '坏数据', idNumber: idNumberBornOn('1991-01-01', 77), ...over }));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const wrong = await org.post('/api/social-workers', worker({ idNumber: '110105194912310021' }));
    expect(wrong.json().error.details.fields[0].message).toContain('校验码');
    const n = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(socialWorkers).where(eq(socialWorkers.name, '坏数据'));
    expect(n[0]?.n).toBe(0);
  });
});

describe('revealing the full ID number', () => {
  it('needs the permission and writes an audit row naming who looked', async () => {
    const list = (await org.get(`/api/social-workers?q=${encodeURIComponent('孙悦')}`)).json();
    const id = list.items[0].id;
    const res = await org.post(`/api/social-workers/${id}/reveal`, { field: 'idNumber' });
    expect(res.json().value).toBe(worker().idNumber);
    const [row] = await t.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'worker.reveal' AND ${auditLog.objectId} = ${id}`);
    expect(row?.actorName).toBe('demo-org');
    expect((await (await t.login('demo-evaluator')).post(`/api/social-workers/${id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
    expect((await (await t.login('demo-town')).post(`/api/social-workers/${id}/reveal`, { field: 'phone' })).statusCode).toBe(403);
  });
});

describe('scope', () => {
  it('an organisation manager sees only their organisation’s people', async () => {
    const mine = (await org.get('/api/social-workers?pageSize=200')).json();
    expect(mine.items.every((w: { orgId: string }) => w.orgId === demoOrgId)).toBe(true);
    const city = await t.login('demo-city');
    const rc = (await city.get('/api/social-workers?countyCode=371082&pageSize=5')).json().items[0];
    expect((await org.get(`/api/social-workers/${rc.id}`)).statusCode).toBe(404);
  });

  it('a town officer sees only the people of their station; search by the last ID digits', async () => {
    const town = await t.login('demo-town');
    const list = (await town.get('/api/social-workers?pageSize=200')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((w: { currentPosting: { stationId: string } | null }) => w.currentPosting?.stationId === jingyuan)).toBe(true);
    const tail = list.items[0].idNumberMasked.slice(-4);
    expect((await town.get(`/api/social-workers?q=${tail}`)).json().items.map((w: { id: string }) => w.id)).toContain(list.items[0].id);
  });
});

describe('posting a worker (R-STAFF-AGE, R-STAFF-EDU, R-STAFF-QUAL)', () => {
  async function register(name: string, birth: string, over: Record<string, unknown> = {}) {
    const res = await org.post('/api/social-workers', worker({ name, idNumber: idNumberBornOn(birth, 500 + name.length), ...over }));
    if (res.statusCode !== 200) throw new Error(res.body);
    return res.json().id as string;
  }
  const post = (s: Session, workerId: string, startDate: string, over: Record<string, unknown> = {}) =>
    s.post('/api/postings', { workerId, stationId: jingyuan, startDate, source: 'purchased', ...over });

  it('refuses a worker who turns 46 on the posting date, with the rule, clause and a Chinese reason', async () => {
    const id = await register('年长者', '1980-06-15');
    const refused = await post(org, id, '2026-06-15');
    expect(refused.statusCode).toBe(422);
    const err = refused.json().error;
    expect(err.details.rule).toMatchObject({ id: 'R-STAFF-AGE', clause: '二（三）' });
    expect(err.message).toContain('该社工在上岗日已满46周岁');
    const ok = await post(org, id, '2026-06-14');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().currentPosting.startDate).toBe('2026-06-14');
  });

  it('names every broken rule when several are broken, and keeps the phone when an edit leaves it out', async () => {
    const id = await register('双不符', '1970-01-01', { education: 'senior_high', major: '' });
    const refused = (await post(org, id, '2024-01-10')).json().error;
    expect(refused.details.rule.id).toBe('R-STAFF-AGE');
    expect(refused.details.rules.map((r: { id: string }) => r.id)).toEqual(['R-STAFF-AGE', 'R-STAFF-EDU', 'R-STAFF-QUAL']);
    const w = (await org.get(`/api/social-workers/${id}`)).json();
    const edited = await org.patch(`/api/social-workers/${id}`, {
      version: w.version, name: '双不符', education: 'junior_college', major: '社会工作', school: '', graduatedOn: null,
    });
    expect(edited.json()).toMatchObject({ phoneMasked: '137****5678', education: 'junior_college' });
  });

  it('refuses a second active posting, a posting before the organisation existed, a station outside scope', async () => {
    const id = await register('张新', '1995-02-02');
    expect((await post(org, id, '2024-01-10')).statusCode).toBe(200);
    const second = await post(org, id, '2024-02-01');
    expect(second.json().error.details.fields[0].path).toBe('workerId');
    const early = await register('李早', '1995-03-03');
    const before = await post(org, early, '2010-01-01');
    expect(before.json().error.details.fields[0]).toMatchObject({ path: 'startDate' });
    expect(before.json().error.details.fields[0].message).toContain('成立日期');
    const rushanStation = await stationOf('371083100');
    const outside = await post(org, early, '2024-01-10', { stationId: rushanStation });
    expect(outside.json().error.details.fields[0].path).toBe('stationId');
  });

  it('lets a district officer record an exception with a reason, which stays visible as a finding', async () => {
    const id = await register('高中生', '1996-04-04', { education: 'senior_high', major: '', certificates: [{ level: 'assistant', obtainedOn: '2020-01-01' }] });
    const byOrg = await post(org, id, '2024-03-01', { exceptionReason: '偏远地区招聘困难' });
    expect(byOrg.statusCode).toBe(403);
    const res = await post(district, id, '2024-03-01', { exceptionReason: '偏远地区招聘困难，已报名学历提升' });
    expect(res.statusCode).toBe(200);
    const w = res.json();
    expect(w.currentPosting.exceptionRules).toEqual(['R-STAFF-EDU']);
    expect(w.findings.map((f: { rule: { id: string } }) => f.rule.id)).toContain('R-STAFF-EDU');
    const [audit] = await t.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'posting.exception' AND ${auditLog.objectId} = ${id}`);
    expect(audit?.detail).toContain('偏远地区招聘困难');
    const station = (await district.get(`/api/compliance/stations/${jingyuan}`)).json();
    expect(station.findings.some((f: { rule: { id: string }; people: { name: string }[] }) => f.rule.id === 'R-STAFF-EDU' && f.people[0]?.name === '高中生')).toBe(true);
  });

  it('gives a posted worker a login scoped to the station; leaving the station ends it', async () => {
    const id = await register('王账号', '1993-09-09');
    await post(org, id, '2024-05-01');
    const acc = await org.post(`/api/social-workers/${id}/account`, { username: 'wang.account', initialPassword: 'Start#2026x' });
    expect(acc.statusCode).toBe(200);
    const s = await t.login('wang.account', 'Start#2026x');
    await s.post('/api/auth/password', { currentPassword: 'Start#2026x', newPassword: 'Mine#Pass2026' });
    const me = await t.login('wang.account', 'Mine#Pass2026');
    expect((await me.get('/api/stations')).json().items.map((x: { id: string }) => x.id)).toEqual([jingyuan]);
    const postingId = acc.json().currentPosting.id;
    const ended = await org.post(`/api/postings/${postingId}/end`, { endDate: '2024-06-30', reason: '合同到期' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().currentPosting).toBeNull();
    expect((await me.get('/api/auth/me')).statusCode).toBe(401);
    const after = await t.login('wang.account', 'Mine#Pass2026');
    expect((await after.get('/api/stations')).json().items).toEqual([]);
  });
});

describe('export', () => {
  it('exports the visible list with masking kept', async () => {
    const res = await org.get('/api/social-workers/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ids: string[] = [];
    book.getWorksheet('驻站社工')?.eachRow((row, n) => {
      const v = row.getCell(2).value;
      if (n > 1 && typeof v === 'string' && v) ids.push(v);
    });
    const visible = (await org.get('/api/social-workers?pageSize=200')).json();
    expect(ids).toHaveLength(visible.total);
    expect(ids.every((v) => /^\d{4}\*{10}[\dX]{4}$/.test(v))).toBe(true);
  });
});
