import { and, asc, count, desc, eq, gte, isNotNull, isNull, like, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/evaluations';
import { chinaToday } from '../../../shared/rules/china-date';
import { supervisions, users } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, versionConflict } from '../../platform/errors';
import { stationRecordScope } from '../../platform/scope';
import { countyByCode } from '../regions/county-scope';
import { findStation, stationNames } from '../stations/stations.repo';

// R-SUPERVISE: supervision visits to a station, what was found and what must follow.

type Row = typeof supervisions.$inferSelect;
type Out = z.input<typeof c.supervisionSchema>;
type Query = z.output<typeof c.supervisionListQuery>;
type CreateBody = z.output<typeof c.createSupervision.body>;

/** As the station's own records: region scopes by path, a contractor by the stations it runs. */
const inScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: supervisions.scopePath, stationId: supervisions.stationId });

function followUpState(r: Row, today: string): Out['followUpState'] {
  if (r.followUpDone) return 'done';
  if (!r.followUp) return 'none';
  return r.followUpDue && r.followUpDue < today ? 'overdue' : 'open';
}

async function present(ctx: Ctx, rows: { s: Row; recordedBy: string | null }[]): Promise<Out[]> {
  const names = await stationNames(ctx.db, [...new Set(rows.map((r) => r.s.stationId))]);
  const today = chinaToday();
  return rows.map(({ s, recordedBy }) => ({
    id: s.id,
    stationId: s.stationId,
    stationName: names.get(s.stationId) ?? '',
    date: s.date,
    supervisor: s.supervisor,
    topic: s.topic,
    findings: s.findings,
    followUp: s.followUp,
    followUpDue: s.followUpDue,
    followUpDone: s.followUpDone,
    followUpState: followUpState(s, today),
    recordedBy: recordedBy ?? '',
    version: s.version,
    createdAt: s.createdAt.toISOString(),
  }));
}

export async function list(ctx: Ctx, q: Query) {
  const where: (SQL | undefined)[] = [inScope(ctx)];
  if (q.stationId) where.push(eq(supervisions.stationId, q.stationId));
  if (q.countyCode) {
    const county = await countyByCode(ctx, q.countyCode);
    where.push(county ? like(supervisions.scopePath, `${county.path}%`) : sql`false`);
  }
  if (q.from) where.push(gte(supervisions.date, q.from));
  if (q.to) where.push(lte(supervisions.date, q.to));
  if (q.open === 'true') where.push(ne(supervisions.followUp, ''), isNull(supervisions.followUpDone));
  if (q.open === 'false') where.push(isNotNull(supervisions.followUpDone));
  const cond = and(...where);
  const [rows, [n]] = await Promise.all([
    ctx.db
      .select({ s: supervisions, recordedBy: users.displayName })
      .from(supervisions)
      .leftJoin(users, eq(users.id, supervisions.recordedBy))
      .where(cond)
      .orderBy(desc(supervisions.date), desc(supervisions.createdAt), asc(supervisions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(supervisions).where(cond),
  ]);
  return { items: await present(ctx, rows), total: n?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function one(ctx: Ctx, id: string): Promise<Out> {
  const [row] = await ctx.db
    .select({ s: supervisions, recordedBy: users.displayName })
    .from(supervisions)
    .leftJoin(users, eq(users.id, supervisions.recordedBy))
    .where(and(eq(supervisions.id, id), inScope(ctx)));
  if (!row) throw notFound('督导记录');
  const [out] = await present(ctx, [row]);
  if (!out) throw notFound('督导记录');
  return out;
}

export async function create(ctx: Ctx, body: CreateBody): Promise<Out> {
  const station = await findStation(ctx, body.stationId);
  if (!station) throw notFound('社工站');
  if (body.date > chinaToday()) throw invalid([{ path: 'date', message: '督导日期不能晚于今天' }]);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(supervisions)
      .values({
        stationId: station.station.id, scopePath: station.station.scopePath, date: body.date, supervisor: body.supervisor, topic: body.topic,
        findings: body.findings, followUp: body.followUp, followUpDue: body.followUpDue, recordedBy: actorOf(tx).id,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'supervision.create', objectType: 'supervision', objectId: row.id, after: body,
      detail: `${station.name} ${body.date}：${body.topic}${body.followUp ? `；跟进期限${body.followUpDue ?? '未定'}` : ''}`,
    });
    return one(tx, row.id);
  });
}

export async function completeFollowUp(ctx: Ctx, id: string, body: { version: number; doneOn: string }): Promise<Out> {
  const before = await one(ctx, id);
  if (!before.followUp) throw new AppError('CONFLICT', '该督导记录没有跟进事项');
  if (before.followUpDone) throw new AppError('CONFLICT', `跟进事项已于${before.followUpDone}完成`);
  if (body.doneOn < before.date) throw invalid([{ path: 'doneOn', message: `完成日期不能早于督导日期（${before.date}）` }]);
  if (body.doneOn > chinaToday()) throw invalid([{ path: 'doneOn', message: '完成日期不能晚于今天' }]);
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(supervisions)
      .set({ followUpDone: body.doneOn, version: sql`${supervisions.version} + 1` })
      .where(and(eq(supervisions.id, id), eq(supervisions.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, {
      action: 'supervision.update', objectType: 'supervision', objectId: id,
      before: { followUpDone: null }, after: { followUpDone: body.doneOn },
      detail: `${before.stationName}督导（${before.date}）跟进事项完成${before.followUpDue && body.doneOn > before.followUpDue ? `，晚于期限${before.followUpDue}` : ''}`,
    });
    return one(tx, id);
  });
}
