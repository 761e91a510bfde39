import { and, asc, desc, eq, gte, ilike, inArray, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/volunteers';
import {
  groups, groupSessions, postings, regions, resourceDeliveries, resourceOffers, serviceRecords, socialWorkers, stations,
  volunteerCertificates, volunteerServiceRecords, volunteerTeams, volunteers,
} from '../../db/schema';
import { qualified } from '../../db/sql';
import { cappedCount } from '../../platform/capped-count';
import type { Ctx } from '../../platform/context';
import { likeContains, stationRecordScope } from '../../platform/scope';

// Every volunteer row belongs to a station: the scope is the station's (its operator's staff
// today, or the region's officers), exactly as for clients and service records.
export const volunteerScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: volunteers.scopePath, stationId: volunteers.stationId });
export const recordScope = (ctx: Ctx) =>
  stationRecordScope(ctx, { scopePath: volunteerServiceRecords.scopePath, stationId: volunteerServiceRecords.stationId });
export const teamScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: volunteerTeams.scopePath, stationId: volunteerTeams.stationId });
export const certificateScope = (ctx: Ctx) =>
  stationRecordScope(ctx, { scopePath: volunteerCertificates.scopePath, stationId: volunteerCertificates.stationId });

export type VolunteerRow = typeof volunteers.$inferSelect;
export type RecordRow = typeof volunteerServiceRecords.$inferSelect;
export type TeamRow = typeof volunteerTeams.$inferSelect;
export type CertificateRow = typeof volunteerCertificates.$inferSelect;

const totalMinutesOfVolunteer = sql<number>`(SELECT coalesce(sum(vr.minutes), 0)::int FROM volunteer_service_records vr WHERE vr.volunteer_id = ${qualified(volunteers.id)})`;

export async function listVolunteers(ctx: Ctx, f: z.output<typeof c.volunteerListQuery>) {
  const conds: SQL[] = [volunteerScope(ctx)];
  if (f.q) {
    const tail = /^[0-9Xx]{1,4}$/.test(f.q) ? f.q.toUpperCase() : null;
    const m = tail ? or(ilike(volunteers.name, likeContains(f.q)), like(volunteers.idNumberTail, `%${tail}`)) : ilike(volunteers.name, likeContains(f.q));
    if (m) conds.push(m);
  }
  if (f.stationId) conds.push(eq(volunteers.stationId, f.stationId));
  if (f.teamId) conds.push(eq(volunteers.teamId, f.teamId));
  if (f.status) conds.push(eq(volunteers.status, f.status));
  const where = and(...conds);
  const [counted, rows] = await Promise.all([
    cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(volunteers).where(where).limit(limit), f),
    ctx.db
      .select({ v: volunteers, totalMinutes: totalMinutesOfVolunteer })
      .from(volunteers)
      .where(where)
      .orderBy(asc(volunteers.name), asc(volunteers.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
  ]);
  return { rows, ...counted };
}

export async function findVolunteer(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ v: volunteers, totalMinutes: totalMinutesOfVolunteer })
    .from(volunteers)
    .where(and(eq(volunteers.id, id), volunteerScope(ctx)))
    .limit(1);
  return row;
}

/** The volunteer row locked for the transaction: records for one volunteer are checked one at a time. */
export async function lockVolunteer(ctx: Ctx, id: string): Promise<VolunteerRow | undefined> {
  const [row] = await ctx.db.select().from(volunteers).where(and(eq(volunteers.id, id), volunteerScope(ctx))).for('update');
  return row;
}

export async function volunteerIdByIndex(ctx: Ctx, stationId: string, index: string): Promise<string | undefined> {
  const [row] = await ctx.db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(and(eq(volunteers.stationId, stationId), eq(volunteers.idNumberIndex, index)));
  return row?.id;
}

/** Active volunteers of stations by name (to match activities' free-text lists), in one query. */
export async function activeVolunteersOf(ctx: Ctx, stationIds: string[]) {
  if (stationIds.length === 0) return [];
  return ctx.db
    .select({ id: volunteers.id, name: volunteers.name, stationId: volunteers.stationId })
    .from(volunteers)
    .where(and(inArray(volunteers.stationId, stationIds), eq(volunteers.status, 'active'), volunteerScope(ctx)));
}

export async function recordsOfDay(ctx: Ctx, volunteerId: string, date: string) {
  return ctx.db
    .select()
    .from(volunteerServiceRecords)
    .where(and(eq(volunteerServiceRecords.volunteerId, volunteerId), eq(volunteerServiceRecords.date, date)));
}

