import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/service-contracts';
import { EVALUATION_GRADE_LABELS, formatYuan, SPENDING_CATEGORY_LABELS, type EvaluationGrade } from '../../../shared/rules/purchase';
import { contractGrades, contractPayments, contracts, contractSpending, files, organizations, regions } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, ruleViolation } from '../../platform/errors';
import { DOCUMENT_TYPES, readUpload } from '../../platform/uploads';
import { purchaserCounty } from '../regions/county-scope';
import * as repo from './contracts.repo';
import { workflowEvent } from '../../platform/workflow';
import { get } from './contracts.service';
import { refreshContractFunding, refreshStationFunding } from '../funding/funding.repo';

type Detail = z.input<typeof c.contractDetailSchema>;

/** Money moves only on a signed contract, by the purchaser's unit. */
async function signedContract(ctx: Ctx, id: string) {
  const row = await repo.findContract(ctx, id);
  if (!row) throw notFound('服务合同');
  await purchaserCounty(ctx, row.contract.countyCode);
  if (row.contract.status === 'draft') throw new AppError('CONFLICT', '合同尚未签订，不能登记付款、支出或评估');
  return row.contract;
}

async function sumOf(ctx: Ctx, table: typeof contractPayments | typeof contractSpending, contractId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<string>`coalesce(sum(${table.amountFen}), 0)::text` })
    .from(table)
    .where(eq(table.contractId, contractId));
  return Number(row?.n ?? 0);
}

export async function recordPayment(ctx: Ctx, id: string, body: z.output<typeof c.recordPayment.body>): Promise<Detail> {
  const k = await signedContract(ctx, id);
  const instalment = k.instalments[body.instalment];
  if (!instalment) throw invalid([{ path: 'instalment', message: '合同中没有该期结算' }]);
  return inTransaction(ctx, async (tx) => {
    // Serialise payments of one contract so two clerks cannot overpay it together.
    await tx.db.execute(sql`SELECT 1 FROM ${contracts} WHERE ${contracts.id} = ${id} FOR UPDATE`);
    const paid = await sumOf(tx, contractPayments, id);
    if (paid + body.amountFen > k.priceFen)
      throw ruleViolation(
        'R-FUND-USE',
        `付款合计将达${formatYuan(paid + body.amountFen)}元，超过合同价格${formatYuan(k.priceFen)}元（已付${formatYuan(paid)}元）`,
      );
    const [row] = await tx.db
      .insert(contractPayments)
      .values({ contractId: id, ...body, recordedBy: actorOf(tx).id })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    // The payment is shared among the contract's stations: their funding roll-ups change.
    await refreshContractFunding(tx.db, id);
    await writeAudit(tx, {
      action: 'contract.payment', objectType: 'contract', objectId: id, after: { ...body, paymentId: row.id },
      detail: `${instalment.label}付款${formatYuan(body.amountFen)}元`,
    });
    return get(tx, id);
  });
}

export async function recordSpending(ctx: Ctx, id: string, body: z.output<typeof c.recordSpending.body>): Promise<Detail> {
  const k = await signedContract(ctx, id);
  const stationIds = (await repo.stationIdsOf(ctx.db, [id])).get(id) ?? [];
  if (!stationIds.includes(body.stationId)) throw invalid([{ path: 'stationId', message: '该社工站不在本合同内' }]);
  return inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`SELECT 1 FROM ${contracts} WHERE ${contracts.id} = ${id} FOR UPDATE`);
    const spent = await sumOf(tx, contractSpending, id);
    if (spent + body.amountFen > k.priceFen)
      throw ruleViolation('R-FUND-USE', `支出合计将达${formatYuan(spent + body.amountFen)}元，超过合同价格${formatYuan(k.priceFen)}元`);
    const [row] = await tx.db.insert(contractSpending).values({ contractId: id, ...body, recordedBy: actorOf(tx).id }).returning();
    if (!row) throw new Error('insert returned nothing');
    await refreshStationFunding(tx.db, [body.stationId], Number(body.spentOn.slice(0, 4)));
    await writeAudit(tx, {
      action: 'contract.spending', objectType: 'contract', objectId: id, after: { ...body, spendingId: row.id },
      detail: `${SPENDING_CATEGORY_LABELS[body.category]}${formatYuan(body.amountFen)}元`,
    });
    return get(tx, id);
  });
}

/**
 * A year's grade, by hand (an evaluation's grade comes through `gradeContract` when it is
 * finished). 不合格 marks the contract for ending the next year (R-CONTRACT-FAIL); a corrected
 * grade lifts the mark.
 */
export async function recordGrade(ctx: Ctx, id: string, body: z.output<typeof c.recordGrade.body>): Promise<Detail> {
  const k = await signedContract(ctx, id);
  const [graded] = await ctx.db
    .select({ source: contractGrades.source })
    .from(contractGrades)
    .where(and(eq(contractGrades.contractId, id), eq(contractGrades.year, body.year)));
  // A finished evaluation's grade stands; a hand entry may not overwrite it.
  if (graded?.source === 'evaluation')
    throw new AppError('CONFLICT', `${body.year}年度等次已由绩效评估确定，不能手工修改`);
  return inTransaction(ctx, async (tx) => {
    await gradeContract(tx, k, { ...body, source: 'manual' });
    return get(tx, id);
  });
}

