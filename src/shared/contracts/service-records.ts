import { z } from 'zod';
import { REFERRAL_STATUSES, SERVICE_METHODS, GROUP_PHASES } from '../rules/case-work';
import { SERVICE_DOMAINS } from '../rules/organizations';
import { PARTNER_KINDS } from '../rules/partners';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, route } from './http';
import { fileMetaSchema } from './organizations';

const volunteerSchema = z.strictObject({
  name: nonEmpty('志愿者姓名', 50),
  hours: z.number().positive({ error: '时长须大于0' }).max(24).refine((h) => Number.isInteger(h * 10), { error: '最多1位小数' }),
});

export const serviceRecordInput = z.strictObject({
  /** A station worker's own station when absent. */
  stationId: z.uuid().nullable().default(null),
  date: calendarDate,
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式 HH:mm' }).nullable().default(null),
  durationMinutes: z.number().int().min(1, { error: '时长至少1分钟' }).max(24 * 60),
  place: z.string().trim().max(200).default(''),
  method: z.enum(SERVICE_METHODS),
  /** A catalogue item (R-SCOPE-DOMAINS); or none and `otherItem`, which the district reviews. */
  itemCode: z.string().regex(/^[A-Z]{2}\d{2}$/).nullable().default(null),
  otherItem: z.string().trim().max(100).default(''),
  domain: z.enum(SERVICE_DOMAINS).nullable().default(null),
  clientIds: z.array(z.uuid()).max(200).default([]),
  caseId: z.uuid().nullable().default(null),
  groupId: z.uuid().nullable().default(null),
  volunteers: z.array(volunteerSchema).max(100).default([]),
  /** Other social workers (registry ids) who gave the service: on post at the station on the day. */
  coWorkerIds: z.array(z.uuid()).max(20).default([]),
  notes: z.string().trim().max(5000).default(''),
  homeVisit: z.boolean().default(false),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  /** A department's application (五（三）) the bureau accepted, in force for the station on the day (R-PLATFORM-APPLY). */
  applicationId: z.uuid().nullable().default(null),
});

export const serviceRecordSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().int(),
  place: z.string(),
  method: z.enum(SERVICE_METHODS),
  itemCode: z.string().nullable(),
  itemName: z.string(),
  domain: z.enum(SERVICE_DOMAINS),
  flaggedForReview: z.boolean(),
  /** The district's review of a free-text item: '' until reviewed. */
  review: z.string(),
  clients: z.array(z.object({ id: z.string(), name: z.string() })),
  caseId: z.string().nullable(),
  groupId: z.string().nullable(),
  volunteers: z.array(z.object({ name: z.string(), hours: z.number() })),
  /** Case notes: null for roles without client:sensitive. */
  notes: z.string().nullable(),
  homeVisit: z.boolean(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** Display name of the worker who recorded it. */
  recordedBy: z.string(),
  /** The other social workers who gave the service. */
  coWorkers: z.array(z.object({ id: z.string(), name: z.string() })),
  attachments: z.array(fileMetaSchema),
  /** The department application the service was given under, if any. */
  applicationId: z.string().nullable(),
  createdAt: z.string(),
});
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;

export const listServiceRecords = route({
  method: 'GET', path: '/api/service-records', summary: '服务记录（含入户走访）', tag: 'service-records',
  permission: 'client:read',
  query: z.strictObject({
    ...pagingQuery,
    clientId: z.uuid().optional(),
    caseId: z.uuid().optional(),
    groupId: z.uuid().optional(),
    stationId: z.uuid().optional(),
    method: z.enum(SERVICE_METHODS).optional(),
    homeVisit: z.enum(['true', 'false']).optional(),
    flagged: z.enum(['true', 'false']).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  }),
  response: pageOf(serviceRecordSchema),
});

export const createServiceRecord = route({
  method: 'POST', path: '/api/service-records', summary: '记一笔：服务记录或入户走访（目录中不得列入的事项被拒绝）', tag: 'service-records',
  permission: 'client:write', body: serviceRecordInput, response: serviceRecordSchema,
});

