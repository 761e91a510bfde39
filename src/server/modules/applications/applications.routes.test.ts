import dayjs from 'dayjs';
import { eq, like } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { stations } from '../../db/schema';
import { idNumberBornOn } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let cityApplicant: Session; // demo-applicant: a municipal department (city scope)
let countyApplicant: Session; // 环翠区 department
let townApplicant: Session; // 鲸园街道
let city: Session;
let city2: Session;
let district: Session;
let wendeng: Session;
let worker: Session;
let jingyuan = '';
let zhudao = '';
let wendengStation = '';
let excludedCode = '';
const clientIds: string[] = [];
const CLIENT_NAMES = ['韩奶奶申请测试', '曲爷爷申请测试'];

const today = chinaToday();
const day = (n: number) => dayjs(today).add(n, 'day').format('YYYY-MM-DD');

const input = (over: Record<string, unknown> = {}) => ({
  department: '威海市卫生健康委员会', title: '老年人健康知识进社区', purpose: '依托社工站开展老年人健康宣教和探访',
  itemCodes: ['EL02'], stationIds: [jingyuan], periodStart: day(-30), periodEnd: day(30), targetPeople: '辖区60岁以上独居老人',
  fundedBy: '市卫健委专项经费', providedBy: '社工站驻站社工与家庭医生团队', contact: '王科长', ...over,
});

async function created(s: Session, over: Record<string, unknown> = {}) {
  const res = await s.post('/api/applications', input(over));
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json<{ id: string; version: number; status: string; decidingBureau: string; decidingLevel: string }>();
}

async function submitted(s: Session, over: Record<string, unknown> = {}) {
  const a = await created(s, over);
  const res = await s.post(`/api/applications/${a.id}/submit`, { version: a.version });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json<{ id: string; version: number; status: string }>();
}

async function accepted(applicant: Session, decider: Session, over: Record<string, unknown> = {}) {
  const a = await submitted(applicant, over);
  const res = await decider.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'accepted' });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json<{ id: string; version: number }>();
}

beforeAll(async () => {
  t = await createTestApp();
  cityApplicant = await t.login('demo-applicant');
  city = await t.login('demo-city');
  district = await t.login('demo-district');
  worker = await t.login('demo-worker');
  countyApplicant = await t.userWith('hc.dept', ['dept_applicant'], { kind: 'county', regionCode: '371002' });
  townApplicant = await t.userWith('jy.town.dept', ['dept_applicant'], { kind: 'town', regionCode: '371002002' });
  city2 = await t.userWith('city.second', ['city_officer'], { kind: 'city', regionCode: '371000' });
  wendeng = await t.userWith('wd.apps', ['district_officer'], { kind: 'county', regionCode: '371003' });
  const byTown = async (code: string) => (await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, code)))[0]?.id ?? '';
  jingyuan = await byTown('371002002');
  zhudao = await byTown('371002003');
  const [wd] = await t.database.db.select({ id: stations.id }).from(stations).where(like(stations.scopePath, '/371000/371003/%')).limit(1);
  wendengStation = wd?.id ?? '';
  const items = (await cityApplicant.get('/api/service-catalogue')).json<{ code: string; excluded: boolean }[]>();
  excludedCode = items.find((i) => i.excluded)?.code ?? '';
  const village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json<{ code: string }[]>()[0]?.code;
  for (const [i, name] of CLIENT_NAMES.entries()) {
    const res = await worker.post('/api/clients', { name, idNumber: idNumberBornOn('1946-03-03', 701 + i), villageCode: village, targetGroups: ['tekun_elderly_dispersed'] });
    if (res.statusCode !== 200) throw new Error(res.body);
    clientIds.push(res.json<{ id: string }>().id);
  }
}, 120_000);
afterAll(() => t.close());

