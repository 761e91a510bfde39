import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { idNumberBornOn } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let worker: Session;
let manager: Session;
let clientId: string;

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
  manager = await t.login('demo-org');
  const village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
  const res = await worker.post('/api/clients', {
    name: '赵大爷', idNumber: idNumberBornOn('1946-07-07', 521), villageCode: village, targetGroups: ['left_behind_elderly'],
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  clientId = res.json().id;
});
afterAll(() => t.close());

interface Case { id: string; stage: string; pendingApproval: string | null; version: number; lastReturnComment: string; intakeNote: string | null; goals: unknown; history: { event: string; by: string }[]; workerName: string }

describe('case work in the MZ/T 094-2017 order', () => {
  it('goes 接案 → 预估 → 计划 (approved) → 介入 → 评估 → 结案 (approved), refusing skipped stages with the rule', async () => {
    let c = (await worker.post('/api/cases', { clientId, intakeNote: '独居老人，子女在外地', nextFollowUp: '2020-01-01' })).json<Case>();
    expect(c.stage).toBe('intake');
    const skip = await worker.post(`/api/cases/${c.id}/advance`, { to: 'evaluation', version: c.version, results: [{ goal: 'x', achieved: 'yes' }] });
    expect(skip.statusCode).toBe(422);
    expect(skip.json().error.details.rule.id).toBe('R-CASE-ORDER');
    expect(skip.json().error.message).toContain('下一步应为“预估”');

    c = (await worker.post(`/api/cases/${c.id}/advance`, { to: 'assessment', version: c.version, needs: [{ domain: 'elderly', need: '精神慰藉' }] })).json();
    c = (await worker.post(`/api/cases/${c.id}/advance`, { to: 'planning', version: c.version, goals: [{ goal: '每周探访一次', services: ['EL02'] }] })).json();
    expect(c).toMatchObject({ stage: 'planning', pendingApproval: 'plan' });
    const early = await worker.post(`/api/cases/${c.id}/advance`, { to: 'evaluation', version: c.version, results: [{ goal: 'x', achieved: 'yes' }] });
    expect(early.json().error.message).toContain('等待服务计划审核');

    // The worker cannot approve; the organisation manager returns it with a comment.
    expect((await worker.post(`/api/cases/${c.id}/decision`, { version: c.version, approve: true })).statusCode).toBe(403);
    const noComment = await manager.post(`/api/cases/${c.id}/decision`, { version: c.version, approve: false });
    expect(noComment.json().error.details.fields[0].path).toBe('comment');
    c = (await manager.post(`/api/cases/${c.id}/decision`, { version: c.version, approve: false, comment: '请补充紧急联系人' })).json();
    expect(c).toMatchObject({ stage: 'planning', pendingApproval: null, lastReturnComment: '请补充紧急联系人' });
    c = (await worker.post(`/api/cases/${c.id}/advance`, { to: 'planning', version: c.version, goals: [{ goal: '每周探访一次，联系儿子', services: ['EL02'] }] })).json();
    c = (await manager.post(`/api/cases/${c.id}/decision`, { version: c.version, approve: true })).json();
    expect(c).toMatchObject({ stage: 'intervention', pendingApproval: null });

    c = (await worker.post(`/api/cases/${c.id}/advance`, { to: 'evaluation', version: c.version, results: [{ goal: '每周探访一次', achieved: 'yes' }] })).json();
    c = (await worker.post(`/api/cases/${c.id}/advance`, { to: 'closed', version: c.version, closureReason: '目标达成' })).json();
    expect(c).toMatchObject({ stage: 'evaluation', pendingApproval: 'closure' });
    c = (await manager.post(`/api/cases/${c.id}/decision`, { version: c.version, approve: true })).json();
    expect(c.stage).toBe('closed');
    expect(c.history.map((h) => h.event)).toEqual(['接案', '完成预估', '提交服务计划待审核', '服务计划被退回', '提交服务计划待审核', '服务计划审核通过', '完成评估', '申请结案待审核', '结案审核通过']);
  });

  it('lists overdue follow-ups for the worker, hides case notes from the evaluator, 404s another station', async () => {
    const c = (await worker.post('/api/cases', { clientId, intakeNote: '第二个个案', nextFollowUp: '2021-01-01' })).json<Case>();
    const overdue = (await worker.get('/api/cases?followUp=overdue&mine=true')).json();
    expect(overdue.items.map((x: Case) => x.id)).toContain(c.id);
    // A list row is the case's summary: its notes and history only on its page.
    const row = overdue.items.find((x: Case) => x.id === c.id);
    expect(row).toMatchObject({ clientId, stage: 'intake', nextFollowUp: '2021-01-01', followUpOverdue: true, workerName: c.workerName });
    for (const key of ['intakeNote', 'needs', 'goals', 'results', 'closureReason', 'history']) expect(row).not.toHaveProperty(key);
    expect((await worker.get(`/api/cases/${c.id}`)).json<Case>()).toMatchObject({ intakeNote: '第二个个案', history: [{ event: '接案' }] });
    const evaluator = (await (await t.login('demo-evaluator')).get(`/api/cases/${c.id}`)).json<Case>();
    expect(evaluator.intakeNote).toBeNull();
    expect(evaluator.goals).toBeNull();
    const admin = await t.login('demo-sysadmin');
    await admin.post('/api/users', { username: 'other.station', displayName: 'x', roles: ['station_worker'], scope: { kind: 'station', regionCode: '371002003' }, initialPassword: 'Init#Pass2026' });
    const s = await t.login('other.station', 'Init#Pass2026');
    await s.post('/api/auth/password', { currentPassword: 'Init#Pass2026', newPassword: 'Own#Pass2026' });
    expect((await (await t.login('other.station', 'Own#Pass2026')).get(`/api/cases/${c.id}`)).statusCode).toBe(404);
  });
});

