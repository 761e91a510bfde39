import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../../shared/rules/china-date';
import type { SystemDocumentStatus } from '../../../shared/rules/institutional-systems';
import type { Db } from '../../db/client';
import { files, regions, systemDocuments } from '../../db/schema';
import { qualified } from '../../db/sql';
import type { Ctx } from '../../platform/context';
import { userDisplayNames } from '../users/users.repo';
import { regionOrAncestorScope } from '../../platform/scope';
import { stationsServedBy } from '../../platform/station-operator';

export type SystemDocumentRow = typeof systemDocuments.$inferSelect;

/**
 * Which county units' systems an actor reads, by a county path column: the city (and province)
 * all within it, a county its own, a town or station its county's (the county's rules govern
 * them), an organisation the counties of the stations it serves today.
 */
export function countyScope(ctx: Ctx, countyPath: AnyPgColumn): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (scope?.kind === 'org') {
    if (!scope.orgId) return sql`false`;
    return sql`EXISTS (SELECT 1 FROM stations sd_s WHERE sd_s.id IN ${stationsServedBy(scope.orgId, chinaToday())}
      AND sd_s.scope_path LIKE ${qualified(countyPath)} || '%')`;
  }
  return regionOrAncestorScope(ctx, countyPath);
}

/** One page of the county units in scope, in code order, and how many there are. */
export async function countiesInScope(ctx: Ctx, page: number, pageSize: number) {
  const where = and(eq(regions.level, 'county'), countyScope(ctx, regions.path));
  const [rows, [n]] = await Promise.all([
    ctx.db.select({ code: regions.code, name: regions.name, path: regions.path }).from(regions).where(where)
      .orderBy(asc(regions.code)).limit(pageSize).offset((page - 1) * pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(regions).where(where),
  ]);
  return { rows, total: n?.n ?? 0 };
}

const versionRef = { id: systemDocuments.id, countyCode: systemDocuments.countyCode, kind: systemDocuments.kind, title: systemDocuments.title, version: systemDocuments.version, effectiveOn: systemDocuments.effectiveOn };

/**
 * Per county (of `codes`) and system, the version that stands on `day` (the latest effective by
 * then, then the latest registered) and the next one waiting to take effect. At most ten rows a county.
 */
export async function standingVersions(ctx: Ctx, codes: string[], day: string) {
  if (codes.length === 0) return { current: [], pending: [] };
  const d = systemDocuments;
  const where = and(countyScope(ctx, d.scopePath), inArray(d.countyCode, codes));
  const [current, pending] = await Promise.all([
    ctx.db.selectDistinctOn([d.countyCode, d.kind], versionRef).from(d).where(and(where, lte(d.effectiveOn, day)))
      .orderBy(d.countyCode, d.kind, desc(d.effectiveOn), desc(d.createdAt), desc(d.id)),
    ctx.db.selectDistinctOn([d.countyCode, d.kind], versionRef).from(d).where(and(where, gt(d.effectiveOn, day)))
      .orderBy(d.countyCode, d.kind, asc(d.effectiveOn), desc(d.createdAt), desc(d.id)),
  ]);
  return { current, pending };
}

/** County-and-system pairs with a version in force on `day` across the whole scope. */
export async function inForceCount(ctx: Ctx, day: string): Promise<number> {
  const d = systemDocuments;
  const [n] = await ctx.db
    .select({ n: sql<number>`count(DISTINCT (${d.countyCode}, ${d.kind}))::int` })
    .from(d)
    .where(and(countyScope(ctx, d.scopePath), lte(d.effectiveOn, day)));
  return n?.n ?? 0;
}

/**
 * A later version of the same county and system already effective on `day`: the row compares
 * (effective_on, created_at, id) as the standing order does, so of two on one date the later registered stands.
 */
function successors(day: string) {
  const d = systemDocuments;
  return sql`FROM system_documents n WHERE n.county_code = ${qualified(d.countyCode)} AND n.kind = ${qualified(d.kind)}
    AND n.effective_on <= ${day} AND (n.effective_on, n.created_at, n.id) > (${qualified(d.effectiveOn)}, ${qualified(d.createdAt)}, ${qualified(d.id)})`;
}

/** The documents of a status on `day` (see SystemDocumentStatus). */
export function statusOn(status: SystemDocumentStatus, day: string): SQL {
  const d = systemDocuments;
  if (status === 'pending') return gt(d.effectiveOn, day);
  if (status === 'superseded') return sql`EXISTS (SELECT 1 ${successors(day)})`;
  return sql`${d.effectiveOn} <= ${day} AND NOT EXISTS (SELECT 1 ${successors(day)})`;
}

export type DocumentOn = SystemDocumentRow & { status: SystemDocumentStatus; supersededOn: string | null };

/** Each row's status on `day`, and the day its successor took effect. */
function withStatus(db: Db, day: string, where: SQL | undefined) {
  const d = systemDocuments;
  return db
    .select({ row: d, pending: sql<boolean>`${d.effectiveOn} > ${day}`, supersededOn: sql<string | null>`(SELECT min(n.effective_on)::text ${successors(day)})` })
    .from(d)
    .where(where);
}

const statusOf = ({ row, pending, supersededOn }: { row: SystemDocumentRow; pending: boolean; supersededOn: string | null }): DocumentOn => ({
  ...row, supersededOn, status: pending ? 'pending' : supersededOn ? 'superseded' : 'in_force',
});

/** The county unit whose path starts the given path (an actor's scope), if any. */
export async function countyOfPath(db: Db, path: string) {
  const [row] = await db
    .select({ code: regions.code, name: regions.name, path: regions.path })
    .from(regions)
    .where(and(eq(regions.level, 'county'), sql`${path} LIKE ${regions.path} || '%'`))
    .limit(1);
  return row;
}

export async function listDocuments(ctx: Ctx, where: SQL[], day: string, page: number, pageSize: number) {
  const all = and(countyScope(ctx, systemDocuments.scopePath), ...where);
  const d = systemDocuments;
  const [rows, [n]] = await Promise.all([
    withStatus(ctx.db, day, all)
      .orderBy(asc(d.countyCode), asc(d.kind), desc(d.effectiveOn), desc(d.createdAt), desc(d.id))
      .limit(pageSize).offset((page - 1) * pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(d).where(all),
  ]);
  return { rows: rows.map(statusOf), total: n?.n ?? 0 };
}

export async function findDocument(ctx: Ctx, id: string, day: string): Promise<DocumentOn | undefined> {
  const [row] = await withStatus(ctx.db, day, and(eq(systemDocuments.id, id), countyScope(ctx, systemDocuments.scopePath))).limit(1);
  return row ? statusOf(row) : undefined;
}

/** The latest version of one county's system by the standing order; locks the pair so registrations of it queue. */
export async function latestVersionLocked(db: Db, countyCode: string, kind: SystemDocumentRow['kind']) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('system_documents'), hashtext(${`${countyCode}/${kind}`}))`);
  const d = systemDocuments;
  const [row] = await db.select().from(d).where(and(eq(d.countyCode, countyCode), eq(d.kind, kind)))
    .orderBy(desc(d.effectiveOn), desc(d.createdAt), desc(d.id)).limit(1);
  return row;
}

/** Names the DTOs need: counties, file metadata and who registered the document. */
export async function namesFor(db: Db, rows: SystemDocumentRow[]) {
  const codes = [...new Set(rows.map((r) => r.countyCode))];
  const fileIds = rows.flatMap((r) => (r.fileId ? [r.fileId] : []));
  const [counties, fileRows, people] = await Promise.all([
    codes.length ? db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes)) : [],
    fileIds.length
      ? db.select({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt }).from(files).where(inArray(files.id, fileIds))
      : [],
    userDisplayNames(db, rows.flatMap((r) => (r.createdBy ? [r.createdBy] : []))),
  ]);
  return {
    county: new Map(counties.map((c) => [c.code, c.name])),
    file: new Map(fileRows.map((f) => [f.id, { ...f, createdAt: f.createdAt.toISOString() }])),
    person: people,
  };
}
