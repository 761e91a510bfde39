import { type SQL, and, desc, eq, gte, ilike, inArray, isNotNull, isNull, like, ne, or, sql } from 'drizzle-orm';
import { ARCHIVE_MAX_ATTEMPTS, ARCHIVE_STALE_MINUTES } from '../../../shared/rules/archives';
import type { Db } from '../../db/client';
import { qualified } from '../../db/sql';
import { archiveJobs, contracts, contractStations, files, organizations, users } from '../../db/schema';
import { cappedCount } from '../../platform/capped-count';
import type { Ctx } from '../../platform/context';
import { likeContains } from '../../platform/scope';
import { servedDuringYear, stationsEverServedBy } from '../../platform/station-operator';

export type ArchiveJobRow = typeof archiveJobs.$inferSelect;

/**
 * Who may see an archive of (station, year): region scopes by the station's path; an organisation
 * only for a year it served the station under a contract in force (station-operator), never by
 * the last contract written. A contract's archive: contractArchiveScope.
 *
 * Written as an OR of parts each an index can answer (not a CASE per job). An organisation:
 * station-year jobs by the stations it ever served (archive_jobs_station_year_idx, servedDuringYear
 * rechecks the year), contract jobs by the ids of its contracts, read once (archive_jobs_contract_idx).
 * A region: every job under its path (archive_jobs_scope_idx) — a contract job's scope_path is its
 * contract's, so that is the purchaser's branch of contractArchiveScope too — and the contracts a
 * town has by its stations only, by id (archive_jobs_contract_idx).
 */
export function archiveScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  const contractJobs = (where: SQL) => sql`${qualified(archiveJobs.contractId)} = ANY(ARRAY(SELECT ${qualified(contracts.id)} FROM ${contracts} WHERE ${where}))`;
  if (scope.kind === 'org') {
    if (!scope.orgId) return sql`false`;
    return sql`((${qualified(archiveJobs.contractId)} IS NULL AND ${qualified(archiveJobs.stationId)} = ANY(ARRAY${stationsEverServedBy(scope.orgId)})
      AND ${servedDuringYear(scope.orgId, qualified(archiveJobs.stationId), qualified(archiveJobs.year))}) OR ${contractJobs(contractArchiveScope(ctx))})`;
  }
  if (!scope.path) return sql`false`;
  const region = regionContractParts(scope.path);
  return sql`(${like(archiveJobs.scopePath, `${scope.path}%`)} OR ${contractJobs(sql`NOT ${region.purchaser} AND ${region.town}`)})`;
}

/**
 * A region's two ways to a contract, over `contracts`: the purchaser's unit and above by the
 * contract's path; a town only when every station of the contract is its own (the archive holds
 * each station's cases and records, and a town sees only its own stations'): a station under its
 * path (contract_stations_path_idx) and none outside it.
 */
function regionContractParts(scopePath: string): { purchaser: SQL; town: SQL } {
  const path = `${scopePath}%`;
  return {
    purchaser: sql`${qualified(contracts.scopePath)} LIKE ${path}`,
    town: sql`(${qualified(contracts.id)} IN (SELECT cs.contract_id FROM ${contractStations} cs WHERE cs.station_path LIKE ${path})
    AND NOT EXISTS (SELECT 1 FROM ${contractStations} cs WHERE cs.contract_id = ${qualified(contracts.id)} AND cs.station_path NOT LIKE ${path}))`,
  };
}

/**
 * Who may have a contract's archive, over `contracts`: its contractor; in a region, the
 * purchaser's unit and above or a town holding all its stations (regionContractParts).
 */
export function contractArchiveScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  if (scope.kind === 'org') return scope.orgId ? sql`${qualified(contracts.contractorOrgId)} = ${scope.orgId}` : sql`false`;
  if (!scope.path) return sql`false`;
  const region = regionContractParts(scope.path);
  return sql`(${region.purchaser} OR ${region.town})`;
}

/**
 * The contracts an archive may be requested of, over `contracts`, in two parts so a refused request
 * can say which failed: signed or later with both dates; its term begun by this year's end.
 */
function archivableParts(thisYear: number): { signedWithTerm: SQL<boolean>; begun: SQL<boolean> } {
  return {
    signedWithTerm: sql<boolean>`(${qualified(contracts.status)} <> 'draft' AND ${qualified(contracts.startsOn)} IS NOT NULL AND ${qualified(contracts.endsOn)} IS NOT NULL)`,
    begun: sql<boolean>`coalesce(${qualified(contracts.startsOn)} <= ${`${thisYear}-12-31`}::date, false)`,
  };
}

/** The one rule for the picker's list and the request's check. */
export function archivableContractSql(thisYear: number): SQL<boolean> {
  const p = archivableParts(thisYear);
  return sql<boolean>`(${p.signedWithTerm} AND ${p.begun})`;
}

