import { z } from 'zod';
import {
  RECORD_SOURCES,
  TEAM_KINDS,
  TEAM_STAGES,
  VOLUNTEER_SKILLS,
  VOLUNTEER_STATUSES,
} from '../rules/volunteers';
import { calendarDate, idParams, nonEmpty, optionalText, pageOf, pagingQuery, phone, route } from './http';
import { idNumberSchema, pastDate } from './social-workers';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '请填写时间（HH:mm）' });

// ---- Volunteers ----

const volunteerEditable = z.strictObject({
  name: nonEmpty('姓名', 50),
  phone: z.union([phone, z.literal('')]).default(''),
  skills: z.array(z.enum(VOLUNTEER_SKILLS)).max(VOLUNTEER_SKILLS.length).default([]),
  availability: optionalText(200),
  teamId: z.uuid().nullable().default(null),
  /** A registry social worker who leads the volunteer (社工引领志愿者). */
  leadWorkerId: z.uuid().nullable().default(null),
  /** The volunteer's own consent to registration and to the record being kept (R-VOLUNTEER-CONSENT). */
  consentOn: pastDate.nullable().default(null),
  consentScope: optionalText(200),
  /** Under 18: the guardian's consent (R-VOLUNTEER-MINOR). */
  guardianName: optionalText(50),
  guardianRelation: optionalText(20),
  guardianConsentOn: pastDate.nullable().default(null),
});

export const volunteerListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Always masked (3710**********123X); the full value only through reveal. */
  idNumberMasked: z.string(),
  sex: z.enum(['male', 'female']),
  age: z.number().int(),
  minor: z.boolean(),
  stationId: z.string(),
  stationName: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string(),
  skills: z.array(z.enum(VOLUNTEER_SKILLS)),
  status: z.enum(VOLUNTEER_STATUSES),
  /** Hours recorded in all years. */
  totalHours: z.number(),
});
export type VolunteerListItem = z.infer<typeof volunteerListItemSchema>;

