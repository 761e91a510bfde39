import { and, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ClosingReport } from '../../../shared/contracts/applications';
import { applications, groupSessions, groups, regions, serviceItems, serviceRecords } from '../../db/schema';
import type { Db } from '../../db/client';
import { actorOf, type Ctx } from '../../platform/context';
import { userDisplayNames } from '../users/users.repo';
import { scopeFilter } from '../../platform/scope';
import { stationNames } from '../stations/stations.repo';

export type ApplicationRow = typeof applications.$inferSelect;

/**
 * Who reads an application: the applicant its own (drafts included); an officer who may decide,
 * those filed with a bureau within its region once submitted (the city reads the counties' too).
 */
export function readScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const actor = actorOf(ctx);
  const conds: SQL[] = [];
  if (actor.permissions.has('application:write')) conds.push(eq(applications.applicantId, actor.id));
  if (actor.permissions.has('application:decide')) {
    const officer = and(scopeFilter(ctx, { scopePath: applications.scopePath }), ne(applications.status, 'draft'));
    if (officer) conds.push(officer);
  }
  return or(...conds) ?? sql`false`;
}

/** Submitted and waiting for this officer's own bureau (the city's for the city, a county's for that county). */
export function toDecideBy(ctx: Ctx): SQL {
  const scope = actorOf(ctx).scope;
  if (!actorOf(ctx).permissions.has('application:decide') || !scope.path) return sql`false`;
  return and(eq(applications.status, 'submitted'), eq(applications.scopePath, scope.path)) ?? sql`false`;
}

export async function findApplication(ctx: Ctx, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await ctx.db.select().from(applications).where(and(eq(applications.id, id), readScope(ctx))).limit(1);
  return row;
}

/** What a list row shows: no purpose, contact or history, the stations only counted. */
const listColumns = {
  id: applications.id, department: applications.department, title: applications.title, status: applications.status,
  periodStart: applications.periodStart, periodEnd: applications.periodEnd, scopePath: applications.scopePath,
  applicantId: applications.applicantId, submittedAt: applications.submittedAt, decidedAt: applications.decidedAt,
  decisionComment: applications.decisionComment, stationCount: sql<number>`cardinality(${applications.stationIds})`,
};