/** The contract a request names, if the actor may have its archive, with which part of archivableContractSql it meets. */
export async function findContractForArchive(ctx: Ctx, contractId: string, thisYear: number) {
  const p = archivableParts(thisYear);
  const [row] = await ctx.db
    .select({ id: contracts.id, number: contracts.number, title: contracts.title, scopePath: contracts.scopePath, signedWithTerm: p.signedWithTerm, begun: p.begun })
    .from(contracts)
    .where(and(eq(contracts.id, contractId), contractArchiveScope(ctx)));
  return row;
}

/**
 * Contracts the actor may archive and the request would take (archivableContractSql), newest
 * edited first (contracts_updated_idx), found by number, title or contractor: the picker's search,
 * filtered here rather than in the browser.
 */
export async function listArchivableContracts(ctx: Ctx, f: { q?: string; thisYear: number; page: number; pageSize: number }) {
  const term = f.q ? likeContains(f.q) : null;
  const where = and(
    contractArchiveScope(ctx),
    archivableContractSql(f.thisYear),
    term ? or(ilike(contracts.title, term), ilike(contracts.number, term), ilike(organizations.name, term)) : undefined,
  );
  const [rows, counted] = await Promise.all([
    ctx.db
      .select({ id: contracts.id, number: contracts.number, title: contracts.title, contractorName: organizations.name, status: contracts.status, startsOn: contracts.startsOn, endsOn: contracts.endsOn })
      .from(contracts)
      .innerJoin(organizations, eq(organizations.id, contracts.contractorOrgId))
      .where(where)
      .orderBy(desc(contracts.updatedAt), desc(contracts.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(contracts).innerJoin(organizations, eq(organizations.id, contracts.contractorOrgId)).where(where).limit(limit)),
  ]);
  return { rows: rows.map((r) => ({ ...r, startsOn: r.startsOn ?? '', endsOn: r.endsOn ?? '' })), ...counted };
}

/** The same question for a station and year not yet in a job (the request). */
export async function orgServed(db: Db, orgId: string, stationId: string, year: number): Promise<boolean> {
  const [row] = await db.execute(sql`SELECT ${servedDuringYear(orgId, sql`${stationId}::uuid`, sql`${year}`)} AS ok`).then(
    (r) => (r as unknown as { rows: { ok: boolean }[] }).rows,
  );
  return row?.ok === true;
}

const listColumns = {
  id: archiveJobs.id, stationId: archiveJobs.stationId, year: archiveJobs.year, contractId: archiveJobs.contractId, title: archiveJobs.title, status: archiveJobs.status,
  progressDone: archiveJobs.progressDone, progressTotal: archiveJobs.progressTotal, requestedAt: archiveJobs.requestedAt,
  startedAt: archiveJobs.startedAt, finishedAt: archiveJobs.finishedAt, heartbeatAt: archiveJobs.heartbeatAt, fileCount: archiveJobs.fileCount,
  size: archiveJobs.size, sha256: archiveJobs.sha256, error: archiveJobs.error, fileId: archiveJobs.fileId,
  requestedByName: sql<string>`coalesce(${users.displayName}, '')`,
};
export type ArchiveListRow = Pick<ArchiveJobRow, 'id' | 'stationId' | 'year' | 'contractId' | 'title' | 'status' | 'progressDone' | 'progressTotal' | 'requestedAt'
  | 'startedAt' | 'finishedAt' | 'heartbeatAt' | 'fileCount' | 'size' | 'sha256' | 'error' | 'fileId'> & { requestedByName: string };

export async function listJobs(ctx: Ctx, f: { stationId?: string; year?: number; page: number; pageSize: number }) {
  const where = and(
    archiveScope(ctx),
    f.stationId ? eq(archiveJobs.stationId, f.stationId) : undefined,
    f.year ? eq(archiveJobs.year, f.year) : undefined,
  );
  const [rows, counted] = await Promise.all([
    ctx.db
      .select(listColumns)
      .from(archiveJobs)
      .leftJoin(users, eq(users.id, archiveJobs.requestedBy))
      .where(where)
      .orderBy(desc(archiveJobs.requestedAt), desc(archiveJobs.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(archiveJobs).where(where).limit(limit)),
  ]);
  return { rows: rows as ArchiveListRow[], ...counted };
}

export async function findJob(ctx: Ctx, id: string): Promise<ArchiveListRow | undefined> {
  const [row] = await ctx.db
    .select(listColumns)
    .from(archiveJobs)
    .leftJoin(users, eq(users.id, archiveJobs.requestedBy))
    .where(and(eq(archiveJobs.id, id), archiveScope(ctx)));
  return row as ArchiveListRow | undefined;
}

export type ArchiveKey = { stationId: string; year: number } | { contractId: string };

/** The jobs of a key: a contract's, or a station's year (never a contract job of that station). */
function ofKey(of: ArchiveKey): SQL | undefined {
  return 'contractId' in of
    ? eq(archiveJobs.contractId, of.contractId)
    : and(eq(archiveJobs.stationId, of.stationId), eq(archiveJobs.year, of.year), isNull(archiveJobs.contractId));
}

export function keyOf(job: Pick<ArchiveJobRow, 'contractId' | 'stationId' | 'year'>): ArchiveKey {
  if (job.contractId) return { contractId: job.contractId };
  if (!job.stationId || job.year === null) throw new Error('archive job names neither a contract nor a station-year');
  return { stationId: job.stationId, year: job.year };
}

/** A job of the station's year (or of the contract) still waiting or being built: a second request joins it. */
export async function openJobOf(db: Db, of: ArchiveKey): Promise<string | undefined> {
  const [row] = await db
    .select({ id: archiveJobs.id })
    .from(archiveJobs)
    .where(and(ofKey(of), sql`${archiveJobs.status} IN ('queued', 'running')`))
    .limit(1);
  return row?.id;
}

/**
 * Queues a job unless one of the key is open (the partial unique indexes archive_jobs_open_*):
 * undefined when another request got there first, even in a transaction not yet committed
 * (PostgreSQL waits for it, then skips).
 */
export async function insertOpenJob(db: Db, values: typeof archiveJobs.$inferInsert): Promise<string | undefined> {
  const [row] = await db.insert(archiveJobs).values(values).onConflictDoNothing().returning({ id: archiveJobs.id });
  return row?.id;
}

/** The newest finished archive of the key built since the moment, with its zip still kept. */
export async function doneJobSince(db: Db, of: ArchiveKey, since: Date): Promise<string | undefined> {
  const [row] = await db
    .select({ id: archiveJobs.id })
    .from(archiveJobs)
    .where(and(ofKey(of), eq(archiveJobs.status, 'done'), isNotNull(archiveJobs.fileId), gte(archiveJobs.finishedAt, since)))
    .orderBy(desc(archiveJobs.finishedAt))
    .limit(1);
  return row?.id;
}

/**
 * Drops the zips of the key's other finished jobs (a newer one was just stored): their files rows
 * go, the jobs stay (who asked and when, and the audit rows of their downloads) without a file.
 */
export async function dropSupersededZips(db: Db, keep: ArchiveJobRow): Promise<number> {
  const old = await db
    .update(archiveJobs)
    .set({ fileId: null })
    .where(and(ofKey(keyOf(keep)), eq(archiveJobs.status, 'done'), isNotNull(archiveJobs.fileId), ne(archiveJobs.id, keep.id)))
    .returning({ id: archiveJobs.id });
  if (old.length === 0) return 0;
  await db.delete(files).where(and(eq(files.ownerType, 'archive'), inArray(files.ownerId, old.map((o) => o.id))));
  return old.length;
}

export async function archiveFile(db: Db, jobId: string, fileId: string) {
  const [row] = await db
    .select({ name: files.name, mime: files.mime, content: files.content })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerType, 'archive'), eq(files.ownerId, jobId)));
  return row;
}

