import { and, gte, inArray, lte, ne } from 'drizzle-orm';
import {
  CALENDAR_REGIONS_SHOWN,
  DEADLINE_KINDS,
  WIDE_SCOPE_STATIONS,
  type CalendarAnswer,
  type Deadline,
  type DeadlineGroup,
  type DeadlineKind,
} from '../../../shared/contracts/calendar';
import { chinaToday } from '../../../shared/rules/china-date';
import { CONTRACT_IN_FORCE, onPostDeadline, planDueOn, planTimeliness } from '../../../shared/rules/purchase';
import { annualPlans, contractPayments, procurements, reports } from '../../db/schema';
import { districtReportPeriod, reportTimeliness } from '../../../shared/rules/reports';
import { reportListColumns, reportScope, type ReportListRow } from '../reports/reports.repo';
import type { Ctx } from '../../platform/context';
import { regionOrAncestorScope } from '../../platform/scope';
import { refreshStaffingOfScope } from '../compliance/compliance.service';
import { summaries } from '../contracts/contracts.service';
import { contractsWithDeadlinesIn } from '../contracts/contracts.repo';
import { countiesInScope, type County } from '../regions/county-scope';
import * as repo from './calendar.repo';

type State = Deadline['state'];

/** A deadline and the region path it belongs to (a county, a procurement's or contract's unit), for grouping. */
interface Located {
  d: Deadline;
  path: string;
}

/** Met, or not yet due, or missed: the same three answers for every kind of deadline. */
const stateOf = (date: string, today: string, met: boolean): State => (met ? 'done' : date < today ? 'overdue' : 'upcoming');

/**
 * A deadline of a closed year that was missed can no longer be met: expired (grey), not red. An
 * unpaid instalment stays overdue: the money is still owed whatever the year.
 */
const settled = (d: Deadline, today: string): State =>
  d.state === 'overdue' && d.kind !== 'instalment_due' && d.date.slice(0, 4) < today.slice(0, 4) ? 'expired' : d.state;

const inRange = (d: string | null, from: string, to: string): d is string => d !== null && d >= from && d <= to;

/** One collator: localeCompare(…, 'zh-CN') builds one per call (13 s for a province's year of 18k deadlines). */
const byTitle = new Intl.Collator('zh-CN');
const byDateTitle = (a: Deadline, b: Deadline) => (a.date < b.date ? -1 : a.date > b.date ? 1 : byTitle.compare(a.title, b.title));

const RULE_OF: Record<DeadlineKind, string | null> = {
  plan_due: 'R-PLAN-DUE',
  procurement_deadline: null,
  onpost_due: 'R-ONPOST-1M',
  instalment_due: 'R-FUND-USE',
  contract_end: 'R-CONTRACT-TERM',
  ending_year: 'R-CONTRACT-FAIL',
  report_due: 'R-REPORTS',
  district_report_due: 'R-DISTRICT-REPORT',
};