describe('who applies where, and who decides (R-PLATFORM-APPLY)', () => {
  it('needs a session and the permission', async () => {
    expect((await t.anon('GET', '/api/applications')).statusCode).toBe(401);
    expect((await worker.post('/api/applications', input())).statusCode).toBe(403);
    expect((await district.post('/api/applications', input())).statusCode).toBe(403);
  });

  it('refuses a bad application with field paths', async () => {
    const res = await cityApplicant.post('/api/applications', input({ title: '', periodEnd: day(-31), stationIds: [] }));
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'stationIds']));
    const order = await cityApplicant.post('/api/applications', input({ periodEnd: day(-31) }));
    expect(order.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('periodEnd');
  });

  it('a municipal department applies to the city bureau; a county department and a town to their county bureau', async () => {
    expect(await created(cityApplicant)).toMatchObject({ decidingLevel: 'city', decidingBureau: '威海市民政局', status: 'draft' });
    expect(await created(countyApplicant)).toMatchObject({ decidingLevel: 'county', decidingBureau: '环翠区民政局' });
    expect(await created(townApplicant)).toMatchObject({ decidingLevel: 'county', decidingBureau: '环翠区民政局' });
  });

  it('names only stations within the applicant’s own region', async () => {
    // A town names its own station, not the next town's; a county not another county's.
    expect((await townApplicant.post('/api/applications', input({ stationIds: [zhudao] }))).json().error.details.fields[0].path).toBe('stationIds');
    expect((await countyApplicant.post('/api/applications', input({ stationIds: [jingyuan, wendengStation] }))).statusCode).toBe(400);
    // The city's department may name stations of any county.
    expect((await cityApplicant.post('/api/applications', input({ stationIds: [jingyuan, wendengStation] }))).statusCode).toBe(200);
  });

  it('refuses excluded matters with R-SCOPE-EXCLUDED and unknown items with a field error', async () => {
    expect(excludedCode).not.toBe('');
    const res = await cityApplicant.post('/api/applications', input({ itemCodes: ['EL02', excludedCode] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-SCOPE-EXCLUDED');
    const unknown = await cityApplicant.post('/api/applications', input({ itemCodes: ['ZZ99'] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].path).toBe('itemCodes');
  });

  it('the city decides a municipal department’s application; a county bureau may not', async () => {
    const a = await submitted(cityApplicant);
    // 环翠区 does not even see it; the city does.
    expect((await district.get(`/api/applications/${a.id}`)).statusCode).toBe(404);
    expect((await district.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'accepted' })).statusCode).toBe(404);
    const waiting = (await city.get('/api/applications?toDecide=true')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(waiting).toContain(a.id);
    const res = await city.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'accepted' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', canDecide: false });
  });

  it('a county bureau decides its county’s and towns’ applications; the city reads them but does not decide; another county sees nothing', async () => {
    const a = await submitted(townApplicant);
    expect((await wendeng.get(`/api/applications/${a.id}`)).statusCode).toBe(404);
    expect((await wendeng.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'accepted' })).statusCode).toBe(404);
    expect((await city.get(`/api/applications/${a.id}`)).json()).toMatchObject({ status: 'submitted', canDecide: false });
    const byCity = await city.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'accepted' });
    expect(byCity.statusCode).toBe(422);
    expect(byCity.json().error.details.rule.id).toBe('R-PLATFORM-APPLY');
    expect(byCity.json().error.message).toContain('环翠区民政局');
    expect((await district.get(`/api/applications/${a.id}`)).json()).toMatchObject({ canDecide: true });
    expect((await district.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'accepted' })).statusCode).toBe(200);
  });

  it('changes requested with a reason: the applicant edits and resubmits; refusal needs a reason and is final', async () => {
    const a = await submitted(countyApplicant);
    expect((await countyApplicant.patch(`/api/applications/${a.id}`, { version: a.version, application: input({ title: '改' }) })).statusCode).toBe(409);
    const noReason = await district.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'changes_requested' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields[0].path).toBe('comment');
    const back = await district.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'changes_requested', comment: '请写明每月服务次数' });
    expect(back.json()).toMatchObject({ status: 'changes_requested', decisionComment: '请写明每月服务次数' });
    const edited = await countyApplicant.patch(`/api/applications/${a.id}`, { version: back.json().version, application: input({ purpose: '每月开展2次健康宣教' }) });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ purpose: '每月开展2次健康宣教', canEdit: true });
    const again = await countyApplicant.post(`/api/applications/${a.id}/submit`, { version: edited.json().version });
    expect(again.json().status).toBe('submitted');
    expect(again.json().history.map((h: { event: string }) => h.event)).toEqual(['起草', '提交', '请修改后重新提交', '修改后重新提交']);
    const refused = await district.post(`/api/applications/${a.id}/decision`, { version: again.json().version, decision: 'refused', comment: '与现有项目重复' });
    expect(refused.json()).toMatchObject({ status: 'refused', decisionComment: '与现有项目重复' });
    expect((await countyApplicant.post(`/api/applications/${a.id}/submit`, { version: refused.json().version })).statusCode).toBe(409);
  });

  it('the submitter never decides their own application (R-FOUR-EYES)', async () => {
    const both = await t.userWith('hc.both', ['dept_applicant', 'district_officer'], { kind: 'county', regionCode: '371002' });
    const a = await submitted(both);
    expect((await both.get(`/api/applications/${a.id}`)).json().canDecide).toBe(false);
    const res = await both.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'accepted' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-FOUR-EYES');
    expect((await district.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'accepted' })).statusCode).toBe(200);
  });
});

