import dayjs from 'dayjs';

// 一站一策 (五（三）): the district decides each station's service content and duties; the
// contractor starts the work with a needs survey and a service plan (R-START-WORK, 四（四）).

export const STATION_PLAN_RULES = {
  'R-STATION-PLAN': {
    id: 'R-STATION-PLAN',
    clause: '五（三）',
    title: '区市民政部门按照“一站一策”原则，确定社工站服务内容和工作职责',
  },
  'R-STATION-PLAN-TARGET': {
    id: 'R-STATION-PLAN-TARGET',
    clause: '五（三）',
    title: '社工站按经确定的服务内容和工作目标开展服务，完成情况低于目标一半的须说明并整改',
  },
} as const;

export const STATION_PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type StationPlanStatus = (typeof STATION_PLAN_STATUSES)[number];
export const STATION_PLAN_STATUS_LABELS: Record<StationPlanStatus, string> = {
  draft: '编制中',
  submitted: '待审定',
  approved: '已审定',
  returned: '已退回',
};

/**
 * The fixed measures a plan sets targets for, each counted from a table with an index by station
 * (service_records(station_id, date), groups(station_id, …) → group_sessions, cases(station_id, …)).
 */
export const STATION_PLAN_MEASURES = ['records', 'homeVisits', 'groupSessions', 'casesOpened'] as const;
export type StationPlanMeasure = (typeof STATION_PLAN_MEASURES)[number];
export type TargetPeriod = 'month' | 'quarter' | 'year';

export const MEASURE_INFO: Record<StationPlanMeasure, { label: string; unit: string; period: TargetPeriod }> = {
  records: { label: '服务记录', unit: '条', period: 'month' },
  homeVisits: { label: '入户走访', unit: '次', period: 'month' },
  groupSessions: { label: '小组和社区活动', unit: '场', period: 'quarter' },
  casesOpened: { label: '新开个案', unit: '个', period: 'year' },
};
export const PERIOD_LABELS: Record<TargetPeriod, string> = { month: '每月', quarter: '每季度', year: '全年' };

/** A measure with its unit and period, as a target field is labelled: 服务记录（条/月）(the period without its 每). */
export const measureLabel = (k: StationPlanMeasure): string =>
  `${MEASURE_INFO[k].label}（${MEASURE_INFO[k].unit}/${PERIOD_LABELS[MEASURE_INFO[k].period].replace(/^每/, '')}）`;

/** R-START-WORK: what the contractor uploads before submitting a plan. */
export const STATION_PLAN_FILE_KINDS = ['needs_survey', 'service_plan'] as const;
export type StationPlanFileKind = (typeof STATION_PLAN_FILE_KINDS)[number];
export const STATION_PLAN_FILE_LABELS: Record<StationPlanFileKind, string> = { needs_survey: '需求调研报告', service_plan: '服务计划' };

/** The county bureau's answer to a submitted plan. */
export const STATION_PLAN_DECISIONS = ['approved', 'returned'] as const;
export type StationPlanDecision = (typeof STATION_PLAN_DECISIONS)[number];
export const STATION_PLAN_DECISION_LABELS: Record<StationPlanDecision, string> = { approved: '审定通过', returned: '退回修改' };
const MONTHS_IN: Record<TargetPeriod, number> = { month: 1, quarter: 3, year: 12 };

export type StationPlanTargets = Record<StationPlanMeasure, number>;

/** The target of one month: a quarterly or yearly target spread evenly over its months. */
export function monthlyTarget(measure: StationPlanMeasure, target: number): number {
  return target / MONTHS_IN[MEASURE_INFO[measure].period];
}

/**
 * R-STATION-PLAN-TARGET: under half the pro-rated target (a zero target asks nothing). A monthly
 * measure is judged month by month; a quarterly or yearly one (a few sessions, a few cases) by its
 * running total over the plan's first `months` months, so a quiet month alone is no finding.
 * Integers only — actual · 2 · months-per-period < target · months — so SQL gives the same answer.
 */
export function belowTarget(measure: StationPlanMeasure, target: number, actual: number, months = 1): boolean {
  return target > 0 && actual * 2 * MONTHS_IN[MEASURE_INFO[measure].period] < target * months;
}

export const isCumulative = (measure: StationPlanMeasure): boolean => MEASURE_INFO[measure].period !== 'month';

/**
 * The first month a plan's targets are judged: the month a contract starts in is its on-post month
 * (R-ONPOST-1M: a month to put the workers on post), so a contract that starts within the plan's
 * year is judged from the next month; one that started before the year, from January.
 */
export function judgedFrom(year: number, firstMonth: number, contractStartsOn: string | null): number {
  return contractStartsOn?.startsWith(`${year}-`) ? firstMonth + 1 : firstMonth;
}

/** 'YYYY-MM' of the months of a plan's year from its first month to its last. */
export function planMonths(year: number, firstMonth: number, lastMonth: number): string[] {
  const out: string[] = [];
  for (let m = firstMonth; m <= lastMonth; m++) out.push(`${year}-${String(m).padStart(2, '0')}`);
  return out;
}

/** A month is closed (its figures final) once its last day is before today (China calendar). */
export function monthClosed(month: string, today: string): boolean {
  return dayjs(`${month}-01`).endOf('month').format('YYYY-MM-DD') < today;
}

/**
 * R-START-WORK: the approved plan is due by the end of the month after the work starts in the
 * year (the on-post month, R-ONPOST-1M: social workers on post within a month of the start).
 * `startsOn` is the contract's start, or 1 January when it started earlier.
 */
export function stationPlanDueOn(year: number, startsOn: string): string {
  const start = startsOn < `${year}-01-01` ? `${year}-01-01` : startsOn;
  return dayjs(start).add(1, 'month').endOf('month').format('YYYY-MM-DD');
}

export function measureText(measure: StationPlanMeasure, target: number): string {
  const i = MEASURE_INFO[measure];
  return `${i.label}${PERIOD_LABELS[i.period]}${target}${i.unit}`;
}
