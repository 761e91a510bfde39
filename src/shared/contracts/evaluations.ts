import { z } from 'zod';
import { ruleRefSchema } from '../errors';
import { EVALUATION_GRADES } from '../rules/purchase';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, route, optionalText } from './http';
import { countyCodeSchema, yearSchema } from './money';
import { fileMetaSchema } from './organizations';

// Yearly performance evaluation of a contract (R-EVAL-YEARLY, R-CONTRACT-FAIL, R-EVAL-USE) and
// supervision visits (R-SUPERVISE). Scores are points out of 100; a grade comes from the year's
// thresholds when the district officer finishes the evaluation.

/**
 * Indicators the records can answer. Creating an evaluation pre-fills them with the figure,
 * a suggested score (points × ratio, rounded to 0.5) and the evidence in words:
 * - staffing: share of the contract's stations with ≥ 2 qualified workers on post (R-STAFF-MIN)
 * - onpost:   share of its stations where the contractor's own qualified workers were on post by
 *             the deadline one month after signing (R-ONPOST-1M)
 * - reports:  share of the months of the year whose monthly briefing was submitted on time (R-REPORTS)
 * - funding:  the contract's spending in the period against its price for the period (R-FUND-USE)
 * - services: service records per station-month against the target the guidance states
 */
export const AUTO_INDICATORS = ['staffing', 'onpost', 'reports', 'funding', 'services', 'volunteers', 'resources'] as const;
export type AutoIndicator = (typeof AUTO_INDICATORS)[number];
export const AUTO_INDICATOR_LABELS: Record<AutoIndicator, string> = {
  staffing: '人员配备达标率（R-STAFF-MIN）',
  onpost: '社工按期到岗率（R-ONPOST-1M）',
  reports: '月度工作简报按时报送率（R-REPORTS）',
  funding: '资金执行率（R-FUND-USE）',
  services: '服务量（每站每月服务记录条数）',
  volunteers: '“社工+志愿者”（每站每月志愿服务时长，R-VOLUNTEER）',
  resources: '慈善资源对接（需求满足率，R-RESOURCES-DELIVERY）',
};
/** The unit of a pre-filled `value`. */
export const AUTO_INDICATOR_UNITS: Record<AutoIndicator, string> = {
  staffing: '%',
  onpost: '%',
  reports: '%',
  funding: '%',
  services: '条/站·月',
  volunteers: '小时/站·月',
  resources: '%',
};

/**
 * The services target is written in the guidance, where evaluators read it: the first
 * "N条" (e.g. "每站每月服务记录不少于30条") is the number of records per station-month.
 */
export function servicesTarget(guidance: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*条/.exec(guidance);
  const n = m?.[1] ? Number(m[1]) : 0;
  return n > 0 ? n : null;
}

/** The volunteer target in the guidance: the first "N小时" (e.g. "每站每月志愿服务不少于20小时"). */
export function volunteerHoursTarget(guidance: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*小时/.exec(guidance);
  const n = m?.[1] ? Number(m[1]) : 0;
  return n > 0 ? n : null;
}

/** Scores and points in steps of 0.01 (an evaluator may give 7.25); points in steps of 0.5. */
const hundredths = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
const halves = (v: number) => Math.abs(v * 2 - Math.round(v * 2)) < 1e-9;

export const indicatorSchema = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, { error: '指标编号为1–20位字母、数字或“-”' }),
  name: nonEmpty('指标名称', 100),
  points: z
    .number({ error: '请填写分值' })
    .min(0.5, { error: '分值不少于0.5分' })
    .max(100, { error: '分值不超过100分' })
    .refine(halves, { error: '分值以0.5分为单位' }),
  /** Scoring guidance the evaluator reads; for `services` it states the target (“每站每月不少于30条”). */
  guidance: optionalText(2000),
  auto: z.enum(AUTO_INDICATORS).nullable().default(null),
});
export type IndicatorInput = z.input<typeof indicatorSchema>;

export const dimensionSchema = z.strictObject({
  name: nonEmpty('维度名称', 50),
  indicators: z.array(indicatorSchema).min(1, { error: '每个维度至少一项指标' }).max(30),
});

const percent = (label: string) =>
  z.number({ error: `请填写${label}` }).min(0, { error: `${label}不低于0分` }).max(100, { error: `${label}不超过100分` });

