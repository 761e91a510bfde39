import { z } from 'zod';
import { ruleRefSchema } from '../errors';
import { route } from './http';

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
  response: z.object({
    rule: ruleRefSchema,
    rows: z.array(coverageRowSchema),
    total: coverageRowSchema.omit({ countyCode: true, countyShortName: true }),
  }),
});
