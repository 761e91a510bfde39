import { z } from 'zod';
import { route } from './http';

/** City → county unit → town/street → village/community (村委会、居委会). */
export const REGION_LEVELS = ['city', 'county', 'town', 'village'] as const;

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
  townType: z.enum(['镇', '街道']).nullable(),
});
export type Region = z.infer<typeof regionSchema>;

export const listRegions = route({
  method: 'GET',
  path: '/api/regions',
  summary: '行政区划（市 → 区市 → 镇街 → 村居），可按名称或别名搜索',
  tag: 'regions',
  permission: 'region:read',
  query: z.strictObject({
    level: z.enum(REGION_LEVELS).optional(),
    parentCode: z.string().regex(/^\d{6,9}$/).optional(),
    q: z.string().trim().max(50).optional(),
  }),
  response: z.array(regionSchema),
});