/** The county units' own deadlines: the 31 March plan (R-PLAN-DUE) and the 30 November report (R-DISTRICT-REPORT). */
async function countyDeadlines(ctx: Ctx, counties: County[], districtReports: ReportListRow[], from: string, to: string, now: Date): Promise<Located[]> {
  const out: Located[] = [];
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (inRange(planDueOn(y), from, to)) years.push(y);
  if (years.length > 0 && counties.length > 0) {
    // Not the plans' content and history (JSON): one narrow row per county unit and year.
    const plans = await ctx.db
      .select({ id: annualPlans.id, year: annualPlans.year, countyCode: annualPlans.countyCode, firstSubmittedAt: annualPlans.firstSubmittedAt })
      .from(annualPlans)
      .where(and(inArray(annualPlans.year, years), inArray(annualPlans.countyCode, counties.map((k) => k.code))));
    const planOf = new Map(plans.map((p) => [`${p.year}|${p.countyCode}`, p]));
    for (const y of years)
      for (const k of counties) {
        const plan = planOf.get(`${y}|${k.code}`);
        const t = planTimeliness(y, plan?.firstSubmittedAt ?? null, now);
        out.push({
          path: k.path,
          d: {
            date: planDueOn(y),
            kind: 'plan_due',
            title: `${k.shortName}${y}年度计划报市民政局备案`,
            state: t === 'on_time' ? 'done' : t === 'late' ? 'late' : t === 'overdue' ? 'overdue' : 'upcoming',
            rule: 'R-PLAN-DUE',
            countyShortName: k.shortName,
            link: plan ? { type: 'annual-plan', id: plan.id } : null,
          },
        });
      }
  }
  const reportOf = new Map(districtReports.filter((r) => r.kind === 'district_annual').map((r) => [`${r.periodStart}|${r.countyCode}`, r]));
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const due = districtReportPeriod(y).dueOn;
    if (!inRange(due, from, to)) continue;
    for (const k of counties) {
      const report = reportOf.get(`${y}-01-01|${k.code}`);
      const t = reportTimeliness(due, report?.firstSubmittedAt ?? null, now);
      out.push({
        path: k.path,
        d: {
          date: due, kind: 'district_report_due', title: `${k.shortName}${y}年度项目实施情况报告报市民政局`,
          state: t === 'on_time' ? 'done' : t === 'pending' ? 'upcoming' : t, rule: 'R-DISTRICT-REPORT', countyShortName: k.shortName,
          link: report ? { type: 'report', id: report.id } : null,
        },
      });
    }
  }
  return out;
}

/**
 * Every deadline between two days, one by one, computed from the records (nothing stored): plan due
 * dates (R-PLAN-DUE), procurement deadlines, on-post deadlines (R-ONPOST-1M), instalments, contract
 * ends, contracts to end after a failed evaluation (R-CONTRACT-FAIL), reports and the districts'
 * annual report. Station reports are left out when `withReports` is false (a drill-down reads them paged).
 */
