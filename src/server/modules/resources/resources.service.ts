import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/resources';
import { chinaDay, chinaToday } from '../../../shared/rules/china-date';
import { TARGET_GROUP_LABELS } from '../../../shared/rules/clients';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { personalDataIn, wishProblem, type DonorWish } from '../../../shared/rules/resources';
import { files, resourceDeliveries, resourceMatches, resourceNeeds, resourceOffers } from '../../db/schema';
import type { AuditAction } from '../../../shared/contracts/audit';
import { writeAudit } from '../../platform/audit';
import { userDisplayNames } from '../users/users.repo';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { readUpload } from '../../platform/uploads';
import { findCase } from '../cases/cases.service';
import { clientsOpenForWork } from '../clients/clients.repo';
import { stationFor } from '../service-records/station-for';
import { stationNames } from '../stations/stations.repo';
import * as repo from './resources.repo';
import type { MatchRow, NeedRow, OfferRow } from './resources.repo';

type NeedDto = z.input<typeof c.needSchema>;
type OfferDto = z.input<typeof c.offerSchema>;
type MatchDto = z.input<typeof c.matchSchema>;

const PROOF_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

/** A client's name for a reader who may not read the client: the surname, the rest starred. */
export function maskName(name: string): string {
  return name ? `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}` : '';
}

const readsClients = (ctx: Ctx) => ctx.system || (ctx.actor?.permissions.has('client:read') ?? false);

async function needDtos(ctx: Ctx, items: { need: NeedRow; inScope: boolean }[]): Promise<NeedDto[]> {
  if (items.length === 0) return [];
  const needs = items.map((x) => x.need);
  const clientIds = [...new Set(needs.flatMap((n) => (n.clientId ? [n.clientId] : [])))];
  const [names, facts, consents, delivered] = await Promise.all([
    stationNames(ctx.db, [...new Set(needs.map((n) => n.stationId))]),
    repo.clientFacts(ctx.db, clientIds),
    repo.sharingConsents(ctx.db, clientIds),
    repo.deliveredByNeed(ctx.db, needs.map((n) => n.id)),
  ]);
  return items.map(({ need: n, inScope }) => {
    const name = n.clientId ? (facts.get(n.clientId)?.name ?? '') : null;
    return {
      id: n.id, stationId: n.stationId, stationName: names.get(n.stationId) ?? '', source: n.source,
      clientId: inScope ? n.clientId : null,
      clientLabel: name === null ? null : inScope && readsClients(ctx) ? name : maskName(name),
      caseId: inScope ? n.caseId : null,
      clientConsent: n.clientId ? consents.has(n.clientId) : null,
      domain: n.domain, targetGroup: n.targetGroup, kind: n.kind, quantity: n.quantity, delivered: delivered.get(n.id) ?? 0,
      // Out of scope the worker's own words may name the client: only the domain shows.
      title: inScope ? n.title : `${SERVICE_DOMAIN_LABELS[n.domain]}需求`, description: inScope ? n.description : null, place: inScope ? n.place : '', neededBy: n.neededBy, status: n.status, metOn: n.metOn,
      publicText: n.publicText, publicState: n.publicState, inScope, version: n.version, createdAt: n.createdAt.toISOString(),
    };
  });
}

async function needDto(ctx: Ctx, need: NeedRow): Promise<NeedDto> {
  const [d] = await needDtos(ctx, [{ need, inScope: true }]);
  if (!d) throw new Error('no dto');
  return d;
}

async function offerDtos(ctx: Ctx, rows: OfferRow[]): Promise<OfferDto[]> {
  const names = await stationNames(ctx.db, [...new Set(rows.map((o) => o.stationId))]);
  return rows.map((o) => ({
    id: o.id, stationId: o.stationId, stationName: names.get(o.stationId) ?? '', donorKind: o.donorKind, donorName: o.donorName,
    partnerId: o.partnerId, kind: o.kind, itemName: o.itemName, quantity: o.quantity, reserved: o.reserved, delivered: o.delivered,
    available: o.quantity - o.reserved, domain: o.domain, place: o.place, availableFrom: o.availableFrom, availableTo: o.availableTo,
    wishDomain: o.wishDomain, wishTargetGroup: o.wishTargetGroup, wishStationId: o.wishStationId, wishNeedId: o.wishNeedId,
    thankPublicly: o.thankPublicly, publicName: o.publicName, note: o.note, version: o.version, createdAt: o.createdAt.toISOString(),
  }));
}

