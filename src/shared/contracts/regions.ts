import { z } from 'zod';
import { route } from './http';

/**
 * Province → city → county unit → town/street → village/community (村委会、居委会). The tree
 * starts at the installation's root: a city (the default, 威海市) or a province.
 */
export const REGION_LEVELS = ['province', 'city', 'county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Township kinds (NBS codes 001–099, 100–199, 200–399). */
export const TOWN_TYPES = ['镇', '街道', '乡'] as const;

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Short name used in station names and on screen (高区 for 威海火炬高技术产业开发区). */
  shortName: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  path: z.string(),
  /** Other spellings matched by search (蔄山镇 / 苘山镇, 龙山街道 / 龙山路街道). */
  aliases: z.array(z.string()),
  townType: z.enum(TOWN_TYPES).nullable(),
});
export type Region = z.infer<typeof regionSchema>;

export const listRegions = route({
  method: 'GET',
  path: '/api/regions',
  summary: '行政区划（省 → 市 → 区市 → 镇街 → 村居，自本系统的区划根起），可按名称或别名搜索',
  tag: 'regions',
  permission: 'region:read',
  query: z.strictObject({
    level: z.enum(REGION_LEVELS).optional(),
    parentCode: z.string().regex(/^\d{6,9}$/).optional(),
    q: z.string().trim().max(50).optional(),
  }),
  response: z.array(regionSchema),
});

/** The installation's root region (a province or a city): names the site on public pages. */
export const regionRootSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city']),
});
export type RegionRoot = z.infer<typeof regionRootSchema>;

export const getRegionRoot = route({
  method: 'GET',
  path: '/api/regions/root',
  summary: '本系统的区划根（省或市），公开页面和登录页用来显示名称',
  tag: 'regions',
  public: true,
  response: regionRootSchema,
});
