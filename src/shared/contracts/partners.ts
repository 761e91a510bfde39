import { z } from 'zod';
import { PARTNER_KINDS } from '../rules/partners';
import { idParams, nonEmpty, pageOf, pagingQuery, phone, route } from './http';

export const partnerEditableSchema = z.strictObject({
  kind: z.enum(PARTNER_KINDS, { error: '请选择部门类别' }),
  name: nonEmpty('单位名称', 100),
  contactName: z.string().trim().max(50).default(''),
  contactPhone: z.union([phone, z.literal('')]).default(''),
  address: z.string().trim().max(200).default(''),
  services: z.string().trim().max(500).default(''),
  active: z.boolean().default(true),
});

export const partnerSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  kind: z.enum(PARTNER_KINDS),
  name: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  address: z.string(),
  services: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const listPartners = route({
  method: 'GET', path: '/api/partners', summary: '资源链接单位名录（司法、卫生、人社、教育、工会、团委、妇联、残联…）', tag: 'partners',
  permission: 'partner:read',
  query: z.strictObject({
    ...pagingQuery,
    q: z.string().trim().max(50).optional(),
    kind: z.enum(PARTNER_KINDS).optional(),
    countyCode: z.string().regex(/^\d{6}$/).optional(),
    active: z.enum(['true', 'false']).optional(),
  }),
  response: pageOf(partnerSchema),
});

export const getPartner = route({
  method: 'GET', path: '/api/partners/:id', summary: '资源链接单位', tag: 'partners',
  permission: 'partner:read', params: idParams, response: partnerSchema,
});

export const createPartner = route({
  method: 'POST', path: '/api/partners', summary: '登记资源链接单位', tag: 'partners',
  permission: 'partner:manage',
  body: partnerEditableSchema.extend({ countyCode: z.string().regex(/^\d{6}$/, { error: '请选择区市' }) }),
  response: partnerSchema,
});

export const updatePartner = route({
  method: 'PATCH', path: '/api/partners/:id', summary: '编辑资源链接单位', tag: 'partners',
  permission: 'partner:manage', params: idParams, body: partnerEditableSchema.extend({ version: z.number().int() }),
  response: partnerSchema,
});