async function matchDtos(ctx: Ctx, rows: MatchRow[]): Promise<MatchDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((m) => m.id);
  const [needs, offers, deliveries, proofs] = await Promise.all([
    repo.needsWithScope(ctx, [...new Set(rows.map((m) => m.needId))]),
    ctx.db.select().from(resourceOffers).where(sql`${resourceOffers.id} IN ${[...new Set(rows.map((m) => m.offerId))]}`),
    repo.deliveriesOf(ctx.db, ids),
    repo.proofFilesOf(ctx.db, ids),
  ]);
  const needById = new Map((await needDtos(ctx, needs)).map((n) => [n.id, n]));
  const offerById = new Map(offers.map((o) => [o.id, o]));
  const people = await userDisplayNames(ctx.db, [...rows.flatMap((m) => [m.proposedBy, ...(m.decidedBy ? [m.decidedBy] : [])]), ...deliveries.map((d) => d.recordedBy)]);
  const used = new Set(deliveries.flatMap((d) => d.proofFileIds));
  const meta = (f: (typeof proofs)[number]) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, createdAt: f.createdAt.toISOString() });
  return rows.map((m) => {
    const n = needById.get(m.needId);
    const o = offerById.get(m.offerId);
    const mine = proofs.filter((f) => f.ownerId === m.id);
    return {
      id: m.id, needId: m.needId, offerId: m.offerId,
      need: { title: n?.title ?? '', clientLabel: n?.clientLabel ?? null, stationName: n?.stationName ?? '', inScope: n?.inScope ?? false },
      offer: { donorName: o?.donorName ?? '', kind: o?.kind ?? 'goods', itemName: o?.itemName ?? '' },
      quantity: m.quantity, delivered: m.delivered, sharesClient: m.sharesClient, status: m.status, note: m.note,
      proposedById: m.proposedBy, proposedByName: people.get(m.proposedBy) ?? '', decidedByName: m.decidedBy ? (people.get(m.decidedBy) ?? '') : null,
      decisionComment: m.decisionComment,
      pendingProofs: mine.filter((f) => !used.has(f.id)).map(meta),
      deliveries: deliveries
        .filter((d) => d.matchId === m.id)
        .map((d) => ({
          id: d.id, quantity: d.quantity, deliveredOn: d.deliveredOn, note: d.note, recordedByName: people.get(d.recordedBy) ?? '', publicPhotoId: d.publicPhotoId,
          proofs: mine.filter((f) => d.proofFileIds.includes(f.id)).map(meta),
        })),
      version: m.version, createdAt: m.createdAt.toISOString(),
    };
  });
}

async function matchDto(ctx: Ctx, row: MatchRow): Promise<MatchDto> {
  const [d] = await matchDtos(ctx, [row]);
  if (!d) throw new Error('no dto');
  return d;
}

// Needs

export async function listNeeds(ctx: Ctx, q: z.output<typeof c.listNeeds.query>) {
  const { rows, counted } = await repo.listNeeds(ctx, q);
  return { items: await needDtos(ctx, rows.map((need) => ({ need, inScope: true }))), ...counted, page: q.page, pageSize: q.pageSize };
}

export async function getNeed(ctx: Ctx, id: string) {
  const need = await repo.findNeed(ctx, id);
  return { need: await needDto(ctx, need), matches: await matchDtos(ctx, await repo.matchesOf(ctx.db, { needId: id })) };
}

