import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { annualPlans, auditLog, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let city: Session;
let district: Session;
let town: Session;
let wendeng: Session;
let huancuiStations: string[];

const nextYear = Number(chinaToday().slice(0, 4)) + 1;

const fullPlan = (stationIds: string[]) => ({
  goals: '实现环翠区镇街社工站全覆盖，每站不少于2名专业社工',
  budgetFen: 135_000_000,
  purchaseMethod: 'public_tender',
  contentSchedule: '1—3月采购，4月进驻，5—12月开展服务',
  qualityStandards: '服务对象满意度不低于90%',
  quantityStandards: '每站每月入户走访不少于30户',
  evaluationPlan: '年底委托第三方评估',
  stationIds,
});

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  district = await t.login('demo-district');
  town = await t.login('demo-town');
  wendeng = await t.userWith('wendeng.plan', ['district_officer'], { kind: 'county', regionCode: '371003' });
  const rows = await t.database.db
    .select({ id: stations.id })
    .from(stations)
    .where(like(stations.scopePath, '/371000/371002/%'))
    .orderBy(asc(stations.townCode));
  huancuiStations = rows.map((r) => r.id);
});
afterAll(() => t.close());

describe('annual plans (R-PLAN-DUE)', () => {
  let id = '';
  let version = 0;

  it('a district drafts its plan; submitting refuses while required contents are missing, naming them and the rule', async () => {
    const draft = await district.post('/api/annual-plans', { countyCode: '371002', year: nextYear, goals: '全覆盖' });
    expect(draft.statusCode).toBe(200);
    const plan = draft.json();
    expect(plan).toMatchObject({ status: 'draft', timeliness: 'pending', dueOn: `${nextYear}-03-31`, versions: 0 });
    expect(plan.missing).toContain('项目预算');
    id = plan.id;
    version = plan.version;
    const refused = await district.post(`/api/annual-plans/${id}/submit`, { version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule.id).toBe('R-PLAN-DUE');
    expect(refused.json().error.message).toContain('购买方式');
    // One plan per unit and year.
    const again = await district.post('/api/annual-plans', { countyCode: '371002', year: nextYear });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.fields[0].path).toBe('year');
  });

  it('stations must belong to the unit, and another unit cannot write it', async () => {
    const foreign = await t.database.db.select({ id: stations.id }).from(stations).where(like(stations.scopePath, '/371000/371003/%')).limit(1);
    const bad = await district.patch(`/api/annual-plans/${id}`, { ...fullPlan([foreign[0]?.id ?? '']), version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('stationIds');
    expect((await wendeng.patch(`/api/annual-plans/${id}`, { ...fullPlan([]), version })).statusCode).toBe(404);
    expect((await wendeng.get(`/api/annual-plans/${id}`)).statusCode).toBe(404);
  });

  it('submits on time, the city returns it with comments, the district resubmits and the city files it', async () => {
    const filled = await district.patch(`/api/annual-plans/${id}`, { ...fullPlan(huancuiStations), version });
    expect(filled.statusCode).toBe(200);
    expect(filled.json().missing).toEqual([]);
    const submitted = await district.post(`/api/annual-plans/${id}/submit`, { version: filled.json().version });
    expect(submitted.json()).toMatchObject({ status: 'submitted', timeliness: 'on_time', versions: 1 });
    const firstAt = submitted.json().firstSubmittedAt;
    // A district cannot file its own plan; returning needs a comment.
    expect((await district.post(`/api/annual-plans/${id}/review`, { version: submitted.json().version, decision: 'filed' })).statusCode).toBe(403);
    const noComment = await city.post(`/api/annual-plans/${id}/review`, { version: submitted.json().version, decision: 'returned' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.details.fields[0].path).toBe('comment');
    const returned = await city.post(`/api/annual-plans/${id}/review`, {
      version: submitted.json().version, decision: 'returned', comment: '请细化每站的数量标准',
    });
    expect(returned.json()).toMatchObject({ status: 'returned', lastComment: '请细化每站的数量标准' });
    expect(returned.json().submissions[0]).toMatchObject({ number: 1, decision: 'returned', decisionComment: '请细化每站的数量标准' });

    const revised = await district.patch(`/api/annual-plans/${id}`, {
      ...fullPlan(huancuiStations), quantityStandards: '每站每月入户走访不少于40户、小组活动2次', version: returned.json().version,
    });
    const resubmitted = await district.post(`/api/annual-plans/${id}/submit`, { version: revised.json().version });
    // The first submission still decides timeliness.
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', versions: 2, firstSubmittedAt: firstAt });
    const filed = await city.post(`/api/annual-plans/${id}/review`, { version: resubmitted.json().version, decision: 'filed' });
    expect(filed.json().status).toBe('filed');
    // Both versions are kept for comparison.
    const versions = filed.json().submissions;
    expect(versions.map((v: { content: { quantityStandards: string } }) => v.content.quantityStandards)).toEqual([
      '每站每月入户走访不少于30户', '每站每月入户走访不少于40户、小组活动2次',
    ]);
    expect(versions[1]).toMatchObject({ decision: 'filed', decidedBy: '市民政局 王科长', submittedBy: '环翠区民政局 李主任' });
    // A filed plan is frozen.
    expect((await district.patch(`/api/annual-plans/${id}`, { ...fullPlan(huancuiStations), version: filed.json().version })).statusCode).toBe(409);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'plan.review')));
    expect(audit).toHaveLength(2);
  });

  it('the overview shows one row per unit in scope; a town sees its unit’s plan', async () => {
    const all = (await city.get(`/api/annual-plans?year=${nextYear}`)).json();
    expect(all.rows).toHaveLength(7);
    expect(all.rows.find((r: { countyCode: string }) => r.countyCode === '371002').plan.status).toBe('filed');
    // A row's figures are its plan's: the budget and the number of stations covered.
    const page = (await city.get(`/api/annual-plans/${id}`)).json();
    expect(all.rows.find((r: { countyCode: string }) => r.countyCode === '371002').plan).toMatchObject({ budgetFen: page.budgetFen, stations: page.stations, versions: page.versions });
    expect(page.budgetFen).toBeGreaterThan(0);
    expect(page.stations).toBeGreaterThan(0);
    expect(all.rows.find((r: { countyCode: string }) => r.countyCode === '371003')).toMatchObject({ plan: null, timeliness: 'pending' });
    const mine = (await town.get(`/api/annual-plans?year=${nextYear}`)).json();
    expect(mine.rows.map((r: { countyCode: string }) => r.countyCode)).toEqual(['371002']);
    expect((await town.get(`/api/annual-plans/${id}`)).statusCode).toBe(200);
    expect((await town.post('/api/annual-plans', { countyCode: '371002', year: nextYear + 1 })).statusCode).toBe(403);
  });

  it('lateness follows the first submission on the China calendar, and is shown, not refused', async () => {
    const res = await wendeng.post('/api/annual-plans', { countyCode: '371003', year: 2025, ...fullPlan([]) });
    const plan = res.json();
    // 23:59:59 on 31 March China time: on time.
    await t.database.db.update(annualPlans).set({ firstSubmittedAt: new Date('2025-03-31T15:59:59Z'), status: 'submitted' }).where(eq(annualPlans.id, plan.id));
    expect((await city.get(`/api/annual-plans/${plan.id}`)).json().timeliness).toBe('on_time');
    // 00:00 on 1 April China time: late, everywhere the plan is listed.
    await t.database.db.update(annualPlans).set({ firstSubmittedAt: new Date('2025-03-31T16:00:00Z') }).where(eq(annualPlans.id, plan.id));
    expect((await city.get(`/api/annual-plans/${plan.id}`)).json().timeliness).toBe('late');
    const row = (await city.get('/api/annual-plans?year=2025')).json().rows.find((r: { countyCode: string }) => r.countyCode === '371003');
    expect(row.timeliness).toBe('late');
    // A unit that never submitted a past year's plan is overdue.
    expect((await city.get('/api/annual-plans?year=2025')).json().rows.find((r: { countyCode: string }) => r.countyCode === '371082').timeliness).toBe('overdue');
  });

  it('a submission after the due date goes through and is marked late in the history', async () => {
    const res = await district.post('/api/annual-plans', { countyCode: '371002', year: 2024, ...fullPlan(huancuiStations.slice(0, 2)) });
    const submitted = await district.post(`/api/annual-plans/${res.json().id}/submit`, { version: res.json().version });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().timeliness).toBe('late');
    expect(submitted.json().history.at(-1).comment).toContain('逾期报送');
  });
});
