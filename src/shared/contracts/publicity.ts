import { z } from 'zod';
import { POST_KINDS, POST_STATUSES } from '../rules/publicity';
import { idParams, nonEmpty, optionalText, pageOf, pagingQuery, route } from './http';
import { fileMetaSchema } from './organizations';

// Stories and news of the stations, reviewed by the district (五（五）); service brands.

const photoInput = z.strictObject({
  fileId: z.uuid(),
  caption: optionalText(100),
  showsFaces: z.boolean(),
  /** One of the linked clients whose sharing consent is on file. */
  consentClientId: z.uuid().nullable().default(null),
});

export const postInput = z.strictObject({
  kind: z.enum(POST_KINDS),
  /** The worker's own station when absent. */
  stationId: z.uuid().optional(),
  title: nonEmpty('标题', 100),
  body: nonEmpty('正文', 10000),
  clientIds: z.array(z.uuid()).max(20).default([]),
  photos: z.array(photoInput).max(12).default([]),
});

export const postSchema = z.object({
  id: z.string(),
  kind: z.enum(POST_KINDS),
  stationId: z.string(),
  stationName: z.string(),
  title: z.string(),
  body: z.string(),
  clients: z.array(z.object({ id: z.string(), name: z.string(), sharingConsent: z.boolean() })),
  photos: z.array(z.object({ fileId: z.string(), caption: z.string(), showsFaces: z.boolean(), consentClientId: z.string().nullable() })),
  files: z.array(fileMetaSchema),
  status: z.enum(POST_STATUSES),
  authorName: z.string(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  returnReason: z.string(),
  history: z.array(z.object({ at: z.string(), by: z.string(), event: z.string(), comment: z.string() })),
  canEdit: z.boolean(),
  canReview: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Post = z.infer<typeof postSchema>;

export const postListItemSchema = postSchema.pick({
  id: true, kind: true, stationId: true, stationName: true, title: true, status: true, authorName: true, submittedAt: true, publishedAt: true, returnReason: true,
});

export const listPosts = route({
  method: 'GET', path: '/api/publicity/posts', summary: '社工故事和工作动态（管辖范围内）', tag: 'publicity',
  permission: 'publicity:read',
  query: z.strictObject({
    ...pagingQuery,
    status: z.enum(POST_STATUSES).optional(),
    kind: z.enum(POST_KINDS).optional(),
    /** Only those the signed-in officer may review now. */
    toReview: z.enum(['true', 'false']).optional(),
  }),
  response: pageOf(postListItemSchema),
});

export const getPost = route({
  method: 'GET', path: '/api/publicity/posts/:id', summary: '故事或动态详情', tag: 'publicity',
  permission: 'publicity:read', params: idParams, response: postSchema,
});

export const createPost = route({
  method: 'POST', path: '/api/publicity/posts', summary: '撰写社工故事或工作动态（草稿）', tag: 'publicity',
  permission: 'publicity:write', body: postInput, response: postSchema,
});

export const updatePost = route({
  method: 'PATCH', path: '/api/publicity/posts/:id', summary: '修改草稿或被退回的稿件', tag: 'publicity',
  permission: 'publicity:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), post: postInput }), response: postSchema,
});

export const uploadPostPhoto = route({
  method: 'POST', path: '/api/publicity/posts/:id/photos', summary: '上传照片（JPEG/PNG）', tag: 'publicity',
  permission: 'publicity:write', params: idParams, response: fileMetaSchema,
});

export const downloadPostPhoto = route({
  method: 'GET', path: '/api/publicity/posts/:id/photos/:fileId', summary: '下载稿件照片', tag: 'publicity',
  permission: 'publicity:read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});

export const submitPost = route({
  method: 'POST', path: '/api/publicity/posts/:id/submit', summary: '提交区市民政部门审核（先做隐私检查）', tag: 'publicity',
  permission: 'publicity:write', params: idParams, body: z.strictObject({ version: z.number().int() }), response: postSchema,
});

export const reviewPost = route({
  method: 'POST', path: '/api/publicity/posts/:id/review', summary: '审核：发布（再做隐私检查）或退回（写明理由）', tag: 'publicity',
  permission: 'publicity:review', params: idParams,
  body: z
    .strictObject({ version: z.number().int(), publish: z.boolean(), reason: optionalText(1000) })
    .refine((b) => b.publish || b.reason.length > 0, { path: ['reason'], error: '退回须写明理由' }),
  response: postSchema,
});

export const brandSchema = z.object({
  id: z.string(), stationId: z.string(), stationName: z.string(), name: z.string(), description: z.string(), version: z.number().int(),
});
export type Brand = z.infer<typeof brandSchema>;

/** A brand is shown on the station's public page at once: R-PUBLICITY-PRIVACY applies to its words. */
const brandFields = { name: nonEmpty('品牌名称', 50), description: optionalText(500) };

export const listBrands = route({
  method: 'GET', path: '/api/publicity/brands', summary: '服务品牌（管辖范围内，可按社工站筛选，分页）', tag: 'publicity',
  permission: 'publicity:read', query: z.strictObject({ ...pagingQuery, stationId: z.uuid().optional() }), response: pageOf(brandSchema),
});

export const createBrand = route({
  method: 'POST', path: '/api/publicity/brands', summary: '登记本站服务品牌', tag: 'publicity',
  permission: 'publicity:write',
  body: z.strictObject({ stationId: z.uuid().optional(), ...brandFields }),
  response: brandSchema,
});

export const updateBrand = route({
  method: 'PATCH', path: '/api/publicity/brands/:id', summary: '修改服务品牌的名称和介绍', tag: 'publicity',
  permission: 'publicity:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), ...brandFields }),
  response: brandSchema,
});

// Public pages: server-rendered HTML, no login (indexable; see publicity.pages.ts).

export const directoryPage = route({
  method: 'GET', path: '/stations-directory', summary: '公开：社工站名录（HTML）', tag: 'public', public: true,
  query: z.object({ q: z.string().max(50).optional().catch(undefined), page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) }),
});

export const stationPage = route({
  method: 'GET', path: '/stations-directory/:id', summary: '公开：社工站详情与已发布的故事（HTML）', tag: 'public', public: true,
  params: idParams,
});

export const storyPage = route({
  method: 'GET', path: '/stories/:id', summary: '公开：已发布的社工故事（HTML）', tag: 'public', public: true,
  params: idParams,
});

export const publicPostPhoto = route({
  method: 'GET', path: '/stories/:id/photos/:fileId', summary: '公开：已发布故事的照片', tag: 'public', public: true,
  params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});

export const sitemap = route({
  method: 'GET', path: '/sitemap.xml', summary: '公开：站点地图（名录、社工站页面、已发布的故事；超过5万条时为索引）', tag: 'public', public: true,
  query: z.object({ page: z.coerce.number().int().min(1).max(10_000).optional() }),
});

export const robots = route({
  method: 'GET', path: '/robots.txt', summary: '公开：robots.txt（允许收录公开页面，指向站点地图）', tag: 'public', public: true,
});