export async function createNeed(ctx: Ctx, body: z.output<typeof c.createNeed.body>): Promise<NeedDto> {
  let place: { stationId: string; scopePath: string; clientId: string | null; caseId: string | null; targetGroup: NeedRow['targetGroup'] };
  if (body.source === 'community') {
    const station = await stationFor(ctx, body.stationId);
    place = { stationId: station.station.id, scopePath: station.station.scopePath, clientId: null, caseId: null, targetGroup: body.targetGroup };
  } else {
    let clientId = body.clientId;
    let caseId: string | null = null;
    if (body.source === 'case') {
      const found = await findCase(ctx, body.caseId ?? '').catch(() => null);
      if (!found) throw invalid([{ path: 'caseId', message: '未找到该个案（须在您的管辖范围内）' }]);
      clientId = found.clientId;
      caseId = found.id;
    }
    const [client] = await clientsOpenForWork(ctx, [clientId ?? ''], null, body.source === 'case' ? 'caseId' : 'clientId');
    if (!client) throw invalid([{ path: 'clientId', message: '未找到该服务对象' }]);
    place = {
      stationId: client.stationId, scopePath: client.scopePath, clientId: client.id, caseId,
      targetGroup: body.targetGroup ?? client.targetGroups[0] ?? null,
    };
  }
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(resourceNeeds)
      .values({
        ...place, source: body.source, domain: body.domain, kind: body.kind, quantity: body.quantity, title: body.title,
        description: body.description, place: body.place, neededBy: body.neededBy, createdBy: actorOf(tx).id,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'resource.need.create', objectType: 'resource_need', objectId: row.id,
      after: { source: row.source, clientId: row.clientId, caseId: row.caseId, domain: row.domain, kind: row.kind, quantity: row.quantity },
    });
    return needDto(tx, row);
  });
}

async function saveNeed(ctx: Ctx, row: NeedRow, version: number, values: Partial<typeof resourceNeeds.$inferInsert>, action: AuditAction, detail: string): Promise<NeedDto> {
  const [after] = await ctx.db
    .update(resourceNeeds)
    .set({ ...values, version: sql`${resourceNeeds.version} + 1`, updatedAt: new Date() })
    .where(and(eq(resourceNeeds.id, row.id), eq(resourceNeeds.version, version)))
    .returning();
  if (!after) throw versionConflict();
  await writeAudit(ctx, {
    action, objectType: 'resource_need', objectId: row.id, detail,
    before: { status: row.status, publicState: row.publicState }, after: { status: after.status, publicState: after.publicState },
  });
  return needDto(ctx, after);
}

export async function closeNeed(ctx: Ctx, id: string, body: z.output<typeof c.closeNeed.body>): Promise<NeedDto> {
  return inTransaction(ctx, async (tx) => {
    const need = await repo.findNeed(tx, id);
    if (need.status === 'met' || need.status === 'cancelled') throw new AppError('CONFLICT', '该需求已关闭');
    const matches = await repo.matchesOf(tx.db, { needId: id });
    if (body.outcome === 'met') {
      const [delivery] = await tx.db.select({ id: resourceDeliveries.id, on: resourceDeliveries.deliveredOn }).from(resourceDeliveries)
        .where(eq(resourceDeliveries.needId, id)).orderBy(sql`${resourceDeliveries.deliveredOn} DESC`).limit(1);
      if (!delivery) throw ruleViolation('R-RESOURCES-DELIVERY', '该需求还没有交付记录，不能标记为已满足；请先在对接中登记交付并上传凭证');
      return saveNeed(tx, need, body.version, { status: 'met', metOn: delivery.on }, 'resource.need.met', body.comment);
    }
    if (matches.some((m) => m.status === 'proposed' || m.status === 'confirmed'))
      throw new AppError('CONFLICT', '该需求还有未完成的对接，请先交付或退回后再撤销');
    return saveNeed(tx, need, body.version, { status: 'cancelled' }, 'resource.need.cancel', body.comment);
  });
}

async function personalDataProblem(ctx: Ctx, need: NeedRow, text: string): Promise<string | null> {
  const facts = need.clientId ? (await repo.clientFacts(ctx.db, [need.clientId])).get(need.clientId) : undefined;
  const found = personalDataIn(text, { name: facts?.name ?? null, address: facts?.address ?? null });
  return found.length ? `公示文字含有${found.join('、')}，不能公开；请改为不能识别个人的描述` : null;
}

export async function requestPublic(ctx: Ctx, id: string, body: z.output<typeof c.requestNeedPublic.body>): Promise<NeedDto> {
  return inTransaction(ctx, async (tx) => {
    const need = await repo.findNeed(tx, id);
    if (need.status === 'cancelled') throw new AppError('CONFLICT', '已撤销的需求不能公示');
    const problem = await personalDataProblem(tx, need, body.publicText);
    if (problem) throw ruleViolation('R-RESOURCES-PUBLIC', problem);
    return saveNeed(tx, need, body.version, { publicText: body.publicText, publicState: 'pending', publicRequestedBy: actorOf(tx).id, publishedBy: null, publishedAt: null },
      'resource.need.public-request', '提交公示待审核');
  });
}

