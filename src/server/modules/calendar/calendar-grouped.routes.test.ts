import dayjs from 'dayjs';
import { and, asc, eq, gte, like, lte, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_REGIONS_SHOWN, DEADLINE_STATES, type Deadline, type DeadlineGroup, type DeadlineState } from '../../../shared/contracts/calendar';
import { chinaToday } from '../../../shared/rules/china-date';
import { onPostDeadline } from '../../../shared/rules/purchase';
import { monthlyPeriod, reportTimeliness } from '../../../shared/rules/reports';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { organizations, regions, reports, stations, users } from '../../db/schema';
import { endDemoContracts } from '../../testing/factories';
import { hashPassword } from '../../platform/passwords';
import { createTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../../testing/test-app';
import { calendarAnswer, calendarItems, entriesOf } from './calendar.testing';

// A city-wide (or province-wide) actor gets one entry per day, kind and child region, whatever the
// number of stations; a county actor still gets its deadlines one by one.
const today = chinaToday();
const thisYear = Number(today.slice(0, 4));
const future = thisYear + 2;

/** A report's state as the calendar must show it, computed here from the row. */
function stateOfRow(dueOn: string, firstSubmittedAt: Date | null): DeadlineState {
  const t = reportTimeliness(dueOn, firstSubmittedAt, new Date());
  if (t === 'on_time') return 'done';
  if (t === 'pending') return 'upcoming';
  if (t === 'overdue' && dueOn.slice(0, 4) < today.slice(0, 4)) return 'expired';
  return t;
}

const countsKey = (g: Pick<DeadlineGroup, 'date' | 'regionCode'>) => `${g.date}|${g.regionCode}`;
const zero = (): Record<DeadlineState, number> => ({ done: 0, late: 0, overdue: 0, expired: 0, upcoming: 0 });

describe('grouped calendar (Weihai)', () => {
  let t: TestApp;
  let city: Session;
  let district: Session;
  let huancui: { id: string; scopePath: string }[] = [];

  /** Monthly reports of every 环翠区 station, and of one 文登区 station, as the scale generator writes them. */
  async function monthlyReports(month: string, submitted: (i: number, dueOn: string) => Date | null) {
    const p = monthlyPeriod(month);
    const [wendeng] = await t.database.db.select({ id: stations.id, scopePath: stations.scopePath }).from(stations).where(like(stations.scopePath, '/371000/371003/%')).limit(1);
    const subjects = [...huancui.map((s) => ({ ...s, county: '371002' })), ...(wendeng ? [{ ...wendeng, county: '371003' }] : [])];
    await t.database.db.insert(reports).values(
      subjects.map((s, i) => {
        const first = submitted(i, p.dueOn);
        return {
          kind: 'monthly' as const, countyCode: s.county, scopePath: s.scopePath, stationId: s.id, title: `测试月报${month}-${i}`,
          periodStart: p.start, periodEnd: p.end, dueOn: p.dueOn, status: first ? ('submitted' as const) : ('draft' as const),
          firstSubmittedAt: first, submittedAt: first,
        };
      }),
    );
    return p.dueOn;
  }

  let futureDue = '';
  let onPostDay = '';
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.login('demo-city');
    district = await t.login('demo-district');
    huancui = await t.database.db
      .select({ id: stations.id, scopePath: stations.scopePath })
      .from(stations)
      .where(like(stations.scopePath, '/371000/371002/%'))
      .orderBy(asc(stations.townCode));
    expect(huancui.length).toBeGreaterThanOrEqual(3);
    const day = (d: string, shift: number) => new Date(Date.parse(`${d}T12:00:00+08:00`) + shift * 86_400_000);
    // A contract signed 40 days ago whose on-post deadline passed unmet (鲸园 lacks the contractor's
    // qualified workers) and whose first instalment is unpaid: the SQL counts must agree with the JS.
    await endDemoContracts(district);
    const [org] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
    const signedOn = dayjs(today).subtract(40, 'day').format('YYYY-MM-DD');
    const created = await district.post('/api/contracts', {
      countyCode: '371002', title: '汇总测试合同', contractorOrgId: org?.id, stationIds: huancui.slice(0, 2).map((s) => s.id),
      content: '服务', startsOn: signedOn, endsOn: dayjs(signedOn).add(60, 'day').format('YYYY-MM-DD'), quantity: '数量', quality: '质量',
      priceFen: 200, instalments: [{ label: '首期', dueOn: signedOn, amountFen: 100 }, { label: '二期', dueOn: dayjs(today).add(20, 'day').format('YYYY-MM-DD'), amountFen: 100 }],
      rightsDuties: '权利义务', liability: '违约责任',
    });
    expect(created.statusCode, created.body).toBe(200);
    expect((await district.post(`/api/contracts/${created.json().id}/sign`, { version: created.json().version, signedOn })).statusCode).toBe(200);
    onPostDay = onPostDeadline(signedOn);
    // Next-but-one year: a third submitted early, the rest not yet due.
    futureDue = await monthlyReports(`${future}-05`, (i, due) => (i % 3 === 0 ? day(due, -2) : null));
    // This January's: on time, late, or still missing (overdue).
    await monthlyReports(`${thisYear}-01`, (i, due) => (i % 3 === 0 ? day(due, -1) : i % 3 === 1 ? day(due, 5) : null));
    // Last year's: missing ones have expired.
    await monthlyReports(`${thisYear - 1}-03`, (i, due) => (i % 2 === 0 ? day(due, 3) : null));
  }, 120_000);
  afterAll(() => t.close());

  it('gives the city one report entry per day and county, its counts those of the report rows', async () => {
    for (const year of [thisYear - 1, thisYear, future]) {
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const answer = await calendarAnswer(city, from, to);
      expect(answer.grouped).toBe(true);
      if (!answer.grouped) return;
      const rows = await t.database.db
        .select({ dueOn: reports.dueOn, scopePath: reports.scopePath, firstSubmittedAt: reports.firstSubmittedAt })
        .from(reports)
        .where(and(gte(reports.dueOn, from), lte(reports.dueOn, to), ne(reports.kind, 'district_annual')));
      const expected = new Map<string, Record<DeadlineState, number>>();
      for (const r of rows) {
        const key = `${r.dueOn}|${r.scopePath.split('/')[2]}`;
        const c = expected.get(key) ?? zero();
        c[stateOfRow(r.dueOn, r.firstSubmittedAt)] += 1;
        expected.set(key, c);
      }
      const got = new Map(answer.groups.filter((g) => g.kind === 'report_due').map((g) => [countsKey(g), g.counts]));
      expect(got).toEqual(expected);
      // One entry per day, kind and county: never one per station.
      const keys = answer.groups.map((g) => `${g.date}|${g.kind}|${g.regionCode}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const g of answer.groups) expect(g.total).toBe(DEADLINE_STATES.reduce((n, s) => n + g.counts[s], 0));
    }
    const answer = await calendarAnswer(city, `${future}-01-01`, `${future}-12-31`);
    const huancuiDay = answer.grouped ? answer.groups.find((g) => g.date === futureDue && g.kind === 'report_due' && g.regionCode === '371002') : undefined;
    expect(huancuiDay).toMatchObject({ regionName: '环翠区', rule: 'R-REPORTS', total: huancui.length });
    expect(huancuiDay?.counts.done).toBe(Math.ceil(huancui.length / 3));
    expect(huancuiDay?.counts.upcoming).toBe(huancui.length - Math.ceil(huancui.length / 3));
  });

  it('this year’s missing reports are overdue, last year’s expired, late ones late', async () => {
    const answer = await calendarAnswer(city, `${thisYear - 1}-01-01`, `${thisYear}-12-31`);
    if (!answer.grouped) throw new Error('expected grouped');
    const of = (date: string) => answer.groups.find((g) => g.kind === 'report_due' && g.regionCode === '371002' && g.date === date);
    const jan = of(monthlyPeriod(`${thisYear}-01`).dueOn);
    const n = huancui.length;
    expect(jan?.counts).toMatchObject({ done: Math.ceil(n / 3), late: Math.ceil((n - 1) / 3), overdue: n - Math.ceil(n / 3) - Math.ceil((n - 1) / 3), expired: 0 });
    const march = of(monthlyPeriod(`${thisYear - 1}-03`).dueOn);
    expect(march?.counts).toMatchObject({ late: Math.ceil(n / 2), expired: n - Math.ceil(n / 2), overdue: 0 });
  });

  it('opens a grouped entry page by page: the county’s reports of that day, each linked, the total stable', async () => {
    const seen: Deadline[] = [];
    let total = -1;
    for (let offset = 0; offset < huancui.length + 2; offset += 2) {
      const res = await city.get(`/api/calendar/entries?date=${futureDue}&kind=report_due&region=371002&limit=2&offset=${offset}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: Deadline[]; total: number; limit: number; offset: number }>();
      expect(page).toMatchObject({ limit: 2, offset });
      total = page.total;
      expect(page.items.length).toBe(Math.max(0, Math.min(2, total - offset)));
      seen.push(...page.items);
    }
    expect(total).toBe(huancui.length);
    expect(new Set(seen.map((d) => d.link?.id)).size).toBe(huancui.length);
    expect(seen.every((d) => d.date === futureDue && d.kind === 'report_due' && d.countyShortName === '环翠区' && d.link?.type === 'report')).toBe(true);
    // The one 文登区 station's report is not in 环翠区's entry.
    expect(seen.some((d) => d.title.endsWith(`-${huancui.length}提交`))).toBe(false);
  });

  it('a drill-down never leaves the actor’s scope, and refuses a malformed request', async () => {
    const other = await district.get(`/api/calendar/entries?date=${futureDue}&kind=report_due&region=371003&limit=20&offset=0`);
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ items: [], total: 0 });
    expect((await city.get(`/api/calendar/entries?date=${futureDue}&kind=report_due&region=371002&limit=101`)).statusCode).toBe(400);
    expect((await city.get(`/api/calendar/entries?date=${futureDue}&kind=nope&region=371002`)).statusCode).toBe(400);
  });

  it('a county actor still gets its deadlines one by one, and the city’s entries for that county count exactly those', async () => {
    for (const [from, to] of [[`${thisYear - 1}-01-01`, `${thisYear}-12-31`], [`${future}-01-01`, `${future}-12-31`]] as const) {
      const mine = await calendarAnswer(district, from, to);
      expect(mine.grouped).toBe(false);
      if (mine.grouped) return;
      expect(mine.items.filter((d) => d.kind === 'report_due' && d.date === futureDue)).toHaveLength(from.startsWith(String(future)) ? huancui.length : 0);
      const counted = new Map<string, number>();
      for (const d of mine.items) counted.set(`${d.date}|${d.kind}|${d.state}`, (counted.get(`${d.date}|${d.kind}|${d.state}`) ?? 0) + 1);
      const answer = await calendarAnswer(city, from, to);
      if (!answer.grouped) throw new Error('expected grouped');
      const fromGroups = new Map<string, number>();
      for (const g of answer.groups.filter((x) => x.regionCode === '371002'))
        for (const s of DEADLINE_STATES) if (g.counts[s] > 0) fromGroups.set(`${g.date}|${g.kind}|${s}`, g.counts[s]);
      expect(fromGroups).toEqual(counted);
    }
  });

  it('every grouped entry opens to deadlines whose states add up to its counts (all kinds)', async () => {
    const items = await calendarItems(city, `${thisYear - 1}-01-01`, `${thisYear}-12-31`);
    expect(items.find((d) => d.kind === 'onpost_due' && d.title.startsWith('汇总测试合同'))).toMatchObject({ date: onPostDay, state: 'overdue' });
    expect(items.find((d) => d.kind === 'instalment_due' && d.title.startsWith('汇总测试合同') && d.title.includes('首期'))?.state).toBe('overdue');
    // The SQL counts of the contracts' deadlines (on-post, instalments, ends) agree with the same deadlines computed one by one.
    expect([...new Set(items.map((d) => d.kind))].sort()).toEqual(
      ['contract_end', 'district_report_due', 'instalment_due', 'onpost_due', 'plan_due', 'procurement_deadline', 'report_due'],
    );
  });

  // Last: it adds county units to the city.
  it('past CALENDAR_REGIONS_SHOWN child regions, one entry per day and kind for the whole scope, opened as one list', async () => {
    const window = [`${thisYear}-01-01`, `${thisYear}-12-31`] as const;
    const before = await calendarAnswer(city, ...window);
    if (!before.grouped) throw new Error('expected grouped');
    const counties = await t.database.db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, '371000'));
    expect(counties.length).toBeLessThanOrEqual(CALENDAR_REGIONS_SHOWN);
    const extra = CALENDAR_REGIONS_SHOWN + 1 - counties.length;
    await t.database.db.insert(regions).values(
      Array.from({ length: extra }, (_, i) => {
        const code = String(371900 + i);
        return { code, name: `测试县${i}`, shortName: `测试县${i}`, level: 'county' as const, parentCode: '371000', path: `/371000/${code}/` };
      }),
    );
    const after = await calendarAnswer(city, ...window);
    if (!after.grouped) throw new Error('expected grouped');
    expect(after.groups.every((g) => g.regionCode === '371000' && g.regionName === '威海市')).toBe(true);
    const keys = after.groups.map((g) => `${g.date}|${g.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The new county units have no stations: each day and kind sums what the counties' entries held
    // (plan and district-report deadlines, one per county unit, gain the new ones).
    const perCounty = new Map<string, Record<DeadlineState, number>>();
    for (const g of before.groups) {
      const key = `${g.date}|${g.kind}`;
      const c = perCounty.get(key) ?? zero();
      for (const st of DEADLINE_STATES) c[st] += g.counts[st];
      perCounty.set(key, c);
    }
    const perCountyKinds = new Set(['plan_due', 'district_report_due']);
    for (const g of after.groups.filter((x) => !perCountyKinds.has(x.kind))) expect(g.counts, `${g.date} ${g.kind}`).toEqual(perCounty.get(`${g.date}|${g.kind}`));
    expect(after.groups.filter((x) => !perCountyKinds.has(x.kind))).toHaveLength([...perCounty.keys()].filter((k) => !perCountyKinds.has(k.split('|')[1] ?? '')).length);
    // Each merged entry opens to its deadlines, whose states add up to its counts.
    const items = await calendarItems(city, ...window);
    expect(items.filter((d) => d.kind === 'report_due')).toHaveLength(
      before.groups.filter((g) => g.kind === 'report_due').reduce((n, g) => n + g.total, 0),
    );
  });
});

describe('grouped calendar (province)', () => {
  let t: TestApp;
  let province: Session;
  let weihai: Session;

  beforeAll(async () => {
    t = await createTestApp({ regionRoot: '370000', demo: false });
    await t.database.db.insert(users).values({
      username: 'demo-sysadmin', displayName: '系统管理员', roles: ['sys_admin'], scopeKind: 'none',
      passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false,
    });
    province = await t.userWith('sd-province', ['province_officer'], { kind: 'province', regionCode: '370000' });
    weihai = await t.userWith('wh-city', ['city_officer'], { kind: 'city', regionCode: '371000' });
  }, 240_000);
  afterAll(() => t.close());

  it('groups the province’s 31 March plan deadlines per city, the city’s per county (one entry per child region)', async () => {
    const year = thisYear + 1;
    const counties = await t.database.db.select({ code: regions.code, parentCode: regions.parentCode }).from(regions).where(eq(regions.level, 'county'));
    const perCity = new Map<string, number>();
    for (const c of counties) if (c.parentCode) perCity.set(c.parentCode, (perCity.get(c.parentCode) ?? 0) + 1);
    const answer = await calendarAnswer(province, `${year}-03-01`, `${year}-03-31`);
    if (!answer.grouped) throw new Error('expected grouped');
    const plans = answer.groups.filter((g) => g.kind === 'plan_due');
    expect(plans).toHaveLength(16);
    expect(new Map(plans.map((g) => [g.regionCode, g.total]))).toEqual(perCity);
    expect(plans.every((g) => g.date === `${year}-03-31` && g.counts.upcoming === g.total)).toBe(true);
    expect(plans.find((g) => g.regionCode === '371000')?.regionName).toBe('威海市');
    const page = (await province.get(`/api/calendar/entries?date=${year}-03-31&kind=plan_due&region=371000&limit=5&offset=5`)).json<{ items: Deadline[]; total: number }>();
    expect(page.total).toBe(perCity.get('371000'));
    expect(page.items.length).toBe(Math.min(5, (perCity.get('371000') ?? 0) - 5));

    const wh = await calendarAnswer(weihai, `${year}-03-01`, `${year}-03-31`);
    if (!wh.grouped) throw new Error('expected grouped');
    expect(wh.groups.map((g) => g.regionCode).sort()).toEqual(counties.filter((c) => c.parentCode === '371000').map((c) => c.code).sort());
    expect(wh.groups.every((g) => g.total === 1)).toBe(true);
  });
});