describe('rules that hold wherever a case moves', () => {
  it('R-SCOPE-EXCLUDED: a service plan listing an excluded matter is refused, nothing saved', async () => {
    let c = (await worker.post('/api/cases', { clientId, intakeNote: '计划含禁止事项' })).json<Case>();
    c = (await worker.post(`/api/cases/${c.id}/advance`, { to: 'assessment', version: c.version, needs: [{ domain: 'elderly', need: '陪伴' }] })).json();
    for (const code of ['EX01', 'EX02']) {
      const refused = await worker.post(`/api/cases/${c.id}/advance`, { to: 'planning', version: c.version, goals: [{ goal: '代办', services: ['EL02', code] }] });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.details.rule.id).toBe('R-SCOPE-EXCLUDED');
    }
    const unknown = await worker.post(`/api/cases/${c.id}/advance`, { to: 'planning', version: c.version, goals: [{ goal: 'x', services: ['ZZ99'] }] });
    expect(unknown.statusCode).toBe(400);
    expect((await worker.get(`/api/cases/${c.id}`)).json<Case>()).toMatchObject({ stage: 'assessment', pendingApproval: null, version: c.version });
  });

  it('R-FOUR-EYES: a manager who submits a plan cannot approve it; another manager can, and the history shows two people', async () => {
    let c = (await manager.post('/api/cases', { clientId, intakeNote: '机构负责人接案' })).json<Case>();
    c = (await manager.post(`/api/cases/${c.id}/advance`, { to: 'assessment', version: c.version, needs: [{ domain: 'elderly', need: '陪伴' }] })).json();
    c = (await manager.post(`/api/cases/${c.id}/advance`, { to: 'planning', version: c.version, goals: [{ goal: '每周探访', services: ['EL02'] }] })).json();
    const self = await manager.post(`/api/cases/${c.id}/decision`, { version: c.version, approve: true });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.details.rule.id).toBe('R-FOUR-EYES');
    const orgId = (await manager.get('/api/organizations')).json().items[0].id;
    const second = await t.userWith('second.manager', ['org_manager'], { kind: 'org', orgId });
    const ok = await second.post(`/api/cases/${c.id}/decision`, { version: c.version, approve: true });
    expect(ok.statusCode).toBe(200);
    const history = ok.json<Case>().history;
    const submitted = history.find((h) => h.event === '提交服务计划待审核');
    const approved = history.find((h) => h.event === '服务计划审核通过');
    expect(submitted?.by).toBeTruthy();
    expect(approved?.by).toBeTruthy();
    expect(submitted?.by).not.toBe(approved?.by);
  });

  it('R-CLIENT-CLOSED: no new case, record, session or referral for a closed file; reopening is an explicit, audited step', async () => {
    const village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
    const created = (await worker.post('/api/clients', { name: '吴大爷', idNumber: idNumberBornOn('1939-09-09', 531), villageCode: village, targetGroups: ['left_behind_elderly'] })).json();
    const closed = await worker.post(`/api/clients/${created.id}/status`, { version: created.version, status: 'closed', reason: '已故' });
    expect(closed.statusCode).toBe(200);
    const today = chinaToday();
    const attempts = [
      await worker.post('/api/cases', { clientId: created.id, intakeNote: 'x' }),
      await worker.post('/api/service-records', { date: today, durationMinutes: 30, method: 'case', itemCode: 'EL02', clientIds: [created.id], notes: '' }),
    ];
    const group = (await worker.post('/api/groups', { kind: 'community', name: '注销测试活动' })).json();
    attempts.push(await worker.post(`/api/groups/${group.id}/sessions`, { date: today, topic: '活动', clientIds: [created.id] }));
    const partner = (await (await t.login('demo-district')).post('/api/partners', { countyCode: '371002', kind: 'health', name: '环翠区卫健局（注销测试）' })).json();
    attempts.push(await worker.post('/api/referrals', { clientId: created.id, partnerId: partner.id, reason: '转介', referredOn: today }));
    for (const res of attempts) {
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.rule.id).toBe('R-CLIENT-CLOSED');
      expect(res.json().error.message).toContain('吴大爷的档案已注销');
    }
    const reopened = await worker.post(`/api/clients/${created.id}/status`, { version: closed.json().version, status: 'active', reason: '误登记为已故，更正' });
    expect(reopened.statusCode).toBe(200);
    expect((await worker.post('/api/cases', { clientId: created.id, intakeNote: '恢复后接案' })).statusCode).toBe(200);
    const auditor = await t.login('demo-auditor');
    const log = (await auditor.get(`/api/audit?objectId=${created.id}`)).json();
    expect(JSON.stringify(log)).toContain('误登记为已故，更正');
  });
});
