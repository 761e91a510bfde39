import dayjs from 'dayjs';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { auditLog, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let district: Session;
let town: Session;
let evaluator: Session;
let rongcheng: Session;
let jingyuan: string;
let other: string;

const today = chinaToday();
const daysAgo = (n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');

interface Supervision { id: string; stationId: string; stationName: string; date: string; followUpState: string; followUpDone: string | null; version: number; recordedBy: string }
type Page = { items: Supervision[]; total: number };

const visit = (stationId: string, over: Record<string, unknown> = {}) => ({
  stationId, date: daysAgo(20), supervisor: '山东省社会工作督导 刘老师', topic: '个案服务规范性督导',
  findings: '个案记录预估部分过于简略', followUp: '补充3份个案预估记录', followUpDue: daysAgo(5), ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
  town = await t.login('demo-town');
  evaluator = await t.login('demo-evaluator');
  rongcheng = await t.userWith('rongcheng.sup', ['district_officer'], { kind: 'county', regionCode: '371082' });
  const hc = await t.database.db
    .select({ id: stations.id, townCode: stations.townCode })
    .from(stations)
    .where(like(stations.scopePath, '/371000/371002/%'))
    .orderBy(asc(stations.townCode));
  jingyuan = hc.find((s) => s.townCode === '371002002')?.id ?? '';
  other = hc.find((s) => s.townCode !== '371002002')?.id ?? '';
});
afterAll(() => t.close());

describe('supervision records (R-SUPERVISE)', () => {
  let overdue: Supervision;
  let open: Supervision;
  let none: Supervision;

  it('are recorded by the district, the town at its own station and evaluators, with checked dates', async () => {
    const a = await district.post('/api/supervisions', visit(jingyuan));
    expect(a.statusCode).toBe(200);
    overdue = a.json();
    expect(overdue).toMatchObject({ stationName: '环翠区鲸园街道社会工作服务站', followUpState: 'overdue', followUpDone: null, recordedBy: '环翠区民政局 李主任' });
    const b = await town.post('/api/supervisions', visit(jingyuan, { date: daysAgo(3), topic: '台账检查', followUpDue: dayjs(today).add(10, 'day').format('YYYY-MM-DD') }));
    expect(b.statusCode).toBe(200);
    open = b.json();
    expect(open.followUpState).toBe('open');
    const c = await evaluator.post('/api/supervisions', visit(other, { date: daysAgo(40), topic: '小组工作观摩', followUp: '', followUpDue: null }));
    expect(c.statusCode).toBe(200);
    none = c.json();
    expect(none.followUpState).toBe('none');

    // The town officer of 鲸园 cannot record at another town's station.
    expect((await town.post('/api/supervisions', visit(other))).statusCode).toBe(404);
    const future = await district.post('/api/supervisions', visit(jingyuan, { date: dayjs(today).add(1, 'day').format('YYYY-MM-DD'), followUpDue: null, followUp: '' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0].path).toBe('date');
    const before = await district.post('/api/supervisions', visit(jingyuan, { followUpDue: daysAgo(21) }));
    expect(before.statusCode).toBe(400);
    expect(before.json().error.details.fields[0].path).toBe('followUpDue');
    const noWhat = await district.post('/api/supervisions', visit(jingyuan, { followUp: '' }));
    expect(noWhat.statusCode).toBe(400);
    expect(noWhat.json().error.details.fields[0].path).toBe('followUp');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'supervision.create'));
    expect(audit).toHaveLength(3);
  });

  it('list by station, date range and open follow-ups, newest first', async () => {
    const all = (await district.get('/api/supervisions')).json<Page>();
    expect(all.items.map((s) => s.id)).toEqual([open.id, overdue.id, none.id]);
    const atJingyuan = (await district.get(`/api/supervisions?stationId=${jingyuan}`)).json<Page>();
    expect(atJingyuan.total).toBe(2);
    const range = (await district.get(`/api/supervisions?from=${daysAgo(25)}&to=${daysAgo(10)}`)).json<Page>();
    expect(range.items.map((s) => s.id)).toEqual([overdue.id]);
    const openOnes = (await district.get('/api/supervisions?open=true')).json<Page>();
    expect(openOnes.items.map((s) => s.id)).toEqual([open.id, overdue.id]);
    expect((await district.get('/api/supervisions?countyCode=371002')).json<Page>().total).toBe(3);
    expect((await district.get('/api/supervisions?countyCode=371082')).json<Page>().total).toBe(0);
  });

  it('a follow-up is marked done once, not before the visit', async () => {
    const early = await town.post(`/api/supervisions/${overdue.id}/follow-up`, { version: overdue.version, doneOn: daysAgo(21) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.fields[0].path).toBe('doneOn');
    const done = await town.post(`/api/supervisions/${overdue.id}/follow-up`, { version: overdue.version, doneOn: daysAgo(2) });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ followUpState: 'done', followUpDone: daysAgo(2), version: overdue.version + 1 });
    expect((await town.post(`/api/supervisions/${overdue.id}/follow-up`, { version: overdue.version + 1, doneOn: daysAgo(1) })).statusCode).toBe(409);
    expect((await district.post(`/api/supervisions/${open.id}/follow-up`, { version: open.version + 5, doneOn: today })).statusCode).toBe(409);
    expect((await district.post(`/api/supervisions/${none.id}/follow-up`, { version: none.version, doneOn: today })).statusCode).toBe(409);
    expect((await district.get('/api/supervisions?open=true')).json<Page>().items.map((s) => s.id)).toEqual([open.id]);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'supervision.update'), eq(auditLog.objectId, overdue.id)));
    expect(audit[0]?.detail).toContain('晚于期限');
  });

  it('is scoped by the station: another county sees nothing, the contractor reads its stations, a station worker is refused', async () => {
    expect((await rongcheng.get('/api/supervisions')).json<Page>().total).toBe(0);
    expect((await rongcheng.post(`/api/supervisions/${open.id}/follow-up`, { version: open.version, doneOn: today })).statusCode).toBe(404);
    expect((await town.get('/api/supervisions')).json<Page>().items.map((s) => s.stationId)).toEqual([jingyuan, jingyuan]);
    const org = await t.login('demo-org');
    expect((await org.get('/api/supervisions')).json<Page>().total).toBe(3);
    expect((await org.post('/api/supervisions', visit(jingyuan))).statusCode).toBe(403);
    const worker = await t.login('demo-worker');
    expect((await worker.get('/api/supervisions')).statusCode).toBe(403);
  });
});
