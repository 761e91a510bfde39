import { and, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/resources';
import { chinaToday } from '../../../shared/rules/china-date';
import type { Db } from '../../db/client';
import { clientConsents, clients, files, regions, resourceDeliveries, resourceMatches, resourceNeeds, resourceOffers, stations } from '../../db/schema';
import { cappedCount } from '../../platform/capped-count';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { likeContains, stationRecordScope } from '../../platform/scope';

export type NeedRow = typeof resourceNeeds.$inferSelect;
export type OfferRow = typeof resourceOffers.$inferSelect;
export type MatchRow = typeof resourceMatches.$inferSelect;

// Needs, offers and matches are station data: the same scope as clients and cases.
export const needScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: resourceNeeds.scopePath, stationId: resourceNeeds.stationId });
export const offerScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: resourceOffers.scopePath, stationId: resourceOffers.stationId });
export const matchScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: resourceMatches.scopePath, stationId: resourceMatches.stationId });

export async function findNeed(ctx: Ctx, id: string): Promise<NeedRow> {
  const [row] = await ctx.db.select().from(resourceNeeds).where(and(eq(resourceNeeds.id, id), needScope(ctx))).limit(1);
  if (!row) throw notFound('需求');
  return row;
}

export async function findOffer(ctx: Ctx, id: string): Promise<OfferRow> {
  const [row] = await ctx.db.select().from(resourceOffers).where(and(eq(resourceOffers.id, id), offerScope(ctx))).limit(1);
  if (!row) throw notFound('资源');
  return row;
}

export async function findMatch(ctx: Ctx, id: string): Promise<MatchRow> {
  const [row] = await ctx.db.select().from(resourceMatches).where(and(eq(resourceMatches.id, id), matchScope(ctx))).limit(1);
  if (!row) throw notFound('对接');
  return row;
}

/** Needs by id whatever the scope (reached through an offer's matches), each with whether the actor's scope covers it. */
export async function needsWithScope(ctx: Ctx, ids: string[]): Promise<{ need: NeedRow; inScope: boolean }[]> {
  if (ids.length === 0) return [];
  return ctx.db
    .select({ need: resourceNeeds, inScope: sql<boolean>`(${needScope(ctx)})` })
    .from(resourceNeeds)
    .where(inArray(resourceNeeds.id, ids));
}

export async function listNeeds(ctx: Ctx, q: z.output<typeof c.listNeeds.query>) {
  const where: SQL[] = [needScope(ctx)];
  if (q.status) where.push(eq(resourceNeeds.status, q.status));
  if (q.domain) where.push(eq(resourceNeeds.domain, q.domain));
  if (q.stationId) where.push(eq(resourceNeeds.stationId, q.stationId));
  if (q.publicState) where.push(eq(resourceNeeds.publicState, q.publicState));
  if (q.clientId) where.push(eq(resourceNeeds.clientId, q.clientId));
  if (q.keyword) where.push(ilike(resourceNeeds.title, likeContains(q.keyword)));
  const cond = and(...where);
  const counted = await cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(resourceNeeds).where(cond).limit(limit), q);
  const rows = await ctx.db.select().from(resourceNeeds).where(cond).orderBy(desc(resourceNeeds.createdAt), desc(resourceNeeds.id))
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { rows, counted };
}

export async function listOffers(ctx: Ctx, q: z.output<typeof c.listOffers.query>) {
  const where: SQL[] = [offerScope(ctx)];
  if (q.kind) where.push(eq(resourceOffers.kind, q.kind));
  if (q.donorKind) where.push(eq(resourceOffers.donorKind, q.donorKind));
  if (q.stationId) where.push(eq(resourceOffers.stationId, q.stationId));
  if (q.available === 'true') where.push(sql`${resourceOffers.reserved} < ${resourceOffers.quantity}`);
  if (q.keyword) where.push(or(ilike(resourceOffers.donorName, likeContains(q.keyword)), ilike(resourceOffers.itemName, likeContains(q.keyword))) ?? sql`true`);
  const cond = and(...where);
  const counted = await cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(resourceOffers).where(cond).limit(limit), q);
  const rows = await ctx.db.select().from(resourceOffers).where(cond).orderBy(desc(resourceOffers.createdAt), desc(resourceOffers.id))
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { rows, counted };
}

export const SUGGESTION_LIMIT = 20;

/**
 * Offers in the actor's scope that could meet a need, best first: same kind with something left,
 * still available on the day needed; scored by domain, target group (the donor's wish), place
 * (the same station, then the same town) and time. One bounded query.
 */
export async function suggestOffers(ctx: Ctx, need: NeedRow): Promise<{ offer: OfferRow; score: number }[]> {
  const day = need.neededBy ?? chinaToday();
  const score = sql<number>`(
    CASE WHEN ${resourceOffers.domain} = ${need.domain} OR ${resourceOffers.wishDomain} = ${need.domain} THEN 3 ELSE 0 END +
    CASE WHEN ${resourceOffers.wishTargetGroup} IS NOT NULL AND ${resourceOffers.wishTargetGroup} = ${need.targetGroup} THEN 2 ELSE 0 END +
    CASE WHEN ${resourceOffers.wishNeedId} = ${need.id} THEN 5 ELSE 0 END +
    CASE WHEN ${resourceOffers.stationId} = ${need.stationId} THEN 2
         WHEN ${need.scopePath} LIKE ${resourceOffers.scopePath} || '%' THEN 1 ELSE 0 END +
    CASE WHEN ${resourceOffers.availableFrom} IS NOT NULL OR ${resourceOffers.availableTo} IS NOT NULL THEN 1 ELSE 0 END
  )::int`;
  return ctx.db
    .select({ offer: resourceOffers, score })
    .from(resourceOffers)
    .where(
      and(
        offerScope(ctx),
        eq(resourceOffers.kind, need.kind),
        sql`${resourceOffers.reserved} < ${resourceOffers.quantity}`,
        sql`(${resourceOffers.availableFrom} IS NULL OR ${resourceOffers.availableFrom} <= ${day}::date)`,
        sql`(${resourceOffers.availableTo} IS NULL OR ${resourceOffers.availableTo} >= ${day}::date)`,
      ),
    )
    .orderBy(desc(score), desc(resourceOffers.createdAt))
    .limit(SUGGESTION_LIMIT);
}

