import { z } from 'zod';
import { CASE_APPROVALS, CASE_STAGES } from '../rules/case-work';
import { SERVICE_DOMAINS } from '../rules/organizations';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, route } from './http';

const needSchema = z.strictObject({ domain: z.enum(SERVICE_DOMAINS), need: nonEmpty('需求', 500) });
const goalSchema = z.strictObject({ goal: nonEmpty('目标', 300), services: z.array(z.string().regex(/^[A-Z]{2}\d{2}$/)).max(20).default([]) });
const goalResultSchema = z.strictObject({ goal: nonEmpty('目标', 300), achieved: z.enum(['yes', 'partly', 'no']), note: z.string().trim().max(500).default('') });

export const caseSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  stationId: z.string(),
  stage: z.enum(CASE_STAGES),
  /** What the case waits for, if anything (the organisation manager approves). */
  pendingApproval: z.enum(CASE_APPROVALS).nullable(),
  lastReturnComment: z.string(),
  /** Intake notes and the sections below are case notes: null for roles without client:sensitive. */
  intakeNote: z.string().nullable(),
  needs: z.array(needSchema).nullable(),
  goals: z.array(goalSchema).nullable(),
  results: z.array(goalResultSchema).nullable(),
  closureReason: z.string().nullable(),
  nextFollowUp: z.string().nullable(),
  followUpOverdue: z.boolean(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  workerName: z.string(),
  version: z.number().int(),
  history: z.array(z.object({ at: z.string(), by: z.string(), event: z.string(), comment: z.string() })),
});
export type CaseDto = z.infer<typeof caseSchema>;

/** A row of the cases list: the case without its notes and history, which only its page reads. */
export const caseListItemSchema = caseSchema.pick({
  id: true, clientId: true, clientName: true, stationId: true, stage: true, pendingApproval: true, lastReturnComment: true,
  nextFollowUp: true, followUpOverdue: true, openedOn: true, closedOn: true, workerName: true, version: true,
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const listCases = route({
  method: 'GET', path: '/api/cases', summary: '个案列表（我的个案、待审核、跟进逾期）', tag: 'cases',
  permission: 'client:read',
  query: z.strictObject({
    ...pagingQuery,
    clientId: z.uuid().optional(),
    stage: z.enum(CASE_STAGES).optional(),
    mine: z.enum(['true', 'false']).optional(),
    pending: z.enum(['true', 'false']).optional(),
    followUp: z.enum(['overdue', 'due7']).optional(),
    open: z.enum(['true', 'false']).optional(),
  }),
  response: pageOf(caseListItemSchema),
});

export const getCase = route({
  method: 'GET', path: '/api/cases/:id', summary: '个案', tag: 'cases', permission: 'client:read', params: idParams, response: caseSchema,
});

export const openCase = route({
  method: 'POST', path: '/api/cases', summary: '接案', tag: 'cases', permission: 'client:write',
  body: z.strictObject({ clientId: z.uuid(), intakeNote: nonEmpty('接案记录', 2000), nextFollowUp: calendarDate.nullable().default(null) }),
  response: caseSchema,
});

/** Each stage's content; the server moves the case on in the MZ/T 094 order only. */
export const advanceCase = route({
  method: 'POST', path: '/api/cases/:id/advance', summary: '推进个案阶段（预估、计划、介入、评估、结案）', tag: 'cases',
  permission: 'client:write', params: idParams,
  body: z.discriminatedUnion('to', [
    z.strictObject({ to: z.literal('assessment'), version: z.number().int(), needs: z.array(needSchema).min(1, { error: '至少填写一项需求' }) }),
    z.strictObject({ to: z.literal('planning'), version: z.number().int(), goals: z.array(goalSchema).min(1, { error: '至少填写一个目标' }) }),
    z.strictObject({ to: z.literal('evaluation'), version: z.number().int(), results: z.array(goalResultSchema).min(1, { error: '请逐项评估目标' }) }),
    z.strictObject({ to: z.literal('closed'), version: z.number().int(), closureReason: nonEmpty('结案原因', 500) }),
  ]),
  response: caseSchema,
});

export const decideCase = route({
  method: 'POST', path: '/api/cases/:id/decision', summary: '审核服务计划或结案（通过/退回并附意见）', tag: 'cases',
  permission: 'case:approve', params: idParams,
  body: z.strictObject({ version: z.number().int(), approve: z.boolean(), comment: z.string().trim().max(500).default('') }),
  response: caseSchema,
});

export const setFollowUp = route({
  method: 'POST', path: '/api/cases/:id/follow-up', summary: '设置下次跟进日期', tag: 'cases', permission: 'client:write',
  params: idParams, body: z.strictObject({ version: z.number().int(), nextFollowUp: calendarDate.nullable() }), response: caseSchema,
});
