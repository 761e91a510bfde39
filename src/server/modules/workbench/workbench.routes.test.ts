import dayjs from 'dayjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchSection, WorkbenchSectionKey } from '../../../shared/contracts/workbench';
import { chinaToday } from '../../../shared/rules/china-date';
import { stations } from '../../db/schema';
import { idNumberBornOn } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

interface Bench { persona: string; asOf: string; sections: WorkbenchSection[]; badges: Record<string, number> }

let t: TestApp;
let district: Session;
let org: Session;
let worker: Session;
let wendeng: Session;
let jingyuan = '';
const today = chinaToday();
const lastMonth = dayjs(today).subtract(1, 'month').format('YYYY-MM');

async function bench(s: Session): Promise<Bench> {
  const res = await s.get('/api/workbench');
  expect(res.statusCode).toBe(200);
  return res.json<Bench>();
}
function sectionOf(b: Bench, key: WorkbenchSectionKey): WorkbenchSection {
  const s = b.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key} in ${b.sections.map((x) => x.key).join(',')}`);
  return s;
}
const links = (s: WorkbenchSection) => s.items.map((i) => i.link);

beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
  org = await t.login('demo-org');
  worker = await t.login('demo-worker');
  wendeng = await t.userWith('wendeng.bench', ['district_officer'], { kind: 'county', regionCode: '371003' });
  const [st] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  jingyuan = st?.id ?? '';
}, 120_000);
afterAll(async () => t.close());

describe('GET /api/workbench', () => {
  it('needs a session', async () => {
    expect((await t.anon('GET', '/api/workbench')).statusCode).toBe(401);
  });

  it('gives each demo role its own workbench', async () => {
    const expected: Record<string, [string, WorkbenchSectionKey[]]> = {
      'demo-city': ['city', ['reportsToReview', 'plans', 'funding', 'coverageGaps', 'contractsEnding', 'evaluationsInProgress', 'applications']],
      'demo-district': ['district', ['reportsToReview', 'plans', 'stationFindings', 'paymentsDue', 'supervisionOverdue', 'applications']],
      'demo-town': ['town', ['stationFindings', 'reportsToRead', 'supervisionOverdue', 'supervisionToRecord']],
      'demo-org': ['org', ['briefings', 'returnedReports', 'onPost', 'stationFindings']],
      'demo-worker': ['worker', ['followUps', 'myCases']],
      'demo-evaluator': ['evaluator', ['evaluationsAssigned']],
      'demo-applicant': ['applicant', ['applications']],
      'demo-auditor': ['auditor', ['auditChain', 'sensitiveReads']],
      'demo-sysadmin': ['sys_admin', ['lockedAccounts', 'passwordChanges']],
      'demo-secadmin': ['sec_admin', ['securityPolicy']],
    };
    for (const [username, [persona, keys]] of Object.entries(expected)) {
      const b = await bench(await t.login(username));
      expect(b.persona, username).toBe(persona);
      for (const k of keys) expect(b.sections.map((s) => s.key), username).toContain(k);
      for (const s of b.sections) {
        // Counts are counts: never fewer than the items shown, and a link to all when more exist.
        expect(s.total).toBeGreaterThanOrEqual(s.items.length);
        if (s.total > s.items.length) expect(s.moreLink, `${username} ${s.key}`).not.toBeNull();
        for (const i of s.items) {
          expect(i.link.startsWith('/')).toBe(true);
          // Plain words first: the title carries no rule id; the id is a separate tag.
          expect(i.title).not.toMatch(/R-[A-Z]/);
          if (i.ruleId) expect(i.clause).toMatch(/^第.+部分第/);
        }
      }
    }
  }, 120_000);

  it('applications: the applicant sees its own and their states; the bureau it applied to, the ones to decide (五（三）)', async () => {
    expect(sectionOf(await bench(district), 'applications')).toMatchObject({ placeholder: false, total: 0, items: [] });
    const town = await t.userWith('jy.bench.dept', ['dept_applicant'], { kind: 'town', regionCode: '371002002' });
    const drafted = await town.post('/api/applications', {
      department: '鲸园街道办事处', title: '助老服务进小区', purpose: '依托社工站开展助老服务', itemCodes: ['EL02'], stationIds: [jingyuan],
      periodStart: today, periodEnd: dayjs(today).add(30, 'day').format('YYYY-MM-DD'), targetPeople: '辖区独居老人', fundedBy: '街道经费', providedBy: '驻站社工',
    });
    expect(drafted.statusCode).toBe(200);
    const link = `/applications/${drafted.json<{ id: string }>().id}`;
    expect(sectionOf(await bench(town), 'applications').items.find((i) => i.link === link)).toMatchObject({ title: '“助老服务进小区”草稿', severity: 'due' });
    // A draft is the applicant's alone.
    expect(links(sectionOf(await bench(district), 'applications'))).not.toContain(link);
    await town.post(`${link.replace('/applications', '/api/applications')}/submit`, { version: drafted.json<{ version: number }>().version });
    expect(sectionOf(await bench(town), 'applications').items.find((i) => i.link === link)).toMatchObject({ severity: 'info' });
    const waiting = await bench(district);
    expect(sectionOf(waiting, 'applications').items.find((i) => i.link === link)).toMatchObject({ severity: 'due', ruleId: 'R-PLATFORM-APPLY', clause: '第五部分第（三）条' });
    expect(waiting.badges['/applications']).toBe(1);
    // Neither another county nor the city decides a town's application.
    expect(links(sectionOf(await bench(wendeng), 'applications'))).not.toContain(link);
    expect(links(sectionOf(await bench(await t.login('demo-city')), 'applications'))).not.toContain(link);
  });

  it('a briefing the organisation submits waits in the district’s 待审核 list (and no other county’s) until accepted', async () => {
    const orgBefore = sectionOf(await bench(org), 'briefings');
    const drafted = await org.post('/api/reports', { kind: 'monthly', month: lastMonth, stationId: jingyuan });
    expect(drafted.statusCode).toBe(200);
    const id = drafted.json<{ id: string }>().id;
    const link = `/reports/${id}`;
    // Drafted but not submitted: still the organisation's to-do, now as a draft to submit.
    const orgDrafted = sectionOf(await bench(org), 'briefings');
    expect(orgDrafted.total).toBe(orgBefore.total);
    expect(sectionOf(await bench(district), 'reportsToReview').items.map((i) => i.link)).not.toContain(link);

    const submitted = await org.post(`/api/reports/${id}/submit`, { version: drafted.json<{ version: number }>().version });
    expect(submitted.statusCode).toBe(200);
    expect(sectionOf(await bench(org), 'briefings').total).toBe(orgBefore.total - 1);
    const waiting = await bench(district);
    const review = sectionOf(waiting, 'reportsToReview');
    expect(links(review)).toContain(link);
    expect(review.items.find((i) => i.link === link)).toMatchObject({ severity: 'due', ruleId: 'R-REPORTS', clause: '第四部分第（四）条' });
    expect(waiting.badges['/reports']).toBeGreaterThanOrEqual(review.total);
    expect(links(sectionOf(await bench(wendeng), 'reportsToReview'))).not.toContain(link);

    // Returned: it leaves the district's list and becomes the organisation's.
    const returned = await district.post(`/api/reports/${id}/review`, { version: submitted.json<{ version: number }>().version, decision: 'returned', comment: '请补充服务对象回访情况' });
    expect(returned.statusCode).toBe(200);
    expect(links(sectionOf(await bench(district), 'reportsToReview'))).not.toContain(link);
    const back = sectionOf(await bench(org), 'returnedReports');
    expect(back.items.find((i) => i.link === link)?.title).toContain('请补充服务对象回访情况');

    const again = await org.post(`/api/reports/${id}/submit`, { version: returned.json<{ version: number }>().version });
    expect(again.statusCode).toBe(200);
    expect(links(sectionOf(await bench(org), 'returnedReports'))).not.toContain(link);
    expect(links(sectionOf(await bench(district), 'reportsToReview'))).toContain(link);
    const accepted = await district.post(`/api/reports/${id}/review`, { version: again.json<{ version: number }>().version, decision: 'accepted', comment: '' });
    expect(accepted.statusCode).toBe(200);
    expect(links(sectionOf(await bench(district), 'reportsToReview'))).not.toContain(link);
  }, 60_000);

  it('an overdue supervision follow-up shows for the district until it is recorded done, never for another county', async () => {
    const date = dayjs(today).subtract(30, 'day').format('YYYY-MM-DD');
    const due = dayjs(today).subtract(5, 'day').format('YYYY-MM-DD');
    const created = await district.post('/api/supervisions', {
      stationId: jingyuan, date, supervisor: '督导员甲', topic: '个案记录规范', findings: '个案记录不完整', followUp: '补齐个案记录', followUpDue: due,
    });
    expect(created.statusCode).toBe(200);
    const s = created.json<{ id: string; version: number }>();
    const overdue = sectionOf(await bench(district), 'supervisionOverdue');
    const mine = overdue.items.find((i) => i.title.includes('补齐个案记录'));
    expect(mine).toMatchObject({ severity: 'overdue', ruleId: 'R-SUPERVISE', dueOn: due });
    expect(mine?.title).toContain('已逾期5天');
    expect(overdue.items.some((i) => i.title.includes('补齐个案记录'))).toBe(true);
    expect((await bench(wendeng)).sections.flatMap((x) => x.items).some((i) => i.title.includes('补齐个案记录') || i.title.includes('鲸园'))).toBe(false);

    expect((await district.post(`/api/supervisions/${s.id}/follow-up`, { version: s.version, doneOn: today })).statusCode).toBe(200);
    expect(sectionOf(await bench(district), 'supervisionOverdue').items.some((i) => i.title.includes('补齐个案记录'))).toBe(false);
  });

  it('a follow-up due today is on the worker’s list until the next one is set', async () => {
    const village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json<{ code: string }[]>()[0]?.code;
    const client = await worker.post('/api/clients', { name: '工作台对象', idNumber: idNumberBornOn('1948-03-05', 711), villageCode: village, targetGroups: ['dibao'] });
    expect(client.statusCode).toBe(200);
    const opened = await worker.post('/api/cases', { clientId: client.json<{ id: string }>().id, intakeNote: '独居', nextFollowUp: today });
    expect(opened.statusCode).toBe(200);
    const c = opened.json<{ id: string; version: number }>();
    const b = await bench(worker);
    const item = sectionOf(b, 'followUps').items.find((i) => i.link === `/cases/${c.id}`);
    expect(item).toMatchObject({ severity: 'due', title: '工作台对象：今天应跟进' });
    expect(b.badges['/worklist']).toBeGreaterThanOrEqual(1);
    expect(links(sectionOf(b, 'myCases'))).toContain(`/cases/${c.id}`);

    const next = dayjs(today).add(7, 'day').format('YYYY-MM-DD');
    expect((await worker.post(`/api/cases/${c.id}/follow-up`, { version: c.version, nextFollowUp: next })).statusCode).toBe(200);
    expect(links(sectionOf(await bench(worker), 'followUps'))).not.toContain(`/cases/${c.id}`);
  });

  it('a town sees only its own station’s findings (not the rest of the county’s contract); another county none of 环翠区’s', async () => {
    const items = sectionOf(await bench(await t.login('demo-town')), 'stationFindings').items;
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i.title).toContain('鲸园街道');
    for (const i of (await bench(wendeng)).sections.flatMap((x) => x.items)) expect(i.title).not.toContain('环翠区');
  });

  it('社工故事待审核: a story the station submits waits for its district (not another county) until published; the officer’s own never does (R-FOUR-EYES)', async () => {
    const draft = await worker.post('/api/publicity/posts', { kind: 'story', title: '工作台待审的故事', body: '社工和志愿者陪老人过节。' });
    expect(draft.statusCode).toBe(200);
    const sent = await worker.post(`/api/publicity/posts/${draft.json().id}/submit`, { version: draft.json().version });
    expect(sent.statusCode).toBe(200);
    const post = sent.json<{ id: string; version: number }>();
    const mine = await district.post('/api/publicity/posts', { kind: 'news', stationId: jingyuan, title: '区局自己写的动态', body: '区民政局召开推进会。' });
    await district.post(`/api/publicity/posts/${mine.json().id}/submit`, { version: mine.json().version });

    const section = sectionOf(await bench(district), 'postsToReview');
    expect(links(section)).toContain(`/publicity/${post.id}`);
    expect(links(section)).not.toContain(`/publicity/${mine.json().id}`);
    const item = section.items.find((i) => i.link === `/publicity/${post.id}`);
    expect(item?.title).toContain('工作台待审的故事');
    expect(item?.title).toContain('鲸园街道');
    expect(item).toMatchObject({ ruleId: 'R-PUBLICITY-REVIEW', severity: 'due' });
    expect((await bench(district)).badges['/publicity']).toBeGreaterThanOrEqual(1);
    expect(sectionOf(await bench(wendeng), 'postsToReview').items.map((i) => i.link)).not.toContain(`/publicity/${post.id}`);

    expect((await district.post(`/api/publicity/posts/${post.id}/review`, { version: post.version, publish: true })).statusCode).toBe(200);
    expect(links(sectionOf(await bench(district), 'postsToReview'))).not.toContain(`/publicity/${post.id}`);
  });
});
