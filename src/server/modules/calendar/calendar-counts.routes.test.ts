import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { asc, eq, inArray, like, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadlineGroup } from '../../../shared/contracts/calendar';
import { chinaToday } from '../../../shared/rules/china-date';
import { monthlyPeriod, reportTimeliness } from '../../../shared/rules/reports';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { calendarReportCounts, organizations, reports, stations } from '../../db/schema';
import { MIGRATIONS_DIR } from '../../db/migrate';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { calendarAnswer } from './calendar.testing';

// The city's grouped calendar reads report counts kept per county unit, due day and state by
// triggers on reports (0057). After every kind of write they must equal the counts made here
// from the report rows themselves.
const today = chinaToday();
const thisYear = Number(today.slice(0, 4));

let t: TestApp;
let city: Session;
let district: Session;
let org: Session;
let orgId = '';
let huancui: { id: string; scopePath: string }[] = [];
let wendeng: { id: string; scopePath: string } | undefined;

/** The report's county unit's path: its scope path up to the county's segment (whole if above it). */
function countyPathOf(scopePath: string, countyCode: string): string {
  const at = scopePath.indexOf(`/${countyCode}/`);
  return at < 0 ? scopePath : scopePath.slice(0, at + countyCode.length + 2);
}

/** What the counts must hold, counted from the report rows (the districts' annual reports are not in the calendar's report entries). */
async function fromReports(): Promise<Map<string, number>> {
  const rows = await t.database.db
    .select({ scopePath: reports.scopePath, countyCode: reports.countyCode, dueOn: reports.dueOn, first: reports.firstSubmittedAt })
    .from(reports)
    .where(ne(reports.kind, 'district_annual'));
  const out = new Map<string, number>();
  for (const r of rows) {
    const state = r.first === null ? 'pending' : reportTimeliness(r.dueOn, r.first, new Date()) === 'late' ? 'late' : 'done';
    const key = `${countyPathOf(r.scopePath, r.countyCode)}|${r.dueOn}|${state}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

async function kept(): Promise<Map<string, number>> {
  const rows = await t.database.db.select().from(calendarReportCounts);
  return new Map(rows.filter((r) => r.n !== 0).map((r) => [`${r.countyPath}|${r.dueOn}|${r.state}`, r.n]));
}

async function expectKeptEqualsReports(): Promise<Map<string, number>> {
  const expected = await fromReports();
  expect(await kept()).toEqual(expected);
  return expected;
}

/** Every count row with the transaction that last wrote it: a write that moves nothing leaves them all as they were. */
async function rowVersions(): Promise<{ v: string }[]> {
  const res = await t.database.db.execute(sql`SELECT county_path || '|' || due_on || '|' || state || '|' || xmin::text AS v FROM calendar_report_counts ORDER BY 1`);
  return (res as unknown as { rows: { v: string }[] }).rows;
}

const day = (d: string, shift: number) => new Date(Date.parse(`${d}T12:00:00+08:00`) + shift * 86_400_000);

async function insertMonthly(month: string, subjects: { id: string; scopePath: string; county: string }[], first: (i: number, due: string) => Date | null, withOrg = false) {
  const p = monthlyPeriod(month);
  return t.database.db
    .insert(reports)
    .values(
      subjects.map((s, i) => {
        const f = first(i, p.dueOn);
        return {
          kind: 'monthly' as const, countyCode: s.county, scopePath: s.scopePath, stationId: s.id, orgId: withOrg ? orgId : null, title: `计数测试${month}-${i}`,
          periodStart: p.start, periodEnd: p.end, dueOn: p.dueOn, status: f ? ('submitted' as const) : ('draft' as const), firstSubmittedAt: f, submittedAt: f,
        };
      }),
    )
    .returning({ id: reports.id, version: reports.version, dueOn: reports.dueOn });
}

/** A month (offsets from this one) for which the station has no monthly report yet: the demo drafts most months. */
async function freeMonth(stationId: string, offsets: number[]): Promise<string> {
  for (const k of offsets) {
    const month = dayjs(today).add(k, 'month').format('YYYY-MM');
    const taken = await t.database.db
      .select({ id: reports.id })
      .from(reports)
      .where(sql`${reports.stationId} = ${stationId} AND ${reports.kind} = 'monthly' AND ${reports.periodStart} = ${monthlyPeriod(month).start}`);
    if (taken.length === 0) return month;
  }
  throw new Error('no free month');
}

function cityEntry(answer: Awaited<ReturnType<typeof calendarAnswer>>, date: string, county: string): DeadlineGroup | undefined {
  if (!answer.grouped) throw new Error('expected grouped');
  return answer.groups.find((g) => g.kind === 'report_due' && g.date === date && g.regionCode === county);
}

beforeAll(async () => {
  // The demo year: its reports are drafted, then dated and submitted by bulk statements (seed/demo-year-oversight.ts).
  t = await createTestApp({ demoYear: true });
  city = await t.login('demo-city');
  district = await t.login('demo-district');
  org = await t.login('demo-org');
  const [o] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  orgId = o?.id ?? '';
  huancui = await t.database.db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(like(stations.scopePath, '/371000/371002/%'))
    .orderBy(asc(stations.townCode));
  [wendeng] = await t.database.db.select({ id: stations.id, scopePath: stations.scopePath }).from(stations).where(like(stations.scopePath, '/371000/371003/%')).limit(1);
  expect(huancui.length).toBeGreaterThanOrEqual(3);
  expect(wendeng).toBeDefined();
}, 120_000);
afterAll(() => t.close());

describe('calendar report counts kept with the writes of reports', () => {
  it('hold the demo year’s reports as counted from the rows, and the migration’s backfill makes the same counts', async () => {
    const expected = await expectKeptEqualsReports();
    const states = new Set([...expected.keys()].map((k) => k.split('|')[2]));
    expect(states).toEqual(new Set(['done', 'late', 'pending']));
    // The backfill (the migration's last statement) over the same rows, from empty.
    const dir = MIGRATIONS_DIR;
    const file = fs.readdirSync(dir).find((f) => f.endsWith('_calendar_report_counts.sql'));
    const backfill = fs.readFileSync(path.join(dir, file ?? ''), 'utf8').split('--> statement-breakpoint').pop() ?? '';
    expect(backfill).toContain('INSERT INTO calendar_report_counts');
    await t.database.db.delete(calendarReportCounts);
    await t.database.db.execute(sql.raw(backfill));
    expect(await kept()).toEqual(expected);
  });

  it('count a multi-row insert per county, day and state; a submission after China midnight is late', async () => {
    const subjects = [...huancui.map((s) => ({ ...s, county: '371002' })), ...(wendeng ? [{ ...wendeng, county: '371003' }] : [])];
    // 10 minutes past midnight in China on the day after the due day (still the due day in UTC): late.
    const justLate = (due: string) => new Date(Date.parse(`${due}T16:10:00Z`));
    const rows = await insertMonthly(`${thisYear + 3}-02`, subjects, (i, due) => (i % 3 === 0 ? day(due, -1) : i % 3 === 1 ? justLate(due) : null));
    const expected = await expectKeptEqualsReports();
    const due = rows[0]?.dueOn ?? '';
    const n = huancui.length;
    expect(expected.get(`/371000/371002/|${due}|done`)).toBe(Math.ceil(n / 3));
    expect(expected.get(`/371000/371002/|${due}|late`)).toBe(Math.ceil((n - 1) / 3));
    // The city's entry for that county and day: the kept counts, pending ones not yet due.
    const entry = cityEntry(await calendarAnswer(city, `${thisYear + 3}-01-01`, `${thisYear + 3}-12-31`), due, '371002');
    expect(entry?.counts).toEqual({ done: Math.ceil(n / 3), late: Math.ceil((n - 1) / 3), upcoming: n - Math.ceil(n / 3) - Math.ceil((n - 1) / 3), overdue: 0, expired: 0 });
  });

  it('a submission on time moves one report from pending to done, a late one to late; return, edit and resubmission move nothing', async () => {
    const future = await freeMonth(huancui[0]?.id ?? '', [2, 3, 4, 5, 6]);
    const past = await freeMonth(huancui[1]?.id ?? '', Array.from({ length: 36 }, (_, i) => -2 - i));
    const [onTime] = await insertMonthly(future, huancui.slice(0, 1).map((s) => ({ ...s, county: '371002' })), () => null, true);
    const [overdue] = await insertMonthly(past, huancui.slice(1, 2).map((s) => ({ ...s, county: '371002' })), () => null, true);
    if (!onTime || !overdue) throw new Error('not inserted');
    const before = await expectKeptEqualsReports();
    const key = (due: string, state: string) => `/371000/371002/|${due}|${state}`;
    const window = [`${overdue.dueOn.slice(0, 4)}-01-01`, `${onTime.dueOn.slice(0, 4)}-12-31`] as const;
    const cityBefore = await calendarAnswer(city, window[0], window[1]);
    const was = cityEntry(cityBefore, overdue.dueOn, '371002')?.counts;
    // Missed: overdue this year, expired in a closed one — derived at read, the kept state is pending.
    const missedBefore = (was?.overdue ?? 0) + (was?.expired ?? 0);
    expect(missedBefore).toBeGreaterThan(0);

    for (const r of [onTime, overdue]) {
      const res = await org.post(`/api/reports/${r.id}/submit`, { version: r.version });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    }
    const after = await expectKeptEqualsReports();
    expect(after.get(key(onTime.dueOn, 'done'))).toBe((before.get(key(onTime.dueOn, 'done')) ?? 0) + 1);
    expect(after.get(key(onTime.dueOn, 'pending')) ?? 0).toBe((before.get(key(onTime.dueOn, 'pending')) ?? 0) - 1);
    expect(after.get(key(overdue.dueOn, 'late'))).toBe((before.get(key(overdue.dueOn, 'late')) ?? 0) + 1);
    expect(after.get(key(overdue.dueOn, 'pending')) ?? 0).toBe((before.get(key(overdue.dueOn, 'pending')) ?? 0) - 1);
    const now = cityEntry(await calendarAnswer(city, window[0], window[1]), overdue.dueOn, '371002')?.counts;
    expect(now?.late).toBe((was?.late ?? 0) + 1);
    expect((now?.overdue ?? 0) + (now?.expired ?? 0)).toBe(missedBefore - 1);

    // The district returns the late one (it did not submit it), the contractor edits and resubmits: the first submission stands.
    const versions = await rowVersions();
    expect(versions.length).toBeGreaterThan(0);
    const submitted = (await district.get(`/api/reports/${overdue.id}`)).json<{ version: number }>();
    const returned = await district.post(`/api/reports/${overdue.id}/review`, { version: submitted.version, decision: 'returned', comment: '请补充' });
    expect(returned.statusCode, returned.body.slice(0, 300)).toBe(200);
    const edited = await org.patch(`/api/reports/${overdue.id}`, { version: returned.json<{ version: number }>().version, sections: { highlights: '补充', problems: '', nextPlan: '' } });
    expect(edited.statusCode, edited.body.slice(0, 300)).toBe(200);
    const again = await org.post(`/api/reports/${overdue.id}/submit`, { version: edited.json<{ version: number }>().version });
    expect(again.statusCode, again.body.slice(0, 300)).toBe(200);
    expect(await expectKeptEqualsReports()).toEqual(after);
    // Netted: none of those updates rewrote a count row.
    expect(await rowVersions()).toEqual(versions);
  });

  it('a deletion takes its reports off; a report moved to another county’s station, or to another due day, moves its count', async () => {
    const subjects = huancui.slice(0, 3).map((s) => ({ ...s, county: '371002' }));
    const rows = await insertMonthly(`${thisYear + 4}-06`, subjects, (i, due) => (i === 0 ? day(due, -1) : null));
    await expectKeptEqualsReports();
    // Two rows in one statement: one deleted submitted, one pending.
    await t.database.db.delete(reports).where(inArray(reports.id, rows.slice(0, 2).map((r) => r.id)));
    const afterDelete = await expectKeptEqualsReports();
    const due = rows[0]?.dueOn ?? '';
    expect(afterDelete.get(`/371000/371002/|${due}|done`)).toBeUndefined();
    expect(afterDelete.get(`/371000/371002/|${due}|pending`)).toBe(1);

    // The app never moves a report; the counts still follow a row whose station, county or due day changes.
    const last = rows[2];
    if (!last || !wendeng) throw new Error('no rows');
    await t.database.db.update(reports).set({ stationId: wendeng.id, scopePath: wendeng.scopePath, countyCode: '371003' }).where(eq(reports.id, last.id));
    const moved = await expectKeptEqualsReports();
    expect(moved.get(`/371000/371002/|${due}|pending`)).toBeUndefined();
    expect(moved.get(`/371000/371003/|${due}|pending`)).toBe(1);
    await t.database.db.update(reports).set({ dueOn: dayjs(due).add(1, 'day').format('YYYY-MM-DD') }).where(eq(reports.id, last.id));
    await expectKeptEqualsReports();
    // The city's year shows the moved report under 文登区, on its new day.
    const entry = cityEntry(await calendarAnswer(city, `${thisYear + 4}-01-01`, `${thisYear + 4}-12-31`), dayjs(due).add(1, 'day').format('YYYY-MM-DD'), '371003');
    expect(entry).toMatchObject({ total: 1, counts: { upcoming: 1 } });
  });

  it('the districts’ annual reports are not counted', async () => {
    const before = await kept();
    const drafted = await district.post('/api/reports', { kind: 'district_annual', countyCode: '371002', year: thisYear + 1 });
    expect(drafted.statusCode, drafted.body.slice(0, 300)).toBe(200);
    expect(await kept()).toEqual(before);
    await expectKeptEqualsReports();
  });
});
