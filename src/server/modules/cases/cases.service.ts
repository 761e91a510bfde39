import { and, asc, desc, eq, inArray, isNotNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/cases';
import { CASE_APPROVAL_LABELS, CASE_STAGE_LABELS, stageChangeProblem, type CaseStage } from '../../../shared/rules/case-work';
import { chinaToday } from '../../../shared/rules/china-date';
import { cases, clients, type CaseEvent } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { userDisplayNames } from '../users/users.repo';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { stationRecordScope } from '../../platform/scope';
import { clientsOpenForWork } from '../clients/clients.repo';
import { allowedServiceItems } from '../service-catalogue/service-items';
import { workflowEvent } from '../../platform/workflow';
import { cappedCount } from '../../platform/capped-count';

type Dto = z.input<typeof c.caseSchema>;
type ListItem = z.input<typeof c.caseListItemSchema>;
type Row = typeof cases.$inferSelect;
type Advance = z.output<typeof c.advanceCase.body>;

interface CaseNotes {
  intakeNote: string;
  needs: { domain: 'assistance' | 'elderly' | 'children' | 'social_affairs' | 'other'; need: string }[] | null;
  goals: { goal: string; services: string[] }[] | null;
  results: { goal: string; achieved: 'yes' | 'partly' | 'no'; note: string }[] | null;
  closureReason: string | null;
}

const caseScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: cases.scopePath, stationId: cases.stationId });
const sees = (ctx: Ctx) => ctx.system || (ctx.actor?.permissions.has('client:sensitive') ?? false);

/** What a list row shows of a case: never its notes (decrypted only on its page) nor its history. */
const listColumns = {
  id: cases.id, clientId: cases.clientId, stationId: cases.stationId, stage: cases.stage, pendingApproval: cases.pendingApproval,
  lastReturnComment: cases.lastReturnComment, nextFollowUp: cases.nextFollowUp, openedOn: cases.openedOn, closedOn: cases.closedOn,
  workerId: cases.workerId, version: cases.version,
};
type ListRow = Pick<Row, keyof typeof listColumns>;

/** List rows with their client's and worker's names, in two lookups for the page. */
async function summaries(ctx: Ctx, rows: ListRow[]): Promise<ListItem[]> {
  const today = chinaToday();
  if (rows.length === 0) return [];
  const [clientRows, workers] = await Promise.all([
    ctx.db.select({ id: clients.id, name: clients.name }).from(clients).where(inArray(clients.id, [...new Set(rows.map((r) => r.clientId))])),
    userDisplayNames(ctx.db, rows.map((r) => r.workerId)),
  ]);
  const names = new Map(clientRows.map((x) => [x.id, x.name]));
  return rows.map((r) => ({
    id: r.id,
    clientId: r.clientId,
    clientName: names.get(r.clientId) ?? '',
    stationId: r.stationId,
    stage: r.stage,
    pendingApproval: r.pendingApproval ?? null,
    lastReturnComment: r.lastReturnComment,
    nextFollowUp: r.nextFollowUp,
    followUpOverdue: r.stage !== 'closed' && r.nextFollowUp !== null && r.nextFollowUp < today,
    openedOn: r.openedOn,
    closedOn: r.closedOn,
    workerName: workers.get(r.workerId) ?? '',
    version: r.version,
  }));
}

/** A case whole (its page): the list's line, its notes (decrypted for client:sensitive only) and history. */
async function dto(ctx: Ctx, r: Row): Promise<Dto> {
  const [item] = await summaries(ctx, [r]);
  if (!item) throw new Error('no summary');
  const notes = sees(ctx) ? (JSON.parse(ctx.cipher.decrypt(r.notesCipher)) as CaseNotes) : null;
  return {
    ...item,
    intakeNote: notes?.intakeNote ?? null,
    needs: notes?.needs ?? null,
    goals: notes?.goals ?? null,
    results: notes?.results ?? null,
    closureReason: notes?.closureReason ?? null,
    history: r.history,
  };
}

export async function findCase(ctx: Ctx, id: string): Promise<Row> {
  const [row] = await ctx.db.select().from(cases).where(and(eq(cases.id, id), caseScope(ctx))).limit(1);
  if (!row) throw notFound('个案');
  return row;
}

