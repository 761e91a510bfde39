import { and, asc, eq, gte, inArray, lte, notExists, sql } from 'drizzle-orm';
import { chinaToday } from '../../../shared/rules/china-date';
import { gradeOf } from '../../../shared/rules/reports';
import type { Db } from '../../db/client';
import { contractGrades, contracts, evaluations, indicatorSystems, type IndicatorScore } from '../../db/schema';
import { qualified } from '../../db/sql';
import { defaultSystem } from './indicators';

/**
 * One finished evaluation of the previous year for the first contract that ran then and has
 * none (the demo set's own contract starts this year, so today this stores nothing): scored by
 * hand at 85% of every indicator (良好), with the contract's grade beside it. Loads once.
 */
export async function seedEvaluationDemo(db: Db): Promise<void> {
  const year = Number(chinaToday().slice(0, 4)) - 1;
  const [k] = await db
    .select()
    .from(contracts)
    .where(
      and(
        inArray(contracts.status, ['signed', 'performing', 'expired', 'terminated']),
        lte(contracts.startsOn, `${year}-12-31`),
        gte(contracts.endsOn, `${year}-01-01`),
        notExists(
          db
            .select({ id: evaluations.id })
            .from(evaluations)
            .where(sql`${qualified(evaluations.contractId)} = ${qualified(contracts.id)} AND ${qualified(evaluations.year)} = ${year}`),
        ),
      ),
    )
    .orderBy(asc(contracts.countyCode), asc(contracts.startsOn))
    .limit(1);
  if (!k) return;
  const system = defaultSystem();
  await db.insert(indicatorSystems).values({ year, ...system }).onConflictDoNothing();
  const [fixed] = await db.select().from(indicatorSystems).where(eq(indicatorSystems.year, year));
  if (!fixed) return;
  const scores: IndicatorScore[] = fixed.dimensions.flatMap((d) =>
    d.indicators.map((i) => ({ code: i.code, score: Math.round(i.points * 0.85 * 2) / 2, comment: '演示数据：按指标分值的85%评分', prefill: null, fileIds: [] })),
  );
  const total = Math.round(scores.reduce((s, x) => s + (x.score ?? 0), 0) * 100) / 100;
  const grade = gradeOf(total, fixed.thresholds);
  // A demo 不合格 would also have to mark the contract for ending (R-CONTRACT-FAIL): not worth faking.
  if (grade === 'fail') return;
  await db.insert(evaluations).values({
    contractId: k.id, orgId: k.contractorOrgId, countyCode: k.countyCode, scopePath: k.scopePath, year, status: 'finished', scores, total, grade,
    evaluators: '区市民政部门、镇街、第三方评估机构（演示）', finishedAt: new Date(`${year}-12-20T10:00:00+08:00`),
  });
  await db
    .insert(contractGrades)
    .values({ contractId: k.id, orgId: k.contractorOrgId, year, grade, note: `绩效评估总分${total}分（演示）`, source: 'evaluation' })
    .onConflictDoNothing();
}
