import { z } from 'zod';
import { ruleRefSchema } from '../errors';
import { ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber } from '../rules/id-number';
import { chinaToday } from '../rules/china-date';
import {
  CERTIFICATE_LEVELS,
  EDUCATION_LEVELS,
  STAFF_SOURCES,
} from '../rules/staffing';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, phone, route } from './http';

/** GB 11643: check character and a real, past birth date; lower-case x accepted. */
export const idNumberSchema = z
  .string()
  .transform(normaliseIdNumber)
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v, chinaToday());
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
  });

/** A calendar day not after today (China time). */
export const pastDate = calendarDate.refine((d) => d <= chinaToday(), { error: '日期不能晚于今天' });

export const certificateInput = z.strictObject({
  level: z.enum(CERTIFICATE_LEVELS, { error: '请选择证书等级' }),
  number: z.string().trim().max(50).default(''),
  obtainedOn: pastDate,
});

export const trainingInput = z.strictObject({
  date: pastDate,
  hours: z
    .number({ error: '请填写学时' })
    .positive({ error: '学时须大于0' })
    .max(1000, { error: '单次培训学时不超过1000' })
    .refine((h) => Number.isInteger(h * 10), { error: '学时最多保留1位小数' }),
  provider: z.string().trim().max(100).default(''),
  topic: z.string().trim().max(200).default(''),
});

export const workerEditableSchema = z.strictObject({
  name: nonEmpty('姓名', 50),
  phone: z.union([phone, z.literal('')]).default(''),
  education: z.enum(EDUCATION_LEVELS, { error: '请选择学历' }),
  major: z.string().trim().max(100).default(''),
  school: z.string().trim().max(100).default(''),
  graduatedOn: pastDate.nullable().default(null),
});

export const findingSchema = z.object({
  rule: ruleRefSchema,
  severity: z.enum(['finding', 'warning']),
  message: z.string(),
  people: z.array(z.object({ workerId: z.string(), name: z.string() })),
  /** What would clear it, in plain Chinese. */
  clearBy: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const postingSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  source: z.enum(STAFF_SOURCES),
  startDate: z.string(),
  endDate: z.string().nullable(),
  endReason: z.string(),
  exceptionRules: z.array(z.string()),
  exceptionReason: z.string(),
});
export type Posting = z.infer<typeof postingSchema>;

export const workerListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Always masked: 3710**********123X. */
  idNumberMasked: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  phoneMasked: z.string(),
  education: z.enum(EDUCATION_LEVELS),
  major: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  currentPosting: postingSchema.nullable(),
  /** How the worker has professional quality today (R-STAFF-QUAL), or null. */
  qualifiedBy: z.enum(['certificate', 'major', 'training']).nullable(),
});
export type WorkerListItem = z.infer<typeof workerListItemSchema>;

export const workerDetailSchema = workerListItemSchema.extend({
  school: z.string(),
  graduatedOn: z.string().nullable(),
  certificates: z.array(certificateInput.extend({ id: z.string(), number: z.string() })),
  trainings: z.array(
    z.object({ id: z.string(), date: z.string(), hours: z.number(), provider: z.string(), topic: z.string() }),
  ),
  /** Training hours within the five years up to today. */
  trainingHoursFiveYears: z.number(),
  postings: z.array(postingSchema),
  account: z.object({ userId: z.string(), username: z.string() }).nullable(),
  findings: z.array(findingSchema),
  version: z.number().int(),
});
export type WorkerDetail = z.infer<typeof workerDetailSchema>;

export const workerListQuery = z.strictObject({
  ...pagingQuery,
  /** Name, or the last digits of the ID number. */
  q: z.string().trim().max(50).optional(),
  countyCode: z.string().regex(/^\d{6}$/).optional(),
  stationId: z.uuid().optional(),
  orgId: z.uuid().optional(),
  onPost: z.enum(['yes', 'no']).optional(),
  sort: z.enum(['name', 'birthDate', '-birthDate', 'createdAt', '-createdAt']).default('-createdAt'),
});

export const listWorkers = route({
  method: 'GET', path: '/api/social-workers', summary: '驻站社工列表（身份证号、电话脱敏）', tag: 'social-workers',
  permission: 'worker:read', query: workerListQuery, response: pageOf(workerListItemSchema),
});

export const exportWorkers = route({
  method: 'GET', path: '/api/social-workers/export', summary: '导出驻站社工（脱敏，Excel）', tag: 'social-workers',
  permission: 'worker:export', query: workerListQuery.omit({ page: true, pageSize: true }),
});

export const getWorker = route({
  method: 'GET', path: '/api/social-workers/:id', summary: '驻站社工详情', tag: 'social-workers',
  permission: 'worker:read', params: idParams, response: workerDetailSchema,
});

export const createWorker = route({
  method: 'POST', path: '/api/social-workers', summary: '登记驻站社工（同一身份证号全市唯一）', tag: 'social-workers',
  permission: 'worker:write',
  body: workerEditableSchema.extend({
    idNumber: idNumberSchema,
    /** Employer; an organisation manager's own organisation is used when absent. */
    orgId: z.uuid().nullable().default(null),
    certificates: z.array(certificateInput).max(10).default([]),
    trainings: z.array(trainingInput).max(200).default([]),
  }),
  response: workerDetailSchema,
});

