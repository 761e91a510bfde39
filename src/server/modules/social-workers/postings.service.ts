import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/social-workers';
import { chinaToday } from '../../../shared/rules/china-date';
import { postingBreaches, type StaffRuleId } from '../../../shared/rules/staffing';
import { organizations, postings, socialWorkers, users } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import { endUserSessions } from '../../platform/session';
import { findStation } from '../stations/stations.repo';
import * as repo from './social-workers.repo';
import { countyPathOf, get } from './social-workers.service';

export async function create(ctx: Ctx, body: z.output<typeof c.createPosting.body>) {
  const worker = await repo.findWorker(ctx, body.workerId);
  if (!worker) throw invalid([{ path: 'workerId', message: '未找到该社工，或不在您的管辖范围内' }]);
  const station = await findStation(ctx, body.stationId);
  if (!station || station.station.status === 'revoked')
    throw invalid([{ path: 'stationId', message: '未找到该社工站，或不在您的管辖范围内' }]);
  const active = await repo.activePostingOf(ctx.db, worker.id);
  if (active) throw invalid([{ path: 'workerId', message: '该社工已在岗，请先办理离岗再安排新的上岗' }]);
  if (worker.orgId) {
    const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, worker.orgId));
    if (org?.registeredOn && body.startDate < org.registeredOn)
      throw invalid([{ path: 'startDate', message: `上岗日期早于所属机构成立日期（${org.registeredOn}）` }]);
    if (org?.status === 'barred') throw invalid([{ path: 'workerId', message: '所属机构已被禁入，不能安排上岗' }]);
  }

  const extras = (await repo.loadQualificationRecords(ctx.db, [worker.id])).get(worker.id) ?? { certificates: [], trainings: [] };
  const breaches = postingBreaches(repo.qualificationsOf(worker, extras), body.startDate);
  const reason = body.exceptionReason?.trim() ?? '';
  if (breaches.length > 0 && !reason) {
    const first = breaches[0];
    if (first) throw ruleViolation(first.rule, breaches.map((b) => b.message).join('；'), breaches.map((b) => b.rule));
  }
  if (reason && breaches.length === 0) throw invalid([{ path: 'exceptionReason', message: '该上岗符合规定，无需登记例外' }]);
  if (reason && !actorOf(ctx).permissions.has('posting:exception'))
    throw new AppError('FORBIDDEN', '只有区市民政部门可以登记上岗例外');
  const exceptionRules: StaffRuleId[] = breaches.map((b) => b.rule);

  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(postings)
        .values({
          workerId: worker.id, orgId: worker.orgId, stationId: station.station.id, scopePath: station.station.scopePath,
          source: body.source, startDate: body.startDate, exceptionRules, exceptionReason: reason,
          exceptionBy: reason ? actorOf(tx).id : null,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await tx.db.update(socialWorkers).set({ scopePath: station.station.scopePath, updatedAt: new Date() }).where(eq(socialWorkers.id, worker.id));
      if (worker.userId) {
        await tx.db
          .update(users)
          .set({ scopeKind: 'station', scopePath: station.station.scopePath, stationId: station.station.id, updatedAt: new Date() })
          .where(eq(users.id, worker.userId));
        await endUserSessions(tx.db, worker.userId, 'posting_changed');
      }
      const after = { stationId: station.station.id, station: station.name, startDate: body.startDate, source: body.source };
      await writeAudit(tx, { action: 'posting.create', objectType: 'social_worker', objectId: worker.id, after });
      if (reason)
        await writeAudit(tx, {
          action: 'posting.exception', objectType: 'social_worker', objectId: worker.id,
          after: { ...after, exceptionRules }, detail: `${breaches.map((b) => b.message).join('；')}。例外理由：${reason}`,
        });
      return get(tx, worker.id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'postings_one_active_idx'))
      throw invalid([{ path: 'workerId', message: '该社工已在岗，请先办理离岗再安排新的上岗' }]);
    throw err;
  }
}

export async function end(ctx: Ctx, id: string, body: z.output<typeof c.endPosting.body>) {
  const posting = await repo.findPosting(ctx, id);
  if (!posting) throw notFound('上岗记录');
  if (posting.endDate) throw new AppError('CONFLICT', '该上岗记录已离岗');
  if (body.endDate < posting.startDate) throw invalid([{ path: 'endDate', message: `离岗日期不能早于上岗日期（${posting.startDate}）` }]);
  if (body.endDate > chinaToday()) throw invalid([{ path: 'endDate', message: '离岗日期不能晚于今天' }]);
  return inTransaction(ctx, async (tx) => {
    await tx.db.update(postings).set({ endDate: body.endDate, endReason: body.reason }).where(eq(postings.id, id));
    const [worker] = await tx.db
      .update(socialWorkers)
      .set({ scopePath: countyPathOf(posting.scopePath), updatedAt: new Date() })
      .where(eq(socialWorkers.id, posting.workerId))
      .returning();
    if (worker?.userId) {
      // Leaving the station ends the account's view of it.
      await tx.db.update(users).set({ scopeKind: 'none', scopePath: null, stationId: null, updatedAt: new Date() }).where(eq(users.id, worker.userId));
      await endUserSessions(tx.db, worker.userId, 'posting_ended');
    }
    await writeAudit(tx, {
      action: 'posting.end', objectType: 'social_worker', objectId: posting.workerId,
      after: { postingId: id, endDate: body.endDate, reason: body.reason },
    });
    return get(tx, posting.workerId);
  });
}
