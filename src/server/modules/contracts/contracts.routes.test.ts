import dayjs from 'dayjs';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { maxContractEnd, onPostDeadline } from '../../../shared/rules/purchase';
import { auditLog, organizations, stations } from '../../db/schema';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { setCountCapForTests } from '../../platform/capped-count';
import { endDemoContracts, idNumberBornOn, multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let city: Session;
let district: Session;
let town: Session;
let orgManager: Session;
let demoOrg: string;
let hc: { id: string; townCode: string }[];
let jingyuan: string;

const today = chinaToday();
const signedOn = dayjs(today).subtract(40, 'day').format('YYYY-MM-DD');

const fullContract = (over: Record<string, unknown> = {}) => ({
  countyCode: '371002',
  title: '环翠区镇街社工站服务项目（第一标段）',
  number: 'HC-SGZ-01',
  contractorOrgId: demoOrg,
  stationIds: hc.slice(0, 3).map((s) => s.id),
  content: '困难群众帮扶、老年人服务、困境儿童关爱保护等',
  startsOn: signedOn,
  endsOn: dayjs(signedOn).add(1, 'year').subtract(1, 'day').format('YYYY-MM-DD'),
  quantity: '每站每月入户走访不少于30户',
  quality: '服务对象满意度不低于90%',
  priceFen: 45_000_000,
  instalments: [
    { label: '首期', dueOn: signedOn, amountFen: 22_500_000 },
    { label: '末期', dueOn: dayjs(signedOn).add(11, 'month').format('YYYY-MM-DD'), amountFen: 22_500_000 },
  ],
  rightsDuties: '甲方按期付款，乙方按要求配备社工并提供服务',
  liability: '乙方未按期到岗的，按日扣减服务费',
  ...over,
});

async function orgNamed(name: string, status: 'active' | 'barred' | 'suspended' = 'active'): Promise<string> {
  const [row] = await t.database.db
    .insert(organizations)
    .values({ name, creditCode: `52371002MJ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}X`, status, scopePath: '/371000/371002/', countyCode: '371002' })
    .returning({ id: organizations.id });
  if (!row) throw new Error('no org');
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  district = await t.login('demo-district');
  town = await t.login('demo-town');
  orgManager = await t.login('demo-org');
  await endDemoContracts(district);
  const [org] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  if (!org) throw new Error('no demo org');
  demoOrg = org.id;
  hc = await t.database.db
    .select({ id: stations.id, townCode: stations.townCode })
    .from(stations)
    .where(like(stations.scopePath, '/371000/371002/%'))
    .orderBy(asc(stations.townCode));
  jingyuan = hc.find((s) => s.townCode === '371002002')?.id ?? '';
  // 鲸园 first, so the contract covers the demo station with one qualified worker.
  hc = [...hc.filter((s) => s.id === jingyuan), ...hc.filter((s) => s.id !== jingyuan)];
});
afterAll(() => t.close());

