import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { creditCodeCheckChar } from '../../../shared/rules/credit-code';
import { idNumberBornOn } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

// "Who serves this station on day D" is the contractor of the contract in force that day:
// signed, not ended, D inside its term. These tests put the contract boundaries around today.

let t: TestApp;
let district: Session;
let orgA: Session;
let orgB: Session;
let idA: string;
let idB: string;
let s1: string;
let s2: string;
let clientAtS1: string;
let clientAtS2: string;

const today = chinaToday();
const day = (n: number) => dayjs(today).add(n, 'day').format('YYYY-MM-DD');
const month = today.slice(0, 7);

async function registerOrg(name: string, seq: number): Promise<string> {
  const base = `52371073MJ${String(4_000_000 + seq).padStart(7, '0')}`;
  const res = await district.post('/api/organizations', { name, kind: 'social_work_org', creditCode: base + creditCodeCheckChar(base) });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id;
}

/** A contract signed today for one station over [startsOn, endsOn]. */
async function signContract(orgId: string, stationId: string, startsOn: string, endsOn: string, title: string): Promise<{ id: string; version: number }> {
  const created = await district.post('/api/contracts', {
    countyCode: '371073', title, number: title, contractorOrgId: orgId, stationIds: [stationId], content: '社工站专业服务',
    startsOn, endsOn, quantity: '每月走访30户', quality: '满意度90%', priceFen: 15_000_000,
    instalments: [{ label: '全额', dueOn: startsOn, amountFen: 15_000_000 }],
    rightsDuties: '按合同履行', liability: '违约按日扣减', tripartite: '',
  });
  if (created.statusCode !== 200) throw new Error(created.body);
  const signed = await district.post(`/api/contracts/${created.json().id}/sign`, { version: created.json().version, signedOn: today });
  if (signed.statusCode !== 200) throw new Error(signed.body);
  return { id: signed.json().id, version: signed.json().version };
}

