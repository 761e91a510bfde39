import { z } from 'zod';
import { STATION_STATUSES } from '../rules/station-venue';
import { idParams, pagingQuery, route } from './http';
import { findingSchema, workerListItemSchema } from './social-workers';

export const STAFF_FINDING_RULES = ['R-STAFF-MIN', 'R-STAFF-CERT3Y', 'R-STAFF-AGE', 'R-STAFF-EDU', 'R-STAFF-QUAL'] as const;

export const stationStaffingSchema = z.object({
  stationId: z.string(),
  name: z.string(),
  townCode: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  status: z.enum(STATION_STATUSES),
  onPost: z.number().int(),
  /** Workers on post today with professional quality (R-STAFF-MIN counts these). */
  qualifiedOnPost: z.number().int(),
  /** 达标: no finding (warnings do not count against it). */
  compliant: z.boolean(),
  findings: z.array(findingSchema),
});
export type StationStaffing = z.infer<typeof stationStaffingSchema>;

const countsSchema = z.object({
  stations: z.number().int(),
  compliant: z.number().int(),
  findings: z.number().int(),
  warnings: z.number().int(),
});

const complianceFilters = {
  countyCode: z.string().regex(/^\d{6}$/).optional(),
  townCode: z.string().regex(/^\d{9}$/).optional(),
  rule: z.enum(STAFF_FINDING_RULES).optional(),
  /** only: stations with a finding. */
  only: z.enum(['findings', 'all']).default('all'),
};

/** County units come a page at a time too (a province holds well over a hundred), in code order. */
const countyPaging = {
  countiesPage: z.coerce.number().int().min(1).default(1),
  countiesPageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const complianceQuery = z.strictObject({
  ...complianceFilters,
  /** The stations come a page at a time; each county unit's counts cover every station in it. */
  ...pagingQuery,
  ...countyPaging,
});
/** The export: the findings of every station the filters keep (all pages), in town-code order. */
export const complianceExportQuery = z.strictObject(complianceFilters);

export const staffingCompliance = route({
  method: 'GET', path: '/api/compliance/staffing', summary: '人员配备达标情况（市 → 区市 → 镇街）', tag: 'compliance',
  permission: 'compliance:read', query: complianceQuery,
  response: z.object({
    asOf: z.string(),
    total: countsSchema,
    /** One page of the county units (those with stations), each counted over all its stations. */
    counties: z.array(countsSchema.extend({ countyCode: z.string(), countyShortName: z.string() })),
    countiesTotal: z.number().int(),
    countiesPage: z.number().int(),
    countiesPageSize: z.number().int(),
    stations: z.array(stationStaffingSchema),
    /** Stations matching the filters (rule, only), of which `stations` is one page. */
    stationsTotal: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});

export const exportStaffingFindings = route({
  method: 'GET', path: '/api/compliance/staffing/export', summary: '导出人员配备问题清单（Excel）', tag: 'compliance',
  permission: 'compliance:read', query: complianceExportQuery,
});

export const stationStaffing = route({
  method: 'GET', path: '/api/compliance/stations/:id', summary: '社工站人员配备（在岗社工与问题）', tag: 'compliance',
  permission: 'compliance:read', params: idParams,
  response: stationStaffingSchema.extend({ workers: z.array(workerListItemSchema) }),
});
