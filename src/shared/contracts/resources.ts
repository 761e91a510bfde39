import { z } from 'zod';
import { TARGET_GROUPS } from '../rules/clients';
import { SERVICE_DOMAINS } from '../rules/organizations';
import { DONOR_KINDS, MATCH_STATUSES, NEED_SOURCES, NEED_STATUSES, PUBLIC_STATES, RESOURCE_KINDS } from '../rules/resources';
import { calendarDate, idParams, nonEmpty, optionalText, pageOf, pagingQuery, route } from './http';
import { fileMetaSchema } from './organizations';

// 慈善资源与需求对接 (二（一）5). Quantities are integers in the kind's unit: fen for money
// (no float ever touches an amount), items for goods, hours for services, venues and volunteer time.

const quantity = z
  .number({ error: '请填写数量' })
  .int({ error: '数量须为整数（资金以分计）' })
  .min(1, { error: '数量须大于0' })
  .max(100_000_000_000, { error: '数量超出范围' });

/** A need as a reader in scope sees it; what is about a client is masked for anyone else. */
export const needSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  source: z.enum(NEED_SOURCES),
  /** The client or case, when the need is about one: the name masked unless the reader may read the client. */
  clientId: z.string().nullable(),
  clientLabel: z.string().nullable(),
  caseId: z.string().nullable(),
  /** Whether the client gave consent to share with a donor (R-RESOURCES-CONSENT); null for a community need. */
  clientConsent: z.boolean().nullable(),
  domain: z.enum(SERVICE_DOMAINS),
  targetGroup: z.enum(TARGET_GROUPS).nullable(),
  kind: z.enum(RESOURCE_KINDS),
  quantity: z.number().int(),
  delivered: z.number().int(),
  title: z.string(),
  /** Null for a reader out of the need's scope (seen through an offer's match). */
  description: z.string().nullable(),
  place: z.string(),
  neededBy: z.string().nullable(),
  status: z.enum(NEED_STATUSES),
  metOn: z.string().nullable(),
  publicText: z.string(),
  publicState: z.enum(PUBLIC_STATES),
  inScope: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type NeedDto = z.infer<typeof needSchema>;

export const offerSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  donorKind: z.enum(DONOR_KINDS),
  donorName: z.string(),
  partnerId: z.string().nullable(),
  kind: z.enum(RESOURCE_KINDS),
  itemName: z.string(),
  quantity: z.number().int(),
  reserved: z.number().int(),
  delivered: z.number().int(),
  /** What is still free to match: quantity less what proposed and confirmed matches hold. */
  available: z.number().int(),
  domain: z.enum(SERVICE_DOMAINS).nullable(),
  place: z.string(),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  wishDomain: z.enum(SERVICE_DOMAINS).nullable(),
  wishTargetGroup: z.enum(TARGET_GROUPS).nullable(),
  wishStationId: z.string().nullable(),
  wishNeedId: z.string().nullable(),
  thankPublicly: z.boolean(),
  publicName: z.string(),
  note: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type OfferDto = z.infer<typeof offerSchema>;

export const deliverySchema = z.object({
  id: z.string(),
  quantity: z.number().int(),
  deliveredOn: z.string(),
  note: z.string(),
  proofs: z.array(fileMetaSchema),
  publicPhotoId: z.string().nullable(),
  recordedByName: z.string(),
});

export const matchSchema = z.object({
  id: z.string(),
  needId: z.string(),
  offerId: z.string(),
  need: z.object({ title: z.string(), clientLabel: z.string().nullable(), stationName: z.string(), inScope: z.boolean() }),
  offer: z.object({ donorName: z.string(), kind: z.enum(RESOURCE_KINDS), itemName: z.string() }),
  quantity: z.number().int(),
  delivered: z.number().int(),
  sharesClient: z.boolean(),
  status: z.enum(MATCH_STATUSES),
  note: z.string(),
  proposedById: z.string(),
  proposedByName: z.string(),
  decidedByName: z.string().nullable(),
  decisionComment: z.string(),
  /** Uploaded proofs not yet used by a delivery. */
  pendingProofs: z.array(fileMetaSchema),
  deliveries: z.array(deliverySchema),
  version: z.number().int(),
  createdAt: z.string(),
});
export type MatchDto = z.infer<typeof matchSchema>;

export const needDetailSchema = z.object({ need: needSchema, matches: z.array(matchSchema) });
export const offerDetailSchema = z.object({ offer: offerSchema, matches: z.array(matchSchema) });

const bool = z.enum(['true', 'false']).optional();

