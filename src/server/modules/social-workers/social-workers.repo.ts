import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { workerListQuery } from '../../../shared/contracts/social-workers';
import type { WorkerQualifications } from '../../../shared/rules/staffing';
import type { Db } from '../../db/client';
import { organizations, postings, socialWorkers, users, workerCertificates, workerTrainings } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { qualified } from '../../db/sql';
import { likeContains, scopeFilter } from '../../platform/scope';
import { stationNames } from '../stations/stations.repo';

export type WorkerRow = typeof socialWorkers.$inferSelect;
export type PostingRow = typeof postings.$inferSelect;
export type WorkerFilter = Omit<z.output<typeof workerListQuery>, 'page' | 'pageSize'>;

export const workerScope = (ctx: Ctx) => scopeFilter(ctx, { scopePath: socialWorkers.scopePath, orgId: socialWorkers.orgId });

const SORTS: Record<WorkerFilter['sort'], SQL[]> = {
  name: [asc(socialWorkers.name), asc(socialWorkers.id)],
  birthDate: [asc(socialWorkers.birthDate), asc(socialWorkers.id)],
  '-birthDate': [desc(socialWorkers.birthDate), asc(socialWorkers.id)],
  createdAt: [asc(socialWorkers.createdAt), asc(socialWorkers.id)],
  '-createdAt': [desc(socialWorkers.createdAt), asc(socialWorkers.id)],
};

const activePosting = sql`${qualified(postings.workerId)} = ${qualified(socialWorkers.id)} AND ${qualified(postings.endDate)} IS NULL`;

function where(ctx: Ctx, f: WorkerFilter): SQL | undefined {
  const conds: SQL[] = [workerScope(ctx)];
  if (f.q) {
    const tail = /^[0-9Xx]{1,4}$/.test(f.q) ? f.q.toUpperCase() : null;
    const m = tail
      ? or(ilike(socialWorkers.name, likeContains(f.q)), like(socialWorkers.idNumberTail, `%${tail}`))
      : ilike(socialWorkers.name, likeContains(f.q));
    if (m) conds.push(m);
  }
  // The county's segment wherever the root puts it (city or province installation).
  if (f.countyCode) conds.push(like(socialWorkers.scopePath, `%/${f.countyCode}/%`));
  if (f.orgId) conds.push(eq(socialWorkers.orgId, f.orgId));
  if (f.stationId)
    conds.push(sql`EXISTS (SELECT 1 FROM ${postings} WHERE ${activePosting} AND ${qualified(postings.stationId)} = ${f.stationId})`);
  if (f.onPost === 'yes') conds.push(sql`EXISTS (SELECT 1 FROM ${postings} WHERE ${activePosting})`);
  if (f.onPost === 'no') conds.push(sql`NOT EXISTS (SELECT 1 FROM ${postings} WHERE ${activePosting})`);
  return and(...conds);
}

export async function listWorkers(ctx: Ctx, f: WorkerFilter & { page: number; pageSize: number }) {
  const cond = where(ctx, f);
  const [n] = await ctx.db.select({ n: count() }).from(socialWorkers).where(cond);
  const rows = await ctx.db
    .select()
    .from(socialWorkers)
    .where(cond)
    .orderBy(...SORTS[f.sort])
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { rows, total: n?.n ?? 0 };
}

export async function allWorkers(ctx: Ctx, f: WorkerFilter, limit: number): Promise<WorkerRow[]> {
  return ctx.db.select().from(socialWorkers).where(where(ctx, f)).orderBy(...SORTS[f.sort]).limit(limit);
}

export async function findWorker(ctx: Ctx, id: string): Promise<WorkerRow | undefined> {
  const [row] = await ctx.db.select().from(socialWorkers).where(and(eq(socialWorkers.id, id), workerScope(ctx))).limit(1);
  return row;
}

/** Across all scopes: an ID number is unique in the city, whoever registered it. */
export async function workerIdByIndex(db: Db, index: string): Promise<string | undefined> {
  const [row] = await db.select({ id: socialWorkers.id }).from(socialWorkers).where(eq(socialWorkers.idNumberIndex, index));
  return row?.id;
}

/** A posting with its station's and organisation's names, as lists and pages show it. */
export type NamedPosting = PostingRow & { stationName: string; orgName: string | null };

export interface WorkerExtras {
  certificates: (typeof workerCertificates.$inferSelect)[];
  trainings: (typeof workerTrainings.$inferSelect)[];
  postings: NamedPosting[];
}

/** What the staffing rules read of a worker besides their own row. */
export type QualificationRecords = Pick<WorkerExtras, 'certificates' | 'trainings'>;

/**
 * Certificates and trainings of many workers in two queries: enough for qualificationsOf, without
 * the postings' history with station and organisation names that only a worker's page shows.
 */