async function itemised(ctx: Ctx, counties: County[], from: string, to: string, withReports: boolean): Promise<Located[]> {
  const today = chinaToday();
  const now = new Date();
  const county = new Map(counties.map((k) => [k.code, k]));
  const items: Located[] = [];

  const procs = await ctx.db
    .select()
    .from(procurements)
    .where(and(regionOrAncestorScope(ctx, procurements.scopePath), gte(procurements.deadlineOn, from), lte(procurements.deadlineOn, to)));
  for (const p of procs) {
    if (!p.deadlineOn || p.status === 'cancelled') continue;
    items.push({
      path: p.scopePath,
      d: {
        date: p.deadlineOn,
        kind: 'procurement_deadline',
        title: `${p.title}：采购截止`,
        state: stateOf(p.deadlineOn, today, p.status === 'awarded'),
        rule: null,
        countyShortName: county.get(p.countyCode)?.shortName ?? '',
        link: { type: 'procurement', id: p.id },
      },
    });
  }

  // Contracts with a deadline in the window, filtered in SQL; station states only for those
  // whose on-post deadline falls in it, payments only of those with an instalment in it.
  const relevant = await contractsWithDeadlinesIn(ctx, from, to);
  const withState = await summaries(ctx, relevant.filter((r) => r.contract.signedOn !== null && inRange(onPostDeadline(r.contract.signedOn), from, to)));
  const owing = relevant.filter((r) => r.contract.instalments.some((i) => inRange(i.dueOn, from, to))).map((r) => r.contract.id);
  const paid = owing.length
    ? await ctx.db
        .select({ contractId: contractPayments.contractId, instalment: contractPayments.instalment, amountFen: contractPayments.amountFen })
        .from(contractPayments)
        .where(inArray(contractPayments.contractId, owing))
    : [];
  // By key, not a scan per contract and instalment.
  const stateOfContract = new Map(withState.map((x) => [x.id, x]));
  const paidFen = new Map<string, number>();
  for (const p of paid) paidFen.set(`${p.contractId}|${p.instalment}`, (paidFen.get(`${p.contractId}|${p.instalment}`) ?? 0) + p.amountFen);
  for (const r of relevant) {
    const k = r.contract;
    const s = stateOfContract.get(k.id);
    const link = { type: 'contract' as const, id: k.id };
    const base = { countyShortName: r.countyShortName, link };
    const push = (d: Deadline) => items.push({ path: k.scopePath, d });
    if (s?.onPostDeadline && inRange(s.onPostDeadline, from, to)) {
      const met = s.stations.every((st) => st.onPostState === 'ok') || !CONTRACT_IN_FORCE.includes(k.status);
      push({ ...base, date: s.onPostDeadline, kind: 'onpost_due', title: `${k.title}：社工到岗期限`, state: stateOf(s.onPostDeadline, today, met), rule: 'R-ONPOST-1M' });
    }
    k.instalments.forEach((i, index) => {
      if (!inRange(i.dueOn, from, to)) return;
      const sum = paidFen.get(`${k.id}|${index}`) ?? 0;
      push({ ...base, date: i.dueOn, kind: 'instalment_due', title: `${k.title}：${i.label}结算`, state: stateOf(i.dueOn, today, sum >= i.amountFen), rule: 'R-FUND-USE' });
    });
    if (inRange(k.endsOn, from, to))
      push({ ...base, date: k.endsOn, kind: 'contract_end', title: `${k.title}：合同到期`, state: stateOf(k.endsOn, today, !CONTRACT_IN_FORCE.includes(k.status)), rule: 'R-CONTRACT-TERM' });
    const endingDay = k.endingYear !== null ? `${k.endingYear}-01-01` : null;
    if (inRange(endingDay, from, to))
      push({ ...base, date: endingDay, kind: 'ending_year', title: `${k.title}：${k.endingReason}，次年终止合同`, state: stateOf(endingDay, today, !CONTRACT_IN_FORCE.includes(k.status)), rule: 'R-CONTRACT-FAIL' });
  }

  // Reports already drafted, and the district's annual report due 30 November (R-DISTRICT-REPORT).
  if (withReports) {
    const drafted = await ctx.db
      .select({ ...reportListColumns, scopePath: reports.scopePath })
      .from(reports)
      .where(and(reportScope(ctx), gte(reports.dueOn, from), lte(reports.dueOn, to), ne(reports.kind, 'district_annual')));
    for (const r of drafted) {
      const t = reportTimeliness(r.dueOn, r.firstSubmittedAt, now);
      items.push({
        path: r.scopePath,
        d: {
          date: r.dueOn, kind: 'report_due', title: `${r.title}提交`, state: t === 'on_time' ? 'done' : t === 'pending' ? 'upcoming' : t,
          rule: 'R-REPORTS', countyShortName: county.get(r.countyCode)?.shortName ?? '', link: { type: 'report', id: r.id },
        },
      });
    }
  }
  items.push(...(await countyDeadlines(ctx, counties, await repo.districtReportsIn(ctx, from, to), from, to, now)));

  for (const { d } of items) d.state = settled(d, today);
  return items;
}

/**
 * The deadline calendar between two days. A county, town or station actor gets every deadline
 * (its answer is small); a wide actor — more than one county, or more than WIDE_SCOPE_STATIONS
 * stations — gets them counted per day, kind and region just below its scope, in SQL, so the
 * answer grows with days × kinds × regions, never with stations.
 */
export async function deadlines(ctx: Ctx, from: string, to: string): Promise<CalendarAnswer> {
  const today = chinaToday();
  // Contracts' on-post deadlines read the stations' kept staffing rows where fresh.
  await refreshStaffingOfScope(ctx, today);
  const counties = await countiesInScope(ctx);
  const scope = repo.scopeRegionOf(ctx);
  const wide = scope !== null && (counties.length > 1 || (await repo.moreStationsThan(ctx, scope, WIDE_SCOPE_STATIONS)));
  if (!wide || scope === null) {
    const items = (await itemised(ctx, counties, from, to, true)).map((x) => x.d).sort(byDateTitle);
    return { asOf: today, grouped: false, items };
  }
  const region = await repo.withChildLimit(ctx, scope, CALENDAR_REGIONS_SHOWN);
  return { asOf: today, grouped: true, groups: await grouped(ctx, region, counties, from, to, today) };
}

