import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../../shared/rules/china-date';
import type { Db } from '../../db/client';
import { files, regions, systemDocuments, users } from '../../db/schema';
import { qualified } from '../../db/sql';
import type { Ctx } from '../../platform/context';
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

/**
 * Per county (of `codes`) and system, the version that stands: the one in force, else the newest
 * superseded, with whether any superseded one exists. At most five rows per county.
 */
export async function currentVersions(ctx: Ctx, codes: string[]) {
  if (codes.length === 0) return [];
  const d = systemDocuments;
  return ctx.db
    .selectDistinctOn([d.countyCode, d.kind], {
      id: d.id, countyCode: d.countyCode, kind: d.kind, title: d.title, version: d.version, effectiveOn: d.effectiveOn, status: d.status,
      hasSuperseded: sql<boolean>`bool_or(${d.status} = 'superseded') OVER (PARTITION BY ${d.countyCode}, ${d.kind})`,
    })
    .from(d)
    .where(and(countyScope(ctx, d.scopePath), inArray(d.countyCode, codes)))
    .orderBy(d.countyCode, d.kind, sql`(${d.status} = 'in_force') DESC`, desc(d.createdAt));
}

/** Versions in force on `today` across the whole scope (one per county and system at most). */
export async function inForceCount(ctx: Ctx, today: string): Promise<number> {
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(systemDocuments)
    .where(and(countyScope(ctx, systemDocuments.scopePath), eq(systemDocuments.status, 'in_force'), lte(systemDocuments.effectiveOn, today)));
  return n?.n ?? 0;
}

/** The county unit whose path starts the given path (an actor's scope), if any. */
export async function countyOfPath(db: Db, path: string) {
  const [row] = await db
    .select({ code: regions.code, name: regions.name, path: regions.path })
    .from(regions)
    .where(and(eq(regions.level, 'county'), sql`${path} LIKE ${regions.path} || '%'`))
    .limit(1);
  return row;
}

export async function listDocuments(ctx: Ctx, where: SQL[], page: number, pageSize: number) {
  const all = and(countyScope(ctx, systemDocuments.scopePath), ...where);
  const [rows, [n]] = await Promise.all([
    ctx.db.select().from(systemDocuments).where(all)
      .orderBy(asc(systemDocuments.countyCode), asc(systemDocuments.kind), desc(systemDocuments.createdAt), asc(systemDocuments.id))
      .limit(pageSize).offset((page - 1) * pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(systemDocuments).where(all),
  ]);
  return { rows, total: n?.n ?? 0 };
}

export async function findDocument(ctx: Ctx, id: string): Promise<SystemDocumentRow | undefined> {
  const [row] = await ctx.db.select().from(systemDocuments).where(and(eq(systemDocuments.id, id), countyScope(ctx, systemDocuments.scopePath))).limit(1);
  return row;
}

/** The version in force of one county's system, locked so two new versions cannot both supersede it. */
export async function inForceForUpdate(db: Db, countyCode: string, kind: SystemDocumentRow['kind']) {
  const [row] = await db
    .select()
    .from(systemDocuments)
    .where(and(eq(systemDocuments.countyCode, countyCode), eq(systemDocuments.kind, kind), eq(systemDocuments.status, 'in_force')))
    .for('update');
  return row;
}

/** Names the DTOs need: counties, file metadata and who registered the document. */
export async function namesFor(db: Db, rows: SystemDocumentRow[]) {
  const codes = [...new Set(rows.map((r) => r.countyCode))];
  const fileIds = rows.flatMap((r) => (r.fileId ? [r.fileId] : []));
  const userIds = [...new Set(rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])))];
  const [counties, fileRows, people] = await Promise.all([
    codes.length ? db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes)) : [],
    fileIds.length
      ? db.select({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt }).from(files).where(inArray(files.id, fileIds))
      : [],
    userIds.length ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds)) : [],
  ]);
  return {
    county: new Map(counties.map((c) => [c.code, c.name])),
    file: new Map(fileRows.map((f) => [f.id, { ...f, createdAt: f.createdAt.toISOString() }])),
    person: new Map(people.map((p) => [p.id, p.name])),
  };
}