/**
 * Writes a year's grade of a contract with its R-CONTRACT-FAIL effect, inside the caller's
 * transaction: the one path for a grade entered by hand and one set by a finished evaluation,
 * so both mark (or unmark) the contract the same way and both are audited on the contract.
 */
export async function gradeContract(
  tx: Ctx,
  k: repo.ContractRow,
  g: { year: number; grade: EvaluationGrade; note: string; source: 'manual' | 'evaluation' },
): Promise<void> {
  const [before] = await tx.db
    .select()
    .from(contractGrades)
    .where(and(eq(contractGrades.contractId, k.id), eq(contractGrades.year, g.year)));
  await tx.db
    .insert(contractGrades)
    .values({ contractId: k.id, orgId: k.contractorOrgId, year: g.year, grade: g.grade, note: g.note, source: g.source, recordedBy: actorOf(tx).id })
    .onConflictDoUpdate({
      target: [contractGrades.contractId, contractGrades.year],
      set: { grade: g.grade, note: g.note, source: g.source, recordedBy: actorOf(tx).id, createdAt: new Date() },
    });
  const failed = g.grade === 'fail';
  const ending = failed
    ? { endingYear: g.year + 1, endingReason: `承接主体${g.year}年度绩效评估不合格` }
    : k.endingYear === g.year + 1
      ? { endingYear: null, endingReason: '' }
      : {};
  const label = EVALUATION_GRADE_LABELS[g.grade];
  await tx.db
    .update(contracts)
    .set({
      ...ending,
      history: [
        ...k.history,
        workflowEvent(tx, g.source === 'evaluation' ? `${g.year}年度绩效评估完成，等次：${label}` : `登记${g.year}年度评估等次：${label}`, g.note),
      ],
      version: sql`${contracts.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(contracts.id, k.id));
  await writeAudit(tx, {
    action: 'contract.grade', objectType: 'contract', objectId: k.id,
    before: before ? { year: before.year, grade: before.grade, source: before.source } : undefined,
    after: { year: g.year, grade: g.grade, note: g.note, source: g.source },
    detail: failed ? `不合格：合同应于${g.year + 1}年终止（R-CONTRACT-FAIL）` : label,
  });
}

export async function uploadFile(ctx: Ctx, id: string, request: FastifyRequest) {
  const row = await repo.findContract(ctx, id);
  if (!row) throw notFound('服务合同');
  await purchaserCounty(ctx, row.contract.countyCode);
  const upload = await readUpload(request, DOCUMENT_TYPES);
  return inTransaction(ctx, async (tx) => {
    const [file] = await tx.db
      .insert(files)
      .values({ ownerType: 'contract', ownerId: id, scopePath: row.contract.scopePath, orgId: row.contract.contractorOrgId, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt });
    if (!file) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'contract.file_upload', objectType: 'contract', objectId: id,
      after: { fileId: file.id, name: file.name, mime: file.mime, size: file.size, sha256: upload.sha256 },
    });
    return { ...file, createdAt: file.createdAt.toISOString() };
  });
}

export async function downloadFile(ctx: Ctx, id: string, fileId: string) {
  if (!(await repo.findContract(ctx, id))) throw notFound('服务合同');
  const file = await repo.fileOf(ctx.db, id, fileId);
  if (!file) throw notFound('文件');
  return file;
}

/**
 * R-EVAL-USE: an organisation's contracts and grades across the city, so a purchaser choosing a
 * contractor sees a failure in another county too. A contractor sees only its own record.
 */
export async function contractorRecord(ctx: Ctx, orgId: string) {
  const scope = actorOf(ctx).scope;
  if (scope.kind === 'org' && scope.orgId !== orgId) throw notFound('承接机构');
  const [org] = await ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound('承接机构');
  const list = await ctx.db
    .select({
      id: contracts.id, title: contracts.title, countyShortName: regions.shortName, startsOn: contracts.startsOn,
      endsOn: contracts.endsOn, status: contracts.status, endingYear: contracts.endingYear,
    })
    .from(contracts)
    .innerJoin(regions, eq(regions.code, contracts.countyCode))
    .where(and(eq(contracts.contractorOrgId, orgId), inArray(contracts.status, ['signed', 'performing', 'terminated', 'expired'])))
    .orderBy(desc(contracts.startsOn));
  const grades = await ctx.db
    .select({ g: contractGrades, contractTitle: contracts.title })
    .from(contractGrades)
    .innerJoin(contracts, eq(contracts.id, contractGrades.contractId))
    .where(eq(contractGrades.orgId, orgId))
    .orderBy(desc(contractGrades.year), desc(contractGrades.createdAt));
  const lastYear = grades[0]?.g.year;
  return {
    contracts: list,
    grades: grades.map(({ g, contractTitle }) => ({
      contractId: g.contractId, contractTitle, year: g.year, grade: g.grade, source: g.source, note: g.note,
      createdAt: g.createdAt.toISOString(),
    })),
    lastFailed: grades.some(({ g }) => g.year === lastYear && g.grade === 'fail'),
  };
}