export async function reviewPublic(ctx: Ctx, id: string, body: z.output<typeof c.reviewNeedPublic.body>): Promise<NeedDto> {
  return inTransaction(ctx, async (tx) => {
    const need = await repo.findNeed(tx, id);
    if (body.decision === 'withdraw') {
      if (need.publicState !== 'published') throw new AppError('CONFLICT', '该需求未在公示墙上');
      return saveNeed(tx, need, body.version, { publicState: 'none', publishedBy: null, publishedAt: null }, 'resource.need.unpublish', '撤下公示');
    }
    if (need.publicState !== 'pending') throw new AppError('CONFLICT', '该需求没有待审核的公示文字');
    if (need.publicRequestedBy === actorOf(tx).id)
      throw ruleViolation('R-FOUR-EYES', '公示文字是您本人提交的，须由社工站的另一人审核');
    if (body.decision === 'return') return saveNeed(tx, need, body.version, { publicState: 'none' }, 'resource.need.public-return', '退回公示');
    const problem = await personalDataProblem(tx, need, need.publicText);
    if (problem) throw ruleViolation('R-RESOURCES-PUBLIC', problem);
    return saveNeed(tx, need, body.version, { publicState: 'published', publishedBy: actorOf(tx).id, publishedAt: new Date() }, 'resource.need.publish', '审核通过并公开');
  });
}

const wishOf = (o: OfferRow): DonorWish => ({ domain: o.wishDomain, targetGroup: o.wishTargetGroup, stationId: o.wishStationId, needId: o.wishNeedId });
const wishNeed = (n: NeedRow) => ({ id: n.id, domain: n.domain, targetGroups: n.targetGroup ? [n.targetGroup] : [], stationId: n.stationId });

export async function suggestions(ctx: Ctx, id: string) {
  const need = await repo.findNeed(ctx, id);
  const found = await repo.suggestOffers(ctx, need);
  const dtos = await offerDtos(ctx, found.map((f) => f.offer));
  return {
    items: found.map(({ offer, score }, i) => {
      const reasons: string[] = [];
      if (offer.domain === need.domain || offer.wishDomain === need.domain) reasons.push(`领域相同：${SERVICE_DOMAIN_LABELS[need.domain]}`);
      if (offer.wishTargetGroup && offer.wishTargetGroup === need.targetGroup) reasons.push(`定向${TARGET_GROUP_LABELS[offer.wishTargetGroup]}`);
      if (offer.wishNeedId === need.id) reasons.push('定向本需求');
      if (offer.stationId === need.stationId) reasons.push('同一社工站');
      else if (need.scopePath.startsWith(offer.scopePath)) reasons.push('同一镇街');
      if (offer.availableFrom || offer.availableTo) reasons.push(`可用期 ${offer.availableFrom ?? '…'} 至 ${offer.availableTo ?? '…'}`);
      const dto = dtos[i];
      if (!dto) throw new Error('no dto');
      return { offer: dto, score, reasons, wishProblem: wishProblem(wishOf(offer), wishNeed(need)) };
    }),
  };
}

// Offers

export async function listOffers(ctx: Ctx, q: z.output<typeof c.listOffers.query>) {
  const { rows, counted } = await repo.listOffers(ctx, q);
  return { items: await offerDtos(ctx, rows), ...counted, page: q.page, pageSize: q.pageSize };
}

export async function getOffer(ctx: Ctx, id: string) {
  const offer = await repo.findOffer(ctx, id);
  const [dto] = await offerDtos(ctx, [offer]);
  if (!dto) throw new Error('no dto');
  return { offer: dto, matches: await matchDtos(ctx, await repo.matchesOf(ctx.db, { offerId: id })) };
}