export const volunteerDetailSchema = volunteerListItemSchema.extend({
  phoneMasked: z.string(),
  birthDate: z.string(),
  availability: z.string(),
  leadWorkerId: z.string().nullable(),
  leadWorkerName: z.string(),
  consentOn: z.string(),
  consentScope: z.string(),
  guardianName: z.string(),
  guardianRelation: z.string(),
  guardianConsentOn: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type VolunteerDetail = z.infer<typeof volunteerDetailSchema>;

export const volunteerListQuery = z.strictObject({
  ...pagingQuery,
  /** Name, or the last digits of the ID number. */
  q: z.string().trim().max(50).optional(),
  stationId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
});

export const listVolunteers = route({
  method: 'GET', path: '/api/volunteers', summary: '志愿者名册（身份证号脱敏）', tag: 'volunteers',
  permission: 'volunteer:read', query: volunteerListQuery, response: pageOf(volunteerListItemSchema),
});

export const getVolunteer = route({
  method: 'GET', path: '/api/volunteers/:id', summary: '志愿者档案', tag: 'volunteers',
  permission: 'volunteer:read', params: idParams, response: volunteerDetailSchema,
});

export const createVolunteer = route({
  method: 'POST', path: '/api/volunteers', summary: '登记志愿者（须本人同意；未成年人须监护人同意）', tag: 'volunteers',
  permission: 'volunteer:write',
  body: volunteerEditable.extend({
    idNumber: idNumberSchema,
    /** A station worker's own station is used when absent. */
    stationId: z.uuid().nullable().default(null),
  }),
  response: volunteerDetailSchema,
});

export const updateVolunteer = route({
  method: 'PATCH', path: '/api/volunteers/:id', summary: '编辑志愿者（身份证号不可改；电话留空保留原号码）', tag: 'volunteers',
  permission: 'volunteer:write', params: idParams,
  body: volunteerEditable.extend({ version: z.number().int(), status: z.enum(VOLUNTEER_STATUSES).default('active') }),
  response: volunteerDetailSchema,
});

export const revealVolunteerField = route({
  method: 'POST', path: '/api/volunteers/:id/reveal', summary: '查看志愿者完整身份证号或电话（留痕）', tag: 'volunteers',
  permission: 'volunteer:reveal', params: idParams,
  body: z.strictObject({ field: z.enum(['idNumber', 'phone']) }),
  response: z.object({ value: z.string() }),
});

// ---- Service records ----

const serviceFields = {
  date: pastDate,
  startTime: hhmm,
  endTime: hhmm,
  /** Time actually served, never more than the span (R-VOLUNTEER-HOURS). */
  minutes: z.number().int().min(1, { error: '服务时长须大于0' }).max(24 * 60),
  content: nonEmpty('服务内容', 500),
  place: optionalText(100),
  training: optionalText(200),
  commendation: optionalText(200),
  evaluation: optionalText(200),
};

export const volunteerRecordSchema = z.object({
  id: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  stationId: z.string(),
  teamName: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  minutes: z.number().int(),
  content: z.string(),
  place: z.string(),
  training: z.string(),
  commendation: z.string(),
  evaluation: z.string(),
  source: z.enum(RECORD_SOURCES),
  sourceId: z.string().nullable(),
  /** 谁记录谁证明: the recording station (and its operator that day). */
  certifier: z.string(),
  createdAt: z.string(),
});
export type VolunteerRecord = z.infer<typeof volunteerRecordSchema>;

export const volunteerRecordQuery = z.strictObject({
  ...pagingQuery,
  volunteerId: z.uuid().optional(),
  stationId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

export const listVolunteerRecords = route({
  method: 'GET', path: '/api/volunteer-records', summary: '志愿服务记录', tag: 'volunteers',
  permission: 'volunteer:read', query: volunteerRecordQuery, response: pageOf(volunteerRecordSchema),
});

export const createVolunteerRecord = route({
  method: 'POST', path: '/api/volunteers/:id/records', summary: '记录志愿服务（实际服务时长，时段不得重叠）', tag: 'volunteers',
  permission: 'volunteer:write', params: idParams, body: z.strictObject(serviceFields), response: volunteerRecordSchema,
});

/** The activities of a station a volunteer's hours can be recorded from. */
export const volunteerSourceSchema = z.object({
  source: z.enum(['group_session', 'service_record', 'resource_delivery']),
  id: z.string(),
  date: z.string(),
  title: z.string(),
  /** Volunteers the activity lists by name (the old free-text list), with their hours. */
  listed: z.array(z.object({ name: z.string(), hours: z.number(), volunteerId: z.string().nullable(), recorded: z.boolean() })),
});

export const listVolunteerSources = route({
  method: 'GET', path: '/api/volunteer-sources', summary: '可记录志愿服务的活动（小组/社区活动、入户走访、慈善资源交付等）', tag: 'volunteers',
  permission: 'volunteer:write',
  query: z.strictObject({ stationId: z.uuid().optional(), from: calendarDate.optional(), to: calendarDate.optional() }),
  response: z.array(volunteerSourceSchema),
});

export const recordFromActivity = route({
  method: 'POST', path: '/api/volunteer-records/from-activity',
  summary: '从小组/社区活动、服务记录或慈善资源交付记录志愿服务（按姓名匹配本站志愿者）', tag: 'volunteers',
  permission: 'volunteer:write',
  body: z.strictObject({
    source: z.enum(['group_session', 'service_record', 'resource_delivery']),
    sourceId: z.uuid(),
    startTime: hhmm,
    endTime: hhmm,
    content: optionalText(500),
    place: optionalText(100),
    /** Who served and how long; absent: the activity's own volunteer list, matched by name. */
    entries: z
      .array(z.strictObject({ volunteerId: z.uuid(), minutes: z.number().int().min(1).max(24 * 60) }))
      .max(200)
      .optional(),
  }),
  response: z.object({
    recorded: z.array(volunteerRecordSchema),
    /** Names the activity lists that match no registered volunteer of the station. */
    unmatched: z.array(z.string()),
  }),
});

// ---- Teams and community social organisations ----

const teamSupport = z.strictObject({ date: pastDate, kind: nonEmpty('支持类型', 20), description: nonEmpty('支持内容', 200) });

const teamEditable = z.strictObject({
  kind: z.enum(TEAM_KINDS),
  name: nonEmpty('名称', 100),
  leadWorkerId: z.uuid().nullable().default(null),
  registrationNo: optionalText(50),
  otherMembers: z.number().int().min(0).max(100000).default(0),
  activities: optionalText(1000),
  support: z.array(teamSupport).max(100).default([]),
});

export const teamSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  kind: z.enum(TEAM_KINDS),
  name: z.string(),
  stage: z.enum(TEAM_STAGES),
  incubatedOn: z.string(),
  cultivatedOn: z.string().nullable(),
  registeredOn: z.string().nullable(),
  filedOn: z.string().nullable(),
  registrationNo: z.string(),
  leadWorkerId: z.string().nullable(),
  otherMembers: z.number().int(),
  members: z.number().int(),
  activities: z.string(),
  support: z.array(z.object({ date: z.string(), kind: z.string(), description: z.string() })),
  totalHours: z.number(),
  version: z.number().int(),
});
export type VolunteerTeam = z.infer<typeof teamSchema>;

export const listTeams = route({
  method: 'GET', path: '/api/volunteer-teams', summary: '志愿服务队和社区社会组织（培育）', tag: 'volunteers',
  permission: 'volunteer:read',
  query: z.strictObject({ ...pagingQuery, stationId: z.uuid().optional(), kind: z.enum(TEAM_KINDS).optional(), stage: z.enum(TEAM_STAGES).optional() }),
  response: pageOf(teamSchema),
});

export const getTeam = route({
  method: 'GET', path: '/api/volunteer-teams/:id', summary: '志愿服务队/社区社会组织', tag: 'volunteers',
  permission: 'volunteer:read', params: idParams, response: teamSchema,
});

export const createTeam = route({
  method: 'POST', path: '/api/volunteer-teams', summary: '登记培育中的志愿服务队/社区社会组织', tag: 'volunteers',
  permission: 'volunteer:write',
  body: teamEditable.extend({ stationId: z.uuid().nullable().default(null), incubatedOn: pastDate }),
  response: teamSchema,
});

export const updateTeam = route({
  method: 'PATCH', path: '/api/volunteer-teams/:id', summary: '编辑志愿服务队/社区社会组织，推进培育阶段', tag: 'volunteers',
  permission: 'volunteer:write', params: idParams,
  body: teamEditable.extend({
    version: z.number().int(),
    /** Stages only move forward; each later stage needs its date. */
    stage: z.enum(TEAM_STAGES),
    cultivatedOn: pastDate.nullable().default(null),
    registeredOn: pastDate.nullable().default(null),
    filedOn: pastDate.nullable().default(null),
  }),
  response: teamSchema,
});

// ---- Certificates ----

export const certificateSchema = z.object({
  id: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  stationId: z.string(),
  number: z.string(),
  year: z.number().int(),
  serial: z.number().int(),
  issuedOn: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  totalHours: z.number(),
  recordCount: z.number().int(),
  purpose: z.string(),
  prints: z.number().int(),
});
export type VolunteerCertificate = z.infer<typeof certificateSchema>;

export const issueCertificate = route({
  method: 'POST', path: '/api/volunteers/:id/certificates', summary: '出具志愿服务记录证明（免费，按年度连续编号）', tag: 'volunteers',
  permission: 'volunteer:write', params: idParams,
  body: z.strictObject({ periodFrom: calendarDate, periodTo: calendarDate, purpose: optionalText(100) }),
  response: certificateSchema,
});

export const listCertificates = route({
  method: 'GET', path: '/api/volunteer-certificates', summary: '已出具的志愿服务记录证明', tag: 'volunteers',
  permission: 'volunteer:read',
  query: z.strictObject({ ...pagingQuery, volunteerId: z.uuid().optional(), stationId: z.uuid().optional(), year: z.coerce.number().int().optional() }),
  response: pageOf(certificateSchema),
});

/** The .docx: the first print is the original, every later one is marked 副本 with the same number. */
export const printCertificate = route({
  method: 'GET', path: '/api/volunteer-certificates/:id/document', summary: '打印志愿服务记录证明（.docx；补打为副本）', tag: 'volunteers',
  permission: 'volunteer:write', params: idParams,
});

// ---- Totals ----

export const TOTAL_GROUPINGS = ['volunteer', 'team', 'station', 'county'] as const;

export const volunteerTotals = route({
  method: 'GET', path: '/api/volunteer-totals', summary: '志愿服务时长合计（按志愿者、队伍、社工站、区市和年度）', tag: 'volunteers',
  permission: 'volunteer:read',
  query: z.strictObject({ ...pagingQuery, by: z.enum(TOTAL_GROUPINGS).default('station'), year: z.coerce.number().int().min(2000).max(2100).optional() }),
  response: pageOf(z.object({ key: z.string(), label: z.string(), year: z.number().int(), volunteers: z.number().int(), records: z.number().int(), hours: z.number() })),
});
