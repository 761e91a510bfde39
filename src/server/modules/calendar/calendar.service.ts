import { and, gte, inArray, lte } from 'drizzle-orm';
import type { Deadline } from '../../../shared/contracts/calendar';
import { chinaToday } from '../../../shared/rules/china-date';
import { CONTRACT_IN_FORCE, onPostDeadline, planDueOn, planTimeliness } from '../../../shared/rules/purchase';
import { annualPlans, contractPayments, procurements, reports } from '../../db/schema';
import { districtReportPeriod, reportTimeliness } from '../../../shared/rules/reports';
import { reportListColumns, reportScope } from '../reports/reports.repo';
import type { Ctx } from '../../platform/context';
import { regionOrAncestorScope } from '../../platform/scope';
import { summaries } from '../contracts/contracts.service';
import { contractsWithDeadlinesIn } from '../contracts/contracts.repo';
import { countiesInScope } from '../regions/county-scope';

type State = Deadline['state'];

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

/**
 * The purchase cycle's deadlines between two days, computed from the records (nothing stored):
 * plan due dates (R-PLAN-DUE), procurement deadlines, on-post deadlines (R-ONPOST-1M), instalments,
 * contract ends and contracts to end after a failed evaluation (R-CONTRACT-FAIL).
 */
export async function deadlines(ctx: Ctx, from: string, to: string) {
  const today = chinaToday();
  const now = new Date();
  const items: Deadline[] = [];

  const counties = await countiesInScope(ctx);
  const countyName = new Map(counties.map((k) => [k.code, k.shortName]));
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (inRange(planDueOn(y), from, to)) years.push(y);
  if (years.length > 0 && counties.length > 0) {
    const plans = await ctx.db
      .select()
      .from(annualPlans)
      .where(and(inArray(annualPlans.year, years), inArray(annualPlans.countyCode, counties.map((k) => k.code))));
    for (const y of years)
      for (const k of counties) {
        const plan = plans.find((p) => p.year === y && p.countyCode === k.code);
        const t = planTimeliness(y, plan?.firstSubmittedAt ?? null, now);
        items.push({
          date: planDueOn(y),
          kind: 'plan_due',
          title: `${k.shortName}${y}年度计划报市民政局备案`,
          state: t === 'on_time' ? 'done' : t === 'late' ? 'late' : t === 'overdue' ? 'overdue' : 'upcoming',
          rule: 'R-PLAN-DUE',
          countyShortName: k.shortName,
          link: plan ? { type: 'annual-plan', id: plan.id } : null,
        });
      }
  }

  const procs = await ctx.db
    .select()
    .from(procurements)
    .where(and(regionOrAncestorScope(ctx, procurements.scopePath), gte(procurements.deadlineOn, from), lte(procurements.deadlineOn, to)));
  for (const p of procs) {
    if (!p.deadlineOn || p.status === 'cancelled') continue;
    items.push({
      date: p.deadlineOn,
      kind: 'procurement_deadline',
      title: `${p.title}：采购截止`,
      state: stateOf(p.deadlineOn, today, p.status === 'awarded'),
      rule: null,
      countyShortName: countyName.get(p.countyCode) ?? '',
      link: { type: 'procurement', id: p.id },
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
  for (const r of relevant) {
    const k = r.contract;
    const s = withState.find((x) => x.id === k.id);
    const link = { type: 'contract' as const, id: k.id };
    const base = { countyShortName: r.countyShortName, link };
    if (s?.onPostDeadline && inRange(s.onPostDeadline, from, to)) {
      const met = s.stations.every((st) => st.onPostState === 'ok') || !CONTRACT_IN_FORCE.includes(k.status);
      items.push({ ...base, date: s.onPostDeadline, kind: 'onpost_due', title: `${k.title}：社工到岗期限`, state: stateOf(s.onPostDeadline, today, met), rule: 'R-ONPOST-1M' });
    }
    k.instalments.forEach((i, index) => {
      if (!inRange(i.dueOn, from, to)) return;
      const sum = paid.filter((p) => p.contractId === k.id && p.instalment === index).reduce((n, p) => n + p.amountFen, 0);
      items.push({ ...base, date: i.dueOn, kind: 'instalment_due', title: `${k.title}：${i.label}结算`, state: stateOf(i.dueOn, today, sum >= i.amountFen), rule: 'R-FUND-USE' });
    });
    if (inRange(k.endsOn, from, to))
      items.push({ ...base, date: k.endsOn, kind: 'contract_end', title: `${k.title}：合同到期`, state: stateOf(k.endsOn, today, !CONTRACT_IN_FORCE.includes(k.status)), rule: 'R-CONTRACT-TERM' });
    const endingDay = k.endingYear !== null ? `${k.endingYear}-01-01` : null;
    if (inRange(endingDay, from, to))
      items.push({ ...base, date: endingDay, kind: 'ending_year', title: `${k.title}：${k.endingReason}，次年终止合同`, state: stateOf(endingDay, today, !CONTRACT_IN_FORCE.includes(k.status)), rule: 'R-CONTRACT-FAIL' });
  }

  // Reports already drafted, and the district's annual report due 30 November (R-DISTRICT-REPORT).
  const drafted = await ctx.db
    .select(reportListColumns)
    .from(reports)
    .where(and(reportScope(ctx), gte(reports.dueOn, from), lte(reports.dueOn, to)));
  for (const r of drafted) {
    if (r.kind === 'district_annual') continue;
    const t = reportTimeliness(r.dueOn, r.firstSubmittedAt, now);
    items.push({
      date: r.dueOn, kind: 'report_due', title: `${r.title}提交`, state: t === 'on_time' ? 'done' : t === 'pending' ? 'upcoming' : t,
      rule: 'R-REPORTS', countyShortName: countyName.get(r.countyCode) ?? '', link: { type: 'report', id: r.id },
    });
  }
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const due = districtReportPeriod(y).dueOn;
    if (!inRange(due, from, to)) continue;
    for (const k of counties) {
      const report = drafted.find((r) => r.kind === 'district_annual' && r.countyCode === k.code && r.periodStart === `${y}-01-01`);
      const t = reportTimeliness(due, report?.firstSubmittedAt ?? null, now);
      items.push({
        date: due, kind: 'district_report_due', title: `${k.shortName}${y}年度项目实施情况报告报市民政局`,
        state: t === 'on_time' ? 'done' : t === 'pending' ? 'upcoming' : t, rule: 'R-DISTRICT-REPORT', countyShortName: k.shortName,
        link: report ? { type: 'report', id: report.id } : null,
      });
    }
  }

  for (const d of items) d.state = settled(d, today);
  items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : byTitle.compare(a.title, b.title)));
  return { asOf: today, items };
}
