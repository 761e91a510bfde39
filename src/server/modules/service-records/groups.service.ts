import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/service-records';
import { GROUP_PHASE_LABELS, GROUP_PHASES } from '../../../shared/rules/case-work';
import { clients, groups, groupSessions } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { invalid, notFound, versionConflict } from '../../platform/errors';
import { stationRecordScope } from '../../platform/scope';
import { clientsOpenForWork } from '../clients/clients.repo';
import { stationNames } from '../stations/stations.repo';
import { stationFor } from './station-for';
import { cappedCount } from '../../platform/capped-count';
import { qualified } from '../../db/sql';
import { chinaToday } from '../../../shared/rules/china-date';
import { assertInForce } from '../applications/applications.service';

type Dto = z.input<typeof c.groupSchema>;
type Row = typeof groups.$inferSelect;

const groupScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: groups.scopePath, stationId: groups.stationId });

export async function findGroup(ctx: Ctx, id: string): Promise<Row> {
  const [row] = await ctx.db.select().from(groups).where(and(eq(groups.id, id), groupScope(ctx))).limit(1);
  if (!row) throw notFound('小组或活动');
  return row;
}

/** A group whole (its page): every session with its attendees by name. */
async function dto(ctx: Ctx, r: Row): Promise<Dto> {
  const [sessions, names] = await Promise.all([
    ctx.db.select().from(groupSessions).where(eq(groupSessions.groupId, r.id)).orderBy(asc(groupSessions.date)),
    stationNames(ctx.db, [r.stationId]),
  ]);
  // Attendees were checked to be the group's station's clients when the session was recorded.
  const attendeeIds = [...new Set(sessions.flatMap((s) => s.clientIds))];
  const attendees = attendeeIds.length
    ? await ctx.db.select({ id: clients.id, name: clients.name }).from(clients).where(inArray(clients.id, attendeeIds))
    : [];
  const clientName = new Map(attendees.map((x) => [x.id, x.name]));
  return {
    id: r.id, stationId: r.stationId, stationName: names.get(r.stationId) ?? '', kind: r.kind, name: r.name, phase: r.phase, goals: r.goals,
    sessions: sessions.map((s) => ({
      id: s.id, date: s.date, topic: s.topic, clientIds: s.clientIds,
      clients: s.clientIds.map((id) => ({ id, name: clientName.get(id) ?? '' })), volunteers: s.volunteers, outcome: s.outcome,
    })),
    applicationId: r.applicationId,
    version: r.version,
  };
}

export async function list(ctx: Ctx, q: z.output<typeof c.listGroups.query>) {
  const where: SQL[] = [groupScope(ctx)];
  if (q.kind) where.push(eq(groups.kind, q.kind));
  if (q.stationId) where.push(eq(groups.stationId, q.stationId));
  const cond = and(...where);
  const counted = await cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(groups).where(cond).limit(limit), q);
  // A row counts its sessions (an index probe), not a long-running activity's every session and attendee.
  const sessionCount = sql<number>`(SELECT count(*)::int FROM ${groupSessions} WHERE ${qualified(groupSessions.groupId)} = ${qualified(groups.id)})`;
  const rows = await ctx.db.select({ group: groups, sessionCount }).from(groups).where(cond)
    .orderBy(desc(groups.createdAt), asc(groups.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const names = await stationNames(ctx.db, [...new Set(rows.map((r) => r.group.stationId))]);
  const items = rows.map(({ group: r, sessionCount: n }) => ({
    id: r.id, stationId: r.stationId, stationName: names.get(r.stationId) ?? '', kind: r.kind, name: r.name, phase: r.phase, goals: r.goals,
    sessionCount: n, applicationId: r.applicationId, version: r.version,
  }));
  return { items, ...counted, page: q.page, pageSize: q.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Dto> {
  return dto(ctx, await findGroup(ctx, id));
}

export async function create(ctx: Ctx, body: z.output<typeof c.createGroup.body>): Promise<Dto> {
  const station = await stationFor(ctx, body.stationId);
  if (body.applicationId) await assertInForce(ctx, body.applicationId, station.station.id, chinaToday());
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(groups)
      .values({ stationId: station.station.id, scopePath: station.station.scopePath, kind: body.kind, name: body.name, goals: body.goals, applicationId: body.applicationId })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'group.create', objectType: 'group', objectId: row.id, after: { kind: row.kind, name: row.name } });
    return dto(tx, row);
  });
}

export async function addSession(ctx: Ctx, id: string, body: z.output<typeof c.addGroupSession.body>): Promise<Dto> {
  const group = await findGroup(ctx, id);
  if (group.phase === 'closed') throw invalid([{ path: 'date', message: '该小组已结束' }]);
  await clientsOpenForWork(ctx, body.clientIds, group.stationId, 'clientIds');
  // A session of a group under an application falls within the application's period.
  if (group.applicationId) await assertInForce(ctx, group.applicationId, group.stationId, body.date);
  return inTransaction(ctx, async (tx) => {
    await tx.db.insert(groupSessions).values({ ...body, groupId: id });
    await writeAudit(tx, { action: 'group.session', objectType: 'group', objectId: id, after: { date: body.date, topic: body.topic, attendance: body.clientIds.length } });
    return dto(tx, group);
  });
}

export async function setPhase(ctx: Ctx, id: string, body: z.output<typeof c.setGroupPhase.body>): Promise<Dto> {
  return inTransaction(ctx, async (tx) => {
    const group = await findGroup(tx, id);
    if (group.kind !== 'group') throw invalid([{ path: 'phase', message: '社区活动没有小组阶段' }]);
    // MZ/T 095-2017 phases follow one another.
    const expected = GROUP_PHASES[GROUP_PHASES.indexOf(group.phase) + 1];
    if (body.phase !== expected)
      throw invalid([{ path: 'phase', message: `当前为${GROUP_PHASE_LABELS[group.phase]}，下一阶段应为${expected ? GROUP_PHASE_LABELS[expected] : '（已结束）'}` }]);
    const [after] = await tx.db
      .update(groups)
      .set({ phase: body.phase, version: sql`${groups.version} + 1` })
      .where(and(eq(groups.id, id), eq(groups.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'group.phase', objectType: 'group', objectId: id, before: { phase: group.phase }, after: { phase: after.phase } });
    return dto(tx, after);
  });
}
