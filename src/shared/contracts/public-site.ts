import { z } from 'zod';
import { FUND_SOURCES, PURCHASE_METHODS, SPENDING_CATEGORIES } from '../rules/purchase';
import { idParams, pageOf, pagingQuery, route } from './http';
import { countyCodeSchema, yearSchema } from './money';

// What the public may see without a login (R-PROC-PUBLIC, R-FUND-USE): published facts only.

export const publicProcurementSchema = z.object({
  id: z.string(),
  countyShortName: z.string(),
  year: z.number().int(),
  title: z.string(),
  stations: z.array(z.string()),
  items: z.array(z.object({ name: z.string(), domain: z.string() })),
  otherItems: z.string(),
  standards: z.string(),
  requirements: z.string(),
  method: z.enum(PURCHASE_METHODS),
  budgetFen: z.number().int(),
  publishedOn: z.string(),
  contractor: z.object({ name: z.string(), creditCode: z.string() }).nullable(),
  awardedOn: z.string().nullable(),
  awardFen: z.number().int().nullable(),
});

export const publicProcurements = route({
  method: 'GET', path: '/api/public/procurements', summary: '公开：社工站采购项目信息', tag: 'public',
  public: true,
  query: z.strictObject({ ...pagingQuery, year: yearSchema.optional(), countyCode: countyCodeSchema.optional() }),
  response: pageOf(publicProcurementSchema),
});

export const publicProcurement = route({
  method: 'GET', path: '/api/public/procurements/:id', summary: '公开：采购项目详情', tag: 'public',
  public: true, params: idParams, response: publicProcurementSchema,
});

const amounts = z.object({
  budgetFen: z.number().int(),
  paidFen: z.number().int(),
  spentFen: z.number().int(),
  executionRate: z.number().nullable(),
});

export const publicFunding = route({
  method: 'GET', path: '/api/public/funding', summary: '公开：社工站资金去向', tag: 'public',
  public: true,
  // The county units come a page at a time in code order (a province holds 142); the total is the year's whole.
  query: z.strictObject({
    year: yearSchema,
    page: z.coerce.number({ error: '页码应为数字' }).int({ error: '页码应为整数' }).min(1, { error: '页码不小于1' }).max(10_000, { error: '页码不大于10000' }).default(1),
    pageSize: z.coerce
      .number({ error: '每页条数应为数字' })
      .int({ error: '每页条数应为整数' })
      .min(1, { error: '每页条数不小于1' })
      .max(100, { error: '每页条数不大于100' })
      .default(20),
  }),
  response: z.object({
    year: z.number().int(),
    total: amounts.extend({
      bySource: z.object(Object.fromEntries(FUND_SOURCES.map((s) => [s, z.number().int()])) as Record<(typeof FUND_SOURCES)[number], z.ZodNumber>),
      byCategory: z.object(
        Object.fromEntries(SPENDING_CATEGORIES.map((c) => [c, z.number().int()])) as Record<(typeof SPENDING_CATEGORIES)[number], z.ZodNumber>,
      ),
    }),
    counties: z.array(amounts.extend({ countyCode: z.string(), countyShortName: z.string(), stations: z.number().int() })),
    countiesTotal: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});