async function grouped(ctx: Ctx, scope: repo.ScopeRegion, counties: County[], from: string, to: string, today: string): Promise<DeadlineGroup[]> {
  const now = new Date();
  const [reportRows, procurementRows, contractRows, districtReports] = await Promise.all([
    repo.reportGroups(ctx, scope, from, to, today),
    repo.procurementGroups(ctx, scope, from, to, today),
    repo.contractGroups(ctx, scope, from, to, today),
    repo.districtReportsIn(ctx, from, to),
  ]);
  // One deadline per county unit and year: counted here, as many as there are counties (not stations).
  const perCounty = (await countyDeadlines(ctx, counties, districtReports, from, to, now)).map(({ d, path }): repo.GroupRow => ({
    day: d.date, kind: d.kind, child: repo.childOf(path, scope), state: settled(d, today), n: 1,
  }));
  const groups = new Map<string, DeadlineGroup>();
  for (const r of [...reportRows, ...procurementRows, ...contractRows, ...perCounty]) {
    const key = `${r.day}|${r.kind}|${r.child}`;
    let g = groups.get(key);
    if (!g) {
      g = { date: r.day, kind: r.kind, regionCode: r.child, regionName: '', rule: RULE_OF[r.kind], total: 0, counts: { done: 0, late: 0, overdue: 0, expired: 0, upcoming: 0 } };
      groups.set(key, g);
    }
    g.total += r.n;
    g.counts[r.state] += r.n;
  }
  const names = await repo.regionNames(ctx, [...new Set([...groups.values()].map((g) => g.regionCode))]);
  const order = (k: DeadlineKind) => DEADLINE_KINDS.indexOf(k);
  return [...groups.values()]
    .map((g) => ({ ...g, regionName: names.get(g.regionCode) ?? g.regionCode }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order(a.kind) - order(b.kind) || (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0)));
}

/**
 * The deadlines behind one grouped entry, paged: reports in the database (a province's day holds
 * one per station); the other kinds number at most the county units and contracts of that day.
 */
export async function groupItems(ctx: Ctx, q: { date: string; kind: DeadlineKind; region: string; limit: number; offset: number }) {
  const today = chinaToday();
  const own = repo.scopeRegionOf(ctx);
  const page = { asOf: today, limit: q.limit, offset: q.offset };
  if (own === null) return { ...page, items: [], total: 0 };
  const scope = await repo.withChildLimit(ctx, own, CALENDAR_REGIONS_SHOWN);
  if (q.kind === 'report_due') {
    const { rows, total } = await repo.reportsOfGroup(ctx, scope, q.date, q.region, q.limit, q.offset);
    const now = new Date();
    const items = rows.map(({ report: r, countyShortName }): Deadline => {
      const t = reportTimeliness(r.dueOn, r.firstSubmittedAt, now);
      const d: Deadline = {
        date: r.dueOn, kind: 'report_due', title: `${r.title}提交`, state: t === 'on_time' ? 'done' : t === 'pending' ? 'upcoming' : t,
        rule: 'R-REPORTS', countyShortName, link: { type: 'report', id: r.id },
      };
      return { ...d, state: settled(d, today) };
    });
    return { ...page, items, total };
  }
  const counties = await countiesInScope(ctx);
  const all = (await itemised(ctx, counties, q.date, q.date, false))
    .filter((x) => x.d.kind === q.kind && repo.childOf(x.path, scope) === q.region)
    .map((x) => x.d)
    .sort(byDateTitle);
  return { ...page, items: all.slice(q.offset, q.offset + q.limit), total: all.length };
}