describe('contract refusals', () => {
  it('R-CONTRACT-TERM: exactly three years is accepted, one day more is refused', async () => {
    const start = '2025-01-01';
    const ok = await district.post('/api/contracts', fullContract({ startsOn: start, endsOn: maxContractEnd(start), title: '三年期' }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().endsOn).toBe('2027-12-31');
    const long = await district.post('/api/contracts', fullContract({ startsOn: start, endsOn: '2028-01-01' }));
    expect(long.statusCode).toBe(422);
    expect(long.json().error.details.rule).toMatchObject({ id: 'R-CONTRACT-TERM', clause: '四（三）' });
    expect(long.json().error.message).toContain('最长至2027-12-31');
  });

  it('refuses a barred contractor (R-BUY-ROLES) and stations outside the purchaser’s unit', async () => {
    const barred = await orgNamed('禁入测试社工服务中心', 'barred');
    const res = await district.post('/api/contracts', fullContract({ contractorOrgId: barred }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-BUY-ROLES');
    const [foreign] = await t.database.db.select({ id: stations.id }).from(stations).where(like(stations.scopePath, '/371000/371003/%')).limit(1);
    const outside = await district.post('/api/contracts', fullContract({ stationIds: [foreign?.id] }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.fields[0]).toMatchObject({ path: 'stationIds' });
    // Another unit's purchaser: the county is not theirs.
    expect((await district.post('/api/contracts', fullContract({ countyCode: '371003', stationIds: [] }))).statusCode).toBe(404);
  });

  it('instalments must add up to the price', async () => {
    const res = await district.post('/api/contracts', fullContract({ priceFen: 45_000_001 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('instalments');
  });

  it('R-CONTRACT-CONTENT: signing a contract with contents missing names each of them', async () => {
    const draft = await district.post('/api/contracts', {
      countyCode: '371002', title: '缺内容的合同', contractorOrgId: demoOrg, stationIds: [hc[5]?.id], startsOn: '2026-01-01', endsOn: '2026-12-31',
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().missing).toEqual(['服务内容', '服务数量', '服务质量', '合同价格', '资金结算方式', '双方权利义务', '违约责任']);
    const sign = await district.post(`/api/contracts/${draft.json().id}/sign`, { version: draft.json().version, signedOn: today });
    expect(sign.statusCode).toBe(422);
    expect(sign.json().error.details.rule.id).toBe('R-CONTRACT-CONTENT');
    expect(sign.json().error.message).toContain('违约责任');
  });
});

describe('a signed contract', () => {
  let id = '';
  let version = 0;

  it('is signed by the purchaser; the contractor now runs the stations and the on-post deadline is one month on', async () => {
    const created = await district.post('/api/contracts', fullContract());
    expect(created.statusCode).toBe(200);
    id = created.json().id;
    expect(created.json().missing).toEqual([]);
    const signed = await district.post(`/api/contracts/${id}/sign`, { version: created.json().version, signedOn });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signedOn, onPostDeadline: onPostDeadline(signedOn) });
    version = signed.json().version;
    // The term runs through today, so the contractor serves the station today.
    expect((await district.get(`/api/stations/${jingyuan}`)).json().operatorOrgId).toBe(demoOrg);
    // Content is frozen after signing.
    const { countyCode: _unit, ...editable } = fullContract();
    expect((await district.patch(`/api/contracts/${id}`, { ...editable, version })).statusCode).toBe(409);
  });

  it('R-ONPOST-1M: a station short of the contractor’s qualified workers after the deadline is a finding until they are on post', async () => {
    const before = (await district.get(`/api/contracts/${id}`)).json();
    const jy = before.stations.find((s: { id: string }) => s.id === jingyuan);
    // 鲸园 has one qualified worker of the contractor: past the deadline that is overdue.
    expect(jy).toMatchObject({ qualifiedOnPost: 1, onPostState: 'overdue' });
    const finding = before.findings.find((f: { rule: { id: string }; message: string }) => f.rule.id === 'R-ONPOST-1M' && f.message.includes('鲸园'));
    expect(finding).toMatchObject({ severity: 'finding', rule: { clause: '四（四）' } });
    expect(finding.clearBy).toContain('1名');
    const all = (await district.get('/api/contracts?pageSize=200')).json();
    const second = (await district.get('/api/contracts?pageSize=1&page=2')).json();
    expect(second.total).toBe(all.total);
    expect(second.items.map((c: { id: string }) => c.id)).toEqual([all.items[1].id]);
    const flagged = (await district.get('/api/contracts?withFindings=true')).json();
    expect(flagged.items.map((c: { id: string }) => c.id)).toContain(id);
    await expectProblemFilterMatchesFindings(district);

    // The contractor posts a second qualified worker: the finding clears.
    const worker = await orgManager.post('/api/social-workers', {
      name: '周到岗', idNumber: idNumberBornOn('1995-05-05', 771), education: 'bachelor', major: '社会工作',
      certificates: [{ level: 'assistant', number: 'A-771', obtainedOn: '2020-06-01' }],
    });
    expect(worker.statusCode).toBe(200);
    const posted = await orgManager.post('/api/postings', { workerId: worker.json().id, stationId: jingyuan, startDate: today, source: 'purchased' });
    expect(posted.statusCode).toBe(200);
    const after = (await district.get(`/api/contracts/${id}`)).json();
    expect(after.stations.find((s: { id: string }) => s.id === jingyuan)).toMatchObject({ qualifiedOnPost: 2, onPostState: 'ok' });
    expect(after.findings.some((f: { message: string }) => f.message.includes('鲸园'))).toBe(false);
    await expectProblemFilterMatchesFindings(district);
    // A worker qualified only by training hours counts too (within three years of first posting).
    const trained = await orgManager.post('/api/social-workers', {
      name: '钱培训', idNumber: idNumberBornOn('1996-06-06', 773), education: 'bachelor', major: '会计',
      trainings: [{ date: dayjs(today).subtract(1, 'year').format('YYYY-MM-DD'), hours: 120, provider: '市社工协会', topic: '社会工作实务' }],
    });
    expect(trained.statusCode, trained.body).toBe(200);
    const other = before.stations.find((s: { id: string }) => s.id !== jingyuan);
    const postedTrained = await orgManager.post('/api/postings', { workerId: trained.json().id, stationId: other.id, startDate: today, source: 'purchased' });
    expect(postedTrained.statusCode, postedTrained.body).toBe(200);
    await expectProblemFilterMatchesFindings(district);
  });

  it('a station under a contract in force cannot be signed to a second contractor for the same days', async () => {
    const other = await orgNamed('第二家社工服务中心');
    const draft = await district.post('/api/contracts', fullContract({ contractorOrgId: other, title: '重叠合同' }));
    const sign = await district.post(`/api/contracts/${draft.json().id}/sign`, { version: draft.json().version, signedOn: today });
    expect(sign.statusCode).toBe(400);
    expect(sign.json().error.details.fields[0].path).toBe('stationIds');
  });

  it('payments follow the instalments and may not exceed the price (R-FUND-USE); spending is by station and category', async () => {
    const pay = await district.post(`/api/contracts/${id}/payments`, { instalment: 0, paidOn: signedOn, amountFen: 22_500_000, voucher: 'PZ-001' });
    expect(pay.statusCode).toBe(200);
    expect(pay.json().instalments[0].paidFen).toBe(22_500_000);
    expect(pay.json().paidFen).toBe(22_500_000);
    const over = await district.post(`/api/contracts/${id}/payments`, { instalment: 1, paidOn: today, amountFen: 22_500_001 });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.details.rule.id).toBe('R-FUND-USE');
    expect((await district.post(`/api/contracts/${id}/payments`, { instalment: 5, paidOn: today, amountFen: 1 })).statusCode).toBe(400);
    const spend = await district.post(`/api/contracts/${id}/spending`, { stationId: jingyuan, category: 'staff', spentOn: today, amountFen: 1_234_567 });
    expect(spend.statusCode).toBe(200);
    expect(spend.json().spentFen).toBe(1_234_567);
    expect(spend.json().spending[0]).toMatchObject({ stationName: '环翠区鲸园街道社会工作服务站', category: 'staff' });
    const [foreign] = hc.slice(-1);
    expect((await district.post(`/api/contracts/${id}/spending`, { stationId: foreign?.id, category: 'staff', spentOn: today, amountFen: 1 })).statusCode).toBe(400);
    // The contractor and the town read; neither may pay.
    expect((await orgManager.post(`/api/contracts/${id}/payments`, { instalment: 1, paidOn: today, amountFen: 1 })).statusCode).toBe(403);
    expect((await town.get(`/api/contracts/${id}`)).statusCode).toBe(200);
    expect((await orgManager.get(`/api/contracts/${id}`)).statusCode).toBe(200);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'contract.payment')));
    expect(audit).toHaveLength(1);
  });

  it('R-CONTRACT-FAIL: a 不合格 grade marks the contract for ending next year and shows in the contractor’s record (R-EVAL-USE)', async () => {
    const year = Number(today.slice(0, 4)) - 1;
    const graded = await district.post(`/api/contracts/${id}/grades`, { year, grade: 'fail', note: '服务量不足' });
    expect(graded.statusCode).toBe(200);
    expect(graded.json()).toMatchObject({ endingYear: year + 1 });
    const finding = graded.json().findings.find((f: { rule: { id: string } }) => f.rule.id === 'R-CONTRACT-FAIL');
    expect(finding).toMatchObject({ severity: 'finding' });
    const record = (await city.get(`/api/organizations/${demoOrg}/contract-record`)).json();
    expect(record.lastFailed).toBe(true);
    expect(record.grades[0]).toMatchObject({ year, grade: 'fail', contractId: id });
    // Corrected on review: the mark is lifted.
    const corrected = await district.post(`/api/contracts/${id}/grades`, { year, grade: 'pass', note: '复核后合格' });
    expect(corrected.json().endingYear).toBeNull();
    expect((await city.get(`/api/organizations/${demoOrg}/contract-record`)).json().lastFailed).toBe(false);
    // A contractor sees only its own record.
    const other = await orgNamed('旁观机构');
    expect((await orgManager.get(`/api/organizations/${other}/contract-record`)).statusCode).toBe(404);
  });

  it('files are type-checked uploads, and the status moves on with a reason', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const upload = multipartFile('合同.pdf', pdf, 'application/pdf');
    const res = await district.request('POST', `/api/contracts/${id}/files`, upload.payload, upload.headers);
    expect(res.statusCode).toBe(200);
    const got = await orgManager.get(`/api/contracts/${id}/files/${res.json().id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-disposition']).toContain('attachment');
    const detail = (await district.get(`/api/contracts/${id}`)).json();
    const performing = await district.post(`/api/contracts/${id}/status`, { version: detail.version, status: 'performing', reason: '社工已进驻' });
    expect(performing.json().status).toBe('performing');
    const bad = await district.post(`/api/contracts/${id}/status`, { version: performing.json().version, status: 'performing', reason: 'x' });
    expect(bad.statusCode).toBe(409);
    const ended = await district.post(`/api/contracts/${id}/status`, { version: performing.json().version, status: 'terminated', reason: '双方协商一致解除' });
    expect(ended.json()).toMatchObject({ status: 'terminated', statusReason: '双方协商一致解除' });
    // The contractor no longer runs the stations.
    expect((await district.get(`/api/stations/${jingyuan}`)).json().operatorOrgId).toBeNull();
  });
});

/** The 有问题 filter (SQL) lists exactly the contracts whose computed findings are not empty. */
async function expectProblemFilterMatchesFindings(s: Session) {
  const all = (await s.get('/api/contracts?pageSize=200')).json();
  const withFindings = all.items.filter((c: { findings: unknown[] }) => c.findings.length > 0).map((c: { id: string }) => c.id).sort();
  const flagged = (await s.get('/api/contracts?withFindings=true&pageSize=200')).json();
  expect(flagged.items.map((c: { id: string }) => c.id).sort()).toEqual(withFindings);
  expect(flagged.total).toBe(withFindings.length);
  return withFindings.length;
}

describe('the 有问题 filter in SQL', () => {
  it('lists the same contracts as the findings computed for each, for the city and a district, and pages them', async () => {
    expect(await expectProblemFilterMatchesFindings(city)).toBeGreaterThan(0);
    await expectProblemFilterMatchesFindings(district);
    const total = await expectProblemFilterMatchesFindings(city);
    if (total > 1) {
      const page2 = (await city.get('/api/contracts?withFindings=true&pageSize=1&page=2')).json();
      expect(page2.items).toHaveLength(1);
      expect(page2.total).toBe(total);
    }
  });
});

describe('the 有问题 filter at province size', () => {
  it('counts at most the cap (then says so) and its pages together hold every contract with findings once', async () => {
    const all = (await city.get('/api/contracts?pageSize=200')).json();
    const expected = all.items.filter((c: { findings: unknown[] }) => c.findings.length > 0).map((c: { id: string }) => c.id).sort();
    expect(expected.length).toBeGreaterThan(1);
    const undo = setCountCapForTests(1);
    try {
      const seen: string[] = [];
      for (let page = 1; page <= expected.length + 1; page++) {
        const res = (await city.get(`/api/contracts?withFindings=true&pageSize=1&page=${page}`)).json();
        // Capped, the count reaches at least to this page (下一页 stays truthful), exact at the end.
        expect(res).toMatchObject(page < expected.length ? { total: page, totalCapped: true } : { total: expected.length, totalCapped: false });
        seen.push(...res.items.map((c: { id: string }) => c.id));
      }
      expect(seen.sort()).toEqual(expected);
      // Without the filter contracts are few: the total stays exact.
      expect((await city.get('/api/contracts?pageSize=1')).json()).toMatchObject({ total: all.total, totalCapped: false });
    } finally {
      undo();
    }
  });
});

describe('R-NO-SUBCONTRACT', () => {
  /** A worker employed by `orgId`, posted at the station today, with a login; returns the session. */
  async function postedWorker(name: string, seq: number, orgId: string, stationId: string): Promise<{ session: Session; workerId: string }> {
    const w = await district.post('/api/social-workers', {
      name, idNumber: idNumberBornOn('1993-03-03', seq), education: 'bachelor', major: '社会工作', orgId,
      certificates: [{ level: 'assistant', number: `N-${seq}`, obtainedOn: '2019-06-01' }],
    });
    expect(w.statusCode).toBe(200);
    expect((await district.post('/api/postings', { workerId: w.json().id, stationId, startDate: today, source: 'purchased' })).statusCode).toBe(200);
    const username = `sub${seq}`;
    expect((await district.post(`/api/social-workers/${w.json().id}/account`, { username, initialPassword: 'Init#Pass2026' })).statusCode).toBe(200);
    const first = await t.login(username, 'Init#Pass2026');
    await first.post('/api/auth/password', { currentPassword: 'Init#Pass2026', newPassword: 'Own#Pass2026' });
    return { session: await t.login(username, 'Own#Pass2026'), workerId: w.json().id };
  }

  const record = (over: Record<string, unknown> = {}) => ({ date: today, durationMinutes: 60, method: 'community', itemCode: 'SA01', ...over });

  it('at a station under contract, another organisation’s worker cannot record service there; the contractor’s own can', async () => {
    const station = hc[7]?.id ?? '';
    const created = await district.post('/api/contracts', fullContract({ stationIds: [station], title: '转包测试合同', number: 'SUB-1' }));
    expect((await district.post(`/api/contracts/${created.json().id}/sign`, { version: created.json().version, signedOn: today })).statusCode).toBe(200);
    const otherOrg = await orgNamed('分包社工服务社');
    const outsider = await postedWorker('外机构社工', 881, otherOrg, station);
    const own = await postedWorker('本机构社工', 882, demoOrg, station);

    const refused = await outsider.session.post('/api/service-records', record());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toMatchObject({ id: 'R-NO-SUBCONTRACT', clause: '五（四）' });
    expect(refused.json().error.message).toContain('分包社工服务社');

    const ok = await own.session.post('/api/service-records', record());
    expect(ok.statusCode).toBe(200);
    // Nor may the contractor's worker bring the other organisation's worker in as a co-worker.
    const withOutsider = await own.session.post('/api/service-records', record({ coWorkerIds: [outsider.workerId] }));
    expect(withOutsider.statusCode).toBe(422);
    expect(withOutsider.json().error.details.rule.id).toBe('R-NO-SUBCONTRACT');
  });
});
