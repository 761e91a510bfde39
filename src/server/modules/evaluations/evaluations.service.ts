import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/evaluations';
import type { FieldIssue } from '../../../shared/errors';
import { RULES } from '../../../shared/rules/catalog';
import { chinaToday } from '../../../shared/rules/china-date';
import { EVALUATION_GRADE_LABELS } from '../../../shared/rules/purchase';
import { gradeOf } from '../../../shared/rules/reports';
import { contracts, evaluations, files, type IndicatorScore } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, versionConflict } from '../../platform/errors';
import { DOCUMENT_TYPES, readUpload } from '../../platform/uploads';
import { gradeContract } from '../contracts/contract-money';
import * as contractsRepo from '../contracts/contracts.repo';
import { purchaserCounty } from '../regions/county-scope';
import * as repo from './evaluations.repo';
import { autoKind, fixSystem, systemOf, type SystemRow } from './indicators';
import { periodOf, prefill, SYSTEM_NOTE } from './prefill';

type Summary = z.input<typeof c.evaluationSummarySchema>;
type Detail = z.input<typeof c.evaluationDetailSchema>;
type Query = z.output<typeof c.evaluationListQuery>;
type ScoreBody = z.output<typeof c.scoreEvaluation.body>;

const round2 = (v: number) => Math.round(v * 100) / 100;
const sumOf = (scores: IndicatorScore[]) => round2(scores.reduce((s, x) => s + (x.score ?? 0), 0));

/** A whole evaluation's line: its scores counted and summed as the list's SQL does. */
const lineOf = (r: repo.EvaluationJoined): repo.EvaluationLine => ({
  ...r, indicators: r.evaluation.scores.length, scored: r.evaluation.scores.filter((s) => s.score !== null).length, scoresSum: sumOf(r.evaluation.scores),
});

function summaryOf(r: repo.EvaluationLine): Summary {
  const e = r.evaluation;
  return {
    id: e.id,
    contractId: e.contractId,
    contractTitle: r.contractTitle,
    contractNumber: r.contractNumber,
    orgId: e.orgId,
    orgName: r.orgName,
    countyCode: e.countyCode,
    countyShortName: r.countyShortName,
    year: e.year,
    status: e.status,
    scored: r.scored,
    indicators: r.indicators,
    total: e.status === 'finished' && e.total !== null ? e.total : round2(r.scoresSum),
    grade: e.grade,
    evaluators: e.evaluators,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    finishedBy: r.finishedBy,
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export async function list(ctx: Ctx, q: Query) {
  const { rows, total } = await repo.listEvaluations(ctx, q);
  return { items: rows.map(summaryOf), total, page: q.page, pageSize: q.pageSize };
}

async function detailOf(ctx: Ctx, r: repo.EvaluationJoined): Promise<Detail> {
  const e = r.evaluation;
  const [system, attached] = await Promise.all([systemOf(ctx, e.year), repo.filesOf(ctx.db, e.id)]);
  const meta = attached.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() }));
  const byCode = new Map(e.scores.map((s) => [s.code, s]));
  const tied = new Set(e.scores.flatMap((s) => s.fileIds));
  const failed = e.status === 'finished' && e.grade === 'fail';
  return {
    ...summaryOf(lineOf(r)),
    thresholds: system.thresholds,
    dimensions: system.dimensions.map((d) => ({
      name: d.name,
      points: d.indicators.reduce((n, i) => n + i.points, 0),
      indicators: d.indicators.map((i) => {
        const s = byCode.get(i.code);
        return {
          code: i.code, name: i.name, points: i.points, guidance: i.guidance, auto: autoKind(i.auto),
          score: s?.score ?? null, comment: s?.comment ?? '', prefill: s?.prefill ?? null,
          files: meta.filter((f) => s?.fileIds.includes(f.id)),
        };
      }),
    })),
    files: meta.filter((f) => !tied.has(f.id)),
    contractEnding: failed
      ? { endingYear: e.year + 1, message: `承接主体${e.year}年度绩效评估不合格，合同应于${e.year + 1}年终止`, rule: RULES['R-CONTRACT-FAIL'] }
      : null,
  };
}

export async function get(ctx: Ctx, id: string): Promise<Detail> {
  const r = await repo.findEvaluation(ctx, id);
  if (!r) throw notFound('绩效评估');
  return detailOf(ctx, r);
}