describe('the applicant’s own', () => {
  it('sees only its own applications, drafts included; officers never see drafts', async () => {
    const mine = await created(cityApplicant, { title: '只属于市卫健委的草稿' });
    const other = await created(countyApplicant, { title: '区卫健局草稿' });
    expect((await cityApplicant.get(`/api/applications/${other.id}`)).statusCode).toBe(404);
    expect((await countyApplicant.get(`/api/applications/${mine.id}`)).statusCode).toBe(404);
    const list = (await cityApplicant.get('/api/applications?pageSize=200')).json<{ items: { id: string; applicantName: string }[] }>();
    expect(list.items.map((i) => i.id)).toContain(mine.id);
    expect(list.items.map((i) => i.id)).not.toContain(other.id);
    expect(new Set(list.items.map((i) => i.applicantName)).size).toBe(1);
    // A row says what its page says, its stations counted.
    const page = (await cityApplicant.get(`/api/applications/${mine.id}`)).json<{ decidingBureau: string; applicantName: string; stations: unknown[]; status: string; submittedAt: string | null }>();
    expect(list.items.find((i) => i.id === mine.id)).toMatchObject({
      decidingBureau: page.decidingBureau, applicantName: page.applicantName, stationCount: page.stations.length, status: page.status, submittedAt: page.submittedAt,
    });
    expect(page.stations.length).toBeGreaterThan(0);
    expect((await city.get(`/api/applications/${mine.id}`)).statusCode).toBe(404);
    // Another applicant cannot edit or submit it either.
    expect((await countyApplicant.post(`/api/applications/${mine.id}/submit`, { version: mine.version })).statusCode).toBe(404);
  });

  it('never reads clients or service records', async () => {
    expect((await cityApplicant.get('/api/clients')).statusCode).toBe(403);
    expect((await cityApplicant.get(`/api/clients/${clientIds[0]}`)).statusCode).toBe(403);
    expect((await cityApplicant.get('/api/service-records')).statusCode).toBe(403);
  });
});