/** Clients (of the ids) who consented to sharing with a donor (R-RESOURCES-CONSENT). */
export async function sharingConsents(db: Db, clientIds: string[]): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: clientConsents.clientId })
    .from(clientConsents)
    .where(and(inArray(clientConsents.clientId, clientIds), eq(clientConsents.kind, 'sharing')));
  return new Set(rows.map((r) => r.id));
}

export async function clientFacts(db: Db, ids: string[]): Promise<Map<string, { name: string; address: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: clients.id, name: clients.name, address: clients.address }).from(clients).where(inArray(clients.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, address: r.address }]));
}

export async function deliveredByNeed(db: Db, needIds: string[]): Promise<Map<string, number>> {
  if (needIds.length === 0) return new Map();
  const rows = await db
    .select({ id: resourceDeliveries.needId, n: sql<number>`coalesce(sum(${resourceDeliveries.quantity}), 0)`.mapWith(Number) })
    .from(resourceDeliveries)
    .where(inArray(resourceDeliveries.needId, needIds))
    .groupBy(resourceDeliveries.needId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function matchesOf(db: Db, by: { needId?: string; offerId?: string }): Promise<MatchRow[]> {
  const cond = by.needId ? eq(resourceMatches.needId, by.needId) : by.offerId ? eq(resourceMatches.offerId, by.offerId) : sql`false`;
  return db.select().from(resourceMatches).where(cond).orderBy(desc(resourceMatches.createdAt)).limit(200);
}

export async function deliveriesOf(db: Db, matchIds: string[]) {
  if (matchIds.length === 0) return [];
  return db.select().from(resourceDeliveries).where(inArray(resourceDeliveries.matchId, matchIds)).orderBy(resourceDeliveries.deliveredOn);
}

export async function proofFilesOf(db: Db, matchIds: string[]) {
  if (matchIds.length === 0) return [];
  return db
    .select({ id: files.id, ownerId: files.ownerId, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt })
    .from(files)
    .where(and(eq(files.ownerType, 'resource_match'), inArray(files.ownerId, matchIds)));
}

const town = alias(regions, 'rw_town');
const county = alias(regions, 'rw_county');

/** A photo the wall may show: chosen for a delivery with consent, on a published need whose donor agreed to thanks. */
export async function publicPhoto(db: Db, fileId: string) {
  const [row] = await db
    .select({ file: files })
    .from(resourceDeliveries)
    .innerJoin(resourceNeeds, eq(resourceNeeds.id, resourceDeliveries.needId))
    .innerJoin(resourceOffers, eq(resourceOffers.id, resourceDeliveries.offerId))
    .innerJoin(files, and(eq(files.id, resourceDeliveries.publicPhotoId), eq(files.ownerType, 'resource_match'), eq(files.ownerId, resourceDeliveries.matchId)))
    .where(and(eq(resourceDeliveries.publicPhotoId, fileId), eq(resourceNeeds.publicState, 'published'), eq(resourceOffers.thankPublicly, true)))
    .limit(1);
  return row?.file;
}

/** The public wall: published needs still open, and thanks for deliveries whose donor agreed. Bounded. */
export async function publicWall(db: Db, countyCode: string | undefined, limit: number) {
  const countyCond = countyCode ? eq(county.code, countyCode) : sql`true`;
  const needs = await db
    .select({
      id: resourceNeeds.id, domain: resourceNeeds.domain, targetGroup: resourceNeeds.targetGroup, kind: resourceNeeds.kind,
      text: resourceNeeds.publicText, neededBy: resourceNeeds.neededBy, status: resourceNeeds.status, publishedAt: resourceNeeds.publishedAt,
      townName: town.name, countyName: county.shortName,
    })
    .from(resourceNeeds)
    .innerJoin(stations, eq(stations.id, resourceNeeds.stationId))
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(and(eq(resourceNeeds.publicState, 'published'), inArray(resourceNeeds.status, ['open', 'matched']), countyCond))
    .orderBy(desc(resourceNeeds.publishedAt))
    .limit(limit);
  const thanks = await db
    .select({
      id: resourceDeliveries.id, donorName: resourceOffers.publicName, donorKind: resourceOffers.donorKind, kind: resourceOffers.kind,
      itemName: resourceOffers.itemName, quantity: resourceDeliveries.quantity, deliveredOn: resourceDeliveries.deliveredOn,
      needText: resourceNeeds.publicText, townName: town.name, countyName: county.shortName, photoId: resourceDeliveries.publicPhotoId,
    })
    .from(resourceDeliveries)
    .innerJoin(resourceOffers, eq(resourceOffers.id, resourceDeliveries.offerId))
    .innerJoin(resourceNeeds, eq(resourceNeeds.id, resourceDeliveries.needId))
    .innerJoin(stations, eq(stations.id, resourceDeliveries.stationId))
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(and(eq(resourceNeeds.publicState, 'published'), eq(resourceOffers.thankPublicly, true), countyCond))
    .orderBy(desc(resourceDeliveries.deliveredOn), desc(resourceDeliveries.createdAt))
    .limit(limit);
  return { needs, thanks };
}