const duplicate = (year: number) => invalid([{ path: 'year', message: `该合同${year}年度的绩效评估已开始，请在原评估上打分` }]);

/** R-EVAL-YEARLY: the purchaser evaluates a contract it signed, for a year the contract ran. */
export async function create(ctx: Ctx, body: { contractId: string; year: number }): Promise<Detail> {
  const row = await contractsRepo.findContract(ctx, body.contractId);
  if (!row) throw notFound('服务合同');
  const k = row.contract;
  await purchaserCounty(ctx, k.countyCode);
  if (k.status === 'draft') throw new AppError('CONFLICT', '合同尚未签订，不能开展绩效评估');
  const today = chinaToday();
  const period = periodOf(k, body.year, today);
  if (!period)
    throw invalid([
      {
        path: 'year',
        message: `合同期限为${k.startsOn ?? '—'}至${k.endsOn ?? '—'}，${body.year}年度${body.year > Number(today.slice(0, 4)) ? '尚未到来' : '不在合同期内'}`,
      },
    ]);
  const stationIds = (await contractsRepo.stationIdsOf(ctx.db, [k.id])).get(k.id) ?? [];
  try {
    return await inTransaction(ctx, async (tx) => {
      const system = await fixSystem(tx, body.year);
      const [existing] = await tx.db
        .select({ id: evaluations.id })
        .from(evaluations)
        .where(and(eq(evaluations.contractId, k.id), eq(evaluations.year, body.year)));
      if (existing) throw duplicate(body.year);
      const indicators = system.dimensions.flatMap((d) => d.indicators);
      const filled = await prefill(tx, k, stationIds, period, indicators, today, new Date());
      const scores: IndicatorScore[] = indicators.map((i) => {
        const p = filled.get(i.code);
        return { code: i.code, score: p?.prefill?.suggested ?? null, comment: p?.note ?? '', prefill: p?.prefill ?? null, fileIds: [] };
      });
      const [created] = await tx.db
        .insert(evaluations)
        .values({ contractId: k.id, orgId: k.contractorOrgId, countyCode: k.countyCode, scopePath: k.scopePath, year: body.year, scores })
        .returning({ id: evaluations.id });
      if (!created) throw new Error('insert returned nothing');
      const auto = scores.filter((s) => s.prefill !== null).length;
      await writeAudit(tx, {
        action: 'evaluation.create', objectType: 'evaluation', objectId: created.id,
        after: { contractId: k.id, year: body.year, period, prefilled: scores.filter((s) => s.prefill).map((s) => ({ code: s.code, ...s.prefill })) },
        detail: `${row.contract.title}（${row.orgName}）${body.year}年度绩效评估，${period.from}至${period.to}，${indicators.length}项指标，自动预填${auto}项`,
      });
      return get(tx, created.id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'evaluations_contract_year')) throw duplicate(body.year);
    throw err;
  }
}

/** The evaluation row locked for a write; a finished one is frozen. */
async function lockedDraft(tx: Ctx, id: string) {
  const [e] = await tx.db.select().from(evaluations).where(eq(evaluations.id, id)).for('update');
  if (!e) throw notFound('绩效评估');
  if (e.status === 'finished') throw new AppError('CONFLICT', `${e.year}年度绩效评估已完成（${e.grade ? EVALUATION_GRADE_LABELS[e.grade] : ''}），不能再修改`);
  return e;
}

const pointsOf = (system: SystemRow) => new Map(system.dimensions.flatMap((d) => d.indicators.map((i) => [i.code, i] as const)));

/** A score that departs from the records' suggestion says why. */
function unexplained(s: IndicatorScore): boolean {
  return s.prefill !== null && s.score !== null && s.score !== s.prefill.suggested && s.comment.trim() === '';
}
const explainMessage = (s: IndicatorScore) => `得分与系统建议分（${s.prefill?.suggested ?? ''}分）不同，请填写理由`;

export async function score(ctx: Ctx, id: string, body: ScoreBody): Promise<Detail> {
  const r = await repo.findEvaluation(ctx, id);
  if (!r) throw notFound('绩效评估');
  const indicators = pointsOf(await systemOf(ctx, r.evaluation.year));
  return inTransaction(ctx, async (tx) => {
    const e = await lockedDraft(tx, id);
    if (e.version !== body.version) throw versionConflict();
    const issues: FieldIssue[] = [];
    const next = new Map(e.scores.map((s) => [s.code, s]));
    const seen = new Set<string>();
    for (const [n, input] of body.scores.entries()) {
      const indicator = indicators.get(input.code);
      const current = next.get(input.code);
      if (!indicator || !current) {
        issues.push({ path: `scores.${n}.code`, message: `指标${input.code}不在本评估的指标体系中` });
        continue;
      }
      if (seen.has(input.code)) {
        issues.push({ path: `scores.${n}.code`, message: `指标${input.code}重复` });
        continue;
      }
      seen.add(input.code);
      if (input.score !== null && input.score > indicator.points) {
        issues.push({ path: `scores.${n}.score`, message: `得分不能超过该指标分值${indicator.points}分` });
        continue;
      }
      const updated = { ...current, score: input.score, comment: input.comment ?? current.comment };
      if (unexplained(updated)) issues.push({ path: `scores.${n}.comment`, message: explainMessage(updated) });
      else next.set(input.code, updated);
    }
    if (issues.length > 0) throw invalid(issues);
    const scores = e.scores.map((s) => next.get(s.code) ?? s);
    const changed = scores.filter((s, i) => s !== e.scores[i]);
    await tx.db
      .update(evaluations)
      .set({ scores, evaluators: body.evaluators ?? e.evaluators, version: sql`${evaluations.version} + 1`, updatedAt: new Date() })
      .where(eq(evaluations.id, id));
    await writeAudit(tx, {
      action: 'evaluation.score', objectType: 'evaluation', objectId: id,
      before: e.scores.filter((s) => changed.some((x) => x.code === s.code)).map((s) => ({ code: s.code, score: s.score, comment: s.comment })),
      after: changed.map((s) => ({ code: s.code, score: s.score, comment: s.comment })),
      detail: `${changed.length}项指标${body.evaluators !== undefined && body.evaluators !== e.evaluators ? `，评估人员：${body.evaluators}` : ''}`,
    });
    return get(tx, id);
  });
}

/**
 * Recomputes the figures of a draft. A score that still equals the old suggestion (or is empty)
 * follows the new one; one the evaluator set stays, with its comment.
 */
export async function refreshPrefill(ctx: Ctx, id: string, version: number): Promise<Detail> {
  const r = await repo.findEvaluation(ctx, id);
  if (!r) throw notFound('绩效评估');
  // The contract as it stands (a town officer may see the evaluation, not every contract row by path).
  const [k] = await ctx.db.select().from(contracts).where(eq(contracts.id, r.evaluation.contractId));
  if (!k) throw notFound('服务合同');
  const today = chinaToday();
  const period = periodOf(k, r.evaluation.year, today);
  if (!period) throw new AppError('CONFLICT', '合同在该年度不在合同期内，无法预填');
  const stationIds = (await contractsRepo.stationIdsOf(ctx.db, [k.id])).get(k.id) ?? [];
  const indicators = (await systemOf(ctx, r.evaluation.year)).dimensions.flatMap((d) => d.indicators);
  return inTransaction(ctx, async (tx) => {
    const e = await lockedDraft(tx, id);
    if (e.version !== version) throw versionConflict();
    const filled = await prefill(tx, k, stationIds, period, indicators, today, new Date());
    const scores = e.scores.map((s): IndicatorScore => {
      const p = filled.get(s.code);
      if (!p) return s;
      const following = s.score === null || (s.prefill !== null && s.score === s.prefill.suggested);
      const systemComment = s.comment === '' || s.comment.startsWith(SYSTEM_NOTE);
      return {
        ...s,
        prefill: p.prefill,
        score: following ? (p.prefill?.suggested ?? null) : s.score,
        comment: systemComment ? p.note : s.comment,
      };
    });
    await tx.db
      .update(evaluations)
      .set({ scores, version: sql`${evaluations.version} + 1`, updatedAt: new Date() })
      .where(eq(evaluations.id, id));
    await writeAudit(tx, {
      action: 'evaluation.score', objectType: 'evaluation', objectId: id,
      before: e.scores.filter((s) => s.prefill).map((s) => ({ code: s.code, score: s.score, ...s.prefill })),
      after: scores.filter((s) => s.prefill).map((s) => ({ code: s.code, score: s.score, ...s.prefill })),
      detail: `按${today}的业务数据重新预填（${period.from}至${period.to}）`,
    });
    return get(tx, id);
  });
}

/**
 * Every indicator scored → total → grade by the year's thresholds → the contract's grade for
 * the year (R-CONTRACT-FAIL through gradeContract, as a grade entered by hand). Frozen after.
 */
export async function finish(ctx: Ctx, id: string, version: number): Promise<Detail> {
  const r = await repo.findEvaluation(ctx, id);
  if (!r) throw notFound('绩效评估');
  await purchaserCounty(ctx, r.evaluation.countyCode);
  const system = await systemOf(ctx, r.evaluation.year);
  const indicators = pointsOf(system);
  return inTransaction(ctx, async (tx) => {
    const e = await lockedDraft(tx, id);
    if (e.version !== version) throw versionConflict();
    const missing = e.scores.filter((s) => s.score === null);
    if (missing.length > 0)
      throw invalid(
        missing.map((s) => ({ path: `scores.${s.code}.score`, message: `${indicators.get(s.code)?.name ?? s.code}尚未评分` })),
        `还有${missing.length}项指标未评分，不能完成评估`,
      );
    const bare = e.scores.filter(unexplained);
    if (bare.length > 0) throw invalid(bare.map((s) => ({ path: `scores.${s.code}.comment`, message: explainMessage(s) })));
    const total = sumOf(e.scores);
    const grade = gradeOf(total, system.thresholds);
    await tx.db
      .update(evaluations)
      .set({
        status: 'finished', total, grade, finishedAt: new Date(), finishedBy: actorOf(tx).id,
        version: sql`${evaluations.version} + 1`, updatedAt: new Date(),
      })
      .where(eq(evaluations.id, id));
    // The contract row is read under its lock so its history gets the grade event on top of the latest.
    const [k] = await tx.db.select().from(contracts).where(eq(contracts.id, e.contractId)).for('update');
    if (!k) throw notFound('服务合同');
    await gradeContract(tx, k, { year: e.year, grade, note: `绩效评估总分${total}分`, source: 'evaluation' });
    const failed = grade === 'fail';
    await writeAudit(tx, {
      action: 'evaluation.finish', objectType: 'evaluation', objectId: id,
      after: { total, grade, thresholds: system.thresholds, contractId: e.contractId, year: e.year },
      detail: `总分${total}分，${EVALUATION_GRADE_LABELS[grade]}${failed ? `；合同应于${e.year + 1}年终止（R-CONTRACT-FAIL）` : ''}`,
    });
    return get(tx, id);
  });
}

export async function uploadFile(ctx: Ctx, id: string, code: string | undefined, request: FastifyRequest) {
  const r = await repo.findEvaluation(ctx, id);
  if (!r) throw notFound('绩效评估');
  if (r.evaluation.status === 'finished') throw new AppError('CONFLICT', '绩效评估已完成，不能再上传佐证材料');
  if (code !== undefined && !r.evaluation.scores.some((s) => s.code === code))
    throw invalid([{ path: 'code', message: `指标${code}不在本评估的指标体系中` }]);
  const upload = await readUpload(request, DOCUMENT_TYPES);
  return inTransaction(ctx, async (tx) => {
    const e = await lockedDraft(tx, id);
    const [file] = await tx.db
      .insert(files)
      .values({ ownerType: 'evaluation', ownerId: id, scopePath: e.scopePath, orgId: e.orgId, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt });
    if (!file) throw new Error('insert returned nothing');
    if (code !== undefined)
      // Under the row lock and without a version bump: a score form open meanwhile stays valid.
      await tx.db
        .update(evaluations)
        .set({ scores: e.scores.map((s) => (s.code === code ? { ...s, fileIds: [...s.fileIds, file.id] } : s)), updatedAt: new Date() })
        .where(eq(evaluations.id, id));
    await writeAudit(tx, {
      action: 'evaluation.file_upload', objectType: 'evaluation', objectId: id,
      after: { fileId: file.id, code: code ?? null, name: file.name, mime: file.mime, size: file.size, sha256: upload.sha256 },
    });
    return { ...file, createdAt: file.createdAt.toISOString() };
  });
}

export async function downloadFile(ctx: Ctx, id: string, fileId: string) {
  if (!(await repo.findEvaluation(ctx, id))) throw notFound('绩效评估');
  const file = await repo.fileOf(ctx.db, id, fileId);
  if (!file) throw notFound('文件');
  return file;
}