async function clientAt(manager: Session, stationId: string, name: string, seq: number): Promise<string> {
  const village = (await district.get(`/api/regions?level=village&parentCode=${(await district.get(`/api/stations/${stationId}`)).json().townCode}`)).json()[0].code;
  const res = await manager.post('/api/clients', {
    name, idNumber: idNumberBornOn('1945-03-03', seq, '371073'), villageCode: village, stationId, targetGroups: ['left_behind_elderly'],
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id;
}

let k1: { id: string; version: number };

beforeAll(async () => {
  t = await createTestApp();
  district = await t.userWith('lg.district', ['district_officer'], { kind: 'county', regionCode: '371073' });
  const stations = (await district.get('/api/stations?countyCode=371073')).json().items as { id: string }[];
  [s1, s2] = stations.map((s) => s.id) as [string, string];
  idA = await registerOrg('临港区甲社会工作服务中心', 1);
  idB = await registerOrg('临港区乙社会工作服务中心', 2);
  orgA = await t.userWith('lg.org.a', ['org_manager'], { kind: 'org', orgId: idA });
  orgB = await t.userWith('lg.org.b', ['org_manager'], { kind: 'org', orgId: idB });
  // S1: A's contract ends today (its last day); B's next one, signed today, starts tomorrow.
  k1 = await signContract(idA, s1, day(-100), today, '临港甲合同（今天到期）');
  await signContract(idB, s1, day(1), day(200), '临港乙合同（明天开始）');
  // S2: B's contract starts today; A's late-signed past contract ended yesterday.
  await signContract(idB, s2, today, day(100), '临港乙合同（今天开始）');
  await signContract(idA, s2, day(-400), day(-1), '临港甲合同（补签，昨天已到期）');
  clientAtS1 = await clientAt(orgA, s1, '孙大爷', 701);
  clientAtS2 = await clientAt(orgB, s2, '周奶奶', 702);
});
afterAll(() => t.close());

describe('a station is served by the contractor of the contract in force on the day', () => {
  it('the last day of a contract is still its contractor’s; the day before the next one starts is not the next one’s', async () => {
    expect((await district.get(`/api/stations/${s1}`)).json().operatorOrgId).toBe(idA);
    expect((await orgA.get(`/api/stations/${s1}`)).statusCode).toBe(200);
    expect((await orgB.get(`/api/stations/${s1}`)).statusCode).toBe(404);
    expect((await orgB.get(`/api/clients/${clientAtS1}`)).statusCode).toBe(404);
  });

  it('the start day belongs to the new contractor; the day after a (late-signed) contract ended does not', async () => {
    expect((await district.get(`/api/stations/${s2}`)).json().operatorOrgId).toBe(idB);
    expect((await orgB.get(`/api/stations/${s2}`)).statusCode).toBe(200);
    expect((await orgA.get(`/api/stations/${s2}`)).statusCode).toBe(404);
    expect((await orgA.get(`/api/clients/${clientAtS2}`)).statusCode).toBe(404);
    const listA = (await orgA.get('/api/clients?pageSize=100')).json().items.map((c: { id: string }) => c.id);
    expect(listA).toContain(clientAtS1);
    expect(listA).not.toContain(clientAtS2);
  });

  it('the station list, organisation register and compliance view give the same answer', async () => {
    const mine = (await orgA.get('/api/stations?pageSize=100')).json();
    expect(mine.items.map((s: { id: string }) => s.id)).toEqual([s1]);
    expect(mine.items[0].operatorOrgName).toBe('临港区甲社会工作服务中心');
    expect((await district.get(`/api/organizations/${idA}`)).json().stationsRun).toBe(1);
    expect((await district.get(`/api/organizations/${idB}`)).json().stationsRun).toBe(1);
    const compliance = (await orgA.get('/api/compliance/staffing')).json();
    expect(JSON.stringify(compliance)).toContain(s1);
    expect(JSON.stringify(compliance)).not.toContain(s2);
  });

  it('R-REPORTS: the contractor in force drafts the month’s briefing; the next contractor cannot', async () => {
    expect((await orgB.post('/api/reports', { kind: 'monthly', month, stationId: s1 })).statusCode).toBe(403);
    const draft = await orgA.post('/api/reports', { kind: 'monthly', month, stationId: s1 });
    expect(draft.statusCode).toBe(200);
  });

  it('a former contractor cannot record at a station it no longer serves', async () => {
    const rec = await orgA.post('/api/service-records', {
      stationId: s2, date: today, durationMinutes: 30, method: 'community', itemCode: 'EL02', clientIds: [], notes: '',
    });
    expect(rec.statusCode).toBe(400);
    expect(rec.json().error.details.fields[0].path).toBe('stationId');
  });

  it('a station with no contract in force has no operator and says so as a finding', async () => {
    const third = (await district.get('/api/stations?countyCode=371073')).json().items[2];
    const detail = (await district.get(`/api/stations/${third.id}`)).json();
    expect(detail.operatorOrgId).toBeNull();
    const finding = detail.findings.find((f: { rule: { id: string } }) => f.rule.id === 'R-STATION-OPERATOR');
    expect(finding.message).toContain('没有在履行期内的服务合同');
    expect((await district.get(`/api/stations/${s1}`)).json().findings.map((f: { rule: { id: string } }) => f.rule.id)).not.toContain('R-STATION-OPERATOR');
  });

  it('when a contract ends, access to the station ends but the contractor keeps its own records and reports', async () => {
    const rec = await orgA.post('/api/service-records', {
      stationId: s1, date: today, durationMinutes: 30, method: 'case', itemCode: 'EL02', clientIds: [clientAtS1], notes: '探访',
    });
    expect(rec.statusCode).toBe(200);
    const report = (await orgA.get(`/api/reports?pageSize=50`)).json().items[0];
    const ended = await district.post(`/api/contracts/${k1.id}/status`, { version: k1.version, status: 'terminated', reason: '提前终止' });
    expect(ended.statusCode).toBe(200);
    expect((await orgA.get(`/api/stations/${s1}`)).statusCode).toBe(404);
    expect((await orgA.get(`/api/clients/${clientAtS1}`)).statusCode).toBe(404);
    expect((await orgA.get(`/api/service-records/${rec.json().id}`)).statusCode).toBe(200);
    expect((await orgA.get(`/api/reports/${report.id}`)).statusCode).toBe(200);
    // …but cannot write at the station any more.
    const again = await orgA.post('/api/service-records', {
      stationId: s1, date: today, durationMinutes: 30, method: 'case', itemCode: 'EL02', clientIds: [clientAtS1], notes: '',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.fields[0].path).toBe('stationId');
    expect((await orgA.get('/api/service-records?pageSize=50')).json().total).toBe(1);
    expect((await district.get(`/api/stations/${s1}`)).json().operatorOrgId).toBeNull();
  });
});

describe('a town reads its own station’s reports only (not other towns’ of the same contract)', () => {
  it('鲸园’s officer cannot read, download or drill into 竹岛’s briefing, nor a contract report covering other towns', async () => {
    const demoOrg = await t.login('demo-org');
    const town = await t.login('demo-town');
    const hc = (await district.get('/api/stations?countyCode=371002&pageSize=20')).json().items as { id: string; townName: string }[];
    const city = await t.login('demo-city');
    const all = (await city.get('/api/stations?countyCode=371002&pageSize=20')).json().items as { id: string; townName: string }[];
    expect(hc).toEqual([]); // 临港区's officer sees no 环翠区 station
    const zhudao = all.find((s) => s.townName === '竹岛街道')?.id;
    const jingyuan = all.find((s) => s.townName === '鲸园街道')?.id;
    const other = (await demoOrg.post('/api/reports', { kind: 'monthly', month, stationId: zhudao })).json();
    const own = (await demoOrg.post('/api/reports', { kind: 'monthly', month, stationId: jingyuan })).json();
    expect((await town.get(`/api/reports/${own.id}`)).statusCode).toBe(200);
    for (const url of [`/api/reports/${other.id}`, `/api/reports/${other.id}/docx`, `/api/reports/${other.id}/xlsx`, `/api/reports/${other.id}/figures/records.total`])
      expect((await town.get(url)).statusCode).toBe(404);
    const listed = (await town.get('/api/reports?pageSize=100')).json().items.map((r: { id: string }) => r.id);
    expect(listed).toContain(own.id);
    expect(listed).not.toContain(other.id);
    const contract = (await demoOrg.get('/api/contracts')).json().items[0];
    const whole = await demoOrg.post('/api/reports', { kind: 'monthly', month, contractId: contract.id });
    expect(whole.statusCode).toBe(200);
    expect((await town.get(`/api/reports/${whole.json().id}`)).statusCode).toBe(404);
    expect((await (await t.login('demo-district')).get(`/api/reports/${whole.json().id}`)).statusCode).toBe(200);
  });
});