/** A total at or above a threshold earns its grade; below `pass` is 不合格. */
export const thresholdsSchema = z.strictObject({
  excellent: percent('优秀分数线'),
  good: percent('良好分数线'),
  pass: percent('合格分数线'),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** Points add up to exactly 100, codes are unique, thresholds fall strictly, a services target is stated. */
export const indicatorSystemBody = z
  .strictObject({
    /** The version read; 0 when the year still uses the shipped default. */
    version: z.number().int().min(0),
    dimensions: z.array(dimensionSchema).min(1, { error: '至少一个评估维度' }).max(10),
    thresholds: thresholdsSchema,
  })
  .superRefine((b, ctx) => {
    const sum = b.dimensions.reduce((s, d) => s + d.indicators.reduce((n, i) => n + i.points, 0), 0);
    if (Math.abs(sum - 100) > 1e-9)
      ctx.addIssue({ code: 'custom', path: ['dimensions'], message: `各指标分值合计须为100分，目前为${Math.round(sum * 100) / 100}分` });
    const seen = new Set<string>();
    b.dimensions.forEach((d, i) =>
      d.indicators.forEach((x, j) => {
        if (seen.has(x.code)) ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'indicators', j, 'code'], message: `指标编号${x.code}重复` });
        seen.add(x.code);
        if (x.auto === 'services' && servicesTarget(x.guidance) === null)
          ctx.addIssue({
            code: 'custom', path: ['dimensions', i, 'indicators', j, 'guidance'],
            message: '服务量指标须在评分说明中写明目标，如“每站每月服务记录不少于30条”',
          });
        if (x.auto === 'volunteers' && volunteerHoursTarget(x.guidance) === null)
          ctx.addIssue({
            code: 'custom', path: ['dimensions', i, 'indicators', j, 'guidance'],
            message: '志愿服务指标须在评分说明中写明目标，如“每站每月志愿服务不少于20小时”',
          });
      }),
    );
    const t = b.thresholds;
    if (!(t.good < t.excellent))
      ctx.addIssue({ code: 'custom', path: ['thresholds', 'good'], message: '良好分数线须低于优秀分数线' });
    if (!(t.pass < t.good))
      ctx.addIssue({ code: 'custom', path: ['thresholds', 'pass'], message: '合格分数线须低于良好分数线' });
  });
export type IndicatorSystemInput = z.input<typeof indicatorSystemBody>;

const indicatorOut = z.object({
  code: z.string(),
  name: z.string(),
  points: z.number(),
  guidance: z.string(),
  auto: z.enum(AUTO_INDICATORS).nullable(),
});

