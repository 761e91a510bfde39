import { z } from 'zod';
import { PROCUREMENT_STATUSES, PURCHASE_METHODS } from '../rules/purchase';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, route, optionalText } from './http';
import { countyCodeSchema, fenAmount, yearSchema } from './money';

export const procurementEditableSchema = z.strictObject({
  title: nonEmpty('项目名称', 200),
  stationIds: z.array(z.uuid()).max(100).default([]),
  /** Catalogue items (R-SCOPE-EXCLUDED items are refused). */
  itemCodes: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
  otherItems: optionalText(2000),
  standards: optionalText(5000),
  requirements: optionalText(5000),
  method: z.enum(PURCHASE_METHODS, { error: '请选择采购方式' }),
  budgetFen: fenAmount('采购预算').default(0),
  announcedOn: calendarDate.nullable().default(null),
  deadlineOn: calendarDate.nullable().default(null),
});

const itemSchema = z.object({ code: z.string(), name: z.string(), domain: z.string() });

export const procurementSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  year: z.number().int(),
  title: z.string(),
  stationIds: z.array(z.string()),
  stations: z.array(z.object({ id: z.string(), name: z.string() })),
  items: z.array(itemSchema),
  otherItems: z.string(),
  standards: z.string(),
  requirements: z.string(),
  method: z.enum(PURCHASE_METHODS),
  budgetFen: z.number().int(),
  announcedOn: z.string().nullable(),
  deadlineOn: z.string().nullable(),
  status: z.enum(PROCUREMENT_STATUSES),
  publishedAt: z.string().nullable(),
  contractor: z.object({ id: z.string(), name: z.string(), creditCode: z.string() }).nullable(),
  awardedOn: z.string().nullable(),
  awardFen: z.number().int().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Procurement = z.infer<typeof procurementSchema>;

/** A list line: what the table and the contract form's picker use; no texts, no names looked up. */
export const procurementLineSchema = procurementSchema.pick({
  id: true, countyCode: true, countyShortName: true, year: true, title: true, stationIds: true, method: true, budgetFen: true,
  status: true, contractor: true, awardFen: true, version: true, updatedAt: true,
});
export type ProcurementLine = z.infer<typeof procurementLineSchema>;

export const procurementListQuery = z.strictObject({
  ...pagingQuery,
  year: yearSchema.optional(),
  countyCode: countyCodeSchema.optional(),
  status: z.enum(PROCUREMENT_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
});

export const listProcurements = route({
  method: 'GET', path: '/api/procurements', summary: '采购项目列表', tag: 'procurements',
  permission: 'procurement:read', query: procurementListQuery, response: pageOf(procurementLineSchema),
});

export const getProcurement = route({
  method: 'GET', path: '/api/procurements/:id', summary: '采购项目详情', tag: 'procurements',
  permission: 'procurement:read', params: idParams, response: procurementSchema,
});

export const createProcurement = route({
  method: 'POST', path: '/api/procurements', summary: '登记采购项目', tag: 'procurements',
  permission: 'procurement:write', body: procurementEditableSchema.extend({ countyCode: countyCodeSchema, year: yearSchema }),
  response: procurementSchema,
});

export const updateProcurement = route({
  method: 'PATCH', path: '/api/procurements/:id', summary: '修改采购项目（确定承接主体前）', tag: 'procurements',
  permission: 'procurement:write', params: idParams, body: procurementEditableSchema.extend({ version: z.number().int() }),
  response: procurementSchema,
});

export const publishProcurement = route({
  method: 'POST', path: '/api/procurements/:id/publish', summary: '公开采购项目信息（R-PROC-PUBLIC）', tag: 'procurements',
  permission: 'procurement:write', params: idParams, body: z.strictObject({ version: z.number().int() }),
  response: procurementSchema,
});

export const awardProcurement = route({
  method: 'POST', path: '/api/procurements/:id/award', summary: '登记采购结果（承接主体）', tag: 'procurements',
  permission: 'procurement:write', params: idParams,
  body: z.strictObject({
    version: z.number().int(),
    contractorOrgId: z.uuid({ error: '请选择承接主体' }),
    awardedOn: calendarDate,
    awardFen: fenAmount('成交金额'),
  }),
  response: procurementSchema,
});

export const cancelProcurement = route({
  method: 'POST', path: '/api/procurements/:id/cancel', summary: '取消采购项目', tag: 'procurements',
  permission: 'procurement:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), reason: nonEmpty('取消原因', 500) }),
  response: procurementSchema,
});