export async function createOffer(ctx: Ctx, body: z.output<typeof c.createOffer.body>): Promise<OfferDto> {
  const station = await stationFor(ctx, body.stationId);
  if (body.wishNeedId) await repo.findNeed(ctx, body.wishNeedId).catch(() => {
    throw invalid([{ path: 'wishNeedId', message: '未找到定向的需求（须在您的管辖范围内）' }]);
  });
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(resourceOffers)
      .values({
        stationId: station.station.id, scopePath: station.station.scopePath, donorKind: body.donorKind, donorName: body.donorName,
        partnerId: body.donorKind === 'partner' ? body.partnerId : null, kind: body.kind, itemName: body.itemName, quantity: body.quantity,
        domain: body.domain, place: body.place, availableFrom: body.availableFrom, availableTo: body.availableTo,
        wishDomain: body.wishDomain, wishTargetGroup: body.wishTargetGroup, wishStationId: body.wishStationId, wishNeedId: body.wishNeedId,
        thankPublicly: body.thankPublicly, publicName: body.thankPublicly ? body.publicName : '', note: body.note, createdBy: actorOf(tx).id,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'resource.offer.create', objectType: 'resource_offer', objectId: row.id,
      after: { donorKind: row.donorKind, donorName: row.donorName, kind: row.kind, quantity: row.quantity, wish: wishOf(row) },
    });
    const [dto] = await offerDtos(tx, [row]);
    if (!dto) throw new Error('no dto');
    return dto;
  });
}

// Matches

async function checkConsent(ctx: Ctx, need: NeedRow, sharesClient: boolean): Promise<void> {
  if (!sharesClient || !need.clientId) return;
  const consents = await repo.sharingConsents(ctx.db, [need.clientId]);
  if (!consents.has(need.clientId))
    throw ruleViolation('R-RESOURCES-CONSENT', '服务对象尚未同意向资源提供方共享其信息；请先在服务对象页面记录“同意向资源提供方共享信息”，或选择不共享服务对象信息');
}

export async function propose(ctx: Ctx, body: z.output<typeof c.proposeMatch.body>): Promise<MatchDto> {
  return inTransaction(ctx, async (tx) => {
    const need = await repo.findNeed(tx, body.needId).catch(() => {
      throw invalid([{ path: 'needId', message: '未找到该需求（须在您的管辖范围内）' }]);
    });
    const offer = await repo.findOffer(tx, body.offerId).catch(() => {
      throw invalid([{ path: 'offerId', message: '未找到该资源（须在您的管辖范围内）' }]);
    });
    if (need.status !== 'open' && need.status !== 'matched') throw new AppError('CONFLICT', '该需求已关闭');
    if (offer.kind !== need.kind) throw invalid([{ path: 'offerId', message: '资源类型与需求不符' }]);
    const problem = wishProblem(wishOf(offer), wishNeed(need));
    if (problem) throw ruleViolation('R-RESOURCES-WISH', `${problem}，须尊重捐赠人意愿`);
    await checkConsent(tx, need, body.sharesClient);
    // One conditional UPDATE: two proposals at once cannot both take the last of an offer.
    const [held] = await tx.db
      .update(resourceOffers)
      .set({ reserved: sql`${resourceOffers.reserved} + ${body.quantity}`, updatedAt: new Date() })
      .where(and(eq(resourceOffers.id, offer.id), sql`${resourceOffers.reserved} + ${body.quantity} <= ${resourceOffers.quantity}`))
      .returning({ reserved: resourceOffers.reserved });
    if (!held) {
      const [now] = await tx.db.select({ q: resourceOffers.quantity, r: resourceOffers.reserved }).from(resourceOffers).where(eq(resourceOffers.id, offer.id));
      throw ruleViolation('R-RESOURCES-DELIVERY', `超过资源可对接的余量（尚余${(now?.q ?? 0) - (now?.r ?? 0)}）`);
    }
    const [row] = await tx.db
      .insert(resourceMatches)
      .values({
        needId: need.id, offerId: offer.id, stationId: need.stationId, scopePath: need.scopePath, quantity: body.quantity,
        sharesClient: body.sharesClient && !!need.clientId, note: body.note, proposedBy: actorOf(tx).id,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'resource.match.propose', objectType: 'resource_match', objectId: row.id,
      after: { needId: need.id, offerId: offer.id, quantity: row.quantity, sharesClient: row.sharesClient },
    });
    return matchDto(tx, row);
  });
}

