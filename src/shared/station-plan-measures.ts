import { MEASURE_INFO, type StationPlanMeasure, type TargetPeriod } from './rules/station-plans';

// 一站一策: the lists and Chinese labels the plan's pages show that rules/station-plans.ts does not
// export yet. contracts/station-plans.ts still spells the file kinds and decisions inline (z.enum);
// it can take these lists when its owner next edits it.

/** R-START-WORK: what the contractor uploads before submitting a plan. */
export const STATION_PLAN_FILE_KINDS = ['needs_survey', 'service_plan'] as const;
export type StationPlanFileKind = (typeof STATION_PLAN_FILE_KINDS)[number];
export const STATION_PLAN_FILE_LABELS: Record<StationPlanFileKind, string> = { needs_survey: '需求调研报告', service_plan: '服务计划' };

/** The county bureau's answer to a submitted plan. */
export const STATION_PLAN_DECISIONS = ['approved', 'returned'] as const;
export type StationPlanDecision = (typeof STATION_PLAN_DECISIONS)[number];
export const STATION_PLAN_DECISION_LABELS: Record<StationPlanDecision, string> = { approved: '审定通过', returned: '退回修改' };

const PER: Record<TargetPeriod, string> = { month: '月', quarter: '季度', year: '全年' };

/** A measure with its unit and period, as a target field is labelled: 服务记录（条/月）. */
export const measureLabel = (k: StationPlanMeasure): string => `${MEASURE_INFO[k].label}（${MEASURE_INFO[k].unit}/${PER[MEASURE_INFO[k].period]}）`;
