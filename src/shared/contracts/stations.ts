import { z } from 'zod';
import { ruleRefSchema } from '../errors';
import { PLAQUE_STATES, STATION_STATUSES, VENUE_TYPES } from '../rules/station-venue';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, phone, route } from './http';

const optionalText = (max: number) => z.string().trim().max(max, { error: `不超过 ${max} 字` });

/** Fields a town or district officer edits; status, town and operator are set elsewhere. */
export const stationEditableSchema = z.strictObject({
  venueType: z.enum(VENUE_TYPES, { error: '请选择场所类型' }),
  venueOther: optionalText(100).default(''),
  address: nonEmpty('地址', 200),
  phone: z.union([phone, z.literal('')]).default(''),
  openedOn: calendarDate.nullable().default(null),
  outdoorPlaque: z.enum(PLAQUE_STATES).default('none'),
  indoorPlaque: z.enum(PLAQUE_STATES).default('none'),
  equipment: optionalText(500).default(''),
  hostContactName: optionalText(50).default(''),
  hostContactPhone: z.union([phone, z.literal('')]).default(''),
});

export const stationListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  townCode: z.string(),
  townName: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  status: z.enum(STATION_STATUSES),
  venueType: z.enum(VENUE_TYPES),
  address: z.string(),
  phone: z.string(),
  openedOn: z.string().nullable(),
  operatorOrgName: z.string().nullable(),
  updatedAt: z.string(),
});
export type StationListItem = z.infer<typeof stationListItemSchema>;

export const stationFindingSchema = z.object({ rule: ruleRefSchema, message: z.string() });

export const stationDetailSchema = stationListItemSchema.extend({
  venueOther: z.string(),
  outdoorPlaque: z.enum(PLAQUE_STATES),
  indoorPlaque: z.enum(PLAQUE_STATES),
  equipment: z.string(),
  hostContactName: z.string(),
  hostContactPhone: z.string(),
  statusReason: z.string(),
  operatorOrgId: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  /** Live checks of the station rules (plaque …), each naming its rule. */
  findings: z.array(stationFindingSchema),
});
export type StationDetail = z.infer<typeof stationDetailSchema>;

export const STATION_SORTS = ['code', 'name', 'status', 'openedOn', '-openedOn', 'updatedAt', '-updatedAt'] as const;

export const stationListQuery = z.strictObject({
  ...pagingQuery,
  countyCode: z.string().regex(/^\d{6}$/, { error: '区市代码为6位数字' }).optional(),
  townCode: z.string().regex(/^\d{9}$/, { error: '镇街代码为9位数字' }).optional(),
  status: z.enum(STATION_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(STATION_SORTS).default('code'),
});

export const listStations = route({
  method: 'GET',
  path: '/api/stations',
  summary: '社工站名录（按区市、状态筛选，关键字搜索，排序，分页）',
  tag: 'stations',
  permission: 'station:read',
  query: stationListQuery,
  response: pageOf(stationListItemSchema),
});

export const exportStations = route({
  method: 'GET',
  path: '/api/stations/export',
  summary: '导出社工站名录（Excel）',
  tag: 'stations',
  permission: 'station:export',
  query: stationListQuery.omit({ page: true, pageSize: true }),
});

export const getStation = route({
  method: 'GET',
  path: '/api/stations/:id',
  summary: '社工站详情',
  tag: 'stations',
  permission: 'station:read',
  params: idParams,
  response: stationDetailSchema,
});

export const createStation = route({
  method: 'POST',
  path: '/api/stations',
  summary: '为镇街建立社工站（每个镇街一个）',
  tag: 'stations',
  permission: 'station:create',
  body: stationEditableSchema.extend({
    townCode: z.string().regex(/^\d{9}$/, { error: '请选择镇（街道）' }),
  }),
  response: stationDetailSchema,
});

export const updateStation = route({
  method: 'PATCH',
  path: '/api/stations/:id',
  summary: '编辑社工站信息',
  tag: 'stations',
  permission: 'station:update',
  params: idParams,
  body: stationEditableSchema.extend({ version: z.number().int() }),
  response: stationDetailSchema,
});

export const changeStationStatus = route({
  method: 'POST',
  path: '/api/stations/:id/status',
  summary: '变更社工站状态（筹建/运营/暂停/撤销）',
  tag: 'stations',
  permission: 'station:status',
  params: idParams,
  body: z.strictObject({
    version: z.number().int(),
    status: z.enum(STATION_STATUSES),
    reason: nonEmpty('变更原因', 500),
  }),
  response: stationDetailSchema,
});

// The coverage route stands in its own file: the city's first page loads it without the rest of this one.
export * from './coverage';
