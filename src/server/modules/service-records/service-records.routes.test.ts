import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { idNumberBornOn, multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let worker: Session;
let clientId: string;

const record = (over: Record<string, unknown> = {}) => ({
  date: chinaToday(), durationMinutes: 45, method: 'case', itemCode: 'EL02', clientIds: [clientId], notes: '老人情绪低落，陪伴聊天', ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
  const village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
  const res = await worker.post('/api/clients', {
    name: '钱奶奶', idNumber: idNumberBornOn('1944-02-02', 611), villageCode: village, targetGroups: ['tekun_elderly_dispersed'],
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  clientId = res.json().id;
});
afterAll(() => t.close());

describe('service records and home visits', () => {
  it('records a home visit with a position against the catalogue', async () => {
    const res = await worker.post('/api/service-records', record({ homeVisit: true, latitude: 37.51, longitude: 122.12, volunteers: [{ name: '李志愿', hours: 1.5 }] }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ itemName: '精神慰藉', domain: 'elderly', homeVisit: true, flaggedForReview: false, stationName: '环翠区鲸园街道社会工作服务站' });
    const timeline = (await worker.get(`/api/service-records?clientId=${clientId}`)).json();
    expect(timeline.total).toBe(1);
  });

  it('refuses an excluded catalogue item with R-SCOPE-EXCLUDED and flags a free-text item for review', async () => {
    const items = (await worker.get('/api/service-catalogue')).json() as { code: string; excluded: boolean }[];
    const excluded = items.find((i) => i.excluded)?.code;
    const refused = await worker.post('/api/service-records', record({ itemCode: excluded }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule.id).toBe('R-SCOPE-EXCLUDED');
    const other = await worker.post('/api/service-records', record({ itemCode: null, otherItem: '协助办理老年证', domain: 'elderly' }));
    expect(other.json()).toMatchObject({ flaggedForReview: true, itemName: '其他：协助办理老年证' });
    const district = await t.login('demo-district');
    const flagged = (await district.get('/api/service-records?flagged=true')).json();
    expect(flagged.total).toBe(1);
    expect((await worker.post(`/api/service-records/${other.json().id}/review`, { acceptable: true, note: 'x' })).statusCode).toBe(403);
    const reviewed = await district.post(`/api/service-records/${other.json().id}/review`, { acceptable: true, note: '属于权益保障服务' });
    expect(reviewed.json()).toMatchObject({ flaggedForReview: false, review: '可列入：属于权益保障服务' });
    expect((await district.get('/api/service-records?flagged=true')).json().total).toBe(0);
  });

  it('takes a photo, refuses HTML dressed as a photo, serves attachments only as downloads', async () => {
    const rec = (await worker.post('/api/service-records', record())).json();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
    const ok = multipartFile('现场.png', png, 'image/png');
    const saved = await worker.request('POST', `/api/service-records/${rec.id}/attachments`, ok.payload, ok.headers);
    expect(saved.statusCode).toBe(200);
    const html = multipartFile('photo.png', Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/png');
    const refused = await worker.request('POST', `/api/service-records/${rec.id}/attachments`, html.payload, html.headers);
    expect(refused.statusCode).toBe(400);
    const file = await worker.get(`/api/service-records/${rec.id}/attachments/${saved.json().id}`);
    expect(file.headers['content-type']).toBe('image/png');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment/);
  });

  it('hides notes from the evaluator and refuses a service dated in the future', async () => {
    const list = (await (await t.login('demo-evaluator')).get('/api/service-records')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((r: { notes: string | null }) => r.notes === null)).toBe(true);
    const bad = await worker.post('/api/service-records', record({ date: '2999-01-01' }));
    expect(bad.json().error.details.fields[0].path).toBe('date');
  });
});

describe('groups, community activities and referrals', () => {
  it('runs a group through its phases with sessions and attendance', async () => {
    let g = (await worker.post('/api/groups', { kind: 'group', name: '老年人互助小组', goals: '减少孤独感' })).json();
    const skip = await worker.post(`/api/groups/${g.id}/phase`, { version: g.version, phase: 'middle' });
    expect(skip.json().error.details.fields[0].message).toContain('下一阶段应为开始期');
    g = (await worker.post(`/api/groups/${g.id}/phase`, { version: g.version, phase: 'beginning' })).json();
    g = (await worker.post(`/api/groups/${g.id}/sessions`, { date: chinaToday(), topic: '相互认识', clientIds: [clientId], volunteers: [{ name: '张志愿', hours: 2 }] })).json();
    expect(g.sessions[0]).toMatchObject({ topic: '相互认识', clientIds: [clientId], clients: [{ id: clientId, name: '钱奶奶' }] });
    // The list row counts the sessions; the group's page lists them with attendance.
    const row = (await worker.get('/api/groups?kind=group&pageSize=100')).json().items.find((x: { id: string }) => x.id === g.id);
    expect(row).toMatchObject({ name: '老年人互助小组', phase: 'beginning', sessionCount: 1, stationName: '环翠区鲸园街道社会工作服务站' });
    expect(row).not.toHaveProperty('sessions');
  });

  it('refers a client to a partner of the county and tracks the status', async () => {
    const district = await t.login('demo-district');
    const partner = (await district.post('/api/partners', { countyCode: '371002', kind: 'health', name: '环翠区卫健局' })).json();
    let r = (await worker.post('/api/referrals', { clientId, partnerId: partner.id, reason: '需要慢病随访', referredOn: chinaToday() })).json();
    expect(r).toMatchObject({ status: 'pending', partnerName: '环翠区卫健局', reason: '需要慢病随访' });
    r = (await worker.post(`/api/referrals/${r.id}/status`, { version: r.version, status: 'accepted', outcome: '已建档' })).json();
    expect(r.status).toBe('accepted');
    const other = (await district.post('/api/partners', { countyCode: '371002', kind: 'women', name: '停用的单位', active: false })).json();
    const refused = await worker.post('/api/referrals', { clientId, partnerId: other.id, reason: 'x', referredOn: chinaToday() });
    expect(refused.json().error.details.fields[0].path).toBe('partnerId');
  });

  it('pages through referrals of one day, groups made at once and cases updated at once: each exactly once, in the same order', async () => {
    const district = await t.login('demo-district');
    const partner = (await district.post('/api/partners', { countyCode: '371002', kind: 'health', name: '环翠区人民医院' })).json();
    for (let i = 0; i < 23; i++)
      expect((await worker.post('/api/referrals', { clientId, partnerId: partner.id, reason: `随访${i}`, referredOn: '2026-03-03' })).statusCode).toBe(200);
    // Groups registered in one statement share their creation time, as an import's would.
    const made = (await worker.post('/api/groups', { kind: 'community', name: '社区议事会', goals: '居民议事' })).json();
    await t.database.db.execute(sql`INSERT INTO groups (station_id, scope_path, kind, name, goals)
      SELECT g.station_id, g.scope_path, g.kind, g.name || n, g.goals FROM groups AS g, generate_series(1, 23) AS n WHERE g.id = ${made.id}`);
    // Cases touched by one statement share their update time.
    for (let i = 0; i < 10; i++) expect((await worker.post('/api/cases', { clientId, intakeNote: `接案${i}` })).statusCode).toBe(200);
    await t.database.db.execute(sql`UPDATE cases SET updated_at = '2026-03-03T08:00:00Z' WHERE client_id = ${clientId}`);
    for (const url of ['/api/referrals', '/api/groups', '/api/cases']) {
      const first = (await worker.get(`${url}?pageSize=100`)).json();
      expect(first.items.length, url).toBeGreaterThan(7);
      const ids: string[] = [];
      for (let page = 1; page <= Math.ceil(first.total / 7); page++) ids.push(...(await worker.get(`${url}?pageSize=7&page=${page}`)).json().items.map((x: { id: string }) => x.id));
      expect(ids).toEqual(first.items.map((x: { id: string }) => x.id));
    }
  });
});

describe('co-workers on a service record', () => {
  it('names other workers on post at the station that day; refuses anyone else with a field error', async () => {
    const district = await t.login('demo-district');
    const today = chinaToday();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const stations = (await district.get('/api/stations?pageSize=200')).json().items as { id: string; townCode: string }[];
    const jingyuan = stations.find((s) => s.townCode === '371002002')?.id;
    const neighbour = stations.find((s) => s.townCode === '371002001')?.id;
    // A second worker posted at 鲸园 from today.
    const created = await district.post('/api/social-workers', {
      name: '周同工', idNumber: idNumberBornOn('1992-03-04', 321), education: 'bachelor', major: '社会工作',
    });
    expect(created.statusCode).toBe(200);
    const zhou = created.json().id as string;
    expect((await district.post('/api/postings', { workerId: zhou, stationId: jingyuan, startDate: today, source: 'purchased' })).statusCode).toBe(200);

    const options = async (s: Session, q: string) => ((await s.get(`/api/service-records/co-workers?${q}`)).json() as { id: string; name: string }[]);
    // The worker's own person (陈晓) is not offered to them; the district sees both.
    expect((await options(worker, `date=${today}`)).map((w) => w.name)).toEqual(['周同工']);
    expect((await options(worker, `date=${yesterday}`)).map((w) => w.name)).toEqual([]);
    const atJingyuan = await options(district, `stationId=${jingyuan}&date=${today}`);
    expect(atJingyuan.map((w) => w.name).sort()).toEqual(['周同工', '陈晓'].sort());
    const chenXiao = atJingyuan.find((w) => w.name === '陈晓')?.id;
    const elsewhere = (await options(district, `stationId=${neighbour}&date=${today}`))[0]?.id;
    expect(elsewhere).toBeDefined();

    const saved = await worker.post('/api/service-records', record({ coWorkerIds: [zhou, zhou] }));
    expect(saved.statusCode).toBe(200);
    expect(saved.json().coWorkers).toEqual([{ id: zhou, name: '周同工' }]);
    expect((await worker.get(`/api/service-records/${saved.json().id}`)).json().coWorkers).toEqual([{ id: zhou, name: '周同工' }]);

    const refused = async (over: Record<string, unknown>) => {
      const res = await worker.post('/api/service-records', record(over));
      expect(res.statusCode).toBe(400);
      const field = res.json().error.details.fields[0];
      expect(field.path).toBe('coWorkerIds');
      return field.message as string;
    };
    expect(await refused({ coWorkerIds: [elsewhere] })).toBe(`同工须是服务当天（${today}）在本社工站上岗的社工`);
    expect(await refused({ coWorkerIds: [zhou], date: yesterday })).toContain(yesterday);
    expect(await refused({ coWorkerIds: ['00000000-0000-4000-8000-000000000000'] })).toContain('在本社工站上岗');
    expect(await refused({ coWorkerIds: [chenXiao] })).toBe('记录人本人不必再选为同工');
    // A station worker asks only about their own station.
    expect((await worker.get(`/api/service-records/co-workers?stationId=${neighbour}&date=${today}`)).statusCode).toBe(400);
  });
});

describe('one group', () => {
  it('is read by id within scope, with the attendees’ names; another station gets 404', async () => {
    const g = (await worker.post('/api/groups', { kind: 'community', name: '重阳节活动' })).json();
    await worker.post(`/api/groups/${g.id}/sessions`, {
      date: chinaToday(), topic: '包饺子', clientIds: [clientId], volunteers: [{ name: '王志愿', hours: 1.5 }],
    });
    const read = await worker.get(`/api/groups/${g.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ name: '重阳节活动', kind: 'community', stationName: '环翠区鲸园街道社会工作服务站' });
    expect(read.json().sessions[0]).toMatchObject({ topic: '包饺子', clients: [{ id: clientId, name: '钱奶奶' }], volunteers: [{ name: '王志愿', hours: 1.5 }] });
    expect((await (await t.login('demo-district')).get(`/api/groups/${g.id}`)).statusCode).toBe(200);

    const admin = await t.login('demo-sysadmin');
    await admin.post('/api/users', {
      username: 'other.station', displayName: '孙家疃社工', roles: ['station_worker'], scope: { kind: 'station', regionCode: '371002001' },
      initialPassword: 'Init#Pass2026',
    });
    const first = await t.login('other.station', 'Init#Pass2026');
    await first.post('/api/auth/password', { currentPassword: 'Init#Pass2026', newPassword: 'Own#Pass2026' });
    const other = await t.login('other.station', 'Own#Pass2026');
    expect((await other.get(`/api/groups/${g.id}`)).statusCode).toBe(404);
    expect((await worker.get('/api/groups/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