export async function listApplications(ctx: Ctx, where: SQL, page: number, pageSize: number) {
  const [rows, [n]] = await Promise.all([
    ctx.db.select(listColumns).from(applications).where(where).orderBy(desc(applications.updatedAt), desc(applications.id)).limit(pageSize).offset((page - 1) * pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(applications).where(where),
  ]);
  return { rows, total: n?.n ?? 0 };
}

/** The deciding bureaus' and applicants' names of some applications (a list page's, or whole ones'). */
export async function bureausAndApplicants(db: Db, rows: { scopePath: string; applicantId: string }[]) {
  const paths = [...new Set(rows.map((r) => r.scopePath))];
  const [bureaus, applicants] = await Promise.all([
    paths.length ? db.select({ path: regions.path, name: regions.name, shortName: regions.shortName, level: regions.level }).from(regions).where(inArray(regions.path, paths)) : [],
    userDisplayNames(db, rows.map((r) => r.applicantId)),
  ]);
  return {
    // 威海市民政局 for the city; 环翠区民政局 for a county unit.
    bureau: new Map(bureaus.map((b) => [b.path, `${b.level === 'county' ? b.shortName : b.name}民政局`])),
    applicantName: applicants,
  };
}

/** Names the DTOs need: stations, items, applicants and deciding bureaus. */
export async function namesFor(db: Db, rows: ApplicationRow[]) {
  const stationIds = [...new Set(rows.flatMap((r) => r.stationIds))];
  const codes = [...new Set(rows.flatMap((r) => r.itemCodes))];
  const [stationName, items, people] = await Promise.all([
    stationNames(db, stationIds),
    codes.length ? db.select({ code: serviceItems.code, name: serviceItems.name }).from(serviceItems).where(inArray(serviceItems.code, codes)) : [],
    bureausAndApplicants(db, rows),
  ]);
  return { stationName, itemName: new Map(items.map((i) => [i.code, i.name])), ...people };
}

/** The accepted applications that name the station and whose period holds the day. */
export async function inForceAt(db: Db, stationId: string, date: string) {
  return db
    .select({ id: applications.id, title: applications.title, department: applications.department, periodStart: applications.periodStart, periodEnd: applications.periodEnd })
    .from(applications)
    .where(
      and(
        eq(applications.status, 'accepted'),
        sql`${applications.stationIds} @> ARRAY[${stationId}]::uuid[]`,
        sql`${applications.periodStart} <= ${date}`,
        sql`${applications.periodEnd} >= ${date}`,
      ),
    )
    .orderBy(applications.periodStart);
}

export async function byId(db: Db, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(eq(applications.id, id)).limit(1);
  return row;
}

const n = (v: unknown) => Number(v ?? 0);
const hours = (minutes: unknown) => Math.round(n(minutes) / 6) / 10;

/**
 * What the stations did under an application, counted from the records and group sessions that
 * carry it: counts and hours only. The applicant reads it without reading any record, so nothing
 * here names a client.
 */
export async function closingReport(db: Db, applicationId: string, asOf: string): Promise<Omit<ClosingReport, 'byStation'> & { byStation: { stationId: string; records: number; hours: number; groupSessions: number }[] }> {
  const recordsOf = eq(serviceRecords.applicationId, applicationId);
  const volunteerHours = sql`coalesce(sum((SELECT coalesce(sum((v->>'hours')::numeric), 0) FROM jsonb_array_elements(${serviceRecords.volunteers}) v)), 0)`;
  const sessionVolunteerHours = sql`coalesce(sum((SELECT coalesce(sum((v->>'hours')::numeric), 0) FROM jsonb_array_elements(${groupSessions.volunteers}) v)), 0)`;
  const [totals, sessionTotals, people, stationRows, sessionStations, itemRows] = await Promise.all([
    db
      .select({ records: sql`count(*)`, visits: sql`count(*) FILTER (WHERE ${serviceRecords.homeVisit})`, minutes: sql`coalesce(sum(${serviceRecords.durationMinutes}), 0)`, volunteer: volunteerHours })
      .from(serviceRecords)
      .where(recordsOf),
    db
      .select({ sessions: sql`count(*)`, volunteer: sessionVolunteerHours })
      .from(groupSessions)
      .innerJoin(groups, eq(groups.id, groupSessions.groupId))
      .where(eq(groups.applicationId, applicationId)),
    db.execute(sql`
      SELECT count(DISTINCT c)::int AS n FROM (
        SELECT unnest(${serviceRecords.clientIds}) AS c FROM ${serviceRecords} WHERE ${serviceRecords.applicationId} = ${applicationId}
        UNION ALL
        SELECT unnest(gs.client_ids) FROM ${groupSessions} gs JOIN ${groups} g ON g.id = gs.group_id WHERE g.application_id = ${applicationId}
      ) people`),
    db
      .select({ stationId: serviceRecords.stationId, records: sql`count(*)`, minutes: sql`coalesce(sum(${serviceRecords.durationMinutes}), 0)` })
      .from(serviceRecords)
      .where(recordsOf)
      .groupBy(serviceRecords.stationId),
    db
      .select({ stationId: groups.stationId, sessions: sql`count(*)` })
      .from(groupSessions)
      .innerJoin(groups, eq(groups.id, groupSessions.groupId))
      .where(eq(groups.applicationId, applicationId))
      .groupBy(groups.stationId),
    db
      .select({ itemName: sql<string>`coalesce(${serviceItems.name}, '其他：' || ${serviceRecords.otherItem})`, records: sql`count(*)`, minutes: sql`coalesce(sum(${serviceRecords.durationMinutes}), 0)` })
      .from(serviceRecords)
      .leftJoin(serviceItems, eq(serviceItems.code, serviceRecords.itemCode))
      .where(recordsOf)
      .groupBy(sql`1`),
  ]);
  const t = totals[0];
  const s = sessionTotals[0];
  const peopleRows = (people as unknown as { rows: { n: number }[] }).rows;
  const stationIds = [...new Set([...stationRows.map((r) => r.stationId), ...sessionStations.map((r) => r.stationId)])];
  return {
    asOf,
    records: n(t?.records),
    homeVisits: n(t?.visits),
    hours: hours(t?.minutes),
    groupSessions: n(s?.sessions),
    peopleServed: n(peopleRows[0]?.n),
    volunteerHours: Math.round((n(t?.volunteer) + n(s?.volunteer)) * 10) / 10,
    byStation: stationIds.map((id) => {
      const r = stationRows.find((x) => x.stationId === id);
      return { stationId: id, records: n(r?.records), hours: hours(r?.minutes), groupSessions: n(sessionStations.find((x) => x.stationId === id)?.sessions) };
    }),
    byItem: itemRows.map((r) => ({ itemName: r.itemName, records: n(r.records), hours: hours(r.minutes) })).sort((a, b) => b.records - a.records),
  };
}

/** The workbench's lines: the applicant's own applications, or those waiting for this officer's bureau; first `limit` and the count. */
export async function forWorkbench(ctx: Ctx, which: 'mine' | 'toDecide', limit: number) {
  const where = which === 'mine' ? eq(applications.applicantId, actorOf(ctx).id) : toDecideBy(ctx);
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({ id: applications.id, title: applications.title, department: applications.department, status: applications.status, submittedAt: applications.submittedAt, periodStart: applications.periodStart, periodEnd: applications.periodEnd, decisionComment: applications.decisionComment })
      .from(applications)
      .where(where)
      // Those to act on first (需修改, 草稿), then by the latest change.
      .orderBy(sql`CASE ${applications.status} WHEN 'changes_requested' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`, desc(applications.updatedAt))
      .limit(limit),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(applications).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
