import dayjs from 'dayjs';
import { and, eq, sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { auditLog, organizations, stations } from '../../db/schema';
import { idNumberBornOn } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let worker: Session;
let district: Session;
const today = chinaToday();
const yesterday = dayjs(today).subtract(1, 'day').format('YYYY-MM-DD');
const twoDaysAgo = dayjs(today).subtract(2, 'day').format('YYYY-MM-DD');
const year = Number(today.slice(0, 4));

const adultId = idNumberBornOn('1990-06-15', 431);
const consent = { consentOn: yesterday, consentScope: '登记个人信息，记录和证明志愿服务' };
const volunteer = (over: Record<string, unknown> = {}) => ({
  name: '王志愿', idNumber: adultId, phone: '13712345678', skills: ['companionship', 'repair'], availability: '周末全天', ...consent, ...over,
});
let volunteerId = '';

async function made(res: Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<Record<string, unknown>> {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
  district = await t.login('demo-district');
  volunteerId = String((await made(worker.post('/api/volunteers', volunteer()))).id);
}, 60_000);
afterAll(() => t.close());

describe('the volunteer register', () => {
  it('files the volunteer at the worker’s station with the ID number encrypted and masked', async () => {
    const v = (await worker.get(`/api/volunteers/${volunteerId}`)).json();
    expect(v).toMatchObject({ name: '王志愿', stationName: '环翠区鲸园街道社会工作服务站', sex: 'male', minor: false, birthDate: '1990-06-15' });
    expect(v.idNumberMasked).toBe(`3710**********${adultId.slice(-4)}`);
    expect(v.phoneMasked).toBe('137****5678');
    const list = (await worker.get('/api/volunteers')).json();
    expect(list.items.find((x: { id: string }) => x.id === volunteerId).idNumberMasked).toBe(`3710**********${adultId.slice(-4)}`);
    expect(JSON.stringify(list)).not.toContain(adultId);
    const raw = JSON.stringify(await t.database.db.execute(sql`SELECT * FROM volunteers`));
    expect(raw).not.toContain(adultId);
    expect(raw).not.toContain('13712345678');
    const audits = JSON.stringify(await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, volunteerId)));
    expect(audits).not.toContain(adultId);
  });

  it('401 anonymous, 403 without the permission, 400 naming a bad ID number, 409 for the same person twice at a station', async () => {
    expect((await t.anon('GET', '/api/volunteers')).statusCode).toBe(401);
    expect((await (await t.login('demo-evaluator')).get('/api/volunteers')).statusCode).toBe(403);
    const bad = await worker.post('/api/volunteers', volunteer({ idNumber: '371002199006151234' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('idNumber');
    const again = await worker.post('/api/volunteers', volunteer());
    expect(again.statusCode).toBe(409);
  });

  it('refuses to register anyone without a recorded consent (R-VOLUNTEER-CONSENT)', async () => {
    const res = await worker.post('/api/volunteers', volunteer({ idNumber: idNumberBornOn('1985-01-02', 432), consentOn: null }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-VOLUNTEER-CONSENT');
    const noScope = await worker.post('/api/volunteers', volunteer({ idNumber: idNumberBornOn('1985-01-02', 432), consentScope: '' }));
    expect(noScope.json().error.details.rule.id).toBe('R-VOLUNTEER-CONSENT');
  });

  it('takes a minor (from the ID number’s birth date) only with a guardian’s consent (R-VOLUNTEER-MINOR)', async () => {
    // 17 years and 364 days old today: still a minor; 18 today: an adult.
    const seventeen = idNumberBornOn(dayjs(today).subtract(18, 'year').add(1, 'day').format('YYYY-MM-DD'), 433);
    const refused = await worker.post('/api/volunteers', volunteer({ name: '李小青', idNumber: seventeen }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule.id).toBe('R-VOLUNTEER-MINOR');
    const ok = await worker.post('/api/volunteers', volunteer({
      name: '李小青', idNumber: seventeen, guardianName: '李强', guardianRelation: '父亲', guardianConsentOn: yesterday,
    }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ minor: true, age: 17, guardianName: '李强' });
    const eighteen = idNumberBornOn(dayjs(today).subtract(18, 'year').format('YYYY-MM-DD'), 434);
    const adult = await worker.post('/api/volunteers', volunteer({ name: '赵成年', idNumber: eighteen }));
    expect(adult.statusCode).toBe(200);
    expect(adult.json().minor).toBe(false);
  });

  it('shows the full ID number only to a role with volunteer:reveal, and audits each reveal', async () => {
    const town = await t.login('demo-town');
    expect((await town.get(`/api/volunteers/${volunteerId}`)).json().idNumberMasked).toContain('**********');
    expect((await town.post(`/api/volunteers/${volunteerId}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
    const before = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'volunteer.reveal'), eq(auditLog.objectId, volunteerId)));
    const res = await worker.post(`/api/volunteers/${volunteerId}/reveal`, { field: 'idNumber' });
    expect(res.json()).toEqual({ value: adultId });
    expect((await worker.post(`/api/volunteers/${volunteerId}/reveal`, { field: 'phone' })).json()).toEqual({ value: '13712345678' });
    const after = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'volunteer.reveal'), eq(auditLog.objectId, volunteerId)));
    expect(after.length - before.length).toBe(2);
    expect(after.map((a) => a.detail)).toContain('查看完整身份证号');
  });
});

describe('service records (《志愿服务记录与证明出具办法（试行）》)', () => {
  const record = (over: Record<string, unknown> = {}) => ({
    date: yesterday, startTime: '09:00', endTime: '11:00', minutes: 120, content: '陪伴独居老人', place: '鲸园街道', ...over,
  });

  it('records the time actually served, certified by the recording station (谁记录谁证明)', async () => {
    const r = (await made(worker.post(`/api/volunteers/${volunteerId}/records`, record({ minutes: 110, training: '入户探访礼仪培训' }))));
    expect(r).toMatchObject({ minutes: 110, source: 'own', certifier: expect.stringContaining('环翠区鲸园街道社会工作服务站') });
    expect(String(r.certifier)).toContain('阳光社会工作服务中心');
  });

  it('refuses hours longer than the span, an overlap, a day over 12 hours (R-VOLUNTEER-HOURS), and a future day', async () => {
    const long = await worker.post(`/api/volunteers/${volunteerId}/records`, record({ date: today, startTime: '06:00', endTime: '07:00', minutes: 61 }));
    expect(long.statusCode).toBe(422);
    expect(long.json().error.details.rule.id).toBe('R-VOLUNTEER-HOURS');
    const overlap = await worker.post(`/api/volunteers/${volunteerId}/records`, record({ startTime: '10:59', endTime: '12:00', minutes: 30 }));
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().error.details.rule.id).toBe('R-VOLUNTEER-HOURS');
    expect(overlap.json().error.message).toContain('09:00–11:00');
    // Touching ends do not overlap.
    expect((await worker.post(`/api/volunteers/${volunteerId}/records`, record({ startTime: '11:00', endTime: '12:00', minutes: 60 }))).statusCode).toBe(200);
    // 110 + 60 minutes so far that day; 9 hours more is 11.8 hours, 10 hours more is over 12.
    const tooMuch = await worker.post(`/api/volunteers/${volunteerId}/records`, record({ startTime: '12:00', endTime: '22:00', minutes: 600 }));
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error.message).toContain('超过每日12小时');
    expect((await worker.post(`/api/volunteers/${volunteerId}/records`, record({ startTime: '12:00', endTime: '21:00', minutes: 540 }))).statusCode).toBe(200);
    const future = await worker.post(`/api/volunteers/${volunteerId}/records`, record({ date: dayjs(today).add(1, 'day').format('YYYY-MM-DD') }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0].path).toBe('date');
  });

  it('turns a group session’s volunteer list into records of the registered volunteers, once', async () => {
    const group = await made(worker.post('/api/groups', { kind: 'community', name: '邻里守望' }));
    await made(worker.post(`/api/groups/${String(group.id)}/sessions`, {
      date: twoDaysAgo, topic: '重阳节敬老', clientIds: [], volunteers: [{ name: '王志愿', hours: 1.5 }, { name: '未登记者', hours: 2 }],
    }));
    const sources = (await worker.get('/api/volunteer-sources')).json() as { id: string; source: string; listed: { name: string; volunteerId: string | null; recorded: boolean }[] }[];
    const session = sources.find((s) => s.source === 'group_session' && s.listed.some((l) => l.name === '未登记者'));
    expect(session?.listed).toEqual([
      { name: '王志愿', hours: 1.5, volunteerId, recorded: false },
      { name: '未登记者', hours: 2, volunteerId: null, recorded: false },
    ]);
    const res = await made(worker.post('/api/volunteer-records/from-activity', {
      source: 'group_session', sourceId: session?.id, startTime: '14:00', endTime: '16:00',
    }));
    expect(res.unmatched).toEqual(['未登记者']);
    expect(res.recorded).toEqual([expect.objectContaining({ volunteerId, minutes: 90, source: 'group_session', sourceId: session?.id, content: '邻里守望：重阳节敬老' })]);
    const again = await worker.post('/api/volunteer-records/from-activity', { source: 'group_session', sourceId: session?.id, startTime: '14:00', endTime: '16:00' });
    expect(again.statusCode).toBe(409);
    const after = (await worker.get('/api/volunteer-sources')).json() as { id: string; listed: { name: string; recorded: boolean }[] }[];
    expect(after.find((s) => s.id === session?.id)?.listed[0]?.recorded).toBe(true);
  });
});

describe('the certificate (志愿服务记录证明)', () => {
  let certId = '';

  it('is numbered per issuer and year without gaps; a reprint is marked 副本 with the same number', async () => {
    const first = await made(worker.post(`/api/volunteers/${volunteerId}/certificates`, { periodFrom: `${year - 1}-01-01`, periodTo: today, purpose: '升学' }));
    const second = await made(worker.post(`/api/volunteers/${volunteerId}/certificates`, { periodFrom: yesterday, periodTo: yesterday }));
    expect(first.serial).toBe(1);
    expect(second.serial).toBe(2);
    expect(first.number).toBe(`鲸园街道社工站志证〔${year}〕第0001号`);
    expect(second.number).toBe(`鲸园街道社工站志证〔${year}〕第0002号`);
    certId = String(first.id);
    // 110 + 60 + 540 minutes recorded yesterday, 90 the day before.
    expect(first).toMatchObject({ recordCount: 4, totalHours: 13.3, prints: 0 });
    expect(second).toMatchObject({ recordCount: 3, totalHours: 11.8 });

    const original = await worker.get(`/api/volunteer-certificates/${certId}/document`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toContain('wordprocessingml');
    const xml = async (payload: Buffer) => (await (await JSZip.loadAsync(payload)).file('word/document.xml')?.async('string')) ?? '';
    const text = await xml(original.rawPayload);
    expect(text).toContain('志愿服务记录证明');
    expect(text).toContain(String(first.number));
    expect(text).toContain('王志愿');
    expect(text).toContain(`3710**********${adultId.slice(-4)}`);
    expect(text).not.toContain(adultId);
    expect(text).toContain('免费出具');
    expect(text).not.toContain('副本');
    expect(text).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);

    const reprint = await worker.get(`/api/volunteer-certificates/${certId}/document`);
    const copy = await xml(reprint.rawPayload);
    expect(copy).toContain('副本');
    expect(copy).toContain(String(first.number));
    const listed = (await worker.get(`/api/volunteer-certificates?volunteerId=${volunteerId}`)).json();
    expect(listed.items.find((c: { id: string }) => c.id === certId).prints).toBe(2);
  });

  it('gives concurrent issues distinct, consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => worker.post(`/api/volunteers/${volunteerId}/certificates`, { periodFrom: yesterday, periodTo: yesterday })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const serials = results.map((r) => r.json().serial as number).sort((a, b) => a - b);
    expect(serials).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('refuses a period with nothing the station recorded (R-VOLUNTEER-CERT)', async () => {
    const res = await worker.post(`/api/volunteers/${volunteerId}/certificates`, { periodFrom: '2001-01-01', periodTo: '2001-12-31' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-VOLUNTEER-CERT');
    // A refused issue takes no number: the next one follows on.
    const next = await made(worker.post(`/api/volunteers/${volunteerId}/certificates`, { periodFrom: yesterday, periodTo: yesterday }));
    expect(next.serial).toBe(9);
  });

  it('totals hours by volunteer, station and county for the year', async () => {
    const byVolunteer = (await district.get(`/api/volunteer-totals?by=volunteer&year=${dayjs(yesterday).year()}`)).json();
    expect(byVolunteer.items.find((x: { key: string }) => x.key === volunteerId)).toMatchObject({ label: '王志愿', volunteers: 1 });
    const all = (await district.get('/api/volunteer-totals?by=volunteer')).json().items.filter((x: { key: string }) => x.key === volunteerId);
    expect(all.reduce((s: number, x: { records: number }) => s + x.records, 0)).toBe(4);
    expect(all.reduce((s: number, x: { hours: number }) => s + x.hours, 0)).toBeCloseTo(13.3, 1);
    const byCounty = (await district.get('/api/volunteer-totals?by=county')).json();
    expect(byCounty.items[0]).toMatchObject({ key: '371002', label: '环翠区' });
    const byStation = (await worker.get('/api/volunteer-totals?by=station')).json();
    expect(byStation.items[0].label).toContain('鲸园街道');
  });
});

describe('teams and community social organisations', () => {
  it('moves a team forward through 孵化/培育/登记/备案 with dates, never back; members count', async () => {
    const team = await made(worker.post('/api/volunteer-teams', { kind: 'volunteer_team', name: '鲸园红马甲志愿服务队', incubatedOn: '2025-03-01' }));
    expect(team).toMatchObject({ stage: 'incubating', members: 0 });
    const noDate = await worker.patch(`/api/volunteer-teams/${String(team.id)}`, { version: team.version, kind: 'volunteer_team', name: team.name, stage: 'registered', cultivatedOn: '2025-05-01' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['registeredOn']);
    const moved = await made(worker.patch(`/api/volunteer-teams/${String(team.id)}`, {
      version: team.version, kind: 'volunteer_team', name: team.name, stage: 'registered', cultivatedOn: '2025-05-01', registeredOn: '2025-09-01',
      support: [{ date: '2025-04-01', kind: '培训', description: '志愿者骨干培训' }],
    }));
    expect(moved).toMatchObject({ stage: 'registered', registeredOn: '2025-09-01' });
    const back = await worker.patch(`/api/volunteer-teams/${String(team.id)}`, { version: moved.version, kind: 'volunteer_team', name: team.name, stage: 'cultivating', cultivatedOn: '2025-05-01' });
    expect(back.statusCode).toBe(400);
    const v = (await worker.get(`/api/volunteers/${volunteerId}`)).json();
    await made(worker.patch(`/api/volunteers/${volunteerId}`, { ...consent, name: v.name, skills: v.skills, teamId: team.id, version: v.version }));
    expect((await worker.get(`/api/volunteer-teams/${String(team.id)}`)).json().members).toBe(1);
    // The stored phone is kept when the edit leaves it empty.
    expect((await worker.post(`/api/volunteers/${volunteerId}/reveal`, { field: 'phone' })).json().value).toBe('13712345678');
  });
});

describe('scope', () => {
  it('another county’s officer, another town’s officer and another county’s organisation get 404; the operator sees it', async () => {
    const teamId = String((await made(worker.post('/api/volunteer-teams', { kind: 'community_org', name: '鲸园睦邻会', incubatedOn: '2025-01-01' }))).id);
    const certs = (await worker.get(`/api/volunteer-certificates?volunteerId=${volunteerId}`)).json();
    const certId = certs.items[0].id as string;
    const [wdOrg] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, '威海市文登区同心社会工作服务中心'));
    const outsiders = [
      await t.userWith('wd.vol.district', ['district_officer'], { kind: 'county', regionCode: '371003' }),
      await t.userWith('zd.vol.town', ['town_officer'], { kind: 'town', regionCode: '371002003' }),
      await t.userWith('wd.vol.org', ['org_manager'], { kind: 'org', orgId: wdOrg?.id ?? '' }),
    ];
    for (const s of outsiders) {
      expect((await s.get(`/api/volunteers/${volunteerId}`)).statusCode).toBe(404);
      expect((await s.get(`/api/volunteer-teams/${teamId}`)).statusCode).toBe(404);
      expect((await s.get('/api/volunteers')).json().items.map((x: { id: string }) => x.id)).not.toContain(volunteerId);
      expect((await s.get('/api/volunteer-records')).json().total).toBe(0);
    }
    const [wd, , org] = outsiders;
    expect((await wd?.post(`/api/volunteers/${volunteerId}/reveal`, { field: 'idNumber' }))?.statusCode).toBe(404);
    expect((await wd?.post(`/api/volunteers/${volunteerId}/records`, { date: yesterday, startTime: '07:00', endTime: '08:00', minutes: 60, content: '越权' }))?.statusCode).toBe(404);
    expect((await org?.post(`/api/volunteers/${volunteerId}/certificates`, { periodFrom: yesterday, periodTo: yesterday }))?.statusCode).toBe(404);
    expect((await org?.get(`/api/volunteer-certificates/${certId}/document`))?.statusCode).toBe(404);
    // The station's operator today (the demo organisation) and the county's officer do see it.
    expect((await (await t.login('demo-org')).get(`/api/volunteers/${volunteerId}`)).statusCode).toBe(200);
    expect((await district.get(`/api/volunteers/${volunteerId}`)).statusCode).toBe(200);
  });

  it('a station other than the volunteer’s cannot record hours for them from its own activity (R-VOLUNTEER-RECORD)', async () => {
    const [zd] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002003'));
    const group = await made(district.post('/api/groups', { stationId: zd?.id, kind: 'community', name: '竹岛活动' }));
    const session = (await made(district.post(`/api/groups/${String(group.id)}/sessions`, { date: yesterday, topic: '义诊', clientIds: [] })));
    const sessionId = ((session.sessions as { id: string }[] | undefined) ?? []).at(-1)?.id;
    const res = await district.post('/api/volunteer-records/from-activity', {
      source: 'group_session', sourceId: sessionId, startTime: '06:00', endTime: '07:00', entries: [{ volunteerId, minutes: 60 }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-VOLUNTEER-RECORD');
  });
});

describe('counted in the reports', () => {
  it('the district’s annual report counts volunteers, hours and teams cultivated, and drills down to the records', async () => {
    const y = dayjs(yesterday).year();
    const report = await made(district.post('/api/reports', { kind: 'district_annual', countyCode: '371002', year: y }));
    const figures = report.figures as { key: string; value: number }[];
    const fig = (key: string) => figures.find((f) => f.key === key)?.value;
    const records = (await district.get(`/api/volunteer-records?from=${y}-01-01&to=${y}-12-31&pageSize=200`)).json();
    const minutes = records.items.reduce((s: number, r: { minutes: number }) => s + r.minutes, 0);
    expect(fig('volunteers.hours')).toBe(Math.round((minutes / 60) * 10) / 10);
    expect(fig('volunteers.people')).toBe(new Set(records.items.map((r: { volunteerId: string }) => r.volunteerId)).size);
    const teams = (await district.get('/api/volunteer-teams')).json();
    expect(fig('volunteers.teams')).toBe(teams.total);
    expect(fig('volunteers.teams')).toBeGreaterThan(0);
    const drill = (await district.get(`/api/reports/${String(report.id)}/figures/volunteers.hours`)).json();
    expect(drill.rows.map((r: { id: string }) => r.id).sort()).toEqual(records.items.map((r: { id: string }) => r.id).sort());
    expect(drill.rows[0].title).toContain('王志愿');
  });
});

describe('counted in the evaluation', () => {
  it('an indicator set to 志愿服务 is pre-filled with hours per station-month, volunteers and teams', async () => {
    const y = dayjs(yesterday).year();
    const city = await t.login('demo-city');
    const stationId = (await worker.get(`/api/volunteers/${volunteerId}`)).json().stationId as string;
    const contracts = (await district.get('/api/contracts?pageSize=50')).json().items as { id: string; status: string }[];
    let contractId = '';
    let stationCount = 0;
    for (const k of contracts.filter((x) => x.status === 'signed' || x.status === 'performing')) {
      const d = (await district.get(`/api/contracts/${k.id}`)).json();
      if ((d.stations as { id: string }[]).some((s) => s.id === stationId)) {
        contractId = k.id;
        stationCount = d.stations.length;
      }
    }
    const system = (await city.get(`/api/evaluation/indicators/${y}`)).json();
    const c5 = system.dimensions.flatMap((d: { indicators: { code: string }[] }) => d.indicators).find((i: { code: string }) => i.code === 'C5');
    c5.auto = 'volunteers';
    c5.guidance = '推动“社工+志愿者”联动，每站每月志愿服务不少于2小时。';
    await made(city.put(`/api/evaluation/indicators/${y}`, { version: system.version, dimensions: system.dimensions, thresholds: system.thresholds }));
    const evaluation = await made(district.post('/api/evaluations', { contractId, year: y }));
    const detail = (await district.get(`/api/evaluations/${String(evaluation.id)}`)).json();
    const scored = detail.dimensions.flatMap((d: { indicators: { code: string }[] }) => d.indicators).find((i: { code: string }) => i.code === 'C5');
    const records = (await district.get(`/api/volunteer-records?stationId=${stationId}&from=${y}-01-01&to=${y}-12-31&pageSize=200`)).json();
    const hoursServed = Math.round((records.items.reduce((s: number, r: { minutes: number }) => s + r.minutes, 0) / 60) * 10) / 10;
    expect(scored.prefill.evidence).toContain(`合同所含${stationCount}个社工站登记志愿者1人参与服务，志愿服务${hoursServed}小时`);
    expect(scored.prefill.evidence).toMatch(/培育志愿服务队和社区社会组织[1-9]\d*个/);
    expect(scored.prefill.value).toBeGreaterThan(0);
  });
});

describe('the leading social worker (社工引领志愿者)', () => {
  it('must be on post at the volunteer’s station', async () => {
    const v = (await worker.get(`/api/volunteers/${volunteerId}`)).json();
    const posted = (await worker.get(`/api/social-workers?stationId=${v.stationId}&onPost=yes`)).json().items as { id: string; name: string }[];
    const unposted = await made(district.post('/api/social-workers', { name: '待上岗社工', idNumber: idNumberBornOn('1992-02-02', 455), education: 'bachelor', major: '社会工作' }));
    const lead = posted[0];
    if (!lead) throw new Error('no worker on post at 鲸园');
    const body = { ...consent, name: v.name, skills: v.skills, teamId: v.teamId, version: v.version };
    const refused = await worker.patch(`/api/volunteers/${volunteerId}`, { ...body, leadWorkerId: unposted.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0].path).toBe('leadWorkerId');
    const ok = await made(worker.patch(`/api/volunteers/${volunteerId}`, { ...body, leadWorkerId: lead.id }));
    expect(ok).toMatchObject({ leadWorkerId: lead.id, leadWorkerName: lead.name });
  });
});
