import dayjs from 'dayjs';
import { and, asc, eq, inArray, isNull, like, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { monthlyPeriod } from '../../../shared/rules/reports';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { auditLog, organizations, postings, reports, serviceRecords, stations, users } from '../../db/schema';
import { idNumberBornOn, multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { seedEvaluationDemo } from './evaluations.demo';

let t: TestApp;
let city: Session;
let district: Session;
let town: Session;
let evaluator: Session;
let rongcheng: Session;
let demoOrg: string;
let districtUser: string;
/** 环翠区 stations: A is 鲸园 (the demo town's), B and C the next; D is under another contract. */
let A: string;
let B: string;
let C: string;
let D: string;
let contractM = '';
let contractT = '';

const today = chinaToday();
/** The evaluated year: wholly past, so every figure is fixed. */
const YEAR = Number(today.slice(0, 4)) - 1;
const PRICE = 45_000_000;

interface Scored { code: string; points: number; auto: string | null; score: number | null; comment: string; prefill: { value: number; suggested: number; evidence: string } | null; files: { id: string }[] }
interface Detail {
  id: string; status: string; total: number; grade: string | null; version: number; scored: number; indicators: number;
  dimensions: { name: string; points: number; indicators: Scored[] }[];
  contractEnding: { endingYear: number; message: string; rule: { id: string } } | null;
  files: { id: string }[];
}
const indicatorsOf = (d: Detail) => d.dimensions.flatMap((x) => x.indicators);
const byCode = (d: Detail, code: string) => {
  const found = indicatorsOf(d).find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
};

/** A signed contract of 环翠区 for the demo organisation, through the API. */
async function signedContract(title: string, stationIds: string[], startsOn: string, endsOn: string): Promise<string> {
  const created = await district.post('/api/contracts', {
    countyCode: '371002', title, number: title, contractorOrgId: demoOrg, stationIds, content: '专业社会工作服务',
    startsOn, endsOn, quantity: '每站每月服务记录不少于30条', quality: '满意度不低于90%', priceFen: PRICE,
    instalments: [{ label: '全额', dueOn: startsOn, amountFen: PRICE }], rightsDuties: '按合同履行', liability: '违约按合同处理',
  });
  expect(created.statusCode).toBe(200);
  const signed = await district.post(`/api/contracts/${created.json().id}/sign`, { version: created.json().version, signedOn: startsOn });
  expect(signed.statusCode).toBe(200);
  return created.json().id;
}

let seq = 600;
/** A worker of `orgId` (null: a town's own post) posted at a station from `startDate`; returns the worker id. */
async function post(stationId: string, startDate: string, qual: 'certificate' | 'major', orgId: string | null): Promise<string> {
  seq += 1;
  const w = await district.post('/api/social-workers', {
    name: `评估测试${seq}`, idNumber: idNumberBornOn('1990-04-04', seq), education: 'bachelor',
    major: qual === 'major' ? '社会工作' : '汉语言文学', orgId,
    certificates: qual === 'certificate' ? [{ level: 'assistant', number: `E-${seq}`, obtainedOn: '2019-06-01' }] : [],
  });
  expect(w.statusCode).toBe(200);
  const p = await district.post('/api/postings', { workerId: w.json().id, stationId, startDate, source: orgId ? 'purchased' : 'dedicated_post' });
  expect(p.statusCode).toBe(200);
  return w.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  district = await t.login('demo-district');
  town = await t.login('demo-town');
  evaluator = await t.login('demo-evaluator');
  rongcheng = await t.userWith('rongcheng.eval', ['district_officer'], { kind: 'county', regionCode: '371082' });
  const [org] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-district'));
  if (!org || !u) throw new Error('demo data missing');
  demoOrg = org.id;
  districtUser = u.id;
  const hc = await t.database.db
    .select({ id: stations.id, townCode: stations.townCode })
    .from(stations)
    .where(and(like(stations.scopePath, '/371000/371002/%'), eq(stations.status, 'operating')))
    .orderBy(asc(stations.townCode));
  const jingyuan = hc.find((s) => s.townCode === '371002002');
  const others = hc.filter((s) => s.townCode !== '371002002');
  if (!jingyuan || others.length < 3) throw new Error('stations missing');
  [A, B, C, D] = [jingyuan.id, others[0]?.id ?? '', others[1]?.id ?? '', others[2]?.id ?? ''];

  contractM = await signedContract('评估合同M', [A, B, C], `${YEAR}-01-01`, `${YEAR}-12-31`);
  contractT = await signedContract('评估合同T', [D], `${YEAR - 2}-01-01`, `${YEAR - 1}-12-31`);

  // Staffing of the evaluated year is ours alone: the demo workers left A, B and C before it.
  await t.database.db
    .update(postings)
    .set({ endDate: `${YEAR - 1}-12-31`, endReason: '测试：年度前离岗' })
    .where(and(inArray(postings.stationId, [A, B, C]), isNull(postings.endDate)));
  // A: two of the contractor's qualified workers by the on-post deadline (YEAR-02-01).
  await post(A, `${YEAR}-01-10`, 'certificate', demoOrg);
  await post(A, `${YEAR}-01-20`, 'major', demoOrg);
  // B: the second comes late (still two at the year's end).
  await post(B, `${YEAR}-01-05`, 'certificate', demoOrg);
  await post(B, `${YEAR}-03-01`, 'major', demoOrg);
  // C: a town post (not the contractor's) and a contractor's worker who leaves in June.
  await post(C, `${YEAR}-01-05`, 'major', null);
  const leaver = await post(C, `${YEAR}-01-05`, 'certificate', demoOrg);
  const detail = (await district.get(`/api/social-workers/${leaver}`)).json();
  const ended = await district.post(`/api/postings/${detail.currentPosting.id}/end`, { endDate: `${YEAR}-06-30`, reason: '合同期内离职' });
  expect(ended.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('indicator system', () => {
  it('a year without its own system shows the shipped default, 100 points over the five Shandong areas', async () => {
    const res = await district.get(`/api/evaluation/indicators/${YEAR - 4}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ isDefault: true, version: 0, thresholds: { excellent: 90, good: 80, pass: 60 } });
    expect(s.dimensions.map((d: { name: string }) => d.name)).toEqual(['行政管理', '财务管理', '服务执行与产出', '社会评价', '宣传创新']);
    const all = s.dimensions.flatMap((d: { indicators: { points: number; auto: string | null }[] }) => d.indicators);
    expect(all.reduce((n: number, i: { points: number }) => n + i.points, 0)).toBe(100);
    expect(all.map((i: { auto: string | null }) => i.auto).filter(Boolean).sort()).toEqual(['funding', 'onpost', 'reports', 'services', 'staffing']);
  });

  it('the city sets a year: points must add up to exactly 100 and thresholds fall strictly', async () => {
    const base = (await city.get(`/api/evaluation/indicators/${YEAR - 4}`)).json();
    const body = { version: 0, dimensions: base.dimensions, thresholds: { excellent: 85, good: 75, pass: 60 } };
    expect((await district.put(`/api/evaluation/indicators/${YEAR - 4}`, body)).statusCode).toBe(403);

    const short = structuredClone(body);
    short.dimensions[0].indicators[0].points -= 0.5;
    const r1 = await city.put(`/api/evaluation/indicators/${YEAR - 4}`, short);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.details.fields).toContainEqual({ path: 'dimensions', message: '各指标分值合计须为100分，目前为99.5分' });

    const flat = await city.put(`/api/evaluation/indicators/${YEAR - 4}`, { ...body, thresholds: { excellent: 80, good: 80, pass: 60 } });
    expect(flat.statusCode).toBe(400);
    expect(flat.json().error.details.fields[0].path).toBe('thresholds.good');
    const above = await city.put(`/api/evaluation/indicators/${YEAR - 4}`, { ...body, thresholds: { excellent: 101, good: 80, pass: 60 } });
    expect(above.statusCode).toBe(400);

    const noTarget = structuredClone(body);
    const services = noTarget.dimensions.flatMap((d: { indicators: { auto: string | null; guidance: string }[] }) => d.indicators).find((i: { auto: string | null }) => i.auto === 'services');
    services.guidance = '服务量适中';
    const r2 = await city.put(`/api/evaluation/indicators/${YEAR - 4}`, noTarget);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.details.fields[0].path).toMatch(/^dimensions\.2\.indicators\.0\.guidance$/);

    const ok = await city.put(`/api/evaluation/indicators/${YEAR - 4}`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ isDefault: false, version: 1, thresholds: { excellent: 85, good: 75, pass: 60 } });
    // A stale version is refused.
    expect((await city.put(`/api/evaluation/indicators/${YEAR - 4}`, body)).statusCode).toBe(409);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'evaluation.configure'), eq(auditLog.objectId, String(YEAR - 4))));
    expect(audit).toHaveLength(1);
  });
});

describe('an evaluation pre-filled from the records', () => {
  let id = '';
  /** Service records we put in, as [station, date]. */
  const records: [string, string][] = [];

  beforeAll(async () => {
    // Money: three spending entries in the year, one after it.
    for (const s of [A, B, C])
      expect((await district.post(`/api/contracts/${contractM}/spending`, { stationId: s, category: 'staff', spentOn: `${YEAR}-06-30`, amountFen: 10_000_000 })).statusCode).toBe(200);
    expect((await district.post(`/api/contracts/${contractM}/spending`, { stationId: A, category: 'other', spentOn: `${YEAR + 1}-01-05`, amountFen: 5_000_000 })).statusCode).toBe(200);

    // Services: 20, 15 and 10 records a month at A, B, C through the year; others outside the contract or the year.
    for (let m = 1; m <= 12; m += 1) {
      const day = `${YEAR}-${String(m).padStart(2, '0')}-15`;
      for (const [s, n] of [[A, 20], [B, 15], [C, 10]] as const) for (let i = 0; i < n; i += 1) records.push([s, day]);
    }
    for (let i = 0; i < 7; i += 1) records.push([D, `${YEAR}-05-05`]);
    for (let i = 0; i < 3; i += 1) records.push([A, `${YEAR - 1}-12-31`]);
    for (let i = 0; i < 4; i += 1) records.push([B, `${YEAR + 1}-01-01`]);
    const paths = new Map((await t.database.db.select({ id: stations.id, p: stations.scopePath }).from(stations)).map((s) => [s.id, s.p]));
    await t.database.db.insert(serviceRecords).values(
      records.map(([stationId, date]) => ({
        stationId, scopePath: paths.get(stationId) ?? '', date, durationMinutes: 60, method: 'community' as const, domain: 'assistance' as const,
        itemCode: 'SA01', recordedBy: districtUser,
      })),
    );

    // Monthly briefings: January–May for the contract on time (May on its due day at 23:59), June a minute
    // late, July one per station on time, August two of three stations, nothing after; noise from elsewhere.
    const report = (month: string, over: { stationId?: string | null; contractId?: string | null; orgId?: string | null; at: string | null }) => {
      const p = monthlyPeriod(month);
      return {
        kind: 'monthly' as const, countyCode: '371002', scopePath: '/371000/371002/', title: `${month}月度工作简报`,
        periodStart: p.start, periodEnd: p.end, dueOn: p.dueOn, status: over.at ? ('submitted' as const) : ('draft' as const),
        stationId: over.stationId ?? null, contractId: over.contractId ?? null, orgId: 'orgId' in over ? over.orgId : demoOrg,
        firstSubmittedAt: over.at ? new Date(over.at) : null, submittedAt: over.at ? new Date(over.at) : null,
      };
    };
    const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;
    const due = (m: number) => monthlyPeriod(month(m)).dueOn;
    const rows = [
      ...[1, 2, 3, 4].map((m) => report(month(m), { contractId: contractM, at: `${due(m)}T09:00:00+08:00` })),
      report(month(5), { contractId: contractM, at: `${due(5)}T23:59:00+08:00` }),
      report(month(6), { contractId: contractM, at: `${dayjs(due(6)).add(1, 'day').format('YYYY-MM-DD')}T00:01:00+08:00` }),
      ...[A, B, C].map((s) => report(month(7), { stationId: s, contractId: contractM, at: `${due(7)}T08:00:00+08:00` })),
      ...[A, B].map((s) => report(month(8), { stationId: s, contractId: contractM, at: `${due(8)}T08:00:00+08:00` })),
      report(month(9), { contractId: contractT, at: `${due(9)}T08:00:00+08:00` }),
      report(month(9), { stationId: A, orgId: null, at: `${due(9)}T08:00:00+08:00` }),
      report(month(10), { contractId: contractM, at: null }),
    ];
    await t.database.db.insert(reports).values(rows);
  });

  it('only the purchaser starts it, for a year the signed contract ran, once', async () => {
    expect((await town.post('/api/evaluations', { contractId: contractM, year: YEAR })).statusCode).toBe(403);
    expect((await evaluator.post('/api/evaluations', { contractId: contractM, year: YEAR })).statusCode).toBe(403);
    expect((await rongcheng.post('/api/evaluations', { contractId: contractM, year: YEAR })).statusCode).toBe(404);
    const outside = await district.post('/api/evaluations', { contractId: contractM, year: YEAR - 1 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.fields[0].path).toBe('year');
    const draft = await district.post('/api/contracts', { countyCode: '371002', title: '未签订', contractorOrgId: demoOrg });
    expect((await district.post('/api/evaluations', { contractId: draft.json().id, year: YEAR })).statusCode).toBe(409);

    const res = await district.post('/api/evaluations', { contractId: contractM, year: YEAR });
    expect(res.statusCode).toBe(200);
    id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', indicators: 14, grade: null, contractEnding: null });
    const again = await district.post('/api/evaluations', { contractId: contractM, year: YEAR });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.fields[0].path).toBe('year');
  });

  it('staffing: stations with two qualified workers on post at the year’s end (R-STAFF-MIN)', async () => {
    const d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    // A 2, B 2, C 1 (the contractor's worker left in June): 2 of 3.
    const a1 = byCode(d, 'A1');
    expect(a1.prefill).toMatchObject({ value: 66.7, suggested: 5.5 });
    expect(a1.prefill?.evidence).toContain(`按${YEAR}-12-31在岗情况，合同所含3个社工站中2个`);
    expect(a1.score).toBe(5.5);
  });

  it('on-post: the contractor’s own qualified workers by the deadline a month after signing (R-ONPOST-1M)', async () => {
    const d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    // By YEAR-02-01: A 2; B 1 (the second came in March); C 1 of the contractor's (the other is a town post): 1 of 3.
    expect(byCode(d, 'A2').prefill).toMatchObject({ value: 33.3, suggested: 2 });
    expect(byCode(d, 'A2').prefill?.evidence).toContain(`到岗期限${YEAR}-02-01`);
  });

  it('funding: spending of the year against the price', async () => {
    const d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    const spent = 3 * 10_000_000;
    const rate = Math.round((spent / PRICE) * 1000) / 10;
    expect(byCode(d, 'B1').prefill).toMatchObject({ value: rate, suggested: Math.round(8 * (spent / PRICE) * 2) / 2 });
    expect(byCode(d, 'B1').prefill?.evidence).toContain('合同支出300,000.00元');
  });

  it('services: records at the contract’s stations in the year per station-month, against 30', async () => {
    const d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    const counted = records.filter(([s, day]) => [A, B, C].includes(s) && day >= `${YEAR}-01-01` && day <= `${YEAR}-12-31`).length;
    const perStationMonth = counted / (3 * 12);
    expect(counted).toBe(540);
    expect(byCode(d, 'C1').prefill).toMatchObject({ value: perStationMonth, suggested: Math.round(12 * Math.min(1, perStationMonth / 30) * 2) / 2 });
    expect(byCode(d, 'C1').prefill?.evidence).toContain(`服务记录${counted}条`);
  });

  it('reports on time: each month’s briefing for the contract or for every station, by the 10th; none counts as not on time', async () => {
    const d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    const dueMonths = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`).filter((m) => monthlyPeriod(m).dueOn <= today);
    const onTime = 6; // January–May and July
    const ratio = onTime / dueMonths.length;
    expect(byCode(d, 'C2').prefill).toMatchObject({ value: Math.round(ratio * 1000) / 10, suggested: Math.round(6 * ratio * 2) / 2 });
    expect(byCode(d, 'C2').prefill?.evidence).toContain(`${YEAR}-06、${YEAR}-08`);
    expect(byCode(d, 'C2').prefill?.evidence).toContain(`未报送：${YEAR}-09`);
  });

  it('indicators scored by hand start empty', async () => {
    const d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    const manual = indicatorsOf(d).filter((i) => !i.auto);
    expect(manual).toHaveLength(9);
    expect(manual.every((i) => i.score === null && i.prefill === null)).toBe(true);
    expect(d.scored).toBe(5);
  });

  it('scores stay within the points, a departure from the suggestion says why; towns and evaluators score too', async () => {
    let d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    const over = await district.patch(`/api/evaluations/${id}`, { version: d.version, scores: [{ code: 'C1', score: 12.5 }] });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.fields[0]).toMatchObject({ path: 'scores.0.score', message: '得分不能超过该指标分值12分' });
    const bare = await district.patch(`/api/evaluations/${id}`, { version: d.version, scores: [{ code: 'B1', score: 6 }] });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details.fields[0].path).toBe('scores.0.comment');
    expect((await district.patch(`/api/evaluations/${id}`, { version: d.version, scores: [{ code: 'Z9', score: 1 }] })).statusCode).toBe(400);

    const explained = await town.patch(`/api/evaluations/${id}`, { version: d.version, scores: [{ code: 'B1', score: 6, comment: '核查票据后认定部分支出已发生未入账' }] });
    expect(explained.statusCode).toBe(200);
    d = explained.json<Detail>();
    expect(byCode(d, 'B1')).toMatchObject({ score: 6, comment: '核查票据后认定部分支出已发生未入账' });
    // The version moved on: the old one is stale.
    expect((await evaluator.patch(`/api/evaluations/${id}`, { version: d.version - 1, scores: [] })).statusCode).toBe(409);
    const byEvaluator = await evaluator.patch(`/api/evaluations/${id}`, { version: d.version, evaluators: '第三方评估机构 王评估', scores: [{ code: 'A3', score: 4, comment: '档案制度缺一项' }] });
    expect(byEvaluator.statusCode).toBe(200);
    expect(byEvaluator.json()).toMatchObject({ evaluators: '第三方评估机构 王评估', scored: 6 });
    // The list's row counts and sums the scores in the database as the page does.
    const page = byEvaluator.json<Detail>();
    const row = (await district.get('/api/evaluations?pageSize=100')).json().items.find((x: { id: string }) => x.id === id);
    expect(row).toMatchObject({ scored: page.scored, indicators: page.indicators, total: page.total, status: 'draft' });
    expect(page.total).toBeGreaterThan(0);
    expect(row).not.toHaveProperty('dimensions');
  });

  it('evidence files are type-checked uploads tied to an indicator', async () => {
    const pdf = multipartFile('满意度回访表.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'application/pdf');
    const up = await evaluator.request('POST', `/api/evaluations/${id}/files?code=D1`, pdf.payload, pdf.headers);
    expect(up.statusCode).toBe(200);
    const html = multipartFile('x.pdf', Buffer.from('<html><body>hi</body></html>'), 'application/pdf');
    expect((await evaluator.request('POST', `/api/evaluations/${id}/files`, html.payload, html.headers)).statusCode).toBe(400);
    const d = (await town.get(`/api/evaluations/${id}`)).json<Detail>();
    expect(byCode(d, 'D1').files.map((f) => f.id)).toEqual([up.json().id]);
    const got = await town.get(`/api/evaluations/${id}/files/${up.json().id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-disposition']).toContain('attachment');
  });

  it('re-prefill follows new records where the score was the suggestion and keeps the evaluator’s own', async () => {
    // Another 540 records: 30 per station-month, the full target.
    const paths = new Map((await t.database.db.select({ id: stations.id, p: stations.scopePath }).from(stations)).map((s) => [s.id, s.p]));
    const more = records.filter(([s, day]) => [A, B, C].includes(s) && day.startsWith(String(YEAR)));
    await t.database.db.insert(serviceRecords).values(
      more.map(([stationId, date]) => ({
        stationId, scopePath: paths.get(stationId) ?? '', date, durationMinutes: 30, method: 'case' as const, domain: 'elderly' as const, recordedBy: districtUser,
      })),
    );
    const before = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    const res = await evaluator.post(`/api/evaluations/${id}/prefill`, { version: before.version });
    expect(res.statusCode).toBe(200);
    const d = res.json<Detail>();
    expect(byCode(d, 'C1')).toMatchObject({ score: 12, prefill: { value: 30, suggested: 12 } });
    expect(byCode(d, 'B1')).toMatchObject({ score: 6, comment: '核查票据后认定部分支出已发生未入账' });
    expect(byCode(d, 'A3')).toMatchObject({ score: 4 });
  });

  it('finishing needs every indicator scored; 59.5 is 不合格 and marks the contract for ending next year (R-CONTRACT-FAIL, R-EVAL-USE)', async () => {
    let d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    expect((await town.post(`/api/evaluations/${id}/finish`, { version: d.version })).statusCode).toBe(403);
    const early = await district.post(`/api/evaluations/${id}/finish`, { version: d.version });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('还有8项指标未评分');

    const manual: Record<string, number> = { B2: 4, C3: 3, C4: 5, C5: 3, D1: 5, D2: 4, E1: 2 };
    const fixed = indicatorsOf(d).filter((i) => i.code !== 'E2' && !(i.code in manual)).reduce((n, i) => n + (i.score ?? 0), 0);
    const e2 = 59.5 - fixed - Object.values(manual).reduce((n, v) => n + v, 0);
    expect(e2).toBeGreaterThanOrEqual(0);
    expect(e2).toBeLessThanOrEqual(5);
    const scored = await district.patch(`/api/evaluations/${id}`, {
      version: d.version,
      scores: [...Object.entries(manual), ['E2', e2] as const].map(([code, score]) => ({ code, score, comment: '现场评估' })),
    });
    expect(scored.statusCode).toBe(200);
    d = scored.json<Detail>();
    expect(d.total).toBe(59.5);

    const done = await district.post(`/api/evaluations/${id}/finish`, { version: d.version });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'finished', total: 59.5, grade: 'fail', contractEnding: { endingYear: YEAR + 1, rule: { id: 'R-CONTRACT-FAIL' } } });
    expect(done.json().contractEnding.message).toContain(`合同应于${YEAR + 1}年终止`);

    const k = (await district.get(`/api/contracts/${contractM}`)).json();
    expect(k.endingYear).toBe(YEAR + 1);
    expect(k.grades).toContainEqual(expect.objectContaining({ year: YEAR, grade: 'fail', source: 'evaluation' }));
    expect(k.findings).toContainEqual(expect.objectContaining({ rule: expect.objectContaining({ id: 'R-CONTRACT-FAIL' }) }));
    const record = (await city.get(`/api/organizations/${demoOrg}/contract-record`)).json();
    expect(record.lastFailed).toBe(true);
    expect(record.grades[0]).toMatchObject({ year: YEAR, grade: 'fail', source: 'evaluation', contractId: contractM });
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'evaluation.finish')));
    expect(audit[0]?.detail).toContain('R-CONTRACT-FAIL');
  });

  it('a finished evaluation is frozen (409)', async () => {
    const d = (await district.get(`/api/evaluations/${id}`)).json<Detail>();
    expect((await district.patch(`/api/evaluations/${id}`, { version: d.version, scores: [{ code: 'E1', score: 5, comment: '改分' }] })).statusCode).toBe(409);
    expect((await district.post(`/api/evaluations/${id}/finish`, { version: d.version })).statusCode).toBe(409);
    expect((await district.post(`/api/evaluations/${id}/prefill`, { version: d.version })).statusCode).toBe(409);
    // Nor may the grade it gave be overwritten by hand.
    expect((await district.post(`/api/contracts/${contractM}/grades`, { year: YEAR, grade: 'pass', note: '手工改' })).statusCode).toBe(409);
    const pdf = multipartFile('补充.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    expect((await district.request('POST', `/api/evaluations/${id}/files`, pdf.payload, pdf.headers)).statusCode).toBe(409);
  });

  it('is scoped like its contract: another county 404, a town by the contract’s stations, a station worker 403', async () => {
    expect((await rongcheng.get(`/api/evaluations/${id}`)).statusCode).toBe(404);
    expect((await rongcheng.get('/api/evaluations')).json().total).toBe(0);
    expect((await town.get(`/api/evaluations/${id}`)).statusCode).toBe(200);
    expect((await evaluator.get(`/api/evaluations?year=${YEAR}&grade=fail`)).json().items.map((e: { id: string }) => e.id)).toEqual([id]);
    expect((await (await t.login('demo-worker')).get('/api/evaluations')).statusCode).toBe(403);
    expect((await (await t.login('demo-org')).get(`/api/evaluations/${id}`)).statusCode).toBe(403);
  });
});

describe('grade thresholds (defaults 90 / 80 / 60)', () => {
  /** Every indicator at full points except C1, then finished; returns the finish response body. */
  async function finishWith(year: number, c1: number) {
    const created = await district.post('/api/evaluations', { contractId: contractT, year });
    expect(created.statusCode).toBe(200);
    const d = created.json<Detail>();
    const scores = indicatorsOf(d).map((i) => ({ code: i.code, score: i.code === 'C1' ? c1 : i.points, comment: '测试评分' }));
    const scored = await district.patch(`/api/evaluations/${d.id}`, { version: d.version, scores });
    expect(scored.statusCode).toBe(200);
    const done = await district.post(`/api/evaluations/${d.id}/finish`, { version: scored.json().version });
    expect(done.statusCode).toBe(200);
    return done.json<Detail>();
  }

  it('90 is 优秀, 89.99 is 良好; the city can no longer change a year in use; a town outside the contract sees nothing', async () => {
    const excellent = await finishWith(YEAR - 2, 2);
    expect(excellent).toMatchObject({ total: 90, grade: 'excellent', contractEnding: null });
    const good = await finishWith(YEAR - 1, 1.99);
    expect(good).toMatchObject({ total: 89.99, grade: 'good' });
    const k = (await district.get(`/api/contracts/${contractT}`)).json();
    expect(k.endingYear).toBeNull();
    expect(k.grades.map((g: { year: number; grade: string; source: string }) => [g.year, g.grade, g.source])).toEqual([
      [YEAR - 2, 'excellent', 'evaluation'],
      [YEAR - 1, 'good', 'evaluation'],
    ]);
    const system = (await city.get(`/api/evaluation/indicators/${YEAR - 2}`)).json();
    expect(system).toMatchObject({ isDefault: false, evaluations: 1 });
    const put = await city.put(`/api/evaluation/indicators/${YEAR - 2}`, { version: system.version, dimensions: system.dimensions, thresholds: system.thresholds });
    expect(put.statusCode).toBe(409);
    // 鲸园's town officer: contract T does not cover 鲸园.
    expect((await town.get(`/api/evaluations/${good.id}`)).statusCode).toBe(404);
  });
});

describe('demo', () => {
  it('seedEvaluationDemo finishes the previous year of a contract that ran then and has no evaluation, once', async () => {
    const [e] = await t.database.db
      .select({ id: stations.id })
      .from(stations)
      .where(and(like(stations.scopePath, '/371000/371002/%'), eq(stations.status, 'operating'), notInArray(stations.id, [A, B, C, D])))
      .limit(1);
    const n = await signedContract('评估合同N', [e?.id ?? ''], `${YEAR}-03-01`, `${YEAR}-12-31`);
    await seedEvaluationDemo(t.database.db);
    await seedEvaluationDemo(t.database.db);
    const list = (await district.get(`/api/evaluations?contractId=${n}`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ year: YEAR, status: 'finished', grade: 'good', scored: 14 });
    expect((await district.get(`/api/contracts/${n}`)).json().grades).toEqual([expect.objectContaining({ year: YEAR, grade: 'good', source: 'evaluation' })]);
  });
});
