import { and, asc, desc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { clientConsents, clients, files, publicityPosts, stationBrands } from '../../db/schema';
import { actorOf, type Ctx } from '../../platform/context';
import { stationRecordScope } from '../../platform/scope';
import { stationNames } from '../stations/stations.repo';

export type PostRow = typeof publicityPosts.$inferSelect;

const inStationScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: publicityPosts.scopePath, stationId: publicityPosts.stationId });

/**
 * Who reads a post: the station's own writers (its workers, its operator) all of them, drafts
 * included; officers once submitted, and their own drafts (a draft is the writers' until sent).
 */
export function readScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const actor = actorOf(ctx);
  const scope = inStationScope(ctx);
  const stationWriter = actor.permissions.has('publicity:write') && (actor.scope.kind === 'station' || actor.scope.kind === 'org');
  if (stationWriter) return scope;
  return and(scope, or(ne(publicityPosts.status, 'draft'), eq(publicityPosts.authorId, actor.id))) ?? sql`false`;
}

/**
 * Submitted and waiting for this officer's own county (the district reviews its stations' posts),
 * written and submitted by someone else (R-FOUR-EYES): the list 待审核 and the workbench agree.
 */
export function toReviewBy(ctx: Ctx): SQL {
  const actor = actorOf(ctx);
  if (!actor.permissions.has('publicity:review') || actor.scope.kind !== 'county' || !actor.scope.path) return sql`false`;
  return (
    and(
      eq(publicityPosts.status, 'submitted'),
      sql`${publicityPosts.scopePath} LIKE ${`${actor.scope.path}%`}`,
      ne(publicityPosts.authorId, actor.id),
      or(isNull(publicityPosts.submittedBy), ne(publicityPosts.submittedBy, actor.id)),
    ) ?? sql`false`
  );
}

/**
 * The workbench's 社工故事待审核: the posts toReviewBy finds, oldest first, with the station's name; counted in the database.
 */
export async function forWorkbench(ctx: Ctx, limit: number) {
  const where = toReviewBy(ctx);
  const [rows, [n]] = await Promise.all([
    ctx.db.select({ id: publicityPosts.id, kind: publicityPosts.kind, title: publicityPosts.title, stationId: publicityPosts.stationId, submittedAt: publicityPosts.submittedAt })
      .from(publicityPosts).where(where).orderBy(asc(publicityPosts.submittedAt), asc(publicityPosts.id)).limit(limit),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(publicityPosts).where(where),
  ]);
  const names = await stationNames(ctx.db, [...new Set(rows.map((r) => r.stationId))]);
  return { rows: rows.map((r) => ({ ...r, stationName: names.get(r.stationId) ?? '' })), total: n?.n ?? 0 };
}

export async function findPost(ctx: Ctx, id: string): Promise<PostRow | undefined> {
  const [row] = await ctx.db.select().from(publicityPosts).where(and(eq(publicityPosts.id, id), readScope(ctx))).limit(1);
  return row;
}

/** What a row of the list shows: never the body, photos, history or linked clients of a post. */
const listColumns = {
  id: publicityPosts.id, kind: publicityPosts.kind, stationId: publicityPosts.stationId, title: publicityPosts.title, status: publicityPosts.status,
  authorId: publicityPosts.authorId, submittedAt: publicityPosts.submittedAt, publishedAt: publicityPosts.publishedAt, returnReason: publicityPosts.returnReason,
};

export async function listPosts(ctx: Ctx, where: SQL, page: number, pageSize: number) {
  const [rows, [n]] = await Promise.all([
    ctx.db.select(listColumns).from(publicityPosts).where(where).orderBy(desc(publicityPosts.updatedAt), desc(publicityPosts.id)).limit(pageSize).offset((page - 1) * pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(publicityPosts).where(where),
  ]);
  return { rows, total: n?.n ?? 0 };
}

/** The station's clients among `ids`, each with whether a sharing consent (共享同意) is on file. */
export async function stationClients(db: Db, stationId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const [rows, consents] = await Promise.all([
    db.select({ id: clients.id, name: clients.name, address: clients.address }).from(clients).where(and(eq(clients.stationId, stationId), inArray(clients.id, [...ids]))),
    db.selectDistinct({ id: clientConsents.clientId }).from(clientConsents).where(and(inArray(clientConsents.clientId, [...ids]), eq(clientConsents.kind, 'sharing'))),
  ]);
  const consented = new Set(consents.map((c) => c.id));
  return rows.map((r) => ({ ...r, sharingConsent: consented.has(r.id) }));
}

/**
 * Names of any of the station's clients that the text contains (two characters or more): one
 * query over the station's own clients, answered by the station index.
 */
export async function clientNamesIn(db: Db, stationId: string, text: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: clients.name })
    .from(clients)
    .where(and(eq(clients.stationId, stationId), sql`char_length(${clients.name}) >= 2`, sql`strpos(${text}, ${clients.name}) > 0`))
    .limit(5);
  return rows.map((r) => r.name);
}

export async function photoFiles(db: Db, postId: string) {
  return db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt })
    .from(files)
    .where(and(eq(files.ownerType, 'publicity_post'), eq(files.ownerId, postId)))
    .orderBy(files.createdAt);
}

const brandScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: stationBrands.scopePath, stationId: stationBrands.stationId });

/** One page of the brands in scope (optionally of one station), with the total. */
export async function brands(ctx: Ctx, stationId: string | undefined, page: number, pageSize: number) {
  const where = and(brandScope(ctx), stationId ? eq(stationBrands.stationId, stationId) : undefined);
  const [rows, [n]] = await Promise.all([
    ctx.db.select().from(stationBrands).where(where).orderBy(stationBrands.createdAt, stationBrands.id).limit(pageSize).offset((page - 1) * pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(stationBrands).where(where),
  ]);
  return { rows, total: n?.n ?? 0 };
}

export async function findBrand(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(stationBrands).where(and(eq(stationBrands.id, id), brandScope(ctx))).limit(1);
  return row;
}