export const updateWorker = route({
  method: 'PATCH', path: '/api/social-workers/:id', summary: '编辑驻站社工', tag: 'social-workers',
  permission: 'worker:write', params: idParams,
  /** `phone` absent keeps the stored number (the screen only ever has it masked); '' clears it. */
  body: workerEditableSchema.extend({ version: z.number().int(), phone: z.union([phone, z.literal('')]).optional() }),
  response: workerDetailSchema,
});

export const addCertificate = route({
  method: 'POST', path: '/api/social-workers/:id/certificates', summary: '添加职业水平证书', tag: 'social-workers',
  permission: 'worker:write', params: idParams, body: certificateInput, response: workerDetailSchema,
});

const childParams = z.strictObject({ id: z.uuid(), childId: z.uuid() });

export const removeCertificate = route({
  method: 'DELETE', path: '/api/social-workers/:id/certificates/:childId', summary: '删除证书记录', tag: 'social-workers',
  permission: 'worker:write', params: childParams, response: workerDetailSchema,
});

export const addTraining = route({
  method: 'POST', path: '/api/social-workers/:id/trainings', summary: '添加培训记录', tag: 'social-workers',
  permission: 'worker:write', params: idParams, body: trainingInput, response: workerDetailSchema,
});

export const removeTraining = route({
  method: 'DELETE', path: '/api/social-workers/:id/trainings/:childId', summary: '删除培训记录', tag: 'social-workers',
  permission: 'worker:write', params: childParams, response: workerDetailSchema,
});

export const revealWorkerField = route({
  method: 'POST', path: '/api/social-workers/:id/reveal', summary: '查看完整身份证号或电话（留痕）', tag: 'social-workers',
  permission: 'worker:reveal', params: idParams,
  body: z.strictObject({ field: z.enum(['idNumber', 'phone']) }),
  response: z.object({ value: z.string() }),
});

export const createWorkerAccount = route({
  method: 'POST', path: '/api/social-workers/:id/account', summary: '为在岗社工开通登录账号（驻站社工角色）', tag: 'social-workers',
  permission: 'worker:write', params: idParams,
  body: z.strictObject({
    username: z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, { error: '用户名为3–32位字母、数字、下划线、点或连字符，以字母开头' }),
    initialPassword: z.string().min(1, { error: '请设置初始密码' }).max(256),
  }),
  response: workerDetailSchema,
});

export const createPosting = route({
  method: 'POST', path: '/api/postings', summary: '安排社工上岗（检查年龄、学历、专业素质）', tag: 'social-workers',
  permission: 'posting:write',
  body: z.strictObject({
    workerId: z.uuid(),
    stationId: z.uuid({ error: '请选择社工站' }),
    startDate: calendarDate,
    source: z.enum(STAFF_SOURCES, { error: '请选择人员来源' }),
    /** A district officer's written reason to post despite a failed rule (posting:exception). */
    exceptionReason: z.string().trim().max(500).optional(),
  }),
  response: workerDetailSchema,
});

export const endPosting = route({
  method: 'POST', path: '/api/postings/:id/end', summary: '社工离岗（结束其社工站数据范围）', tag: 'social-workers',
  permission: 'posting:write', params: idParams,
  body: z.strictObject({ endDate: calendarDate, reason: nonEmpty('离岗原因', 200) }),
  response: workerDetailSchema,
});

export const importIssueSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});

export const importReportSchema = z.object({
  /** True when the import wrote records (false on a dry run or when rows were invalid in mode all). */
  written: z.boolean(),
  mode: z.enum(['all', 'valid-only']),
  rows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  createdWorkers: z.number().int(),
  /** Persons already registered (same ID number), to whom certificates, trainings and postings were added. */
  matchedWorkers: z.number().int(),
  createdPostings: z.number().int(),
  issues: z.array(importIssueSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importQuery = z.strictObject({
  /** all: nothing is written unless every row is valid. valid-only: the valid rows are written, the rest reported. */
  mode: z.enum(['all', 'valid-only']).default('all'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const importTemplate = route({
  method: 'GET', path: '/api/social-workers/import/template', summary: '下载驻站社工导入模板（Excel）', tag: 'social-workers',
  permission: 'worker:import',
});

/** multipart/form-data with one `file` field (.xlsx from the template). */
export const importWorkers = route({
  method: 'POST', path: '/api/social-workers/import', summary: '导入驻站社工（逐行校验，出具报告）', tag: 'social-workers',
  permission: 'worker:import', query: importQuery, response: importReportSchema,
});

/** The same upload; answers the row-by-row report as an Excel file with the problems marked. */
export const importWorkersReport = route({
  method: 'POST', path: '/api/social-workers/import/report', summary: '下载导入校验报告（Excel）', tag: 'social-workers',
  permission: 'worker:import',
});
