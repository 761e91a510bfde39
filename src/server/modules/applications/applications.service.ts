import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/applications';
import { chinaToday } from '../../../shared/rules/china-date';
import {
  APPLICATION_DECISION_LABELS, APPLICATION_STATUS_LABELS, applicationInForce, decidingBureau,
} from '../../../shared/rules/platform';
import { applications } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { workflowEvent } from '../../platform/workflow';
import { allowedServiceItems } from '../service-catalogue/service-items';
import { stationFor } from '../service-records/station-for';
import { stationsByIds } from '../stations/stations.repo';
import * as repo from './applications.repo';
import type { ApplicationRow } from './applications.repo';

type Dto = z.input<typeof c.applicationSchema>;
type Input = z.output<typeof c.applicationInput>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function mayDecide(ctx: Ctx, r: ApplicationRow): boolean {
  const actor = actorOf(ctx);
  return (
    actor.permissions.has('application:decide') && r.status === 'submitted' && r.scopePath === actor.scope.path &&
    r.submittedBy !== actor.id && r.applicantId !== actor.id
  );
}

const mayEdit = (ctx: Ctx, r: ApplicationRow) =>
  actorOf(ctx).permissions.has('application:write') && r.applicantId === actorOf(ctx).id && (r.status === 'draft' || r.status === 'changes_requested');

/** An application whole (its page), with its closing report once accepted. */
async function dto(ctx: Ctx, r: ApplicationRow): Promise<Dto> {
  const [names, report] = await Promise.all([
    repo.namesFor(ctx.db, [r]),
    r.status === 'accepted' ? repo.closingReport(ctx.db, r.id, chinaToday()) : null,
  ]);
  return {
    id: r.id, department: r.department, title: r.title, purpose: r.purpose,
    items: r.itemCodes.map((code) => ({ code, name: names.itemName.get(code) ?? code })),
    stations: r.stationIds.map((id) => ({ id, name: names.stationName.get(id) ?? '' })),
    periodStart: r.periodStart, periodEnd: r.periodEnd, targetPeople: r.targetPeople, fundedBy: r.fundedBy, providedBy: r.providedBy,
    contact: r.contact, status: r.status, decidingLevel: r.decidingLevel, decidingBureau: names.bureau.get(r.scopePath) ?? '',
    applicantName: names.applicantName.get(r.applicantId) ?? '', submittedAt: iso(r.submittedAt), decidedAt: iso(r.decidedAt),
    decisionComment: r.decisionComment, history: r.history, canEdit: mayEdit(ctx, r), canDecide: mayDecide(ctx, r),
    closingReport: report
      // Records carry an application only at a station it names (assertInForce), so the names are at hand.
      ? { ...report, byStation: report.byStation.map((s) => ({ ...s, stationName: names.stationName.get(s.stationId) ?? '' })) }
      : null,
    version: r.version, createdAt: r.createdAt.toISOString(),
  };
}

async function find(ctx: Ctx, id: string): Promise<ApplicationRow> {
  const row = await repo.findApplication(ctx, id);
  if (!row) throw notFound('申请');
  return row;
}

