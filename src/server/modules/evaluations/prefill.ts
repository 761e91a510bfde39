import dayjs from 'dayjs';
import { and, between, count, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { AUTO_INDICATORS, servicesTarget, volunteerHoursTarget, type AutoIndicator } from '../../../shared/contracts/evaluations';
import { chinaDay } from '../../../shared/rules/china-date';
import { CONTRACT_STATUS_LABELS, formatYuan, onPostDeadline } from '../../../shared/rules/purchase';
import { MONTHLY_DUE_DAY, monthlyPeriod, reportTimeliness } from '../../../shared/rules/reports';
import { MIN_QUALIFIED_WORKERS, type StaffRuleId } from '../../../shared/rules/staffing';
import { contractSpending, postings, reports, serviceRecords, socialWorkers, type Indicator, type IndicatorScore } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { countsAsQualified, type PostedWorker } from '../compliance/staffing-findings';
import type { ContractRow } from '../contracts/contracts.repo';
import * as workers from '../social-workers/social-workers.repo';
import { stationNames } from '../stations/stations.repo';
import { volunteerFigureRows } from '../volunteers/volunteer-figures';
import { resourceFigureRows } from '../resources/resource-figures';

// Figures for the indicators the records can answer. The evaluation itself was found in the
// actor's scope; its figures are about the whole contract, so the queries below read the
// contract's stations whole (a town officer refreshing them gets the same figures as the district).

export type Prefill = NonNullable<IndicatorScore['prefill']>;
/** Starts the comment of an auto indicator the records cannot answer (a refresh may replace it). */
export const SYSTEM_NOTE = '系统未能预填：';
/** A figure with its ratio (0–1) to the full score, or why the records cannot answer. */
type Answer = { value: number; ratio: number; evidence: string } | { missing: string };

export interface Period {
  /** First and last day counted: the contract's term within the year, up to today. */
  from: string;
  to: string;
}

const yearEnd = (year: number) => `${year}-12-31`;
const days = (from: string, to: string) => dayjs(to).diff(dayjs(from), 'day') + 1;
const pct = (ratio: number) => Math.round(ratio * 1000) / 10;
const minDay = (...d: (string | null | undefined)[]) => d.filter((x): x is string => !!x).sort()[0] ?? '';

/** The day a terminated contract ended: its termination is a history event, not a column. */
function terminatedOn(k: ContractRow): string | null {
  if (k.status !== 'terminated') return null;
  const e = k.history.findLast((h) => h.event === CONTRACT_STATUS_LABELS.terminated);
  return e ? chinaDay(e.at) : null;
}

/** The evaluated period of a contract in a year, or null when it was not in force in the year by today. */
export function periodOf(k: ContractRow, year: number, today: string): Period | null {
  const start = k.startsOn ?? k.signedOn;
  if (!start) return null;
  const from = start > `${year}-01-01` ? start : `${year}-01-01`;
  const to = minDay(yearEnd(year), k.endsOn, today, terminatedOn(k));
  return from <= to ? { from, to } : null;
}

/** Months (fractional at the ends) between two days, inclusive: a station-month is one station for one such month. */
export function monthsBetween(from: string, to: string): number {
  let n = 0;
  for (let m = dayjs(from).startOf('month'); !m.isAfter(dayjs(to)); m = m.add(1, 'month')) {
    const first = m.format('YYYY-MM-DD') > from ? m.format('YYYY-MM-DD') : from;
    const lastOfMonth = m.endOf('month').format('YYYY-MM-DD');
    const last = lastOfMonth < to ? lastOfMonth : to;
    n += days(first, last) / m.daysInMonth();
  }
  return n;
}

/** Suggested score: points × ratio, rounded to 0.5 (ratios above 1 count as 1). */
export function suggestedScore(points: number, ratio: number): number {
  return Math.round(points * Math.min(1, Math.max(0, ratio)) * 2) / 2;
}

/** Names of the first stations of a list, then how many more. */
function listNames(names: string[], max = 5): string {
  return names.length <= max ? names.join('、') : `${names.slice(0, max).join('、')}等${names.length}个`;
}

/** Workers on post at the stations on a day (started by then, not left before it), with their qualifications. */
async function postedOn(ctx: Ctx, stationIds: string[], day: string): Promise<Map<string, (PostedWorker & { orgId: string | null })[]>> {
  const out = new Map<string, (PostedWorker & { orgId: string | null })[]>();
  if (stationIds.length === 0) return out;
  const rows = await ctx.db
    .select({ posting: postings, worker: socialWorkers })
    .from(postings)
    .innerJoin(socialWorkers, eq(socialWorkers.id, postings.workerId))
    .where(and(inArray(postings.stationId, stationIds), lte(postings.startDate, day), or(isNull(postings.endDate), gte(postings.endDate, day))));
  const ids = [...new Set(rows.map((r) => r.worker.id))];
  const [extras, firsts] = await Promise.all([workers.loadQualificationRecords(ctx.db, ids), workers.firstPostingDates(ctx.db, ids)]);
  for (const r of rows) {
    const x = extras.get(r.worker.id);
    if (!x) continue;
    out.set(r.posting.stationId, [
      ...(out.get(r.posting.stationId) ?? []),
      {
        workerId: r.worker.id, name: r.worker.name, quals: workers.qualificationsOf(r.worker, x),
        firstPostingDate: firsts.get(r.worker.id) ?? r.posting.startDate, exceptionRules: r.posting.exceptionRules as StaffRuleId[],
        exceptionReason: r.posting.exceptionReason, orgId: r.posting.orgId,
      },
    ]);
  }
  return out;
}

interface Subject {
  k: ContractRow;
  stationIds: string[];
  names: Map<string, string>;
  period: Period;
  today: string;
}

/** R-STAFF-MIN at the end of the period: qualified workers on post, whoever posted them. */
async function staffing(ctx: Ctx, s: Subject): Promise<Answer> {
  if (s.stationIds.length === 0) return { missing: '合同未列明社工站' };
  const day = s.period.to;
  const posted = await postedOn(ctx, s.stationIds, day);
  const counts = s.stationIds.map((id) => ({ id, n: (posted.get(id) ?? []).filter((w) => countsAsQualified(w, day)).length }));
  const short = counts.filter((c) => c.n < MIN_QUALIFIED_WORKERS);
  const met = counts.length - short.length;
  const ratio = met / counts.length;
  return {
    value: pct(ratio),
    ratio,
    evidence:
      `按${day}在岗情况，合同所含${counts.length}个社工站中${met}个在岗具备社会工作专业素质的社工不少于${MIN_QUALIFIED_WORKERS}名（R-STAFF-MIN），达标率${pct(ratio)}%` +
      (short.length ? `；未达标：${listNames(short.map((c) => `${s.names.get(c.id) ?? ''}（${c.n}名）`))}` : ''),
  };
}

/** R-ONPOST-1M: the contractor's own qualified workers on post on the deadline (or the period's end, if earlier). */
async function onPost(ctx: Ctx, s: Subject): Promise<Answer> {
  if (s.stationIds.length === 0) return { missing: '合同未列明社工站' };
  if (!s.k.signedOn) return { missing: '合同未登记签订日期' };
  const deadline = onPostDeadline(s.k.signedOn);
  const day = deadline < s.period.to ? deadline : s.period.to;
  const posted = await postedOn(ctx, s.stationIds, day);
  const counts = s.stationIds.map((id) => ({
    id,
    n: (posted.get(id) ?? []).filter((w) => w.orgId === s.k.contractorOrgId && countsAsQualified(w, day)).length,
  }));
  const short = counts.filter((c) => c.n < MIN_QUALIFIED_WORKERS);
  const met = counts.length - short.length;
  const ratio = met / counts.length;
  return {
    value: pct(ratio),
    ratio,
    evidence:
      `合同于${s.k.signedOn}签订，到岗期限${deadline}（R-ONPOST-1M）` +
      (day < deadline ? `，期限未到，按${day}计` : '') +
      `；${counts.length}个社工站中${met}个有承接机构安排的具备专业素质的社工不少于${MIN_QUALIFIED_WORKERS}名在岗，按期到岗率${pct(ratio)}%` +
      (short.length ? `；未按期到岗：${listNames(short.map((c) => `${s.names.get(c.id) ?? ''}（${c.n}名）`))}` : ''),
  };
}

/**
 * R-REPORTS: each month of the period whose briefing is due by today needs one — for the
 * contract, or one for each of its stations — first submitted by its due day. A month without
 * any counts as not on time; no months due yet cannot be scored from the records.
 */
async function reportsOnTime(ctx: Ctx, s: Subject, now: Date): Promise<Answer> {
  const months: { month: string; dueOn: string }[] = [];
  for (let m = dayjs(s.period.from).startOf('month'); m.format('YYYY-MM-DD') <= s.period.to; m = m.add(1, 'month')) {
    const month = m.format('YYYY-MM');
    const { dueOn } = monthlyPeriod(month);
    if (dueOn <= s.today) months.push({ month, dueOn });
  }
  if (months.length === 0) return { missing: `${s.period.from}至${s.period.to}尚无已到报送期限（次月${MONTHLY_DUE_DAY}日）的月度工作简报` };
  const rows = await ctx.db
    .select({ stationId: reports.stationId, periodStart: reports.periodStart, dueOn: reports.dueOn, firstSubmittedAt: reports.firstSubmittedAt })
    .from(reports)
    .where(
      and(
        eq(reports.kind, 'monthly'),
        inArray(reports.periodStart, months.map((m) => `${m.month}-01`)),
        or(
          and(isNull(reports.stationId), eq(reports.contractId, s.k.id)),
          s.stationIds.length
            ? and(inArray(reports.stationId, s.stationIds), or(eq(reports.contractId, s.k.id), eq(reports.orgId, s.k.contractorOrgId)))
            : sql`false`,
        ),
      ),
    );
  const late: string[] = [];
  const missing: string[] = [];
  let onTime = 0;
  for (const { month } of months) {
    const of = rows.filter((r) => r.periodStart === `${month}-01`);
    const timely = of.filter((r) => reportTimeliness(r.dueOn, r.firstSubmittedAt, now) === 'on_time');
    const forContract = timely.some((r) => r.stationId === null);
    const forEveryStation = s.stationIds.length > 0 && s.stationIds.every((id) => timely.some((r) => r.stationId === id));
    if (forContract || forEveryStation) onTime += 1;
    else if (of.length === 0) missing.push(month);
    else late.push(month);
  }
  const ratio = onTime / months.length;
  return {
    value: pct(ratio),
    ratio,
    evidence:
      `${months[0]?.month}至${months.at(-1)?.month}共${months.length}个月的月度工作简报已到报送期限（次月${MONTHLY_DUE_DAY}日，R-REPORTS），按时报送${onTime}个月，按时率${pct(ratio)}%` +
      (late.length ? `；逾期或未全部按时报送：${late.join('、')}` : '') +
      (missing.length ? `；未报送：${missing.join('、')}` : ''),
  };
}

/**
 * R-FUND-USE: spending of the period against the part of the price that falls in it (the price
 * spread evenly over the term's days), so a term across two years is judged on its own share.
 */
async function funding(ctx: Ctx, s: Subject): Promise<Answer> {
  const start = s.k.startsOn;
  const end = s.k.endsOn;
  if (!start || !end || s.k.priceFen <= 0) return { missing: '合同未登记期限或价格' };
  const [row] = await ctx.db
    .select({ fen: sql<number>`coalesce(sum(${contractSpending.amountFen}), 0)`.mapWith(Number) })
    .from(contractSpending)
    .where(and(eq(contractSpending.contractId, s.k.id), between(contractSpending.spentOn, s.period.from, s.period.to)));
  const spent = row?.fen ?? 0;
  const termDays = days(start, end);
  const periodDays = days(s.period.from, s.period.to);
  const dueFen = Math.round((s.k.priceFen * periodDays) / termDays);
  if (dueFen <= 0) return { missing: '评估期内合同应执行金额为0' };
  const ratio = spent / dueFen;
  return {
    value: pct(ratio),
    ratio,
    evidence:
      `${s.period.from}至${s.period.to}合同支出${formatYuan(spent)}元；合同价格${formatYuan(s.k.priceFen)}元，合同期${termDays}天` +
      (periodDays === termDays ? '' : `，其中评估期${periodDays}天，折算应执行${formatYuan(dueFen)}元`) +
      `；执行率${pct(ratio)}%`,
  };
}

/** Service records at the contract's stations in the period, per station-month, against the guidance's target. */
async function services(ctx: Ctx, s: Subject, indicator: Indicator): Promise<Answer> {
  const target = servicesTarget(indicator.guidance);
  if (target === null) return { missing: '评分说明未写明每站每月服务记录目标' };
  if (s.stationIds.length === 0) return { missing: '合同未列明社工站' };
  const [row] = await ctx.db
    .select({ n: count() })
    .from(serviceRecords)
    .where(and(inArray(serviceRecords.stationId, s.stationIds), between(serviceRecords.date, s.period.from, s.period.to)));
  const records = row?.n ?? 0;
  const months = monthsBetween(s.period.from, s.period.to);
  const stationMonths = s.stationIds.length * months;
  const perStationMonth = records / stationMonths;
  const round1 = (v: number) => Math.round(v * 10) / 10;
  return {
    value: round1(perStationMonth),
    ratio: perStationMonth / target,
    evidence:
      `${s.period.from}至${s.period.to}（${round1(months)}个月）合同所含${s.stationIds.length}个社工站服务记录${records}条，` +
      `合${round1(stationMonths)}站·月，每站每月${round1(perStationMonth)}条；目标每站每月${target}条`,
  };
}

/**
 * "社工+志愿者" (一（二）3, 二（一）5): hours the registered volunteers served at the contract's
 * stations in the period, per station-month, against the guidance's target; the evidence also
 * names the volunteers and the teams and community organisations being cultivated.
 */
async function volunteering(ctx: Ctx, s: Subject, indicator: Indicator): Promise<Answer> {
  const target = volunteerHoursTarget(indicator.guidance);
  if (target === null) return { missing: '评分说明未写明每站每月志愿服务时长目标' };
  if (s.stationIds.length === 0) return { missing: '合同未列明社工站' };
  const figures = await volunteerFigureRows(ctx.db, s.stationIds, { start: s.period.from, end: s.period.to });
  const v = (key: string) => figures.find((f) => f.key === key)?.value ?? 0;
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const stationMonths = s.stationIds.length * monthsBetween(s.period.from, s.period.to);
  const perStationMonth = v('volunteers.hours') / stationMonths;
  return {
    value: round1(perStationMonth),
    ratio: perStationMonth / target,
    evidence:
      `${s.period.from}至${s.period.to}合同所含${s.stationIds.length}个社工站登记志愿者${v('volunteers.people')}人参与服务，` +
      `志愿服务${v('volunteers.hours')}小时，合${round1(stationMonths)}站·月，每站每月${round1(perStationMonth)}小时（目标${target}小时）；` +
      `培育志愿服务队和社区社会组织${v('volunteers.teams')}个`,
  };
}

/**
 * 慈善资源对接 (二（一）5): of the needs raised at the contract's stations in the period, the share
 * met with a delivery record (R-RESOURCES-DELIVERY); the evidence names what was mobilised.
 */
async function resourcing(ctx: Ctx, s: Subject): Promise<Answer> {
  if (s.stationIds.length === 0) return { missing: '合同未列明社工站' };
  const figures = await resourceFigureRows(ctx.db, s.stationIds, { start: s.period.from, end: s.period.to });
  const v = (key: string) => figures.find((f) => f.key === key)?.value ?? 0;
  const raised = v('resources.needs.raised');
  if (raised === 0) return { missing: `${s.period.from}至${s.period.to}合同所含社工站未登记资源需求` };
  const ratio = Math.min(1, v('resources.needs.met') / raised);
  return {
    value: pct(ratio),
    ratio,
    evidence:
      `${s.period.from}至${s.period.to}合同所含${s.stationIds.length}个社工站登记需求${raised}项，凭交付记录满足${v('resources.needs.met')}项，满足率${pct(ratio)}%；` +
      `动员资金${v('resources.money')}元、物资${v('resources.goods')}件、服务${v('resources.hours')}小时`,
  };
}

/**
 * Pre-fills the auto indicators of a contract's year: figure, suggested score and evidence, or
 * (when the records cannot answer) no figure and the reason, which goes into the comment.
 */
export async function prefill(
  ctx: Ctx,
  k: ContractRow,
  stationIds: string[],
  period: Period,
  indicators: Indicator[],
  today: string,
  now: Date,
): Promise<Map<string, { prefill: Prefill | null; note: string }>> {
  const s: Subject = { k, stationIds, names: await stationNames(ctx.db, stationIds), period, today };
  const cache = new Map<AutoIndicator, Promise<Answer>>();
  const once = (kind: AutoIndicator, run: () => Promise<Answer>) => {
    const hit = cache.get(kind) ?? run();
    cache.set(kind, hit);
    return hit;
  };
  const out = new Map<string, { prefill: Prefill | null; note: string }>();
  for (const i of indicators) {
    const kind = AUTO_INDICATORS.find((a) => a === i.auto);
    if (!kind) continue;
    const answer =
      kind === 'staffing'
        ? await once(kind, () => staffing(ctx, s))
        : kind === 'onpost'
          ? await once(kind, () => onPost(ctx, s))
          : kind === 'reports'
            ? await once(kind, () => reportsOnTime(ctx, s, now))
            : kind === 'funding'
              ? await once(kind, () => funding(ctx, s))
              : kind === 'volunteers'
                ? await volunteering(ctx, s, i)
                : kind === 'resources'
                  ? await once(kind, () => resourcing(ctx, s))
                  : await services(ctx, s, i);
    out.set(
      i.code,
      'missing' in answer
        ? { prefill: null, note: `${SYSTEM_NOTE}${answer.missing}，请评估员打分` }
        : { prefill: { value: answer.value, suggested: suggestedScore(i.points, answer.ratio), evidence: answer.evidence }, note: '' },
    );
  }
  return out;
}
