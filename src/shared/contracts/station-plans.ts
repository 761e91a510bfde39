import { z } from 'zod';
import { ruleRefSchema } from '../errors';
import { STATION_PLAN_DECISIONS, STATION_PLAN_FILE_KINDS, STATION_PLAN_MEASURES, STATION_PLAN_STATUSES } from '../rules/station-plans';
import { idParams, optionalText, pageOf, pagingQuery, route } from './http';
import { workflowEventSchema, yearSchema } from './money';
import { fileMetaSchema } from './organizations';

// 一站一策 (五（三）): each station's service content, duties and targets for a year, with the
// needs survey and service plan that start the work (R-START-WORK), set by the county bureau.

const target = (label: string) =>
  z.coerce.number({ error: `${label}须为数字` }).int({ error: `${label}须为整数` }).min(0, { error: `${label}不能为负数` }).max(100_000, { error: `${label}过大` });

export const targetsSchema = z.strictObject({
  records: target('每月服务记录'),
  homeVisits: target('每月入户走访'),
  groupSessions: target('每季度小组和社区活动'),
  casesOpened: target('全年新开个案'),
});

export const stationPlanContentSchema = z.strictObject({
  itemCodes: z.array(z.string().trim().min(1).max(20)).max(100).default([]),
  duties: optionalText(5000),
  targets: targetsSchema,
});
export type StationPlanContentInput = z.input<typeof stationPlanContentSchema>;

const contentOut = z.object({
  itemCodes: z.array(z.string()),
  duties: z.string(),
  targets: z.object({ records: z.number(), homeVisits: z.number(), groupSessions: z.number(), casesOpened: z.number() }),
});

export const stationPlanFindingSchema = z.object({
  rule: ruleRefSchema,
  /** What is wrong, in plain words. */
  message: z.string(),
  /** What clears it. */
  clearBy: z.string(),
  /** The clause in words (第五部分第（三）条). */
  clause: z.string(),
  measure: z.enum(STATION_PLAN_MEASURES).nullable(),
  months: z.array(z.string()),
});
export type StationPlanFinding = z.infer<typeof stationPlanFindingSchema>;

export const stationPlanSummarySchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  countyShortName: z.string(),
  year: z.number().int(),
  orgId: z.string(),
  orgName: z.string(),
  contractId: z.string(),
  status: z.enum(STATION_PLAN_STATUSES),
  /** Findings of the approved plan's closed months (R-STATION-PLAN-TARGET), counted in the database. */
  findings: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type StationPlanSummary = z.infer<typeof stationPlanSummarySchema>;

export const progressRowSchema = z.object({
  measure: z.enum(STATION_PLAN_MEASURES),
  /** The plan's target for its period (per month, quarter or year). */
  target: z.number(),
  /** That target spread over one month. */
  monthlyTarget: z.number(),
  months: z.array(
    z.object({
      month: z.string(),
      actual: z.number().int(),
      closed: z.boolean(),
      below: z.boolean(),
    }),
  ),
  total: z.number().int(),
});
export type ProgressRow = z.infer<typeof progressRowSchema>;

export const stationPlanDetailSchema = stationPlanSummarySchema.extend({
  content: contentOut,
  items: z.array(z.object({ code: z.string(), name: z.string(), domain: z.string() })),
  contractTitle: z.string(),
  firstMonth: z.number().int(),
  lastMonth: z.number().int(),
  lastComment: z.string(),
  files: z.array(fileMetaSchema.extend({ kind: z.enum(STATION_PLAN_FILE_KINDS) })),
  /** What submitting still needs (R-START-WORK: the needs survey and the service plan). */
  missing: z.array(z.string()),
  progress: z.array(progressRowSchema),
  findingList: z.array(stationPlanFindingSchema),
  history: z.array(workflowEventSchema),
  submissions: z.array(
    z.object({
      number: z.number().int(),
      content: contentOut,
      submittedAt: z.string(),
      submittedBy: z.string(),
      decision: z.enum(STATION_PLAN_DECISIONS).nullable(),
      decisionComment: z.string(),
      decidedAt: z.string().nullable(),
      decidedBy: z.string(),
    }),
  ),
});
export type StationPlanDetail = z.infer<typeof stationPlanDetailSchema>;

const boolFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listStationPlans = route({
  method: 'GET', path: '/api/station-plans', summary: '一站一策：社工站年度服务计划列表', tag: 'station-plans',
  permission: 'stationplan:read',
  query: z.strictObject({
    ...pagingQuery,
    year: yearSchema.optional(),
    status: z.enum(STATION_PLAN_STATUSES).optional(),
    belowTarget: boolFlag.optional(),
    /** 待我审定: submitted plans someone else sent (R-FOUR-EYES), as the workbench counts them. */
    toReview: boolFlag.optional(),
  }),
  response: pageOf(stationPlanSummarySchema),
});

/** Stations under a contract in force whose plan for the year is not approved past its due day (R-START-WORK). */
export const missingStationPlans = route({
  method: 'GET', path: '/api/station-plans/missing', summary: '一站一策：有合同但逾期未审定服务计划的社工站', tag: 'station-plans',
  permission: 'stationplan:read',
  query: z.strictObject({ ...pagingQuery, year: yearSchema.optional() }),
  response: pageOf(
    z.object({
      stationId: z.string(),
      stationName: z.string(),
      orgName: z.string(),
      dueOn: z.string(),
      planId: z.string().nullable(),
      status: z.enum(STATION_PLAN_STATUSES).nullable(),
      finding: stationPlanFindingSchema,
    }),
  ),
});

export const getStationPlan = route({
  method: 'GET', path: '/api/station-plans/:id', summary: '一站一策：服务计划详情、完成情况和发现', tag: 'station-plans',
  permission: 'stationplan:read', params: idParams, response: stationPlanDetailSchema,
});

export const createStationPlan = route({
  method: 'POST', path: '/api/station-plans', summary: '编制社工站年度服务计划（草稿）', tag: 'station-plans',
  permission: 'stationplan:write',
  body: stationPlanContentSchema.extend({ stationId: z.uuid({ error: '请选择社工站' }), year: yearSchema }),
  response: stationPlanDetailSchema,
});

export const updateStationPlan = route({
  method: 'PATCH', path: '/api/station-plans/:id', summary: '修改服务计划（草稿或退回后）', tag: 'station-plans',
  permission: 'stationplan:write', params: idParams, body: stationPlanContentSchema.extend({ version: z.number().int() }),
  response: stationPlanDetailSchema,
});

export const submitStationPlan = route({
  method: 'POST', path: '/api/station-plans/:id/submit', summary: '报送区市民政部门审定（R-START-WORK）', tag: 'station-plans',
  permission: 'stationplan:write', params: idParams, body: z.strictObject({ version: z.number().int() }),
  response: stationPlanDetailSchema,
});

export const reviewStationPlan = route({
  method: 'POST', path: '/api/station-plans/:id/review', summary: '区市民政部门审定或退回服务计划', tag: 'station-plans',
  permission: 'stationplan:approve', params: idParams,
  body: z
    .strictObject({
      version: z.number().int(),
      decision: z.enum(STATION_PLAN_DECISIONS),
      comment: z.string().trim().max(2000).default(''),
    })
    .refine((b) => b.decision === 'approved' || b.comment.length > 0, { path: ['comment'], error: '退回须填写理由' }),
  response: stationPlanDetailSchema,
});

/** multipart/form-data, one `file` field; `kind`: 需求调研报告 or 服务计划 (R-START-WORK). */
export const uploadStationPlanFile = route({
  method: 'POST', path: '/api/station-plans/:id/files', summary: '上传需求调研报告或服务计划', tag: 'station-plans',
  permission: 'stationplan:write', params: idParams,
  query: z.strictObject({ kind: z.enum(STATION_PLAN_FILE_KINDS) }),
  response: fileMetaSchema,
});

export const downloadStationPlanFile = route({
  method: 'GET', path: '/api/station-plans/:id/files/:fileId', summary: '下载服务计划附件', tag: 'station-plans',
  permission: 'stationplan:read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});
