import { z } from 'zod';
import { ruleRefSchema } from '../errors';
import { pagingQuery, route } from './http';

export const coverageRowSchema = z.object({
  countyCode: z.string(),
  countyShortName: z.string(),
  towns: z.number().int(),
  stations: z.number().int(),
  operating: z.number().int(),
});

export const stationCoverage = route({
  method: 'GET',
  path: '/api/stations/coverage',
  summary: '社工站覆盖率（运营站点 / 镇街数，按区市）',
  tag: 'stations',
  permission: 'dashboard:read',
  // A province holds a hundred and more county units: they come a page at a time, in code order.
  query: z.strictObject(pagingQuery),
  response: z.object({
    rule: ruleRefSchema,
    rows: z.array(coverageRowSchema),
    /** Every county unit in scope, not only the page's. */
    total: coverageRowSchema.omit({ countyCode: true, countyShortName: true }),
    counties: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});