export async function loadQualificationRecords(db: Db, workerIds: string[]): Promise<Map<string, QualificationRecords>> {
  const out = new Map<string, QualificationRecords>();
  if (workerIds.length === 0) return out;
  const [certs, trainings] = await Promise.all([
    db.select().from(workerCertificates).where(inArray(workerCertificates.workerId, workerIds)).orderBy(asc(workerCertificates.obtainedOn)),
    db.select().from(workerTrainings).where(inArray(workerTrainings.workerId, workerIds)).orderBy(desc(workerTrainings.date)),
  ]);
  for (const id of workerIds) out.set(id, { certificates: [], trainings: [] });
  for (const c of certs) out.get(c.workerId)?.certificates.push(c);
  for (const t of trainings) out.get(t.workerId)?.trainings.push(t);
  return out;
}

/** Postings matching `where`, newest first, named: one query and one for the station names. */
async function namedPostings(db: Db, where: SQL | undefined): Promise<NamedPosting[]> {
  const posts = await db
    .select({ posting: postings, orgName: organizations.name })
    .from(postings)
    .leftJoin(organizations, eq(organizations.id, postings.orgId))
    .where(where)
    .orderBy(desc(postings.startDate));
  const names = await stationNames(db, [...new Set(posts.map((p) => p.posting.stationId))]);
  return posts.map((p) => ({ ...p.posting, stationName: names.get(p.posting.stationId) ?? '', orgName: p.orgName }));
}

/** Each worker's posting of today, if any (a list line shows that one, not the history). */
export async function currentPostings(db: Db, workerIds: string[]): Promise<Map<string, NamedPosting>> {
  if (workerIds.length === 0) return new Map();
  const rows = await namedPostings(db, and(inArray(postings.workerId, workerIds), isNull(postings.endDate)));
  return new Map(rows.map((p) => [p.workerId, p]));
}

/** Certificates, trainings and postings of many workers in four queries. */
export async function loadExtras(db: Db, workerIds: string[]): Promise<Map<string, WorkerExtras>> {
  const out = new Map<string, WorkerExtras>();
  if (workerIds.length === 0) return out;
  const [quals, posts] = await Promise.all([
    loadQualificationRecords(db, workerIds),
    namedPostings(db, inArray(postings.workerId, workerIds)),
  ]);
  for (const [id, q] of quals) out.set(id, { ...q, postings: [] });
  for (const p of posts) out.get(p.workerId)?.postings.push(p);
  return out;
}

export async function orgNamesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function qualificationsOf(w: WorkerRow, x: QualificationRecords): WorkerQualifications {
  return {
    birthDate: w.birthDate,
    education: w.education,
    major: w.major,
    certificates: x.certificates.map((c) => ({ level: c.level, obtainedOn: c.obtainedOn })),
    trainings: x.trainings.map((t) => ({ date: t.date, hours: Number(t.hours) })),
  };
}

export async function activePostingOf(db: Db, workerId: string): Promise<PostingRow | undefined> {
  const [row] = await db.select().from(postings).where(and(eq(postings.workerId, workerId), isNull(postings.endDate))).limit(1);
  return row;
}

export async function findPosting(ctx: Ctx, id: string): Promise<PostingRow | undefined> {
  const [row] = await ctx.db
    .select({ posting: postings })
    .from(postings)
    .innerJoin(socialWorkers, eq(socialWorkers.id, postings.workerId))
    .where(and(eq(postings.id, id), workerScope(ctx)))
    .limit(1);
  return row?.posting;
}

export async function accountOf(db: Db, userId: string | null) {
  if (!userId) return null;
  const [u] = await db.select({ userId: users.id, username: users.username }).from(users).where(eq(users.id, userId));
  return u ?? null;
}

/** Active postings at the given stations, with the posted workers (compliance). */
export async function activePostingsAt(db: Db, stationIds: string[]) {
  if (stationIds.length === 0) return [];
  return db
    .select({ posting: postings, worker: socialWorkers })
    .from(postings)
    .innerJoin(socialWorkers, eq(socialWorkers.id, postings.workerId))
    .where(and(inArray(postings.stationId, stationIds), isNull(postings.endDate)));
}

/** The first day each worker started as a station worker (R-STAFF-CERT3Y counts from it). */
export async function firstPostingDates(db: Db, workerIds: string[]): Promise<Map<string, string>> {
  if (workerIds.length === 0) return new Map();
  const rows = await db
    .select({ workerId: postings.workerId, first: sql<string>`min(${postings.startDate})::text` })
    .from(postings)
    .where(and(inArray(postings.workerId, workerIds), isNotNull(postings.startDate)))
    .groupBy(postings.workerId);
  return new Map(rows.map((r) => [r.workerId, r.first]));
}