export const listNeeds = route({
  method: 'GET', path: '/api/resource-needs', summary: '需求列表', tag: 'resources', permission: 'resource:read',
  query: z.strictObject({
    ...pagingQuery,
    status: z.enum(NEED_STATUSES).optional(),
    domain: z.enum(SERVICE_DOMAINS).optional(),
    stationId: z.uuid().optional(),
    publicState: z.enum(PUBLIC_STATES).optional(),
    clientId: z.uuid().optional(),
    keyword: z.string().trim().max(50).optional(),
  }),
  response: pageOf(needSchema),
});

export const getNeed = route({
  method: 'GET', path: '/api/resource-needs/:id', summary: '需求详情（含对接和交付）', tag: 'resources', permission: 'resource:read',
  params: idParams, response: needDetailSchema,
});

export const createNeed = route({
  method: 'POST', path: '/api/resource-needs', summary: '登记需求', tag: 'resources', permission: 'resource:write',
  body: z
    .strictObject({
      source: z.enum(NEED_SOURCES),
      /** The station (for a community need); a client's or case's need takes theirs. */
      stationId: z.uuid().nullable().default(null),
      clientId: z.uuid().nullable().default(null),
      caseId: z.uuid().nullable().default(null),
      domain: z.enum(SERVICE_DOMAINS),
      targetGroup: z.enum(TARGET_GROUPS).nullable().default(null),
      kind: z.enum(RESOURCE_KINDS),
      quantity,
      title: nonEmpty('需求名称', 60),
      description: optionalText(1000),
      place: optionalText(100),
      neededBy: calendarDate.nullable().default(null),
    })
    .superRefine((b, ctx) => {
      if (b.source === 'client' && !b.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: '请选择服务对象' });
      if (b.source === 'case' && !b.caseId) ctx.addIssue({ code: 'custom', path: ['caseId'], message: '请选择个案' });
      if (b.source === 'community' && !b.stationId) ctx.addIssue({ code: 'custom', path: ['stationId'], message: '请选择社工站' });
    }),
  response: needSchema,
});

export const closeNeed = route({
  method: 'POST', path: '/api/resource-needs/:id/close', summary: '需求已满足（须有交付记录）或撤销', tag: 'resources',
  permission: 'resource:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), outcome: z.enum(['met', 'cancelled']), comment: optionalText(300) }),
  response: needSchema,
});

export const requestNeedPublic = route({
  method: 'POST', path: '/api/resource-needs/:id/public', summary: '提交公示墙文字（待社工站审核）', tag: 'resources',
  permission: 'resource:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), publicText: nonEmpty('公示文字', 300) }),
  response: needSchema,
});

export const reviewNeedPublic = route({
  method: 'POST', path: '/api/resource-needs/:id/publish', summary: '审核公示墙文字：公开、退回或撤下', tag: 'resources',
  permission: 'resource:confirm', params: idParams,
  body: z.strictObject({ version: z.number().int(), decision: z.enum(['publish', 'return', 'withdraw']) }),
  response: needSchema,
});

export const suggestionSchema = z.object({
  offer: offerSchema,
  score: z.number().int(),
  reasons: z.array(z.string()),
  /** Why this offer may not be matched to the need (the donor's wish), or null. */
  wishProblem: z.string().nullable(),
});

export const needSuggestions = route({
  method: 'GET', path: '/api/resource-needs/:id/suggestions', summary: '为需求推荐资源（领域、对象类别、地点、时间）', tag: 'resources',
  permission: 'resource:write', params: idParams,
  response: z.object({ items: z.array(suggestionSchema) }),
});

export const listOffers = route({
  method: 'GET', path: '/api/resource-offers', summary: '资源列表', tag: 'resources', permission: 'resource:read',
  query: z.strictObject({
    ...pagingQuery,
    kind: z.enum(RESOURCE_KINDS).optional(),
    donorKind: z.enum(DONOR_KINDS).optional(),
    stationId: z.uuid().optional(),
    available: bool,
    keyword: z.string().trim().max(50).optional(),
  }),
  response: pageOf(offerSchema),
});

export const getOffer = route({
  method: 'GET', path: '/api/resource-offers/:id', summary: '资源详情（含对接）', tag: 'resources', permission: 'resource:read',
  params: idParams, response: offerDetailSchema,
});