export async function decide(ctx: Ctx, id: string, body: z.output<typeof c.decideMatch.body>): Promise<MatchDto> {
  return inTransaction(ctx, async (tx) => {
    const match = await repo.findMatch(tx, id);
    if (match.status !== 'proposed') throw new AppError('CONFLICT', '该对接没有待确认的事项');
    if (match.proposedBy === actorOf(tx).id) throw ruleViolation('R-FOUR-EYES', '对接是您本人提出的，须由社工站的另一人确认');
    if (!body.approve && !body.comment) throw invalid([{ path: 'comment', message: '退回时请填写意见' }]);
    const need = await repo.findNeed(tx, match.needId);
    const [offer] = await tx.db.select().from(resourceOffers).where(eq(resourceOffers.id, match.offerId));
    if (!offer) throw notFound('资源');
    if (body.approve) {
      const problem = wishProblem(wishOf(offer), wishNeed(need));
      if (problem) throw ruleViolation('R-RESOURCES-WISH', `${problem}，须尊重捐赠人意愿`);
      await checkConsent(tx, need, match.sharesClient);
    } else {
      await tx.db.update(resourceOffers).set({ reserved: sql`${resourceOffers.reserved} - ${match.quantity}`, updatedAt: new Date() }).where(eq(resourceOffers.id, offer.id));
    }
    const [after] = await tx.db
      .update(resourceMatches)
      .set({ status: body.approve ? 'confirmed' : 'rejected', decidedBy: actorOf(tx).id, decidedAt: new Date(), decisionComment: body.comment, version: sql`${resourceMatches.version} + 1` })
      .where(and(eq(resourceMatches.id, id), eq(resourceMatches.version, body.version), eq(resourceMatches.status, 'proposed')))
      .returning();
    if (!after) throw versionConflict();
    if (body.approve && need.status === 'open')
      await tx.db.update(resourceNeeds).set({ status: 'matched', version: sql`${resourceNeeds.version} + 1`, updatedAt: new Date() }).where(eq(resourceNeeds.id, need.id));
    await writeAudit(tx, {
      action: body.approve ? 'resource.match.confirm' : 'resource.match.reject', objectType: 'resource_match', objectId: id,
      before: { status: match.status }, after: { status: after.status }, detail: body.comment,
    });
    return matchDto(tx, after);
  });
}

export async function attachProof(ctx: Ctx, id: string, request: FastifyRequest) {
  const match = await repo.findMatch(ctx, id);
  if (match.status === 'rejected') throw new AppError('CONFLICT', '已退回的对接不能上传凭证');
  const upload = await readUpload(request, PROOF_TYPES);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(files)
      .values({ ownerType: 'resource_match', ownerId: id, scopePath: match.scopePath, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt });
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'resource.match.proof', objectType: 'resource_match', objectId: id, after: { fileId: row.id, name: row.name, mime: row.mime, size: row.size } });
    return { ...row, createdAt: row.createdAt.toISOString() };
  });
}

export async function proof(ctx: Ctx, id: string, fileId: string) {
  await repo.findMatch(ctx, id);
  const [file] = await ctx.db.select().from(files).where(and(eq(files.id, fileId), eq(files.ownerType, 'resource_match'), eq(files.ownerId, id)));
  if (!file) throw notFound('凭证');
  return file;
}