export const coWorkerOptions = route({
  method: 'GET', path: '/api/service-records/co-workers', summary: '可选的同工：当天在该社工站上岗的社工', tag: 'service-records',
  permission: 'client:write',
  query: z.strictObject({
    /** A station worker's own station when absent. */
    stationId: z.uuid().optional(),
    date: calendarDate,
  }),
  response: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const getServiceRecord = route({
  method: 'GET', path: '/api/service-records/:id', summary: '服务记录', tag: 'service-records',
  permission: 'client:read', params: idParams, response: serviceRecordSchema,
});

/** multipart/form-data with one `file`: a photo (JPEG/PNG) or a signed sheet (PDF), 10 MB at most. */
export const uploadServiceRecordFile = route({
  method: 'POST', path: '/api/service-records/:id/attachments', summary: '上传照片或签到表', tag: 'service-records',
  permission: 'client:write', params: idParams, response: fileMetaSchema,
});

export const downloadServiceRecordFile = route({
  method: 'GET', path: '/api/service-records/:id/attachments/:fileId', summary: '下载附件', tag: 'service-records',
  permission: 'client:read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});

export const groupSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  kind: z.enum(['group', 'community']),
  name: z.string(),
  phase: z.enum(GROUP_PHASES),
  goals: z.string(),
  sessions: z.array(z.object({
    id: z.string(), date: z.string(), topic: z.string(), clientIds: z.array(z.string()),
    /** The clients who attended, with their names. */
    clients: z.array(z.object({ id: z.string(), name: z.string() })),
    volunteers: z.array(z.object({ name: z.string(), hours: z.number() })), outcome: z.string(),
  })),
  /** The department application the group carries out, if any. */
  applicationId: z.string().nullable(),
  version: z.number().int(),
});

/** A row of the groups list: the group and how many sessions it has held (its page lists them with attendance). */
export const groupListItemSchema = groupSchema.omit({ sessions: true }).extend({ sessionCount: z.number().int() });

export const listGroups = route({
  method: 'GET', path: '/api/groups', summary: '小组与社区活动', tag: 'service-records', permission: 'client:read',
  query: z.strictObject({ ...pagingQuery, kind: z.enum(['group', 'community']).optional(), stationId: z.uuid().optional() }),
  response: pageOf(groupListItemSchema),
});

export const getGroup = route({
  method: 'GET', path: '/api/groups/:id', summary: '小组或社区活动（含各次活动的出勤）', tag: 'service-records', permission: 'client:read',
  params: idParams, response: groupSchema,
});

export const createGroup = route({
  method: 'POST', path: '/api/groups', summary: '新建小组或社区活动', tag: 'service-records', permission: 'client:write',
  body: z.strictObject({
    stationId: z.uuid().nullable().default(null), kind: z.enum(['group', 'community']), name: nonEmpty('名称', 100),
    goals: z.string().trim().max(2000).default(''),
    /** An accepted application in force for the station today (R-PLATFORM-APPLY); its sessions must fall within its period. */
    applicationId: z.uuid().nullable().default(null),
  }),
  response: groupSchema,
});

export const addGroupSession = route({
  method: 'POST', path: '/api/groups/:id/sessions', summary: '记录一节小组活动或一次社区活动（出勤、志愿者、成效）', tag: 'service-records',
  permission: 'client:write', params: idParams,
  body: z.strictObject({
    date: calendarDate, topic: nonEmpty('主题', 200), clientIds: z.array(z.uuid()).max(500).default([]),
    volunteers: z.array(volunteerSchema).max(100).default([]), outcome: z.string().trim().max(2000).default(''),
  }),
  response: groupSchema,
});

export const setGroupPhase = route({
  method: 'POST', path: '/api/groups/:id/phase', summary: '小组进入下一阶段（MZ/T 095-2017）', tag: 'service-records',
  permission: 'client:write', params: idParams, body: z.strictObject({ version: z.number().int(), phase: z.enum(GROUP_PHASES) }),
  response: groupSchema,
});

export const referralSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  partnerKind: z.enum(PARTNER_KINDS),
  reason: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  referredOn: z.string(),
  outcome: z.string(),
  version: z.number().int(),
});

export const listReferrals = route({
  method: 'GET', path: '/api/referrals', summary: '转介与资源链接', tag: 'service-records', permission: 'client:read',
  query: z.strictObject({ ...pagingQuery, clientId: z.uuid().optional(), status: z.enum(REFERRAL_STATUSES).optional() }),
  response: pageOf(referralSchema),
});

export const createReferral = route({
  method: 'POST', path: '/api/referrals', summary: '转介服务对象到资源链接单位', tag: 'service-records', permission: 'client:write',
  body: z.strictObject({ clientId: z.uuid(), partnerId: z.uuid(), reason: nonEmpty('转介原因', 1000), referredOn: calendarDate }),
  response: referralSchema,
});

export const updateReferral = route({
  method: 'POST', path: '/api/referrals/:id/status', summary: '更新转介状态', tag: 'service-records', permission: 'client:write',
  params: idParams,
  body: z.strictObject({ version: z.number().int(), status: z.enum(REFERRAL_STATUSES), outcome: z.string().trim().max(1000).default('') }),
  response: referralSchema,
});

export const reviewServiceRecord = route({
  method: 'POST', path: '/api/service-records/:id/review', summary: '区市审核“其他”服务项目（是否属于不得列入事项）', tag: 'service-records',
  permission: 'record:review', params: idParams,
  body: z.strictObject({ acceptable: z.boolean(), note: nonEmpty('审核意见', 500) }),
  response: serviceRecordSchema,
});