export const createOffer = route({
  method: 'POST', path: '/api/resource-offers', summary: '登记资源（捐赠、慈善、企业、部门、志愿者）', tag: 'resources',
  permission: 'resource:write',
  body: z
    .strictObject({
      stationId: z.uuid({ error: '请选择社工站' }),
      donorKind: z.enum(DONOR_KINDS),
      donorName: nonEmpty('提供方名称', 100),
      partnerId: z.uuid().nullable().default(null),
      kind: z.enum(RESOURCE_KINDS),
      itemName: optionalText(100),
      quantity,
      domain: z.enum(SERVICE_DOMAINS).nullable().default(null),
      place: optionalText(100),
      availableFrom: calendarDate.nullable().default(null),
      availableTo: calendarDate.nullable().default(null),
      wishDomain: z.enum(SERVICE_DOMAINS).nullable().default(null),
      wishTargetGroup: z.enum(TARGET_GROUPS).nullable().default(null),
      wishStationId: z.uuid().nullable().default(null),
      wishNeedId: z.uuid().nullable().default(null),
      thankPublicly: z.boolean().default(false),
      publicName: optionalText(50),
      note: optionalText(500),
    })
    .superRefine((b, ctx) => {
      if (b.kind === 'goods' && !b.itemName) ctx.addIssue({ code: 'custom', path: ['itemName'], message: '请填写物资名称' });
      if (b.donorKind === 'partner' && !b.partnerId) ctx.addIssue({ code: 'custom', path: ['partnerId'], message: '请选择资源链接单位' });
      if (b.availableFrom && b.availableTo && b.availableTo < b.availableFrom)
        ctx.addIssue({ code: 'custom', path: ['availableTo'], message: '结束日期不能早于开始日期' });
      if (b.thankPublicly && !b.publicName) ctx.addIssue({ code: 'custom', path: ['publicName'], message: '请填写公开致谢使用的名称' });
    }),
  response: offerSchema,
});

export const proposeMatch = route({
  method: 'POST', path: '/api/resource-matches', summary: '提出对接（待社工站另一人确认）', tag: 'resources',
  permission: 'resource:write',
  body: z.strictObject({
    needId: z.uuid(),
    offerId: z.uuid(),
    quantity,
    sharesClient: z.boolean().default(false),
    note: optionalText(300),
  }),
  response: matchSchema,
});

export const decideMatch = route({
  method: 'POST', path: '/api/resource-matches/:id/decision', summary: '确认或退回对接（提出人以外的人）', tag: 'resources',
  permission: 'resource:confirm', params: idParams,
  body: z.strictObject({ version: z.number().int(), approve: z.boolean(), comment: optionalText(300) }),
  response: matchSchema,
});

export const uploadMatchProof = route({
  method: 'POST', path: '/api/resource-matches/:id/proofs', summary: '上传交付凭证（照片或收据）', tag: 'resources',
  permission: 'resource:write', params: idParams, response: fileMetaSchema,
});

export const downloadMatchProof = route({
  method: 'GET', path: '/api/resource-matches/:id/proofs/:fileId', summary: '下载交付凭证', tag: 'resources',
  permission: 'resource:read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});

export const recordDelivery = route({
  method: 'POST', path: '/api/resource-matches/:id/deliveries', summary: '登记交付（须附凭证）', tag: 'resources',
  permission: 'resource:write', params: idParams,
  body: z.strictObject({
    quantity,
    deliveredOn: calendarDate,
    note: optionalText(300),
    proofFileIds: z.array(z.uuid()).max(10).default([]),
    /** The need is met with this delivery: it closes. */
    needMet: z.boolean().default(false),
    /** One proof photo for the public wall, only when the people in it agreed (R-RESOURCES-PUBLIC). */
    publicPhoto: z
      .strictObject({ fileId: z.uuid(), consented: z.literal(true, { error: '公开照片须经照片中的人同意' }) })
      .nullable()
      .default(null),
  }),
  response: matchSchema,
});

// The public wall: published facts only, never a client's name, ID number, phone or address.

export const publicNeedSchema = z.object({
  id: z.string(),
  countyName: z.string(),
  townName: z.string(),
  domain: z.enum(SERVICE_DOMAINS),
  targetGroup: z.enum(TARGET_GROUPS).nullable(),
  kind: z.enum(RESOURCE_KINDS),
  text: z.string(),
  neededBy: z.string().nullable(),
  status: z.enum(NEED_STATUSES),
  publishedOn: z.string(),
});

export const publicThanksSchema = z.object({
  id: z.string(),
  donorName: z.string(),
  donorKind: z.enum(DONOR_KINDS),
  kind: z.enum(RESOURCE_KINDS),
  itemName: z.string(),
  quantity: z.number().int(),
  deliveredOn: z.string(),
  countyName: z.string(),
  townName: z.string(),
  needText: z.string(),
  /** A consented photo of the delivery (GET publicResourcePhoto), or null. */
  photoId: z.string().nullable(),
});

export const publicResourcePhoto = route({
  method: 'GET', path: '/api/public/resource-wall/photos/:id', summary: '公开：经同意公开的交付照片', tag: 'public', public: true,
  params: idParams,
});

export const publicResourceWall = route({
  method: 'GET', path: '/api/public/resource-wall', summary: '公开：需求公示与爱心致谢', tag: 'public', public: true,
  query: z.strictObject({ countyCode: z.string().regex(/^\d{6}$/).optional() }),
  response: z.object({ needs: z.array(publicNeedSchema), thanks: z.array(publicThanksSchema) }),
});