export async function teamNames(ctx: Ctx, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db.select({ id: volunteerTeams.id, name: volunteerTeams.name }).from(volunteerTeams).where(inArray(volunteerTeams.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function volunteerNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db.select({ id: volunteers.id, name: volunteers.name }).from(volunteers).where(inArray(volunteers.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function workerName(ctx: Ctx, id: string | null): Promise<string> {
  if (!id) return '';
  const [row] = await ctx.db.select({ name: socialWorkers.name }).from(socialWorkers).where(eq(socialWorkers.id, id));
  return row?.name ?? '';
}

/** A social worker on post at the station on the day (the one who leads volunteers or a team). */
export async function workerOnPost(ctx: Ctx, workerId: string, stationId: string, day: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: postings.id })
    .from(postings)
    .where(and(eq(postings.workerId, workerId), eq(postings.stationId, stationId), lte(postings.startDate, day), or(isNull(postings.endDate), gte(postings.endDate, day))))
    .limit(1);
  return !!row;
}

export async function findTeam(ctx: Ctx, id: string): Promise<TeamRow | undefined> {
  const [row] = await ctx.db.select().from(volunteerTeams).where(and(eq(volunteerTeams.id, id), teamScope(ctx))).limit(1);
  return row;
}

export async function listRecords(ctx: Ctx, f: z.output<typeof c.volunteerRecordQuery>) {
  const conds: SQL[] = [recordScope(ctx)];
  if (f.volunteerId) conds.push(eq(volunteerServiceRecords.volunteerId, f.volunteerId));
  if (f.stationId) conds.push(eq(volunteerServiceRecords.stationId, f.stationId));
  if (f.teamId) conds.push(eq(volunteerServiceRecords.teamId, f.teamId));
  if (f.from) conds.push(gte(volunteerServiceRecords.date, f.from));
  if (f.to) conds.push(lte(volunteerServiceRecords.date, f.to));
  const where = and(...conds);
  const [counted, rows] = await Promise.all([
    cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(volunteerServiceRecords).where(where).limit(limit), f),
    ctx.db
      .select()
      .from(volunteerServiceRecords)
      .where(where)
      .orderBy(desc(volunteerServiceRecords.date), desc(volunteerServiceRecords.startTime), asc(volunteerServiceRecords.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
  ]);
  return { rows, ...counted };
}

const memberCount = sql<number>`(SELECT count(*)::int FROM volunteers tv WHERE tv.team_id = ${qualified(volunteerTeams.id)} AND tv.status = 'active')`;
const teamMinutes = sql<number>`(SELECT coalesce(sum(tr.minutes), 0)::int FROM volunteer_service_records tr WHERE tr.team_id = ${qualified(volunteerTeams.id)})`;

export async function listTeams(ctx: Ctx, f: z.output<typeof c.listTeams.query>) {
  const conds: SQL[] = [teamScope(ctx)];
  if (f.stationId) conds.push(eq(volunteerTeams.stationId, f.stationId));
  if (f.kind) conds.push(eq(volunteerTeams.kind, f.kind));
  if (f.stage) conds.push(eq(volunteerTeams.stage, f.stage));
  const where = and(...conds);
  const [counted, rows] = await Promise.all([
    cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(volunteerTeams).where(where).limit(limit), f),
    ctx.db
      .select({ t: volunteerTeams, members: memberCount, minutes: teamMinutes })
      .from(volunteerTeams)
      .where(where)
      .orderBy(asc(volunteerTeams.name), asc(volunteerTeams.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
  ]);
  return { rows, ...counted };
}

export async function teamWithCounts(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ t: volunteerTeams, members: memberCount, minutes: teamMinutes })
    .from(volunteerTeams)
    .where(and(eq(volunteerTeams.id, id), teamScope(ctx)));
  return row;
}

export async function listCertificates(ctx: Ctx, f: z.output<typeof c.listCertificates.query>) {
  const conds: SQL[] = [certificateScope(ctx)];
  if (f.volunteerId) conds.push(eq(volunteerCertificates.volunteerId, f.volunteerId));
  if (f.stationId) conds.push(eq(volunteerCertificates.stationId, f.stationId));
  if (f.year) conds.push(eq(volunteerCertificates.year, f.year));
  const where = and(...conds);
  const cols = {
    id: volunteerCertificates.id, volunteerId: volunteerCertificates.volunteerId, stationId: volunteerCertificates.stationId,
    number: volunteerCertificates.number, year: volunteerCertificates.year, serial: volunteerCertificates.serial,
    issuedOn: volunteerCertificates.issuedOn, periodFrom: volunteerCertificates.periodFrom, periodTo: volunteerCertificates.periodTo,
    totalMinutes: volunteerCertificates.totalMinutes, recordCount: volunteerCertificates.recordCount,
    purpose: volunteerCertificates.purpose, prints: volunteerCertificates.prints, volunteerName: volunteers.name,
  };
  const [counted, rows] = await Promise.all([
    cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(volunteerCertificates).where(where).limit(limit), f),
    ctx.db
      .select(cols)
      .from(volunteerCertificates)
      .innerJoin(volunteers, eq(volunteers.id, volunteerCertificates.volunteerId))
      .where(where)
      .orderBy(desc(volunteerCertificates.year), desc(volunteerCertificates.serial))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
  ]);
  return { rows, ...counted };
}

export async function findCertificate(ctx: Ctx, id: string): Promise<CertificateRow | undefined> {
  const [row] = await ctx.db.select().from(volunteerCertificates).where(and(eq(volunteerCertificates.id, id), certificateScope(ctx)));
  return row;
}

/**
 * The next serial of an issuer's year, taken in the issuing transaction: the counter row is
 * locked by the upsert until commit, so concurrent issues queue and a rolled-back issue gives
 * its number back (no gaps, no duplicates).
 */
export async function nextSerial(ctx: Ctx, issuerStationId: string, year: number): Promise<number> {
  const res = (await ctx.db.execute(sql`
    INSERT INTO volunteer_certificate_counters (issuer_station_id, year, last_serial) VALUES (${issuerStationId}, ${year}, 1)
    ON CONFLICT (issuer_station_id, year) DO UPDATE SET last_serial = volunteer_certificate_counters.last_serial + 1
    RETURNING last_serial`)) as unknown as { rows: { last_serial: number }[] };
  const serial = res.rows[0]?.last_serial;
  if (serial === undefined) throw new Error('counter returned nothing');
  return Number(serial);
}

/** Activities of the stations in scope that list volunteers or may be recorded from (newest first). */
export async function sourceActivities(ctx: Ctx, stationId: string | undefined, from: string, to: string) {
  const groupScope = stationRecordScope(ctx, { scopePath: groups.scopePath, stationId: groups.stationId });
  const recScope = stationRecordScope(ctx, { scopePath: serviceRecords.scopePath, stationId: serviceRecords.stationId });
  const [sessions, records] = await Promise.all([
    ctx.db
      .select({ id: groupSessions.id, date: groupSessions.date, topic: groupSessions.topic, name: groups.name, kind: groups.kind, stationId: groups.stationId, volunteers: groupSessions.volunteers })
      .from(groupSessions)
      .innerJoin(groups, eq(groups.id, groupSessions.groupId))
      .where(and(groupScope, gte(groupSessions.date, from), lte(groupSessions.date, to), ...(stationId ? [eq(groups.stationId, stationId)] : [])))
      .orderBy(desc(groupSessions.date))
      .limit(100),
    ctx.db
      .select({ id: serviceRecords.id, date: serviceRecords.date, place: serviceRecords.place, homeVisit: serviceRecords.homeVisit, method: serviceRecords.method, stationId: serviceRecords.stationId, volunteers: serviceRecords.volunteers })
      .from(serviceRecords)
      .where(and(recScope, gte(serviceRecords.date, from), lte(serviceRecords.date, to), sql`jsonb_array_length(${serviceRecords.volunteers}) > 0`, ...(stationId ? [eq(serviceRecords.stationId, stationId)] : [])))
      .orderBy(desc(serviceRecords.date))
      .limit(100),
  ]);
  return { sessions, records };
}

export async function findSession(ctx: Ctx, id: string) {
  const groupScope = stationRecordScope(ctx, { scopePath: groups.scopePath, stationId: groups.stationId });
  const [row] = await ctx.db
    .select({ id: groupSessions.id, date: groupSessions.date, topic: groupSessions.topic, name: groups.name, stationId: groups.stationId, volunteers: groupSessions.volunteers })
    .from(groupSessions)
    .innerJoin(groups, eq(groups.id, groupSessions.groupId))
    .where(and(eq(groupSessions.id, id), groupScope));
  return row;
}

export async function findServiceRecord(ctx: Ctx, id: string) {
  const recScope = stationRecordScope(ctx, { scopePath: serviceRecords.scopePath, stationId: serviceRecords.stationId });
  const [row] = await ctx.db
    .select({ id: serviceRecords.id, date: serviceRecords.date, place: serviceRecords.place, homeVisit: serviceRecords.homeVisit, stationId: serviceRecords.stationId, volunteers: serviceRecords.volunteers })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.id, id), recScope));
  return row;
}

