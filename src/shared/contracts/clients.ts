import { z } from 'zod';
import {
  CLIENT_STATUSES,
  CONSENT_KINDS,
  LEGAL_BASES,
  RISK_LEVELS,
  TARGET_GROUPS,
} from '../rules/clients';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, phone, route } from './http';
import { idNumberSchema, pastDate } from './social-workers';

const person = z.strictObject({
  name: nonEmpty('姓名', 50),
  relation: nonEmpty('关系', 20),
  phone: z.union([phone, z.literal('')]).default(''),
});

/**
 * A phone in an edit: the screen only ever has it masked, so absent or '' keeps the stored
 * number and null removes it.
 */
const keptPhone = z.union([phone, z.literal(''), z.null()]).optional();

/** A household member or guardian in an edit: the phone kept is the stored one of the person of that name. */
const editedPerson = person.extend({ phone: keptPhone });

export const consentInput = z.strictObject({
  kind: z.enum(CONSENT_KINDS),
  givenBy: nonEmpty('同意人', 50),
  relation: z.string().trim().max(20).default(''),
  givenOn: pastDate,
  scope: z.string().trim().max(200).default(''),
});

export const clientEditableSchema = z.strictObject({
  name: nonEmpty('姓名', 50),
  phone: z.union([phone, z.literal('')]).default(''),
  /** 村（居）: a village-level unit of the station's town. */
  villageCode: z.string().regex(/^\d{12}$/, { error: '请选择村（社区）' }),
  address: z.string().trim().max(200).default(''),
  household: z.array(person).max(20).default([]),
  guardian: person.nullable().default(null),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).min(1, { error: '至少选择一类服务对象' }).max(TARGET_GROUPS.length),
  riskLevel: z.enum(RISK_LEVELS).default('low'),
  legalBasis: z.enum(LEGAL_BASES).default('statutory'),
});

const maskedPerson = z.object({ name: z.string(), relation: z.string(), phoneMasked: z.string() });

export const clientListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked; null for roles that see no ID numbers (evaluators). */
  idNumberMasked: z.string().nullable(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  stationId: z.string(),
  stationName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  riskLevel: z.enum(RISK_LEVELS),
  status: z.enum(CLIENT_STATUSES),
});
export type ClientListItem = z.infer<typeof clientListItemSchema>;

