import dayjs from 'dayjs';
import { asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { auditLog, contracts, contractStations, files, organizations, stationPlans, stations, users } from '../../db/schema';
import { multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { findingsCount } from './station-plans.repo';

type Json = Record<string, unknown>;
let t: TestApp;
let district: Session;
let demoOrg: Session;
let town: Session;
let wdBureau: Session;
let wdBureau2: Session;
let wdOrg: Session;
let wdStations: { id: string; scopePath: string }[] = [];
let wdOrgId = '';
let lastYearContract = '';

const today = chinaToday();
const year = Number(today.slice(0, 4));
const lastYear = year - 1;
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);
const targets = { records: 12, homeVisits: 0, groupSessions: 3, casesOpened: 0 };
const content = { itemCodes: ['SA01', 'EL02'], duties: '入户走访困难群众，开展老年人小组活动', targets };

async function attach(s: Session, id: string) {
  for (const kind of ['needs_survey', 'service_plan']) {
    const body = multipartFile(`${kind}.png`, png, 'image/png');
    const res = await s.request('POST', `/api/station-plans/${id}/files?kind=${kind}`, body.payload, body.headers);
    expect(res.statusCode).toBe(200);
  }
}

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
  demoOrg = await t.login('demo-org');
  town = await t.login('demo-town');
  const db = t.database.db;
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, '威海市文登区同心社会工作服务中心'));
  wdOrgId = org?.id ?? '';
  wdBureau = await t.userWith('wd.plan1', ['district_officer'], { kind: 'county', regionCode: '371003' });
  wdBureau2 = await t.userWith('wd.plan2', ['district_officer'], { kind: 'county', regionCode: '371003' });
  wdOrg = await t.userWith('wd.orgplan', ['org_manager'], { kind: 'org', orgId: wdOrgId });
  wdStations = await db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(like(stations.scopePath, '/371000/371003/%'))
    .orderBy(asc(stations.townCode));
  // A contract from last December to the end of last year for the first three 文登 stations: every month
  // of last year is closed and judged (the on-post month, December, lies before it).
  const [k] = await db
    .insert(contracts)
    .values({
      countyCode: '371003', scopePath: '/371000/371003/', contractorOrgId: wdOrgId, title: `文登区${lastYear}年社工站服务合同`,
      startsOn: `${lastYear - 1}-12-01`, endsOn: `${lastYear}-12-31`, status: 'performing', signedOn: `${lastYear - 1}-12-01`,
    })
    .returning();
  lastYearContract = k?.id ?? '';
  await db.insert(contractStations).values(wdStations.slice(0, 3).map((s) => ({ contractId: k?.id ?? '', stationId: s.id, stationPath: s.scopePath })));
}, 60_000);
afterAll(() => t.close());

describe('一站一策: who may', () => {
  it('answers 401 without a session and 403 to a role without the permission', async () => {
    expect((await t.anon('GET', '/api/station-plans')).statusCode).toBe(401);
    const evaluator = await t.login('demo-evaluator');
    expect((await evaluator.get('/api/station-plans')).statusCode).toBe(403);
    // A town officer reads but does not draft.
    expect((await town.post('/api/station-plans', { ...content, stationId: wdStations[0]?.id, year })).statusCode).toBe(403);
  });

  it('refuses a bad body with field paths', async () => {
    const res = await wdOrg.post('/api/station-plans', { stationId: 'x', year, itemCodes: [], targets: { records: -1, homeVisits: 0, groupSessions: 0, casesOpened: 0 } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['stationId', 'targets.records']));
  });
});

