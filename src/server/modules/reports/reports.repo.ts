import { and, asc, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contractStations, files, organizations, regions, reports, stations } from '../../db/schema';
import { qualified } from '../../db/sql';
import { cappedCount, type CappedTotal, type CountPaging } from '../../platform/capped-count';
import type { Ctx } from '../../platform/context';

export type ReportRow = typeof reports.$inferSelect;

/**
 * Who reads a report: the region it belongs to (a station's path, or the county unit's) and the
 * contractor who wrote it. A contract-level report (no station of its own) is also read by a town
 * whose region holds every station of the contract; a per-station briefing is only its station's.
 */
export function reportScope(ctx: Ctx): SQL {
  const parts = reportScopeParts(ctx);
  return parts.length === 1 ? (parts[0] ?? sql`false`) : sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * reportScope as disjoint conditions (their OR is the scope): a region's own reports by path, and
 * contract reports (no station) whose stations all lie in the region. Run apart, the first is an
 * index-only scan for aggregates; ORed, the anti-join makes the planner read every heap row.
 */
export function reportScopeParts(ctx: Ctx): SQL[] {
  if (ctx.system) return [sql`true`];
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return [sql`false`];
  if (scope.kind === 'org') return [scope.orgId ? eq(reports.orgId, scope.orgId) : sql`false`];
  if (!scope.path) return [sql`false`];
  const inPath = sql`${qualified(reports.scopePath)} LIKE ${`${scope.path}%`}`;
  return [
    inPath,
    sql`(NOT ${inPath} AND ${qualified(reports.stationId)} IS NULL AND ${qualified(reports.contractId)} IS NOT NULL
    AND EXISTS (SELECT 1 FROM ${contractStations} WHERE ${qualified(contractStations.contractId)} = ${qualified(reports.contractId)})
    AND NOT EXISTS (SELECT 1 FROM ${contractStations} WHERE ${qualified(contractStations.contractId)} = ${qualified(reports.contractId)}
      AND ${qualified(contractStations.stationPath)} NOT LIKE ${`${scope.path}%`}))`,
  ];
}

const columns = { report: reports, countyShortName: regions.shortName, orgName: organizations.name };
export type ReportJoined = { report: ReportRow; countyShortName: string; orgName: string | null };

function joined(db: Db) {
  return db
    .select(columns)
    .from(reports)
    .innerJoin(regions, eq(regions.code, reports.countyCode))
    .leftJoin(organizations, eq(organizations.id, reports.orgId))
    .$dynamic();
}

/** What lists and the calendar show: never the frozen snapshot, the sections or the history. */
export const reportListColumns = {
  id: reports.id, kind: reports.kind, title: reports.title, countyCode: reports.countyCode, stationId: reports.stationId,
  contractId: reports.contractId, periodStart: reports.periodStart, periodEnd: reports.periodEnd, dueOn: reports.dueOn,
  status: reports.status, firstSubmittedAt: reports.firstSubmittedAt, submittedAt: reports.submittedAt, version: reports.version,
  updatedAt: reports.updatedAt,
};
export type ReportListRow = Pick<ReportRow, keyof typeof reportListColumns>;
export type ReportListJoined = { report: ReportListRow; countyShortName: string; orgName: string | null };

export async function listReports(ctx: Ctx, where: SQL[], limit: number, offset = 0): Promise<ReportListJoined[]> {
  return ctx.db
    .select({ report: reportListColumns, countyShortName: regions.shortName, orgName: organizations.name })
    .from(reports)
    .innerJoin(regions, eq(regions.code, reports.countyCode))
    .leftJoin(organizations, eq(organizations.id, reports.orgId))
    .where(and(reportScope(ctx), ...where))
    .orderBy(desc(reports.periodStart), asc(reports.title), asc(reports.id))
    .limit(limit)
    .offset(offset);
}

export async function countReports(ctx: Ctx, where: SQL[], paging?: CountPaging): Promise<CappedTotal> {
  return cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(reports).where(and(reportScope(ctx), ...where)).limit(limit), paging);
}

/** Late or overdue on the China calendar (the same test as reportTimeliness, in SQL for paging). */
export function lateCondition(today: string): SQL {
  return sql`((${reports.firstSubmittedAt} IS NOT NULL AND (${reports.firstSubmittedAt} AT TIME ZONE 'Asia/Shanghai')::date > ${reports.dueOn})
    OR (${reports.firstSubmittedAt} IS NULL AND ${reports.dueOn} < ${today}::date))`;
}

export async function findReport(ctx: Ctx, id: string): Promise<ReportJoined | undefined> {
  const [row] = await joined(ctx.db).where(and(eq(reports.id, id), reportScope(ctx)));
  return row;
}

/** The stations whose records a report counts. */
export async function subjectStations(db: Db, r: Pick<ReportRow, 'kind' | 'stationId' | 'contractId' | 'scopePath'>): Promise<string[]> {
  if (r.stationId) return [r.stationId];
  if (r.contractId) {
    const rows = await db.select({ id: contractStations.stationId }).from(contractStations).where(eq(contractStations.contractId, r.contractId)).orderBy(asc(contractStations.stationPath));
    return rows.map((x) => x.id);
  }
  const rows = await db.select({ id: stations.id }).from(stations).where(like(stations.scopePath, `${r.scopePath}%`)).orderBy(asc(stations.townCode));
  return rows.map((x) => x.id);
}

export type ReportFileKind = 'needs_survey' | 'service_plan' | 'other';
const OWNER = { needs_survey: 'report:needs_survey', service_plan: 'report:service_plan', other: 'report' } as const;
export const ownerTypeOf = (kind: ReportFileKind) => OWNER[kind];
export const kindOfOwner = (owner: string): ReportFileKind =>
  owner === OWNER.needs_survey ? 'needs_survey' : owner === OWNER.service_plan ? 'service_plan' : 'other';

export async function filesOf(db: Db, reportId: string) {
  return db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt, ownerType: files.ownerType })
    .from(files)
    .where(and(inArray(files.ownerType, Object.values(OWNER)), eq(files.ownerId, reportId)))
    .orderBy(asc(files.createdAt));
}

export async function fileOf(db: Db, reportId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(files)
    .where(and(inArray(files.ownerType, Object.values(OWNER)), eq(files.ownerId, reportId), eq(files.id, fileId)));
  return row;
}