const deliveryColumns = {
  id: resourceDeliveries.id, date: resourceDeliveries.deliveredOn, stationId: resourceDeliveries.stationId, kind: resourceDeliveries.kind,
  quantity: resourceDeliveries.quantity, donorKind: resourceOffers.donorKind, donorName: resourceOffers.donorName,
  itemName: resourceOffers.itemName, place: resourceOffers.place,
};
/** Deliveries whose offer a volunteer gave (or that are volunteer time): the volunteer's hours can be recorded from them. */
const volunteerDelivery = or(eq(resourceOffers.donorKind, 'volunteer'), eq(resourceDeliveries.kind, 'volunteer_time'));

export async function sourceDeliveries(ctx: Ctx, stationId: string | undefined, from: string, to: string) {
  const scope = stationRecordScope(ctx, { scopePath: resourceDeliveries.scopePath, stationId: resourceDeliveries.stationId });
  return ctx.db
    .select(deliveryColumns)
    .from(resourceDeliveries)
    .innerJoin(resourceOffers, eq(resourceOffers.id, resourceDeliveries.offerId))
    .where(and(scope, volunteerDelivery, gte(resourceDeliveries.deliveredOn, from), lte(resourceDeliveries.deliveredOn, to), ...(stationId ? [eq(resourceDeliveries.stationId, stationId)] : [])))
    .orderBy(desc(resourceDeliveries.deliveredOn))
    .limit(100);
}

