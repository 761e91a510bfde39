import { z } from 'zod';
import { SYSTEM_DOCUMENT_STATUSES, SYSTEM_KINDS } from '../rules/institutional-systems';
import { calendarDate, idParams, nonEmpty, optionalText, pageOf, pagingQuery, route } from './http';
import { fileMetaSchema } from './organizations';

// The five institutional systems of each county unit (R-SYS-FIVE, 二（四））.

export const systemDocumentInput = z
  .strictObject({
    kind: z.enum(SYSTEM_KINDS, { error: '请选择制度类别' }),
    title: nonEmpty('制度名称', 100),
    version: nonEmpty('版本', 30),
    effectiveOn: calendarDate,
    approvedBy: nonEmpty('批准机关或会议', 100),
    approvedOn: calendarDate,
    note: optionalText(500),
  })
  .refine((b) => b.effectiveOn >= b.approvedOn, { path: ['effectiveOn'], error: '施行日期不能早于批准日期' });

export const systemDocumentSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  kind: z.enum(SYSTEM_KINDS),
  title: z.string(),
  version: z.string(),
  effectiveOn: z.string(),
  approvedBy: z.string(),
  approvedOn: z.string(),
  note: z.string(),
  /** On today's China date: 待生效 before its 施行日期, 现行 until a later version takes effect, then 已被替代. */
  status: z.enum(SYSTEM_DOCUMENT_STATUSES),
  /** The day the next version took effect (a superseded version only). */
  supersededOn: z.string().nullable(),
  file: fileMetaSchema.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type SystemDocument = z.infer<typeof systemDocumentSchema>;

const standing = z.enum(['in_force', 'missing']);
const versionRef = z.object({ id: z.string(), title: z.string(), version: z.string(), effectiveOn: z.string() });

/** One page of the county units in scope with their five systems; the findings are the page's. */
export const completenessSchema = z.object({
  asOf: z.string(),
  /** County units in scope, and the systems without a version in force across all of them. */
  total: z.number().int(),
  findingsTotal: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      systems: z.array(
        z.object({
          kind: z.enum(SYSTEM_KINDS),
          standing,
          /** The version in force: the latest effective on or before asOf. */
          current: versionRef.nullable(),
          /** The next version registered to take effect after asOf (待生效), shown beside the current one. */
          pending: versionRef.nullable(),
        }),
      ),
      inForce: z.number().int(),
    }),
  ),
  /** One per county and system without a version in force. */
  findings: z.array(
    z.object({ countyCode: z.string(), countyName: z.string(), kind: z.enum(SYSTEM_KINDS), standing, rule: z.literal('R-SYS-FIVE'), message: z.string() }),
  ),
});
export type Completeness = z.infer<typeof completenessSchema>;

export const listSystemDocuments = route({
  method: 'GET', path: '/api/institutional-systems', summary: '五项制度文件（含已废止的历史版本）', tag: 'institutional-systems',
  permission: 'system:read',
  query: z.strictObject({
    ...pagingQuery,
    countyCode: z.string().regex(/^\d{6}$/, { error: '区市代码为6位数字' }).optional(),
    kind: z.enum(SYSTEM_KINDS).optional(),
    status: z.enum(SYSTEM_DOCUMENT_STATUSES).optional(),
  }),
  response: pageOf(systemDocumentSchema),
});

export const systemCompleteness = route({
  method: 'GET', path: '/api/institutional-systems/completeness', summary: '各区市五项制度完备情况与缺项发现', tag: 'institutional-systems',
  permission: 'system:read', query: z.strictObject(pagingQuery), response: completenessSchema,
});

export const getSystemDocument = route({
  method: 'GET', path: '/api/institutional-systems/:id', summary: '制度文件详情', tag: 'institutional-systems',
  permission: 'system:read', params: idParams, response: systemDocumentSchema,
});

export const createSystemDocument = route({
  method: 'POST', path: '/api/institutional-systems', summary: '登记本区市的制度文件（新版本自施行日期起替代现行版本，旧版本留存）', tag: 'institutional-systems',
  permission: 'system:write', body: systemDocumentInput, response: systemDocumentSchema,
});

export const uploadSystemFile = route({
  method: 'POST', path: '/api/institutional-systems/:id/file', summary: '上传制度文件正文（PDF、Word 或图片）', tag: 'institutional-systems',
  permission: 'system:write', params: idParams, response: systemDocumentSchema,
});

export const downloadSystemFile = route({
  method: 'GET', path: '/api/institutional-systems/:id/file', summary: '下载制度文件正文', tag: 'institutional-systems',
  permission: 'system:read', params: idParams,
});
