import { and, asc, count, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { evaluationListQuery } from '../../../shared/contracts/evaluations';
import type { Db } from '../../db/client';
import { contracts, contractStations, evaluations, files, organizations, regions, users } from '../../db/schema';
import { qualified } from '../../db/sql';
import type { Ctx } from '../../platform/context';

export type EvaluationRow = typeof evaluations.$inferSelect;
type Filter = Omit<z.output<typeof evaluationListQuery>, 'page' | 'pageSize'>;

/**
 * Who sees an evaluation: as its contract (R-EVAL-YEARLY: the district and the towns evaluate
 * together): the purchaser's unit, the city and region-scoped evaluators by path; a town by the
 * contract's stations there; a contractor its own.
 */
export function evaluationScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  if (scope.kind === 'org') return scope.orgId ? eq(evaluations.orgId, scope.orgId) : sql`false`;
  if (!scope.path) return sql`false`;
  return sql`(${qualified(evaluations.scopePath)} LIKE ${`${scope.path}%`} OR EXISTS (
    SELECT 1 FROM ${contractStations} WHERE ${qualified(contractStations.contractId)} = ${qualified(evaluations.contractId)}
      AND ${qualified(contractStations.stationPath)} LIKE ${`${scope.path}%`}))`;
}

function conditions(ctx: Ctx, f: Filter): SQL | undefined {
  return and(
    evaluationScope(ctx),
    f.year ? eq(evaluations.year, f.year) : undefined,
    f.countyCode ? eq(evaluations.countyCode, f.countyCode) : undefined,
    f.grade ? eq(evaluations.grade, f.grade) : undefined,
    f.status ? eq(evaluations.status, f.status) : undefined,
    f.contractId ? eq(evaluations.contractId, f.contractId) : undefined,
    f.orgId ? eq(evaluations.orgId, f.orgId) : undefined,
  );
}

const columns = {
  evaluation: evaluations,
  contractTitle: contracts.title,
  contractNumber: contracts.number,
  orgName: organizations.name,
  countyShortName: regions.shortName,
  finishedBy: users.displayName,
};
export type EvaluationJoined = {
  evaluation: EvaluationRow;
  contractTitle: string;
  contractNumber: string;
  orgName: string;
  countyShortName: string;
  finishedBy: string | null;
};

function joined(db: Db) {
  return db
    .select(columns)
    .from(evaluations)
    .innerJoin(contracts, eq(contracts.id, evaluations.contractId))
    .innerJoin(organizations, eq(organizations.id, evaluations.orgId))
    .innerJoin(regions, eq(regions.code, evaluations.countyCode))
    .leftJoin(users, eq(users.id, evaluations.finishedBy))
    .$dynamic();
}

/** An evaluation without its scores: what a list row reads, the scores' counts and sum made in SQL. */
const { scores: _scores, ...lineColumns } = getTableColumns(evaluations);
const scoreCounts = {
  indicators: sql<number>`jsonb_array_length(${qualified(evaluations.scores)})`,
  // As JavaScript's score !== null: a missing score counts, a JSON null does not.
  scored: sql<number>`(SELECT count(*)::int FROM jsonb_array_elements(${qualified(evaluations.scores)}) AS s WHERE jsonb_typeof(s -> 'score') IS DISTINCT FROM 'null')`,
  scoresSum: sql<number>`(SELECT coalesce(sum((s ->> 'score')::numeric), 0)::float8 FROM jsonb_array_elements(${qualified(evaluations.scores)}) AS s)`,
};
export type EvaluationLine = Omit<EvaluationJoined, 'evaluation'> & { evaluation: Omit<EvaluationRow, 'scores'> } & { indicators: number; scored: number; scoresSum: number };

export async function listEvaluations(ctx: Ctx, f: Filter & { page: number; pageSize: number }): Promise<{ rows: EvaluationLine[]; total: number }> {
  const where = conditions(ctx, f);
  const [rows, [n]] = await Promise.all([
    ctx.db
      .select({ ...columns, evaluation: lineColumns, ...scoreCounts })
      .from(evaluations)
      .innerJoin(contracts, eq(contracts.id, evaluations.contractId))
      .innerJoin(organizations, eq(organizations.id, evaluations.orgId))
      .innerJoin(regions, eq(regions.code, evaluations.countyCode))
      .leftJoin(users, eq(users.id, evaluations.finishedBy))
      .where(where)
      .orderBy(desc(evaluations.year), asc(evaluations.countyCode), desc(evaluations.updatedAt), asc(evaluations.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db.select({ n: count() }).from(evaluations).where(where),
  ]);
  return { rows, total: n?.n ?? 0 };
}

export async function findEvaluation(ctx: Ctx, id: string): Promise<EvaluationJoined | undefined> {
  const [row] = await joined(ctx.db).where(and(eq(evaluations.id, id), evaluationScope(ctx)));
  return row;
}

export async function filesOf(db: Db, evaluationId: string) {
  return db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt })
    .from(files)
    .where(and(eq(files.ownerType, 'evaluation'), eq(files.ownerId, evaluationId)))
    .orderBy(asc(files.createdAt));
}

export async function fileOf(db: Db, evaluationId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.ownerType, 'evaluation'), eq(files.ownerId, evaluationId), eq(files.id, fileId)));
  return row;
}