export const clientDetailSchema = clientListItemSchema.extend({
  phoneMasked: z.string().nullable(),
  address: z.string(),
  household: z.array(maskedPerson),
  guardian: maskedPerson.nullable(),
  legalBasis: z.enum(LEGAL_BASES),
  statusReason: z.string(),
  consents: z.array(consentInput.extend({ id: z.string(), recordedAt: z.string() })),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ClientDetail = z.infer<typeof clientDetailSchema>;

export const clientListQuery = z.strictObject({
  ...pagingQuery,
  /** Name, or the last digits of the ID number. */
  q: z.string().trim().max(50).optional(),
  stationId: z.uuid().optional(),
  villageCode: z.string().regex(/^\d{12}$/).optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  status: z.enum(CLIENT_STATUSES).optional(),
  /** Only clients with a service record or a case of the signed-in user (我的服务对象). */
  mine: z.enum(['true', 'false']).optional(),
  sort: z.enum(['name', '-createdAt', 'riskLevel']).default('-createdAt'),
});

export const listClients = route({
  method: 'GET', path: '/api/clients', summary: '服务对象列表（身份证号脱敏）', tag: 'clients',
  permission: 'client:read', query: clientListQuery, response: pageOf(clientListItemSchema),
});

export const exportClients = route({
  method: 'GET', path: '/api/clients/export', summary: '导出服务对象（脱敏，Excel）', tag: 'clients',
  permission: 'client:export', query: clientListQuery.omit({ page: true, pageSize: true }),
});

export const clientDuplicates = route({
  method: 'GET', path: '/api/clients/duplicates', summary: '按姓名和出生日期查找可能重复的服务对象', tag: 'clients',
  permission: 'client:write',
  query: z.strictObject({ name: nonEmpty('姓名', 50), birthDate: calendarDate }),
  response: z.array(clientListItemSchema),
});

export const getClient = route({
  method: 'GET', path: '/api/clients/:id', summary: '服务对象档案（每次查看留下访问记录）', tag: 'clients',
  permission: 'client:read', params: idParams, response: clientDetailSchema,
});

export const clientAccessLog = route({
  method: 'GET', path: '/api/clients/:id/access-log', summary: '服务对象档案的访问记录', tag: 'clients',
  permission: 'client:read', params: idParams, query: z.strictObject({ ...pagingQuery }),
  response: pageOf(z.object({ at: z.string(), username: z.string(), displayName: z.string(), action: z.string(), detail: z.string() })),
});

export const createClient = route({
  method: 'POST', path: '/api/clients', summary: '登记服务对象（身份证号全市唯一）', tag: 'clients',
  permission: 'client:write',
  body: clientEditableSchema.extend({
    idNumber: idNumberSchema,
    /** A station worker's own station is used when absent. */
    stationId: z.uuid().nullable().default(null),
    consents: z.array(consentInput).max(10).default([]),
  }),
  response: clientDetailSchema,
});

export const updateClient = route({
  method: 'PATCH', path: '/api/clients/:id', summary: '编辑服务对象', tag: 'clients',
  permission: 'client:write', params: idParams,
  /** The ID number (and so birth date and sex) is fixed; phones follow `keptPhone`. */
  body: clientEditableSchema.extend({
    version: z.number().int(),
    phone: keptPhone,
    household: z.array(editedPerson).max(20).default([]),
    guardian: editedPerson.nullable().default(null),
  }),
  response: clientDetailSchema,
});

export const changeClientStatus = route({
  method: 'POST', path: '/api/clients/:id/status', summary: '服务对象状态（在册/暂停/注销，须说明原因）', tag: 'clients',
  permission: 'client:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), status: z.enum(CLIENT_STATUSES), reason: nonEmpty('原因', 200) }),
  response: clientDetailSchema,
});

export const addClientConsent = route({
  method: 'POST', path: '/api/clients/:id/consents', summary: '记录同意（敏感个人信息、监护人）', tag: 'clients',
  permission: 'client:write', params: idParams, body: consentInput, response: clientDetailSchema,
});

export const revealClientField = route({
  method: 'POST', path: '/api/clients/:id/reveal', summary: '查看服务对象完整身份证号或电话（留痕）', tag: 'clients',
  permission: 'client:reveal', params: idParams,
  body: z.strictObject({ field: z.enum(['idNumber', 'phone']) }),
  response: z.object({ value: z.string() }),
});

export const clientImportReportSchema = z.object({
  written: z.boolean(),
  mode: z.enum(['all', 'valid-only']),
  rows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  created: z.number().int(),
  issues: z.array(z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), message: z.string() })),
});
export type ClientImportReport = z.infer<typeof clientImportReportSchema>;

const clientImportQuery = z.strictObject({
  /** The station the clients belong to; a station worker's own when absent. */
  stationId: z.uuid().optional(),
  mode: z.enum(['all', 'valid-only']).default('all'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const clientImportTemplate = route({
  method: 'GET', path: '/api/clients/import/template', summary: '下载服务对象导入模板（Excel）', tag: 'clients',
  permission: 'client:write',
});

/** multipart/form-data with one `file` field (.xlsx from the template). */
export const importClients = route({
  method: 'POST', path: '/api/clients/import', summary: '导入服务对象（逐行校验；默认全部有效才写入）', tag: 'clients',
  permission: 'client:write', query: clientImportQuery, response: clientImportReportSchema,
});

/** The same upload; answers the row-by-row report as an Excel file with a 校验结果 column. */
export const importClientsReport = route({
  method: 'POST', path: '/api/clients/import/report', summary: '下载服务对象导入校验报告（Excel）', tag: 'clients',
  permission: 'client:write', query: clientImportQuery.pick({ stationId: true }),
});
