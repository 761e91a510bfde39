import { z } from 'zod';
import { APPLICATION_DECISIONS, APPLICATION_STATUSES } from '../rules/platform';
import { calendarDate, idParams, nonEmpty, optionalText, pageOf, pagingQuery, route } from './http';

// Departments' written applications to use the stations (五（三）, R-PLATFORM-APPLY).

export const applicationInput = z
  .strictObject({
    department: nonEmpty('申请单位', 100),
    title: nonEmpty('服务项目名称', 100),
    purpose: nonEmpty('申请事由', 2000),
    /** Catalogue items (excluded matters are refused, R-SCOPE-EXCLUDED). */
    itemCodes: z.array(z.string().regex(/^[A-Z]{2}\d{2}$/, { error: '服务项目编码有误' })).min(1, { error: '请选择服务项目' }).max(20),
    /** Stations within the applicant's region. */
    stationIds: z.array(z.uuid()).min(1, { error: '请选择社工站' }).max(100),
    periodStart: calendarDate,
    periodEnd: calendarDate,
    targetPeople: nonEmpty('服务对象', 500),
    fundedBy: nonEmpty('经费来源', 200),
    providedBy: nonEmpty('服务提供方', 200),
    contact: optionalText(100),
  })
  .refine((b) => b.periodEnd >= b.periodStart, { path: ['periodEnd'], error: '结束日期不能早于开始日期' });

export const closingReportSchema = z.object({
  /** Counted from the service records and group sessions that carry the application, on the China day of the request. */
  asOf: z.string(),
  records: z.number().int(),
  homeVisits: z.number().int(),
  hours: z.number(),
  groupSessions: z.number().int(),
  /** Distinct people served (records' clients and sessions' attendees): a count, never who. */
  peopleServed: z.number().int(),
  volunteerHours: z.number(),
  byStation: z.array(z.object({ stationId: z.string(), stationName: z.string(), records: z.number().int(), hours: z.number(), groupSessions: z.number().int() })),
  byItem: z.array(z.object({ itemName: z.string(), records: z.number().int(), hours: z.number() })),
});
export type ClosingReport = z.infer<typeof closingReportSchema>;

export const applicationSchema = z.object({
  id: z.string(),
  department: z.string(),
  title: z.string(),
  purpose: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string() })),
  stations: z.array(z.object({ id: z.string(), name: z.string() })),
  periodStart: z.string(),
  periodEnd: z.string(),
  targetPeople: z.string(),
  fundedBy: z.string(),
  providedBy: z.string(),
  contact: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  /** 市民政局, or the county's bureau (e.g. 环翠区民政局): who decides. */
  decidingLevel: z.enum(['city', 'county']),
  decidingBureau: z.string(),
  applicantName: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string(),
  history: z.array(z.object({ at: z.string(), by: z.string(), event: z.string(), comment: z.string() })),
  /** What the signed-in user may do with it now. */
  canEdit: z.boolean(),
  canDecide: z.boolean(),
  /** For an accepted application: what the stations did under it. */
  closingReport: closingReportSchema.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Application = z.infer<typeof applicationSchema>;

export const applicationListItemSchema = applicationSchema.pick({
  id: true, department: true, title: true, status: true, periodStart: true, periodEnd: true, decidingBureau: true, applicantName: true,
  submittedAt: true, decidedAt: true, decisionComment: true,
}).extend({ stationCount: z.number().int() });

export const listApplications = route({
  method: 'GET', path: '/api/applications', summary: '使用社工站的申请（申请人仅见本人的）', tag: 'applications',
  permission: 'application:read',
  query: z.strictObject({
    ...pagingQuery,
    status: z.enum(APPLICATION_STATUSES).optional(),
    /** Only those the signed-in officer may decide now. */
    toDecide: z.enum(['true', 'false']).optional(),
  }),
  response: pageOf(applicationListItemSchema),
});

export const getApplication = route({
  method: 'GET', path: '/api/applications/:id', summary: '申请详情（同意后含服务完成情况）', tag: 'applications',
  permission: 'application:read', params: idParams, response: applicationSchema,
});

export const createApplication = route({
  method: 'POST', path: '/api/applications', summary: '起草使用社工站的书面申请', tag: 'applications',
  permission: 'application:write', body: applicationInput, response: applicationSchema,
});

export const updateApplication = route({
  method: 'PATCH', path: '/api/applications/:id', summary: '修改申请（草稿或退回修改后）', tag: 'applications',
  permission: 'application:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), application: applicationInput }),
  response: applicationSchema,
});

export const submitApplication = route({
  method: 'POST', path: '/api/applications/:id/submit', summary: '提交申请（市直部门报市民政局，区市部门和镇街报区市民政部门）', tag: 'applications',
  permission: 'application:write', params: idParams, body: z.strictObject({ version: z.number().int() }), response: applicationSchema,
});

export const decideApplication = route({
  method: 'POST', path: '/api/applications/:id/decision', summary: '民政部门决定：同意、退回修改或不予同意', tag: 'applications',
  permission: 'application:decide', params: idParams,
  body: z
    .strictObject({ version: z.number().int(), decision: z.enum(APPLICATION_DECISIONS), comment: optionalText(2000) })
    .refine((b) => b.decision === 'accepted' || b.comment.length > 0, { path: ['comment'], error: '退回修改或不予同意须写明理由' }),
  response: applicationSchema,
});

/** The accepted applications a station may record against on a day (the record and group forms). */
export const applicationsInForce = route({
  method: 'GET', path: '/api/applications/in-force', summary: '当天在该社工站有效的已同意申请', tag: 'applications',
  permission: 'client:write',
  query: z.strictObject({ stationId: z.uuid().optional(), date: calendarDate }),
  response: z.array(z.object({ id: z.string(), title: z.string(), department: z.string(), periodStart: z.string(), periodEnd: z.string() })),
});

export const applicationDocx = route({
  method: 'GET', path: '/api/applications/:id/docx', summary: '书面申请（公文格式 .docx）', tag: 'applications',
  permission: 'application:read', params: idParams,
});

export const replyDocx = route({
  method: 'GET', path: '/api/applications/:id/reply.docx', summary: '民政部门的答复（公文格式 .docx，同意的附服务完成情况）', tag: 'applications',
  permission: 'application:read', params: idParams,
});
