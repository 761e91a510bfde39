import { z } from 'zod';
import { SERVICE_DOMAINS } from '../rules/organizations';
import { SERVICE_ITEM_KINDS } from '../rules/service-scope';
import { route } from './http';

export const serviceItemSchema = z.object({
  code: z.string(),
  domain: z.enum(SERVICE_DOMAINS),
  name: z.string(),
  kind: z.enum(SERVICE_ITEM_KINDS),
  /** R-SCOPE-EXCLUDED: may not be station service content. */
  excluded: z.boolean(),
  clause: z.string(),
  note: z.string(),
  version: z.number().int(),
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const listServiceItems = route({
  method: 'GET', path: '/api/service-catalogue', summary: '服务项目目录（五个领域；标明不得列入的事项）', tag: 'service-catalogue',
  permission: 'catalogue:read',
  query: z.strictObject({ domain: z.enum(SERVICE_DOMAINS).optional(), includeExcluded: z.enum(['true', 'false']).default('true') }),
  response: z.array(serviceItemSchema),
});

export const updateServiceItem = route({
  method: 'PATCH', path: '/api/service-catalogue/:code', summary: '标记服务项目是否不得列入（R-SCOPE-EXCLUDED）', tag: 'service-catalogue',
  permission: 'catalogue:manage',
  params: z.strictObject({ code: z.string().regex(/^[A-Z]{2}\d{2}$/) }),
  body: z.strictObject({
    version: z.number().int(),
    excluded: z.boolean(),
    note: z.string().trim().max(200).default(''),
  }),
  response: serviceItemSchema,
});
