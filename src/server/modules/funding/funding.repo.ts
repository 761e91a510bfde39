import { and, asc, between, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FundSource, SpendingCategory } from '../../../shared/rules/purchase';
import type { Db } from '../../db/client';
import { contractPayments, contractSpending, contractStations, publicFundingSummaries, stationBudgets, stations } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { stationRecordScope } from '../../platform/scope';

/** Sums of bigint fen come back as numeric text; below 2^53 fen Number() is exact. */
const sumFen = (column: AnyPgColumn) =>
  sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

const yearDays = (year: number): [string, string] => [`${year}-01-01`, `${year}-12-31`];

const budgetScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: stationBudgets.scopePath, stationId: stationBudgets.stationId });

export interface BudgetRow {
  stationId: string;
  source: FundSource;
  amountFen: number;
}

export async function budgetsOf(ctx: Ctx, year: number, stationIds: readonly string[]): Promise<BudgetRow[]> {
  if (stationIds.length === 0) return [];
  return ctx.db
    .select({ stationId: stationBudgets.stationId, source: stationBudgets.source, amountFen: stationBudgets.amountFen })
    .from(stationBudgets)
    .where(and(eq(stationBudgets.year, year), inArray(stationBudgets.stationId, [...stationIds]), budgetScope(ctx)));
}

/**
 * R-FUND-CITY is about the city's fund as a whole: every budget row of the year, whatever the
 * station's state now (money arranged for a station revoked later was still arranged).
 */
export async function sourceTotal(ctx: Ctx, year: number, source: FundSource): Promise<number> {
  const [row] = await ctx.db
    .select({ fen: sumFen(stationBudgets.amountFen) })
    .from(stationBudgets)
    .where(and(eq(stationBudgets.year, year), eq(stationBudgets.source, source), budgetScope(ctx)));
  return row?.fen ?? 0;
}

export interface SpendingRow {
  stationId: string;
  category: SpendingCategory;
  amountFen: number;
}

/** Spending of the year by station and category; the join puts the station's scope on the rows. */
export async function spendingOf(ctx: Ctx, year: number, stationIds: readonly string[]): Promise<SpendingRow[]> {
  if (stationIds.length === 0) return [];
  return ctx.db
    .select({ stationId: contractSpending.stationId, category: contractSpending.category, amountFen: sumFen(contractSpending.amountFen) })
    .from(contractSpending)
    .innerJoin(stations, eq(stations.id, contractSpending.stationId))
    .where(
      and(
        inArray(contractSpending.stationId, [...stationIds]),
        between(contractSpending.spentOn, ...yearDays(year)),
        stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id }),
      ),
    )
    .groupBy(contractSpending.stationId, contractSpending.category);
}

export interface ContractPaid {
  contractId: string;
  paidFen: number;
  /** All the contract's stations in a fixed order (by region path), not only those in scope. */
  stationIds: string[];
}

/**
 * Payments of the year of every contract covering one of the stations. The split needs all of
 * a contract's stations, so the second query reads them whole once the contract is known to
 * be in scope through one of its stations.
 */
export async function paidByContract(ctx: Ctx, year: number, stationIds: readonly string[]): Promise<ContractPaid[]> {
  if (stationIds.length === 0) return [];
  const covering = ctx.db
    .select({ id: contractStations.contractId })
    .from(contractStations)
    .where(
      and(
        inArray(contractStations.stationId, [...stationIds]),
        stationRecordScope(ctx, { scopePath: contractStations.stationPath, stationId: contractStations.stationId }),
      ),
    );
  const paid = await ctx.db
    .select({ contractId: contractPayments.contractId, paidFen: sumFen(contractPayments.amountFen) })
    .from(contractPayments)
    .where(and(inArray(contractPayments.contractId, covering), between(contractPayments.paidOn, ...yearDays(year))))
    .groupBy(contractPayments.contractId);
  if (paid.length === 0) return [];
  const links = await ctx.db
    .select({ contractId: contractStations.contractId, stationId: contractStations.stationId })
    .from(contractStations)
    .where(inArray(contractStations.contractId, paid.map((p) => p.contractId)))
    .orderBy(asc(contractStations.stationPath));
  return paid.map((p) => ({ ...p, stationIds: links.filter((l) => l.contractId === p.contractId).map((l) => l.stationId) }));
}

/** Writes the four sources of a station's year in place (one row per source). */
export async function upsertBudget(
  ctx: Ctx,
  station: { id: string; scopePath: string },
  year: number,
  amounts: Record<FundSource, number>,
  updatedBy: string,
): Promise<void> {
  const now = new Date();
  const rows = (Object.keys(amounts) as FundSource[]).map((source) => ({
    stationId: station.id, scopePath: station.scopePath, year, source, amountFen: amounts[source], updatedBy, updatedAt: now,
  }));
  await ctx.db
    .insert(stationBudgets)
    .values(rows)
    .onConflictDoUpdate({
      target: [stationBudgets.stationId, stationBudgets.year, stationBudgets.source],
      set: {
        amountFen: sql`excluded.amount_fen`,
        scopePath: sql`excluded.scope_path`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** The public summary of the year if computed within the last `freshSeconds` (database clock). */
export async function cachedPublicSummary(db: Db, year: number, freshSeconds: number): Promise<unknown> {
  const [row] = await db
    .select({ body: publicFundingSummaries.body })
    .from(publicFundingSummaries)
    .where(and(eq(publicFundingSummaries.year, year), sql`${publicFundingSummaries.computedAt} > now() - make_interval(secs => ${freshSeconds})`));
  return row?.body;
}

export async function storePublicSummary(db: Db, year: number, body: unknown): Promise<void> {
  await db
    .insert(publicFundingSummaries)
    .values({ year, body, computedAt: sql`now()` })
    .onConflictDoUpdate({ target: publicFundingSummaries.year, set: { body: sql`excluded.body`, computedAt: sql`excluded.computed_at` } });
}

/** Called in the transaction of every budget, payment and spending write. */
export async function dropPublicSummaries(db: Db): Promise<void> {
  await db.delete(publicFundingSummaries);
}