export const indicatorSystemSchema = z.object({
  year: z.number().int(),
  dimensions: z.array(z.object({ name: z.string(), indicators: z.array(indicatorOut) })),
  thresholds: z.object({ excellent: z.number(), good: z.number(), pass: z.number() }),
  /** True: nothing set for the year yet, this is the shipped default (data/evaluation-indicators.json). */
  isDefault: z.boolean(),
  /** Evaluations of the year already use this system: it can no longer be changed. */
  evaluations: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type IndicatorSystem = z.infer<typeof indicatorSystemSchema>;

const yearParams = z.strictObject({ year: yearSchema });

export const getIndicatorSystem = route({
  method: 'GET', path: '/api/evaluation/indicators/:year', summary: '年度评估指标体系（未设置时为系统默认）', tag: 'evaluations',
  permission: 'evaluation:read', params: yearParams, response: indicatorSystemSchema,
});

/**
 * The city sets a year's system; refused (409) once an evaluation of the year has begun, since
 * its scores and grade are read against this system. The first evaluation of a year without a
 * system of its own fixes the default as that year's system.
 */
export const setIndicatorSystem = route({
  method: 'PUT', path: '/api/evaluation/indicators/:year', summary: '设置年度评估指标体系（分值合计100分）', tag: 'evaluations',
  permission: 'evaluation:configure', params: yearParams, body: indicatorSystemBody, response: indicatorSystemSchema,
});

// ---- Evaluations ----

export const EVALUATION_STATUSES = ['draft', 'finished'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = { draft: '评估中', finished: '已完成' };

/** What the records said when pre-filled; `value` is in AUTO_INDICATOR_UNITS of the indicator's `auto`. */
export const prefillSchema = z.object({ value: z.number(), suggested: z.number(), evidence: z.string() });

export const scoredIndicatorSchema = indicatorOut.extend({
  /** Null until scored; an auto indicator starts at its suggested score. */
  score: z.number().nullable(),
  comment: z.string(),
  /** Null for indicators scored by hand, and for auto ones the records could not answer (`comment` then says why). */
  prefill: prefillSchema.nullable(),
  files: z.array(fileMetaSchema),
});
export type ScoredIndicator = z.infer<typeof scoredIndicatorSchema>;

export const evaluationSummarySchema = z.object({
  id: z.string(),
  contractId: z.string(),
  contractTitle: z.string(),
  contractNumber: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  year: z.number().int(),
  status: z.enum(EVALUATION_STATUSES),
  /** Indicators scored so far, of all. */
  scored: z.number().int(),
  indicators: z.number().int(),
  /** Sum of the scores given so far (2 decimals); the final total once finished. */
  total: z.number(),
  /** Set when finished. */
  grade: z.enum(EVALUATION_GRADES).nullable(),
  evaluators: z.string(),
  finishedAt: z.string().nullable(),
  finishedBy: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;

export const evaluationDetailSchema = evaluationSummarySchema.extend({
  thresholds: z.object({ excellent: z.number(), good: z.number(), pass: z.number() }),
  dimensions: z.array(z.object({ name: z.string(), points: z.number(), indicators: z.array(scoredIndicatorSchema) })),
  /** Evidence files not tied to one indicator. */
  files: z.array(fileMetaSchema),
  /** A finished 不合格: the contract is marked for ending the next year (R-CONTRACT-FAIL). */
  contractEnding: z.object({ endingYear: z.number().int(), message: z.string(), rule: ruleRefSchema }).nullable(),
});
export type EvaluationDetail = z.infer<typeof evaluationDetailSchema>;

export const evaluationListQuery = z.strictObject({
  ...pagingQuery,
  year: yearSchema.optional(),
  countyCode: countyCodeSchema.optional(),
  grade: z.enum(EVALUATION_GRADES).optional(),
  status: z.enum(EVALUATION_STATUSES).optional(),
  contractId: z.uuid().optional(),
  orgId: z.uuid().optional(),
});

/** Scoped like contracts: the purchaser's unit and the city by path, a town by the contract's stations. */
export const listEvaluations = route({
  method: 'GET', path: '/api/evaluations', summary: '绩效评估列表', tag: 'evaluations',
  permission: 'evaluation:read', query: evaluationListQuery, response: pageOf(evaluationSummarySchema),
});

export const getEvaluation = route({
  method: 'GET', path: '/api/evaluations/:id', summary: '绩效评估详情（指标、得分、预填依据、佐证材料）', tag: 'evaluations',
  permission: 'evaluation:read', params: idParams, response: evaluationDetailSchema,
});

/**
 * The purchaser (district officer, hence `contract:grade`) starts the year's evaluation of a
 * signed, performing, expired or terminated contract in force that year; one per contract and
 * year. Every indicator is listed and the auto ones are pre-filled from the records.
 */
export const createEvaluation = route({
  method: 'POST', path: '/api/evaluations', summary: '开始合同年度绩效评估（自动预填可由业务数据回答的指标）', tag: 'evaluations',
  permission: 'contract:grade',
  body: z.strictObject({ contractId: z.uuid({ error: '请选择合同' }), year: yearSchema }),
  response: evaluationDetailSchema,
});

export const scoreInputSchema = z.strictObject({
  code: z.string().trim().min(1).max(20),
  /** 0 to the indicator's points, to 0.01; null clears a score. */
  score: z
    .number({ error: '请填写得分' })
    .min(0, { error: '得分不能为负数' })
    .refine(hundredths, { error: '得分最多两位小数' })
    .nullable(),
  /** Required when the score differs from the suggested one of a pre-filled indicator; absent keeps the stored one. */
  comment: z.string().trim().max(2000, { error: '不超过 2000 字' }).optional(),
});

/** Only the indicators listed change; a finished evaluation answers 409. */
export const scoreEvaluation = route({
  method: 'PATCH', path: '/api/evaluations/:id', summary: '评估打分（与建议分不同须说明理由）', tag: 'evaluations',
  permission: 'evaluation:score', params: idParams,
  body: z.strictObject({
    version: z.number().int(),
    evaluators: z.string().trim().max(500, { error: '不超过 500 字' }).optional(),
    scores: z.array(scoreInputSchema).max(200).default([]),
  }),
  response: evaluationDetailSchema,
});

/**
 * Recomputes the pre-filled figures of a draft from today's records. A score that still equals
 * the old suggestion (or is empty) takes the new one; a score the evaluator changed stays.
 */
export const refreshPrefill = route({
  method: 'POST', path: '/api/evaluations/:id/prefill', summary: '按最新业务数据重新预填', tag: 'evaluations',
  permission: 'evaluation:score', params: idParams, body: z.strictObject({ version: z.number().int() }),
  response: evaluationDetailSchema,
});

/**
 * All indicators scored → total (2 decimals) → grade by the year's thresholds → the contract's
 * grade for the year (source 'evaluation'); 不合格 marks the contract for ending next year
 * (`contractEnding`). The evaluation is frozen from then on.
 */
export const finishEvaluation = route({
  method: 'POST', path: '/api/evaluations/:id/finish', summary: '完成绩效评估，确定等次（R-CONTRACT-FAIL）', tag: 'evaluations',
  permission: 'contract:grade', params: idParams, body: z.strictObject({ version: z.number().int() }),
  response: evaluationDetailSchema,
});

/**
 * multipart/form-data with one `file` field (PDF/图片/Word/Excel); `code` ties it to an indicator.
 * The evaluation's version does not change, so an open score form stays valid.
 */
export const uploadEvaluationFile = route({
  method: 'POST', path: '/api/evaluations/:id/files', summary: '上传评估佐证材料', tag: 'evaluations',
  permission: 'evaluation:score', params: idParams,
  query: z.strictObject({ code: z.string().trim().min(1).max(20).optional() }),
  response: fileMetaSchema,
});

export const downloadEvaluationFile = route({
  method: 'GET', path: '/api/evaluations/:id/files/:fileId', summary: '下载评估佐证材料', tag: 'evaluations',
  permission: 'evaluation:read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});

// ---- Supervision (督导, R-SUPERVISE) ----

export const FOLLOW_UP_STATES = ['none', 'open', 'overdue', 'done'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const FOLLOW_UP_STATE_LABELS: Record<FollowUpState, string> = {
  none: '无需跟进',
  open: '待跟进',
  overdue: '跟进逾期',
  done: '已完成跟进',
};

export const supervisionSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  date: z.string(),
  supervisor: z.string(),
  topic: z.string(),
  findings: z.string(),
  followUp: z.string(),
  followUpDue: z.string().nullable(),
  followUpDone: z.string().nullable(),
  /** open: a follow-up is asked and not done; overdue: open and past its due day (China calendar). */
  followUpState: z.enum(FOLLOW_UP_STATES),
  recordedBy: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Supervision = z.infer<typeof supervisionSchema>;

export const supervisionListQuery = z.strictObject({
  ...pagingQuery,
  stationId: z.uuid().optional(),
  countyCode: countyCodeSchema.optional(),
  /** Visit dates, inclusive. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  /** Only visits whose follow-up is still open (overdue included). */
  open: z.enum(['true', 'false']).optional(),
});

/** Scoped by the station: region scopes by path, a contractor by the stations it runs; newest first. */
export const listSupervisions = route({
  method: 'GET', path: '/api/supervisions', summary: '督导记录', tag: 'supervisions',
  permission: 'supervision:read', query: supervisionListQuery, response: pageOf(supervisionSchema),
});

export const createSupervision = route({
  method: 'POST', path: '/api/supervisions', summary: '登记督导记录', tag: 'supervisions',
  permission: 'supervision:write',
  body: z
    .strictObject({
      stationId: z.uuid({ error: '请选择社工站' }),
      date: calendarDate,
      supervisor: nonEmpty('督导人', 100),
      topic: nonEmpty('督导主题', 200),
      findings: optionalText(5000),
      /** What the station must do after the visit; empty when nothing. */
      followUp: optionalText(2000),
      followUpDue: calendarDate.nullable().default(null),
    })
    .superRefine((b, ctx) => {
      if (b.followUpDue && !b.followUp)
        ctx.addIssue({ code: 'custom', path: ['followUp'], message: '填写了跟进期限，请写明跟进事项' });
      if (b.followUpDue && b.followUpDue < b.date)
        ctx.addIssue({ code: 'custom', path: ['followUpDue'], message: '跟进期限不能早于督导日期' });
    }),
  response: supervisionSchema,
});

export const completeFollowUp = route({
  method: 'POST', path: '/api/supervisions/:id/follow-up', summary: '登记督导跟进事项已完成', tag: 'supervisions',
  permission: 'supervision:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), doneOn: calendarDate }),
  response: supervisionSchema,
});
