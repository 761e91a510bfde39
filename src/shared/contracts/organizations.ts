import { z } from 'zod';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../rules/credit-code';
import { ORG_KINDS, ORG_STATUSES, SERVICE_DOMAINS } from '../rules/organizations';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, phone, route, optionalText } from './http';

export const creditCodeSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem] });
  });

export const orgEditableSchema = z.strictObject({
  name: nonEmpty('机构名称', 100),
  kind: z.enum(ORG_KINDS, { error: '请选择主体类型' }),
  registeringAuthority: optionalText(100),
  registeredOn: calendarDate.nullable().default(null),
  legalRepresentative: optionalText(50),
  contactName: optionalText(50),
  contactPhone: z.union([phone, z.literal('')]).default(''),
  address: optionalText(200),
  serviceDomains: z.array(z.enum(SERVICE_DOMAINS)).max(5).default([]),
});

export const fileMetaSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type FileMeta = z.infer<typeof fileMetaSchema>;

export const orgSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  kind: z.enum(ORG_KINDS),
  registeringAuthority: z.string(),
  registeredOn: z.string().nullable(),
  legalRepresentative: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  address: z.string(),
  serviceDomains: z.array(z.enum(SERVICE_DOMAINS)),
  status: z.enum(ORG_STATUSES),
  statusReason: z.string(),
  /** The county unit that registered it (null: the city); writes belong to it and the city. */
  countyCode: z.string().nullable(),
  /** Whether the signed-in user may edit it, change its status and upload its files. */
  writable: z.boolean(),
  /** Stations it serves today (contracts in force) and workers it has on post today. */
  stationsRun: z.number().int(),
  workersOnPost: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof orgSchema>;

export const orgDetailSchema = orgSchema.extend({ files: z.array(fileMetaSchema) });

export const orgListQuery = z.strictObject({
  ...pagingQuery,
  q: z.string().trim().max(50).optional(),
  status: z.enum(ORG_STATUSES).optional(),
  kind: z.enum(ORG_KINDS).optional(),
});

export const listOrganizations = route({
  method: 'GET', path: '/api/organizations', summary: '承接机构列表', tag: 'organizations',
  permission: 'org:read', query: orgListQuery, response: pageOf(orgSchema),
});

export const exportOrganizations = route({
  method: 'GET', path: '/api/organizations/export', summary: '导出承接机构（Excel）', tag: 'organizations',
  permission: 'org:read', query: orgListQuery.omit({ page: true, pageSize: true }),
});

export const getOrganization = route({
  method: 'GET', path: '/api/organizations/:id', summary: '承接机构详情', tag: 'organizations',
  permission: 'org:read', params: idParams, response: orgDetailSchema,
});

export const createOrganization = route({
  method: 'POST', path: '/api/organizations', summary: '登记承接机构', tag: 'organizations',
  permission: 'org:create',
  // A county officer registers for its own unit; the city may name a unit or keep it city-level.
  body: orgEditableSchema.extend({ creditCode: creditCodeSchema, countyCode: z.string().regex(/^\d{6}$/).nullable().default(null) }),
  response: orgDetailSchema,
});

export const updateOrganization = route({
  method: 'PATCH', path: '/api/organizations/:id', summary: '编辑承接机构', tag: 'organizations',
  permission: 'org:update', params: idParams, body: orgEditableSchema.extend({ version: z.number().int() }), response: orgDetailSchema,
});

export const changeOrganizationStatus = route({
  method: 'POST', path: '/api/organizations/:id/status', summary: '变更承接机构状态（正常/暂停/禁入）', tag: 'organizations',
  permission: 'org:status', params: idParams,
  body: z.strictObject({ version: z.number().int(), status: z.enum(ORG_STATUSES), reason: nonEmpty('变更原因', 500) }),
  response: orgDetailSchema,
});

/** multipart/form-data with one `file` field: PDF, JPEG, PNG, Word or Excel, at most 10 MB. */
export const uploadOrganizationFile = route({
  method: 'POST', path: '/api/organizations/:id/files', summary: '上传机构材料（登记证书等）', tag: 'organizations',
  permission: 'org:update', params: idParams, response: fileMetaSchema,
});

export const downloadOrganizationFile = route({
  method: 'GET', path: '/api/organizations/:id/files/:fileId', summary: '下载机构材料', tag: 'organizations',
  permission: 'org:read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});