describe('一站一策: drafting, four eyes, versions', () => {
  let id = '';

  it('refuses an excluded catalogue item with R-SCOPE-EXCLUDED', async () => {
    const res = await wdOrg.post('/api/station-plans', { ...content, itemCodes: ['SA01', 'EX02'], stationId: wdStations[3]?.id, year });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-SCOPE-EXCLUDED');
    const unknown = await wdOrg.post('/api/station-plans', { ...content, itemCodes: ['ZZ99'], stationId: wdStations[3]?.id, year });
    expect(unknown.statusCode).toBe(400);
  });

  it('the organisation drafts under its contract; submitting needs the needs survey and service plan (R-START-WORK)', async () => {
    const res = await wdOrg.post('/api/station-plans', { ...content, stationId: wdStations[3]?.id, year });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ status: 'draft', orgId: wdOrgId, year, firstMonth: 1, lastMonth: 12 });
    expect(plan.items.map((i: Json) => i.name)).toContain('心理疏导');
    expect(plan.missing).toEqual(['需求调研报告', '服务计划']);
    id = plan.id;
    const refused = await wdOrg.post(`/api/station-plans/${id}/submit`, { version: plan.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule.id).toBe('R-START-WORK');
    // One plan per station and year.
    expect((await wdOrg.post('/api/station-plans', { ...content, stationId: wdStations[3]?.id, year })).statusCode).toBe(400);
  });

  it('another county and another organisation see nothing of it (404), and cannot review it', async () => {
    expect((await district.get(`/api/station-plans/${id}`)).statusCode).toBe(404);
    expect((await demoOrg.get(`/api/station-plans/${id}`)).statusCode).toBe(404);
    expect((await town.get(`/api/station-plans/${id}`)).statusCode).toBe(404);
    expect((await district.post(`/api/station-plans/${id}/review`, { version: 1, decision: 'approved' })).statusCode).toBe(404);
    expect((await demoOrg.post('/api/station-plans', { ...content, stationId: wdStations[4]?.id, year })).statusCode).toBe(404);
    const list = (await district.get(`/api/station-plans?year=${year}&pageSize=200`)).json();
    expect(list.items.some((r: Json) => r.id === id)).toBe(false);
  });

  it('is returned with a reason, resubmitted and approved by the bureau; each submission is kept', async () => {
    await attach(wdOrg, id);
    let plan = (await wdOrg.post(`/api/station-plans/${id}/submit`, { version: (await wdOrg.get(`/api/station-plans/${id}`)).json().version })).json();
    expect(plan.status).toBe('submitted');
    // The organisation cannot approve its own plan at all.
    expect((await wdOrg.post(`/api/station-plans/${id}/review`, { version: plan.version, decision: 'approved' })).statusCode).toBe(403);
    expect((await wdBureau.post(`/api/station-plans/${id}/review`, { version: plan.version, decision: 'returned' })).statusCode).toBe(400);
    plan = (await wdBureau.post(`/api/station-plans/${id}/review`, { version: plan.version, decision: 'returned', comment: '入户走访目标偏低' })).json();
    expect(plan).toMatchObject({ status: 'returned', lastComment: '入户走访目标偏低' });
    plan = (await wdOrg.patch(`/api/station-plans/${id}`, { ...content, targets: { ...targets, homeVisits: 8 }, version: plan.version })).json();
    plan = (await wdOrg.post(`/api/station-plans/${id}/submit`, { version: plan.version })).json();
    const approved = await wdBureau.post(`/api/station-plans/${id}/review`, { version: plan.version, decision: 'approved' });
    expect(approved.statusCode).toBe(200);
    plan = approved.json();
    expect(plan.status).toBe('approved');
    expect(plan.submissions.map((s: Json) => [s.decision, (s.content as { targets: Json }).targets.homeVisits])).toEqual([['returned', 0], ['approved', 8]]);
    // Approved plans are frozen.
    expect((await wdOrg.patch(`/api/station-plans/${id}`, { ...content, version: plan.version })).statusCode).toBe(409);
    const audit = await t.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['station_plan.create', 'station_plan.submit', 'station_plan.review', 'station_plan.file_upload']));
  });

  it('the bureau may set a plan itself, but whoever submits never approves (R-FOUR-EYES)', async () => {
    let plan = (await wdBureau.post('/api/station-plans', { ...content, stationId: wdStations[5]?.id, year })).json();
    await attach(wdBureau, plan.id);
    plan = (await wdBureau.post(`/api/station-plans/${plan.id}/submit`, { version: (await wdBureau.get(`/api/station-plans/${plan.id}`)).json().version })).json();
    const own = await wdBureau.post(`/api/station-plans/${plan.id}/review`, { version: plan.version, decision: 'approved' });
    expect(own.statusCode).toBe(422);
    expect(own.json().error.details.rule.id).toBe('R-FOUR-EYES');
    expect((await wdBureau2.post(`/api/station-plans/${plan.id}/review`, { version: plan.version, decision: 'approved' })).json().status).toBe('approved');
  });

  it('with several submissions, R-FOUR-EYES asks who sent the latest one, and the review decides that one', async () => {
    let plan = (await wdBureau.post('/api/station-plans', { ...content, stationId: wdStations[10]?.id, year })).json();
    await attach(wdBureau, plan.id);
    plan = (await wdBureau.post(`/api/station-plans/${plan.id}/submit`, { version: (await wdBureau.get(`/api/station-plans/${plan.id}`)).json().version })).json();
    plan = (await wdBureau2.post(`/api/station-plans/${plan.id}/review`, { version: plan.version, decision: 'returned', comment: '补充需求调研' })).json();
    plan = (await wdBureau2.post(`/api/station-plans/${plan.id}/submit`, { version: plan.version })).json();
    const own = await wdBureau2.post(`/api/station-plans/${plan.id}/review`, { version: plan.version, decision: 'approved' });
    expect(own.statusCode).toBe(422);
    expect(own.json().error.details.rule.id).toBe('R-FOUR-EYES');
    plan = (await wdBureau.post(`/api/station-plans/${plan.id}/review`, { version: plan.version, decision: 'approved' })).json();
    expect(plan.status).toBe('approved');
    expect(plan.submissions.map((v: Json) => [v.number, v.decision, v.decidedBy])).toEqual([[1, 'returned', 'wd.plan2'], [2, 'approved', 'wd.plan1']]);
  });

  it('refuses a plan for a year without a contract in force naming R-START-WORK and its clause', async () => {
    const s = wdStations[8];
    const inForce = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM contract_stations cs JOIN contracts k ON k.id = cs.contract_id
      WHERE cs.station_id = ${s?.id} AND k.status IN ('signed', 'performing') AND k.starts_on <= '2021-12-31' AND k.ends_on >= '2021-01-01'`);
    expect(inForce[0]?.n).toBe(0);
    const res = await wdBureau.post('/api/station-plans', { ...content, stationId: s?.id, year: 2021 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule).toMatchObject({ id: 'R-START-WORK', clause: '四（四）' });
    expect(res.json().error.message).toContain('没有已签订的服务合同');
    expect(res.json().error.message).toContain('R-START-WORK，四（四）');
  });

  it('待审定 for a bureau officer leaves out what they submitted themselves (R-FOUR-EYES): the list and the workbench agree', async () => {
    const toReview = async (s: Session) => {
      const list = (await s.get('/api/station-plans?toReview=true&pageSize=200')).json();
      const bench = (await s.get('/api/workbench')).json();
      const section = bench.sections.find((x: Json) => x.key === 'stationPlansToApprove');
      expect(section.total).toBe(list.total);
      return { ids: list.items.map((r: Json) => r.id) as string[], total: list.total as number, links: section.items.map((i: Json) => i.link) as string[] };
    };
    let plan = (await wdBureau.post('/api/station-plans', { ...content, stationId: wdStations[7]?.id, year })).json();
    await attach(wdBureau, plan.id);
    plan = (await wdBureau.post(`/api/station-plans/${plan.id}/submit`, { version: (await wdBureau.get(`/api/station-plans/${plan.id}`)).json().version })).json();
    let own = await toReview(wdBureau);
    let other = await toReview(wdBureau2);
    expect(own.ids).not.toContain(plan.id);
    expect(own.links).not.toContain(`/station-plans/${plan.id}`);
    expect(other.ids).toContain(plan.id);
    expect(other.links).toContain(`/station-plans/${plan.id}`);
    expect(other.total).toBe(own.total + 1);
    // The status filter still shows every submitted plan; an organisation has nothing to review.
    expect((await wdBureau.get(`/api/station-plans?status=submitted&pageSize=200`)).json().items.map((r: Json) => r.id)).toContain(plan.id);
    expect((await wdOrg.get('/api/station-plans?toReview=true')).json().total).toBe(0);
    // Returned and resubmitted by the colleague: the latest submission decides who may review it.
    plan = (await wdBureau2.post(`/api/station-plans/${plan.id}/review`, { version: plan.version, decision: 'returned', comment: '补充入户走访目标' })).json();
    plan = (await wdBureau2.post(`/api/station-plans/${plan.id}/submit`, { version: plan.version })).json();
    own = await toReview(wdBureau);
    other = await toReview(wdBureau2);
    expect(own.ids).toContain(plan.id);
    expect(other.ids).not.toContain(plan.id);
    const refused = await wdBureau2.post(`/api/station-plans/${plan.id}/review`, { version: plan.version, decision: 'approved' });
    expect(refused.json().error.details.rule.id).toBe('R-FOUR-EYES');
    plan = (await wdBureau.post(`/api/station-plans/${plan.id}/review`, { version: plan.version, decision: 'approved' })).json();
    expect(plan.status).toBe('approved');
    expect(plan.submissions.map((v: Json) => v.decision)).toEqual(['returned', 'approved']);
  });

  it('another county and another organisation get 404 for edit, submit and files, and nothing is written', async () => {
    const s = wdStations[9];
    const created = (await wdOrg.post('/api/station-plans', { ...content, stationId: s?.id, year })).json();
    await attach(wdOrg, created.id);
    const before = (await wdOrg.get(`/api/station-plans/${created.id}`)).json();
    const fileId = before.files[0]?.id;
    expect(fileId).toBeTruthy();
    const [row0] = await t.database.db.select().from(stationPlans).where(eq(stationPlans.id, created.id));
    const audits = async () => (await t.database.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.objectId, created.id))).length;
    const fileCount = async () => (await t.database.db.select({ id: files.id }).from(files).where(eq(files.ownerId, created.id))).length;
    const [a0, f0] = [await audits(), await fileCount()];
    for (const outsider of [district, demoOrg]) {
      expect((await outsider.patch(`/api/station-plans/${created.id}`, { ...content, duties: '改写', version: before.version })).statusCode).toBe(404);
      expect((await outsider.post(`/api/station-plans/${created.id}/submit`, { version: before.version })).statusCode).toBe(404);
      const body = multipartFile('x.png', png, 'image/png');
      expect((await outsider.request('POST', `/api/station-plans/${created.id}/files?kind=needs_survey`, body.payload, body.headers)).statusCode).toBe(404);
      const download = await outsider.get(`/api/station-plans/${created.id}/files/${fileId}`);
      expect(download.statusCode).toBe(404);
      expect(download.rawPayload.includes(png)).toBe(false);
    }
    const [row1] = await t.database.db.select().from(stationPlans).where(eq(stationPlans.id, created.id));
    expect(row1).toEqual(row0);
    expect(await audits()).toBe(a0);
    expect(await fileCount()).toBe(f0);
    // The plan's own organisation still downloads it.
    expect((await wdOrg.get(`/api/station-plans/${created.id}/files/${fileId}`)).statusCode).toBe(200);
  });
});

describe('一站一策: an organisation after its contract', () => {
  it('reads the plans of its own contracts but writes only for stations it serves today', async () => {
    const [hc] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, '威海市环翠区阳光社会工作服务中心'));
    const s = wdStations[6];
    // A plan of the 环翠 organisation's for a 文登 station it does not serve today.
    const [row] = await t.database.db
      .insert(stationPlans)
      .values({ stationId: s?.id ?? '', scopePath: s?.scopePath ?? '', year: lastYear, contractId: lastYearContract, orgId: hc?.id ?? '', firstMonth: 1, lastMonth: 12, itemCodes: ['SA01'] })
      .returning();
    expect((await demoOrg.get(`/api/station-plans/${row?.id}`)).statusCode).toBe(200);
    expect((await demoOrg.patch(`/api/station-plans/${row?.id}`, { ...content, version: row?.version })).statusCode).toBe(404);
    expect((await demoOrg.post(`/api/station-plans/${row?.id}/submit`, { version: row?.version })).statusCode).toBe(404);
  });
});

describe('一站一策: progress and findings of a closed year', () => {
  let id = '';
  const station = () => wdStations[0]?.id ?? '';
  const jan = `${lastYear}-01`;
  const feb = `${lastYear}-02`;

  beforeAll(async () => {
    const db = t.database.db;
    const [recorder] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-district'));
    const s = wdStations[0];
    if (!s || !recorder) throw new Error('fixture');
    // January: exactly half of 12 records (6, three of them home visits); February: 5, under half.
    const days = [...Array(6).keys()].map((i) => `${jan}-${String(i + 3).padStart(2, '0')}`).concat([...Array(5).keys()].map((i) => `${feb}-${String(i + 3).padStart(2, '0')}`));
    for (const [i, date] of days.entries())
      await db.execute(sql`INSERT INTO service_records (station_id, scope_path, date, duration_minutes, method, domain, home_visit, recorded_by)
        VALUES (${s.id}, ${s.scopePath}, ${date}::date, 30, 'case', 'elderly', ${i % 2 === 0}, ${recorder.id})`);
    // Another station's record in January counts for that station only.
    const other = wdStations[1];
    if (other)
      await db.execute(sql`INSERT INTO service_records (station_id, scope_path, date, duration_minutes, method, domain, recorded_by)
        VALUES (${other.id}, ${other.scopePath}, ${`${jan}-10`}::date, 30, 'case', 'elderly', ${recorder.id})`);
    let plan = (await wdOrg.post('/api/station-plans', { ...content, stationId: s.id, year: lastYear })).json();
    id = plan.id;
    await attach(wdOrg, id);
    plan = (await wdOrg.post(`/api/station-plans/${id}/submit`, { version: (await wdOrg.get(`/api/station-plans/${id}`)).json().version })).json();
    expect((await wdBureau.post(`/api/station-plans/${id}/review`, { version: plan.version, decision: 'approved' })).json().status).toBe('approved');
  });

  it('counts each month of the plan as the raw rows of that station count', async () => {
    const plan = (await wdBureau.get(`/api/station-plans/${id}`)).json();
    const raw = await rows<{ m: string; n: number; v: number }>(sql`
      SELECT to_char(date, 'YYYY-MM') AS m, count(*)::int AS n, (count(*) FILTER (WHERE home_visit))::int AS v
      FROM service_records WHERE station_id = ${station()} AND date >= ${`${lastYear}-01-01`}::date AND date <= ${`${lastYear}-12-31`}::date GROUP BY 1`);
    const records = plan.progress.find((p: Json) => p.measure === 'records');
    const visits = plan.progress.find((p: Json) => p.measure === 'homeVisits');
    expect(records.months).toHaveLength(12);
    for (const m of records.months as { month: string; actual: number; closed: boolean }[]) {
      expect(m.actual).toBe(raw.find((r) => r.m === m.month)?.n ?? 0);
      expect(m.closed).toBe(true);
    }
    for (const m of visits.months as { month: string; actual: number }[]) expect(m.actual).toBe(raw.find((r) => r.m === m.month)?.v ?? 0);
    expect(records.total).toBe(raw.reduce((s, r) => s + r.n, 0));
    expect(raw.find((r) => r.m === jan)?.n).toBe(6);
  });

  it('finds a month under half its target and not one at half; a zero target asks nothing', async () => {
    const plan = (await wdBureau.get(`/api/station-plans/${id}`)).json();
    const records = plan.findingList.find((f: Json) => f.measure === 'records');
    expect(records.months).toContain(feb);
    expect(records.months).not.toContain(jan);
    expect(records.rule.id).toBe('R-STATION-PLAN-TARGET');
    expect(records.message).toContain('不到服务计划目标的一半');
    expect(records.clause).toBe('第五部分第（三）条、第四部分第（四）条');
    expect(plan.findingList.some((f: Json) => f.measure === 'homeVisits' || f.measure === 'casesOpened')).toBe(false);
    // The list counts the same findings in SQL, and the filter finds the plan.
    const below = (await wdBureau.get(`/api/station-plans?year=${lastYear}&belowTarget=true`)).json();
    const row = below.items.find((r: Json) => r.id === id);
    expect(row.findings).toBe(plan.findingList.length);
    expect(plan.findings).toBe(plan.findingList.length);
  });

  it('counts the findings of a plan with one grouped scan per table, not a subquery per month and measure', async () => {
    const q = t.database.db.select({ f: findingsCount(today) }).from(stationPlans).where(eq(stationPlans.year, lastYear)).getSQL();
    const [plans] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM station_plans WHERE year = ${lastYear}`);
    const n = plans?.n ?? 0;
    expect(n).toBeGreaterThan(0);
    const [explained] = await rows<{ 'QUERY PLAN': unknown }>(sql`EXPLAIN (ANALYZE, FORMAT JSON) ${q}`);
    const raw = explained?.['QUERY PLAN'];
    interface Node { 'Node Type': string; 'Relation Name'?: string; 'Parent Relationship'?: string; 'Actual Loops': number; Plans?: Node[] }
    const root = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: Node }[];
    const nodes = (x: Node): Node[] => [x, ...(x.Plans ?? []).flatMap(nodes)];
    const all = root.flatMap((r) => nodes(r.Plan));
    const scans = all.filter((x) => x['Relation Name'] === 'service_records' || x['Relation Name'] === 'cases');
    expect(scans.length).toBeGreaterThan(0);
    // Twelve closed months once had each measure counted by its own subquery: 12 × 4 per plan.
    for (const x of scans) expect(x['Actual Loops'], x['Relation Name']).toBeLessThanOrEqual(n);
    for (const x of all.filter((y) => y['Parent Relationship'] === 'SubPlan')) expect(x['Actual Loops']).toBeLessThanOrEqual(n);
  });

  it('clears a month once its records reach half the target', async () => {
    const s = wdStations[0];
    const [recorder] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-district'));
    // Every month to 6 records (February has 5): the records finding is gone, the list filter agrees.
    for (let m = 2; m <= 12; m++) {
      const month = `${lastYear}-${String(m).padStart(2, '0')}`;
      const have = m === 2 ? 5 : 0;
      for (let i = have; i < 6; i++)
        await t.database.db.execute(sql`INSERT INTO service_records (station_id, scope_path, date, duration_minutes, method, domain, recorded_by)
          VALUES (${s?.id}, ${s?.scopePath}, ${`${month}-${String(i + 10).padStart(2, '0')}`}::date, 30, 'case', 'elderly', ${recorder?.id})`);
    }
    const plan = (await wdBureau.get(`/api/station-plans/${id}`)).json();
    expect(plan.findingList.some((f: Json) => f.measure === 'records')).toBe(false);
    // Group activities (3 a quarter, none held) are still short: the list's SQL count agrees with the detail.
    expect(plan.findingList.map((f: Json) => f.measure)).toEqual(['groupSessions']);
    const all = (await wdBureau.get(`/api/station-plans?year=${lastYear}`)).json();
    expect(all.items.find((r: Json) => r.id === id)?.findings).toBe(1);
    const clear = (await wdBureau.get(`/api/station-plans?year=${lastYear}&belowTarget=false`)).json();
    expect(clear.items.some((r: Json) => r.id === id)).toBe(false);
  });

  it('finds stations under contract without an approved plan past the month after the start (R-START-WORK)', async () => {
    const res = (await wdBureau.get(`/api/station-plans/missing?year=${lastYear}`)).json();
    const ids = res.items.map((r: Json) => r.stationId);
    expect(ids).toContain(wdStations[1]?.id);
    expect(ids).toContain(wdStations[2]?.id);
    expect(ids).not.toContain(station());
    const one = res.items.find((r: Json) => r.stationId === wdStations[1]?.id);
    expect(one).toMatchObject({ dueOn: `${lastYear}-02-${dayjs(`${lastYear}-02-01`).daysInMonth()}`, planId: null });
    expect(one.finding.rule.id).toBe('R-START-WORK');
    // Another county does not see 文登's stations.
    const other = (await district.get(`/api/station-plans/missing?year=${lastYear}`)).json();
    expect(other.items.some((r: Json) => r.stationId === wdStations[1]?.id)).toBe(false);
  });
});