export async function deliver(ctx: Ctx, id: string, body: z.output<typeof c.recordDelivery.body>): Promise<MatchDto> {
  if (body.deliveredOn > chinaToday()) throw invalid([{ path: 'deliveredOn', message: '交付日期不能晚于今天' }]);
  return inTransaction(ctx, async (tx) => {
    const match = await repo.findMatch(tx, id);
    if (match.status !== 'confirmed') throw ruleViolation('R-RESOURCES-DELIVERY', match.status === 'proposed' ? '对接尚未经确认，不能登记交付' : '该对接已交付完毕或已退回');
    const proofIds = [...new Set(body.proofFileIds)];
    const [proofs, earlier] = await Promise.all([repo.proofFilesOf(tx.db, [id]), repo.deliveriesOf(tx.db, [id])]);
    const used = new Set(earlier.flatMap((d) => d.proofFileIds));
    const usable = new Set(proofs.filter((f) => !used.has(f.id)).map((f) => f.id));
    if (proofIds.length === 0) throw ruleViolation('R-RESOURCES-DELIVERY', '请先上传交付凭证（照片或收据）再登记交付');
    if (proofIds.some((f) => !usable.has(f))) throw invalid([{ path: 'proofFileIds', message: '凭证须是本对接上传且未用于其他交付的文件' }]);
    const photo = body.publicPhoto ? proofs.find((f) => f.id === body.publicPhoto?.fileId) : undefined;
    if (body.publicPhoto) {
      if (!photo || !proofIds.includes(photo.id) || !photo.mime.startsWith('image/'))
        throw invalid([{ path: 'publicPhoto.fileId', message: '公开的照片须是本次交付凭证中的一张照片' }]);
      const [need] = await tx.db.select().from(resourceNeeds).where(eq(resourceNeeds.id, match.needId));
      // A client's photo shown in public is sharing about them: their consent first.
      if (need) await checkConsent(tx, need, true);
    }
    // Conditional UPDATEs: two deliveries at once cannot together pass what was matched.
    const [moved] = await tx.db
      .update(resourceMatches)
      .set({
        delivered: sql`${resourceMatches.delivered} + ${body.quantity}`,
        status: sql`CASE WHEN ${resourceMatches.delivered} + ${body.quantity} = ${resourceMatches.quantity} THEN 'delivered' ELSE 'confirmed' END`,
        version: sql`${resourceMatches.version} + 1`,
      })
      .where(and(eq(resourceMatches.id, id), eq(resourceMatches.status, 'confirmed'), sql`${resourceMatches.delivered} + ${body.quantity} <= ${resourceMatches.quantity}`))
      .returning();
    if (!moved) {
      const [now] = await tx.db.select({ q: resourceMatches.quantity, d: resourceMatches.delivered }).from(resourceMatches).where(eq(resourceMatches.id, id));
      throw ruleViolation('R-RESOURCES-DELIVERY', `交付数量超过对接所余（尚可交付${(now?.q ?? 0) - (now?.d ?? 0)}）`);
    }
    const [offer] = await tx.db
      .update(resourceOffers)
      .set({ delivered: sql`${resourceOffers.delivered} + ${body.quantity}`, updatedAt: new Date() })
      .where(and(eq(resourceOffers.id, match.offerId), sql`${resourceOffers.delivered} + ${body.quantity} <= ${resourceOffers.reserved}`))
      .returning({ kind: resourceOffers.kind });
    if (!offer) throw ruleViolation('R-RESOURCES-DELIVERY', '交付数量超过资源所余');
    const [delivery] = await tx.db
      .insert(resourceDeliveries)
      .values({
        matchId: id, needId: match.needId, offerId: match.offerId, stationId: match.stationId, scopePath: match.scopePath, kind: offer.kind,
        quantity: body.quantity, deliveredOn: body.deliveredOn, note: body.note, proofFileIds: proofIds, recordedBy: actorOf(tx).id,
        publicPhotoId: photo?.id ?? null,
      })
      .returning({ id: resourceDeliveries.id });
    if (!delivery) throw new Error('insert returned nothing');
    if (body.needMet)
      await tx.db
        .update(resourceNeeds)
        .set({ status: 'met', metOn: body.deliveredOn, version: sql`${resourceNeeds.version} + 1`, updatedAt: new Date() })
        .where(and(eq(resourceNeeds.id, match.needId), sql`${resourceNeeds.status} IN ('open', 'matched')`));
    await writeAudit(tx, {
      action: 'resource.delivery', objectType: 'resource_match', objectId: id,
      after: { deliveryId: delivery.id, quantity: body.quantity, deliveredOn: body.deliveredOn, proofs: proofIds, needMet: body.needMet, publicPhoto: photo?.id ?? null },
    });
    return matchDto(tx, moved);
  });
}

// The public wall

export async function wallPhoto(ctx: Ctx, fileId: string) {
  const file = await repo.publicPhoto(ctx.db, fileId);
  if (!file) throw notFound('照片');
  return file;
}

const WALL_LIMIT = 60;

export async function wall(ctx: Ctx, q: z.output<typeof c.publicResourceWall.query>) {
  const { needs, thanks } = await repo.publicWall(ctx.db, q.countyCode, WALL_LIMIT);
  return {
    needs: needs.map((n) => ({
      id: n.id, countyName: n.countyName, townName: n.townName, domain: n.domain, targetGroup: n.targetGroup, kind: n.kind, text: n.text,
      neededBy: n.neededBy, status: n.status, publishedOn: n.publishedAt ? chinaDay(n.publishedAt) : '',
    })),
    thanks: thanks.map((t) => ({ ...t })),
  };
}