describe('recording against an accepted application', () => {
  let appId = '';
  const recorded: { minutes: number; clients: string[]; visit: boolean; volunteerHours: number }[] = [];

  beforeAll(async () => {
    appId = (await accepted(cityApplicant, city2, { stationIds: [jingyuan], periodStart: day(-10), periodEnd: day(10) })).id;
  });

  it('only an accepted application, in force for that station and date, may be chosen', async () => {
    const pending = await submitted(cityApplicant, { stationIds: [jingyuan] });
    const base = { date: today, durationMinutes: 30, method: 'case', itemCode: 'EL02', clientIds: [clientIds[0]] };
    const refused = await worker.post('/api/service-records', { ...base, applicationId: pending.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule.id).toBe('R-PLATFORM-APPLY');
    // Before its period.
    expect((await worker.post('/api/service-records', { ...base, date: day(-11), applicationId: appId })).json().error.details.rule.id).toBe('R-PLATFORM-APPLY');
    // Another station's application.
    const elsewhere = await accepted(cityApplicant, city2, { stationIds: [zhudao] });
    expect((await worker.post('/api/service-records', { ...base, applicationId: elsewhere.id })).json().error.details.rule.id).toBe('R-PLATFORM-APPLY');
    const inForce = (await worker.get(`/api/applications/in-force?date=${today}`)).json<{ id: string }[]>().map((a) => a.id);
    expect(inForce).toContain(appId);
    expect(inForce).not.toContain(pending.id);
    expect(inForce).not.toContain(elsewhere.id);
    expect((await worker.get(`/api/applications/in-force?date=${day(11)}`)).json<{ id: string }[]>().map((a) => a.id)).not.toContain(appId);
    // A group, too, only under an application in force today.
    expect((await worker.post('/api/groups', { kind: 'community', name: '健康讲座', applicationId: pending.id })).statusCode).toBe(422);
  });

  it('the closing report counts what was recorded under it, and names nobody', async () => {
    const rows = [
      { date: today, minutes: 45, clients: [clientIds[0] ?? ''], visit: true, volunteerHours: 1.5 },
      { date: day(-1), minutes: 60, clients: [clientIds[0] ?? '', clientIds[1] ?? ''], visit: false, volunteerHours: 0 },
      { date: day(-2), minutes: 20, clients: [clientIds[1] ?? ''], visit: true, volunteerHours: 0 },
    ];
    for (const r of rows) {
      const res = await worker.post('/api/service-records', {
        date: r.date, durationMinutes: r.minutes, method: 'case', itemCode: 'EL02', clientIds: r.clients, homeVisit: r.visit,
        volunteers: r.volunteerHours ? [{ name: '李志愿', hours: r.volunteerHours }] : [], applicationId: appId,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().applicationId).toBe(appId);
      recorded.push({ minutes: r.minutes, clients: r.clients, visit: r.visit, volunteerHours: r.volunteerHours });
    }
    // A record without the application does not count.
    expect((await worker.post('/api/service-records', { date: today, durationMinutes: 90, method: 'case', itemCode: 'EL02', clientIds: [clientIds[0]] })).statusCode).toBe(200);
    const group = await worker.post('/api/groups', { kind: 'community', name: '健康讲座', applicationId: appId });
    expect(group.statusCode, group.body).toBe(200);
    expect(group.json().applicationId).toBe(appId);
    const session = await worker.post(`/api/groups/${group.json().id}/sessions`, { date: today, topic: '高血压防治', clientIds: [clientIds[1]], volunteers: [{ name: '张志愿', hours: 2 }] });
    expect(session.statusCode, session.body).toBe(200);
    // A session outside the period is refused.
    expect((await worker.post(`/api/groups/${group.json().id}/sessions`, { date: day(-11), topic: '过早', clientIds: [] })).json().error.details.rule.id).toBe('R-PLATFORM-APPLY');

    const res = await cityApplicant.get(`/api/applications/${appId}`);
    expect(res.statusCode).toBe(200);
    const minutes = recorded.reduce((s, r) => s + r.minutes, 0);
    const people = new Set([...recorded.flatMap((r) => r.clients), clientIds[1]]).size;
    expect(res.json().closingReport).toMatchObject({
      records: recorded.length,
      homeVisits: recorded.filter((r) => r.visit).length,
      hours: Math.round(minutes / 6) / 10,
      groupSessions: 1,
      peopleServed: people,
      volunteerHours: recorded.reduce((s, r) => s + r.volunteerHours, 0) + 2,
      byStation: [{ stationId: jingyuan, stationName: '环翠区鲸园街道社会工作服务站', records: recorded.length, groupSessions: 1 }],
    });
    for (const name of CLIENT_NAMES) expect(res.body).not.toContain(name);
    for (const id of clientIds) expect(res.body).not.toContain(id);

    const reply = await cityApplicant.get(`/api/applications/${appId}/reply.docx`);
    expect(reply.statusCode).toBe(200);
    const xml = (await (await JSZip.loadAsync(reply.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(`记录服务${recorded.length}次`);
    expect(xml).toContain(`服务${people}人`);
    for (const name of CLIENT_NAMES) expect(xml).not.toContain(name);
  });
});

describe('documents', () => {
  it('the written application and the bureau’s reply as .docx in the official layout, audited', async () => {
    const a = await submitted(cityApplicant, { title: '心理健康进社区' });
    expect((await cityApplicant.get(`/api/applications/${a.id}/reply.docx`)).statusCode).toBe(409);
    const res = await cityApplicant.get(`/api/applications/${a.id}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('关于利用社工站平台开展心理健康进社区的申请'));
    const xml = (await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('关于利用社工站平台开展心理健康进社区的申请');
    expect(xml).toContain('威海市民政局：');
    expect(xml).toContain('环翠区鲸园街道社会工作服务站');
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="2098"/);
    const refused = await city2.post(`/api/applications/${a.id}/decision`, { version: a.version, decision: 'refused', comment: '本年度已有同类项目' });
    expect(refused.statusCode).toBe(200);
    const reply = await cityApplicant.get(`/api/applications/${a.id}/reply.docx`);
    const replyXml = (await (await JSZip.loadAsync(reply.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(replyXml).toContain('不予同意');
    expect(replyXml).toContain('本年度已有同类项目');
    const audit = (await (await t.login('demo-auditor')).get(`/api/audit?objectId=${a.id}&pageSize=50`)).json<{ items: { action: string; objectName: string | null }[] }>();
    expect(audit.items.map((i) => i.action)).toEqual(expect.arrayContaining(['application.create', 'application.submit', 'application.decide', 'application.export']));
    // The audit page names the application, not its id.
    expect(new Set(audit.items.map((i) => i.objectName))).toEqual(new Set(['威海市卫生健康委员会：心理健康进社区']));
  });
});