/**
 * Takes the oldest waiting job, or one whose process stopped reporting, for this process: the
 * row is locked while it is claimed and other processes skip it (SKIP LOCKED), so each job has
 * one builder at a time. The new token makes the previous builder's writes miss.
 */
export async function claimJob(db: Db, token: string): Promise<ArchiveJobRow | undefined> {
  // In a transaction: on the primary even when the caller's handle reads a replica.
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      UPDATE archive_jobs SET status = 'failed', finished_at = now(), error = '生成过程多次中断，请重新申请生成'
      WHERE status = 'running' AND heartbeat_at < now() - make_interval(mins => ${ARCHIVE_STALE_MINUTES}) AND attempts >= ${ARCHIVE_MAX_ATTEMPTS}`);
    const res = await tx.execute(sql`
      UPDATE archive_jobs SET status = 'running', claim_token = ${token}::uuid, attempts = attempts + 1,
        started_at = now(), heartbeat_at = now(), progress_done = 0, error = ''
      WHERE id = (
        SELECT id FROM archive_jobs
        WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(mins => ${ARCHIVE_STALE_MINUTES})
          AND attempts < ${ARCHIVE_MAX_ATTEMPTS})
        ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`);
    const id = (res as unknown as { rows: { id: string }[] }).rows[0]?.id;
    if (!id) return undefined;
    const [row] = await tx.select().from(archiveJobs).where(eq(archiveJobs.id, id));
    return row;
  });
}

/** Reports progress and proves the claim is still ours (false: another process took the job over). */
export async function heartbeat(db: Db, id: string, token: string, progress: { done: number; total: number }): Promise<boolean> {
  const rows = await db
    .update(archiveJobs)
    .set({ progressDone: progress.done, progressTotal: progress.total, heartbeatAt: sql`now()` })
    .where(and(eq(archiveJobs.id, id), eq(archiveJobs.claimToken, token), eq(archiveJobs.status, 'running')))
    .returning({ id: archiveJobs.id });
  return rows.length > 0;
}