export async function list(ctx: Ctx, q: z.output<typeof c.listCases.query>) {
  const today = chinaToday();
  const where: SQL[] = [caseScope(ctx)];
  if (q.clientId) where.push(eq(cases.clientId, q.clientId));
  if (q.stage) where.push(eq(cases.stage, q.stage));
  if (q.mine === 'true') where.push(eq(cases.workerId, actorOf(ctx).id));
  if (q.pending === 'true') where.push(isNotNull(cases.pendingApproval));
  if (q.open === 'true') where.push(ne(cases.stage, 'closed'));
  if (q.followUp === 'overdue') where.push(ne(cases.stage, 'closed'), sql`${cases.nextFollowUp} < ${today}`);
  if (q.followUp === 'due7')
    where.push(ne(cases.stage, 'closed'), sql`${cases.nextFollowUp} >= ${today}`, lte(cases.nextFollowUp, dayjs(today).add(7, 'day').format('YYYY-MM-DD')));
  const cond = and(...where);
  const counted = await cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(cases).where(cond).limit(limit), q);
  const rows = await ctx.db.select(listColumns).from(cases).where(cond).orderBy(desc(cases.updatedAt), asc(cases.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { items: await summaries(ctx, rows), ...counted, page: q.page, pageSize: q.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Dto> {
  return dto(ctx, await findCase(ctx, id));
}

export async function open(ctx: Ctx, body: z.output<typeof c.openCase.body>): Promise<Dto> {
  const [client] = await clientsOpenForWork(ctx, [body.clientId], null, 'clientId');
  if (!client) throw invalid([{ path: 'clientId', message: '未找到该服务对象' }]);
  const notes: CaseNotes = { intakeNote: body.intakeNote, needs: null, goals: null, results: null, closureReason: null };
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(cases)
      .values({
        clientId: client.id, stationId: client.stationId, scopePath: client.scopePath, workerId: actorOf(tx).id,
        notesCipher: tx.cipher.encrypt(JSON.stringify(notes)), nextFollowUp: body.nextFollowUp, openedOn: chinaToday(),
        history: [workflowEvent(tx, '接案')],
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'case.open', objectType: 'case', objectId: row.id, after: { clientId: client.id, stage: row.stage } });
    return dto(tx, row);
  });
}

async function save(ctx: Ctx, row: Row, version: number, values: Partial<typeof cases.$inferInsert>, history: CaseEvent, detail: string): Promise<Dto> {
  const [after] = await ctx.db
    .update(cases)
    .set({ ...values, history: [...row.history, history], version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(and(eq(cases.id, row.id), eq(cases.version, version)))
    .returning();
  if (!after) throw versionConflict();
  await writeAudit(ctx, {
    action: 'case.change', objectType: 'case', objectId: row.id,
    before: { stage: row.stage, pendingApproval: row.pendingApproval }, after: { stage: after.stage, pendingApproval: after.pendingApproval }, detail,
  });
  return dto(ctx, after);
}

export async function advance(ctx: Ctx, id: string, body: Advance): Promise<Dto> {
  return inTransaction(ctx, async (tx) => {
    const row = await findCase(tx, id);
    const problem = stageChangeProblem(row.stage, body.to, row.pendingApproval ?? null);
    if (problem) throw ruleViolation('R-CASE-ORDER', problem);
    const notes = JSON.parse(tx.cipher.decrypt(row.notesCipher)) as CaseNotes;
    let values: Partial<typeof cases.$inferInsert>;
    let text: string;
    if (body.to === 'assessment') {
      notes.needs = body.needs;
      values = { stage: 'assessment' };
      text = '完成预估';
    } else if (body.to === 'planning') {
      await allowedServiceItems(tx, body.goals.flatMap((g) => g.services), 'goals');
      notes.goals = body.goals;
      // The plan takes effect when the organisation manager approves it.
      values = { stage: 'planning', pendingApproval: 'plan', pendingBy: actorOf(tx).id };
      text = '提交服务计划待审核';
    } else if (body.to === 'evaluation') {
      notes.results = body.results;
      values = { stage: 'evaluation' };
      text = '完成评估';
    } else {
      notes.closureReason = body.closureReason;
      values = { pendingApproval: 'closure', pendingBy: actorOf(tx).id };
      text = '申请结案待审核';
    }
    values.notesCipher = tx.cipher.encrypt(JSON.stringify(notes));
    return save(tx, row, body.version, values, workflowEvent(tx, text), `${CASE_STAGE_LABELS[row.stage]} → ${text}`);
  });
}

export async function decide(ctx: Ctx, id: string, body: z.output<typeof c.decideCase.body>): Promise<Dto> {
  return inTransaction(ctx, async (tx) => {
    const row = await findCase(tx, id);
    const pending = row.pendingApproval;
    if (!pending) throw new AppError('CONFLICT', '该个案没有待审核的事项');
    if (row.pendingBy === actorOf(tx).id)
      throw ruleViolation('R-FOUR-EYES', `${CASE_APPROVAL_LABELS[pending]}是您本人提交的，须由机构的另一位负责人审核`);
    if (!body.approve && !body.comment) throw invalid([{ path: 'comment', message: '退回时请填写意见' }]);
    const label = CASE_APPROVAL_LABELS[pending];
    if (!body.approve)
      return save(tx, row, body.version, { pendingApproval: null, pendingBy: null, lastReturnComment: body.comment }, workflowEvent(tx, `${label}被退回`, body.comment), `${label}退回`);
    const next: CaseStage = pending === 'plan' ? 'intervention' : 'closed';
    return save(
      tx, row, body.version,
      { pendingApproval: null, pendingBy: null, lastReturnComment: '', stage: next, ...(next === 'closed' ? { closedOn: chinaToday(), nextFollowUp: null } : {}) },
      workflowEvent(tx, `${label}审核通过`, body.comment), `${label}通过`,
    );
  });
}

export async function followUp(ctx: Ctx, id: string, body: z.output<typeof c.setFollowUp.body>): Promise<Dto> {
  return inTransaction(ctx, async (tx) => {
    const row = await findCase(tx, id);
    if (row.stage === 'closed') throw new AppError('CONFLICT', '个案已结案');
    return save(tx, row, body.version, { nextFollowUp: body.nextFollowUp }, workflowEvent(tx, `下次跟进：${body.nextFollowUp ?? '无'}`), '设置跟进日期');
  });
}