export async function list(ctx: Ctx, q: z.output<typeof c.listApplications.query>) {
  const where: SQL[] = [repo.readScope(ctx)];
  if (q.status) where.push(eq(applications.status, q.status));
  if (q.toDecide === 'true') where.push(repo.toDecideBy(ctx));
  const { rows, total } = await repo.listApplications(ctx, and(...where) ?? sql`true`, q.page, q.pageSize);
  const names = await repo.bureausAndApplicants(ctx.db, rows);
  const items = rows.map((r) => ({
    id: r.id, department: r.department, title: r.title, status: r.status, periodStart: r.periodStart, periodEnd: r.periodEnd,
    decidingBureau: names.bureau.get(r.scopePath) ?? '', applicantName: names.applicantName.get(r.applicantId) ?? '',
    submittedAt: iso(r.submittedAt), decidedAt: iso(r.decidedAt), decisionComment: r.decisionComment, stationCount: r.stationCount,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Dto> {
  return dto(ctx, await find(ctx, id));
}

/**
 * An application names catalogue items that are not excluded (R-SCOPE-EXCLUDED) and stations
 * within the applicant's own region; the station list reads with the applicant's scope.
 */
async function checkInput(ctx: Ctx, body: Input): Promise<void> {
  await allowedServiceItems(ctx, body.itemCodes, 'itemCodes');
  const ids = [...new Set(body.stationIds)];
  const found = await stationsByIds(ctx, ids);
  const usable = new Set(found.filter((s) => s.station.status !== 'revoked').map((s) => s.station.id));
  if (ids.some((id) => !usable.has(id))) throw invalid([{ path: 'stationIds', message: '只能申请使用本单位所在区域内的社工站' }]);
}

export async function create(ctx: Ctx, body: Input): Promise<Dto> {
  const scope = actorOf(ctx).scope;
  const bureau = decidingBureau(scope.kind, scope.path);
  if (!bureau) throw ruleViolation('R-PLATFORM-APPLY', '只有市直部门、区市职能部门和镇（街道）可以申请使用社工站');
  await checkInput(ctx, body);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(applications)
      .values({
        ...body, stationIds: [...new Set(body.stationIds)], itemCodes: [...new Set(body.itemCodes)], applicantId: actorOf(tx).id,
        applicantScopePath: scope.path ?? '', decidingLevel: bureau.level, scopePath: bureau.path, history: [workflowEvent(tx, '起草')],
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'application.create', objectType: 'application', objectId: row.id, after: { title: row.title, department: row.department, stations: row.stationIds.length, items: row.itemCodes } });
    return dto(tx, row);
  });
}

async function editable(ctx: Ctx, id: string): Promise<ApplicationRow> {
  const r = await find(ctx, id);
  if (r.applicantId !== actorOf(ctx).id) throw notFound('申请');
  if (r.status !== 'draft' && r.status !== 'changes_requested')
    throw new AppError('CONFLICT', `申请${APPLICATION_STATUS_LABELS[r.status]}，不能再修改或提交`);
  return r;
}

export async function update(ctx: Ctx, id: string, body: z.output<typeof c.updateApplication.body>): Promise<Dto> {
  const r = await editable(ctx, id);
  await checkInput(ctx, body.application);
  const a = body.application;
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(applications)
      .set({ ...a, stationIds: [...new Set(a.stationIds)], itemCodes: [...new Set(a.itemCodes)], version: sql`${applications.version} + 1`, updatedAt: new Date() })
      .where(and(eq(applications.id, id), eq(applications.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, {
      action: 'application.update', objectType: 'application', objectId: id,
      before: { title: r.title, stations: r.stationIds, items: r.itemCodes, periodStart: r.periodStart, periodEnd: r.periodEnd },
      after: { title: after.title, stations: after.stationIds, items: after.itemCodes, periodStart: after.periodStart, periodEnd: after.periodEnd },
    });
    return dto(tx, after);
  });
}

export async function submit(ctx: Ctx, id: string, version: number): Promise<Dto> {
  const r = await editable(ctx, id);
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(applications)
      .set({
        status: 'submitted', submittedBy: actorOf(tx).id, submittedAt: now, decidedBy: null, decidedAt: null,
        history: [...r.history, workflowEvent(tx, r.status === 'changes_requested' ? '修改后重新提交' : '提交')],
        version: sql`${applications.version} + 1`, updatedAt: now,
      })
      .where(and(eq(applications.id, id), eq(applications.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'application.submit', objectType: 'application', objectId: id, detail: r.title });
    return dto(tx, after);
  });
}

export async function decide(ctx: Ctx, id: string, body: z.output<typeof c.decideApplication.body>): Promise<Dto> {
  const r = await find(ctx, id);
  const actor = actorOf(ctx);
  if (r.scopePath !== actor.scope.path) {
    const { bureau } = await repo.bureausAndApplicants(ctx.db, [r]);
    throw ruleViolation('R-PLATFORM-APPLY', `该申请应由${bureau.get(r.scopePath) ?? '申请人所在区域的民政部门'}决定`);
  }
  if (r.status !== 'submitted') throw new AppError('CONFLICT', `申请${APPLICATION_STATUS_LABELS[r.status]}，不在待决定状态`);
  if (r.submittedBy === actor.id || r.applicantId === actor.id) throw ruleViolation('R-FOUR-EYES', '这份申请是您本人提交的，须由另一人决定');
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(applications)
      .set({
        status: body.decision, decidedBy: actor.id, decidedAt: now, decisionComment: body.comment,
        history: [...r.history, workflowEvent(tx, APPLICATION_DECISION_LABELS[body.decision], body.comment)],
        version: sql`${applications.version} + 1`, updatedAt: now,
      })
      .where(and(eq(applications.id, id), eq(applications.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'application.decide', objectType: 'application', objectId: id, detail: `${APPLICATION_DECISION_LABELS[body.decision]}${body.comment ? `：${body.comment}` : ''}` });
    return dto(tx, after);
  });
}

/** The applications a station may record against on a day; the station is checked in the caller's scope. */
export async function inForce(ctx: Ctx, stationId: string | null, date: string) {
  const station = await stationFor(ctx, stationId);
  return repo.inForceAt(ctx.db, station.station.id, date);
}

/**
 * R-PLATFORM-APPLY where a record or group names an application: only one the bureau accepted,
 * naming the station, with the day inside its period. The station is the caller's, already in scope.
 */
export async function assertInForce(ctx: Ctx, applicationId: string, stationId: string, date: string): Promise<void> {
  const a = await repo.byId(ctx.db, applicationId);
  if (!a || !applicationInForce(a, stationId, date))
    throw ruleViolation('R-PLATFORM-APPLY', `所选申请未经民政部门同意、不含该社工站，或${date}不在其服务期限内，不能按该申请记录服务`);
}