export async function findDelivery(ctx: Ctx, id: string) {
  const scope = stationRecordScope(ctx, { scopePath: resourceDeliveries.scopePath, stationId: resourceDeliveries.stationId });
  const [row] = await ctx.db
    .select(deliveryColumns)
    .from(resourceDeliveries)
    .innerJoin(resourceOffers, eq(resourceOffers.id, resourceDeliveries.offerId))
    .where(and(eq(resourceDeliveries.id, id), scope, volunteerDelivery));
  return row;
}

export async function recordedFrom(ctx: Ctx, sourceIds: string[]) {
  if (sourceIds.length === 0) return [];
  return ctx.db
    .select({ sourceId: volunteerServiceRecords.sourceId, volunteerId: volunteerServiceRecords.volunteerId })
    .from(volunteerServiceRecords)
    .where(inArray(volunteerServiceRecords.sourceId, sourceIds));
}

const county = alias(regions, 'vt_county');
const town = alias(regions, 'vt_town');

/** Hours by volunteer, team, station or county and China year: SQL aggregates, paged. */
export async function totals(ctx: Ctx, f: z.output<typeof c.volunteerTotals.query>) {
  const r = volunteerServiceRecords;
  const year = sql<number>`extract(year from ${r.date})::int`;
  const key = {
    volunteer: sql<string>`${r.volunteerId}::text`,
    team: sql<string>`coalesce(${r.teamId}::text, '')`,
    station: sql<string>`${r.stationId}::text`,
    county: sql<string>`${county.code}`,
  }[f.by];
  const label = {
    volunteer: sql<string>`min(${volunteers.name})`,
    team: sql<string>`coalesce(min(${volunteerTeams.name}), '未加入队伍')`,
    station: sql<string>`min(${town.name}) || '社工站'`,
    county: sql<string>`min(${county.name})`,
  }[f.by];
  const conds: SQL[] = [recordScope(ctx)];
  if (f.year) conds.push(sql`${r.date} BETWEEN ${`${f.year}-01-01`}::date AND ${`${f.year}-12-31`}::date`);
  const base = ctx.db
    .select({
      key, label, year,
      volunteers: sql<number>`count(DISTINCT ${r.volunteerId})::int`,
      records: sql<number>`count(*)::int`,
      minutes: sql<number>`sum(${r.minutes})::int`,
    })
    .from(r)
    .innerJoin(volunteers, eq(volunteers.id, r.volunteerId))
    .leftJoin(volunteerTeams, eq(volunteerTeams.id, r.teamId))
    .innerJoin(stations, eq(stations.id, r.stationId))
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(and(...conds))
    .groupBy(key, year);
  const sub = base.as('vt_groups');
  const [rows, [n]] = await Promise.all([
    base.orderBy(desc(year), desc(sql`sum(${r.minutes})`), asc(key)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(sub),
  ]);
  return { rows, total: n?.n ?? 0 };
}
