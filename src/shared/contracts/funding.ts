import { z } from 'zod';
import { ruleRefSchema } from '../errors';
import { FUND_SOURCES, SPENDING_CATEGORIES } from '../rules/purchase';
import { pagingQuery, route } from './http';
import { countyCodeSchema, fenAmount, yearSchema } from './money';

const bySource = z.object(Object.fromEntries(FUND_SOURCES.map((s) => [s, z.number().int()])) as Record<(typeof FUND_SOURCES)[number], z.ZodNumber>);
const byCategory = z.object(
  Object.fromEntries(SPENDING_CATEGORIES.map((c) => [c, z.number().int()])) as Record<(typeof SPENDING_CATEGORIES)[number], z.ZodNumber>,
);

export const fundingFindingSchema = z.object({ rule: ruleRefSchema, message: z.string(), clearBy: z.string() });

const totals = z.object({
  budget: bySource,
  budgetFen: z.number().int(),
  paidFen: z.number().int(),
  spentFen: z.number().int(),
  spending: byCategory,
  /** Spent ÷ budget in percent (one decimal), null without a budget. */
  executionRate: z.number().nullable(),
});

export const stationFundingSchema = totals.extend({
  stationId: z.string(),
  name: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  findings: z.array(fundingFindingSchema),
});
export type StationFunding = z.infer<typeof stationFundingSchema>;

export const FUNDING_SORTS = ['code', 'budget', '-budget', 'rate', '-rate'] as const;

/** Year and county unit narrow everything; the search and 有问题 narrow only the station list. */
const fundingFilters = {
  year: yearSchema,
  countyCode: countyCodeSchema.optional(),
  /** A station's standard name or its town's name, in part. */
  q: z.string().trim().max(50).optional(),
  /** findings: only stations with a finding (R-FUND-STATION: under 150,000 CNY for the year). */
  only: z.enum(['findings', 'all']).default('all'),
  sort: z.enum(FUNDING_SORTS).default('code'),
};

/** County units come a page at a time too (a province holds well over a hundred). */
const countyPaging = {
  countiesPage: z.coerce.number().int().min(1).default(1),
  countiesPageSize: z.coerce.number().int().min(1).max(100).default(20),
  countiesSort: z.enum(FUNDING_SORTS).default('code'),
  /** How many county units the chart shows by budget; the others are summed as one bar. */
  chartTop: z.coerce.number().int().min(1).max(20).default(10),
};

export const fundingQuery = z.strictObject({ ...fundingFilters, ...pagingQuery, ...countyPaging });
/** The export takes every station the list's filters keep, in town-code order. */
export const fundingExportQuery = z.strictObject(fundingFilters);

const countyTotals = totals.extend({ countyCode: z.string(), countyShortName: z.string(), stations: z.number().int() });

export const fundingOverview = route({
  method: 'GET', path: '/api/funding', summary: '资金安排与执行（社工站、区市、全市）', tag: 'funding',
  permission: 'funding:read', query: fundingQuery,
  response: z.object({
    year: z.number().int(),
    total: totals.extend({ findings: z.array(fundingFindingSchema) }),
    /** One page of the county units of the scope, each summed over all its stations. */
    counties: z.array(countyTotals),
    countiesTotal: z.number().int(),
    countiesPage: z.number().int(),
    countiesPageSize: z.number().int(),
    /** The chart: the chartTop largest units by budget, and the others summed (null when none are left). */
    chart: z.object({
      top: z.array(countyTotals),
      rest: totals.extend({ counties: z.number().int(), stations: z.number().int() }).nullable(),
    }),
    /** One page of the stations the search and 有问题 keep. */
    stations: z.array(stationFundingSchema),
    stationsTotal: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});

export const exportFunding = route({
  method: 'GET', path: '/api/funding/export', summary: '导出资金安排与执行（Excel）', tag: 'funding',
  permission: 'funding:read', query: fundingExportQuery,
});

export const setStationBudget = route({
  method: 'PUT', path: '/api/funding/stations/:id/:year', summary: '安排社工站年度资金（按来源）', tag: 'funding',
  permission: 'funding:write',
  params: z.strictObject({ id: z.uuid(), year: yearSchema }),
  body: z.strictObject(
    Object.fromEntries(FUND_SOURCES.map((s) => [s, fenAmount('金额')])) as Record<(typeof FUND_SOURCES)[number], ReturnType<typeof fenAmount>>,
  ),
  response: stationFundingSchema,
});
