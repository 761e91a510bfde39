import { z } from 'zod';
import { PLAN_STATUSES, PLAN_TIMELINESS, PURCHASE_METHODS } from '../rules/purchase';
import { idParams, route, optionalText } from './http';
import { countyCodeSchema, fenAmount, workflowEventSchema, yearSchema } from './money';

/** A draft may be incomplete; submitting checks the contents R-PLAN-DUE requires. */
export const planContentSchema = z.strictObject({
  goals: optionalText(5000),
  budgetFen: fenAmount('项目预算').default(0),
  purchaseMethod: z.enum(PURCHASE_METHODS).nullable().default(null),
  contentSchedule: optionalText(10000),
  qualityStandards: optionalText(5000),
  quantityStandards: optionalText(5000),
  evaluationPlan: optionalText(5000),
  stationIds: z.array(z.uuid()).max(100).default([]),
});
export type PlanContentInput = z.input<typeof planContentSchema>;

const planContentOut = z.object({
  goals: z.string(),
  budgetFen: z.number().int(),
  purchaseMethod: z.enum(PURCHASE_METHODS).nullable(),
  contentSchedule: z.string(),
  qualityStandards: z.string(),
  quantityStandards: z.string(),
  evaluationPlan: z.string(),
  stationIds: z.array(z.string()),
});

export const planSummarySchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  year: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  dueOn: z.string(),
  firstSubmittedAt: z.string().nullable(),
  timeliness: z.enum(PLAN_TIMELINESS),
  budgetFen: z.number().int(),
  stations: z.number().int(),
  versions: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const planVersionSchema = z.object({
  number: z.number().int(),
  content: planContentOut,
  submittedAt: z.string(),
  submittedBy: z.string(),
  decision: z.enum(['filed', 'returned']).nullable(),
  decisionComment: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string(),
});
export type PlanVersion = z.infer<typeof planVersionSchema>;

export const planDetailSchema = planSummarySchema.extend({
  content: planContentOut,
  stationNames: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Required contents still missing (empty: ready to submit). */
  missing: z.array(z.string()),
  lastComment: z.string(),
  history: z.array(workflowEventSchema),
  submissions: z.array(planVersionSchema),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

export const planOverviewQuery = z.strictObject({ year: yearSchema });

/** One row per county unit in scope: its plan for the year, or none yet. */
export const planOverview = route({
  method: 'GET', path: '/api/annual-plans', summary: '年度计划报送情况（按区市）', tag: 'annual-plans',
  permission: 'plan:read', query: planOverviewQuery,
  response: z.object({
    year: z.number().int(),
    dueOn: z.string(),
    rows: z.array(
      z.object({
        countyCode: z.string(),
        countyShortName: z.string(),
        timeliness: z.enum(PLAN_TIMELINESS),
        plan: planSummarySchema.nullable(),
      }),
    ),
  }),
});

export const getPlan = route({
  method: 'GET', path: '/api/annual-plans/:id', summary: '年度计划详情（含各次报送版本）', tag: 'annual-plans',
  permission: 'plan:read', params: idParams, response: planDetailSchema,
});

export const createPlan = route({
  method: 'POST', path: '/api/annual-plans', summary: '编制年度计划（草稿）', tag: 'annual-plans',
  permission: 'plan:write', body: planContentSchema.extend({ countyCode: countyCodeSchema, year: yearSchema }),
  response: planDetailSchema,
});

export const updatePlan = route({
  method: 'PATCH', path: '/api/annual-plans/:id', summary: '修改年度计划（草稿或退回后）', tag: 'annual-plans',
  permission: 'plan:write', params: idParams, body: planContentSchema.extend({ version: z.number().int() }),
  response: planDetailSchema,
});

export const submitPlan = route({
  method: 'POST', path: '/api/annual-plans/:id/submit', summary: '报送市民政局备案（R-PLAN-DUE）', tag: 'annual-plans',
  permission: 'plan:write', params: idParams, body: z.strictObject({ version: z.number().int() }),
  response: planDetailSchema,
});

export const reviewPlan = route({
  method: 'POST', path: '/api/annual-plans/:id/review', summary: '市民政局备案或退回年度计划', tag: 'annual-plans',
  permission: 'plan:file', params: idParams,
  body: z
    .strictObject({
      version: z.number().int(),
      decision: z.enum(['filed', 'returned']),
      comment: z.string().trim().max(2000).default(''),
    })
    .refine((b) => b.decision === 'filed' || b.comment.length > 0, { path: ['comment'], error: '退回须填写意见' }),
  response: planDetailSchema,
});
