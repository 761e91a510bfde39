import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  contractGrades,
  contractPayments,
  contracts,
  contractSpending,
  contractStations,
  files,
  organizations,
  regions,
} from '../../db/schema';
import { qualified } from '../../db/sql';
import { cappedCount, type CappedTotal, type CountPaging } from '../../platform/capped-count';
import type { Ctx } from '../../platform/context';
import { likeContains } from '../../platform/scope';
import { IN_FORCE_STATUSES } from '../../platform/station-operator';
import { contractHasFindingsSql } from './contract-findings';

export type ContractRow = typeof contracts.$inferSelect;

/**
 * Who sees a contract: the purchaser's unit and the city by path; a town by the stations the
 * contract covers there (the landing party, R-CONTRACT-TRI); a contractor its own contracts.
 */
export function contractScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  if (scope.kind === 'org') return scope.orgId ? eq(contracts.contractorOrgId, scope.orgId) : sql`false`;
  if (!scope.path) return sql`false`;
  return sql`(${qualified(contracts.scopePath)} LIKE ${`${scope.path}%`} OR EXISTS (
    SELECT 1 FROM ${contractStations} WHERE ${qualified(contractStations.contractId)} = ${qualified(contracts.id)}
      AND ${qualified(contractStations.stationPath)} LIKE ${`${scope.path}%`}))`;
}

export interface ContractFilter {
  countyCode?: string;
  orgId?: string;
  stationId?: string;
  status?: ContractRow['status'];
  year?: number;
  q?: string;
  /** Only contracts with findings on this day (contractHasFindingsSql). */
  findingsOn?: string;
}

function conditions(ctx: Ctx, f: ContractFilter): SQL | undefined {
  const where: SQL[] = [contractScope(ctx)];
  if (f.countyCode) where.push(eq(contracts.countyCode, f.countyCode));
  if (f.orgId) where.push(eq(contracts.contractorOrgId, f.orgId));
  if (f.status) where.push(eq(contracts.status, f.status));
  if (f.stationId)
    where.push(sql`EXISTS (SELECT 1 FROM ${contractStations} WHERE ${qualified(contractStations.contractId)} = ${qualified(contracts.id)} AND ${qualified(contractStations.stationId)} = ${f.stationId})`);
  if (f.year) {
    // In force on some day of the year (a draft without dates counts for its creation year).
    where.push(
      sql`coalesce(${contracts.startsOn}, ${contracts.createdAt}::date) <= ${`${f.year}-12-31`}::date AND coalesce(${contracts.endsOn}, ${contracts.createdAt}::date) >= ${`${f.year}-01-01`}::date`,
    );
  }
  if (f.findingsOn) where.push(contractHasFindingsSql(f.findingsOn));
  if (f.q) {
    const term = likeContains(f.q);
    const match = or(ilike(contracts.title, term), ilike(contracts.number, term), ilike(organizations.name, term));
    if (match) where.push(match);
  }
  return and(...where);
}

/** What a list row shows and its findings test: never the terms, instalments or history (JSON, kilobytes each). */
export const summaryColumns = {
  id: contracts.id, countyCode: contracts.countyCode, contractorOrgId: contracts.contractorOrgId, number: contracts.number,
  title: contracts.title, startsOn: contracts.startsOn, endsOn: contracts.endsOn, priceFen: contracts.priceFen,
  status: contracts.status, statusReason: contracts.statusReason, signedOn: contracts.signedOn, endingYear: contracts.endingYear,
  endingReason: contracts.endingReason, version: contracts.version, updatedAt: contracts.updatedAt,
};
export type ContractSummaryRow = Pick<ContractRow, keyof typeof summaryColumns>;

const listColumns = { contract: contracts, orgName: organizations.name, orgStatus: organizations.status, countyShortName: regions.shortName };
const summaryListColumns = { ...listColumns, contract: summaryColumns };

export type ContractListRow = { contract: ContractSummaryRow; orgName: string; orgStatus: string; countyShortName: string };
/** One contract whole (its page, its calendar deadlines from the instalments). */
export type ContractFullRow = Omit<ContractListRow, 'contract'> & { contract: ContractRow };

export async function listContracts(ctx: Ctx, f: ContractFilter, limit: number, offset = 0): Promise<ContractListRow[]> {
  return ctx.db
    .select(summaryListColumns)
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.contractorOrgId))
    .innerJoin(regions, eq(regions.code, contracts.countyCode))
    .where(conditions(ctx, f))
    // Both keys descending, as contracts_updated_idx read backward: with a filter (有问题) the scan
    // stops once the page is full instead of testing every contract in scope before a sort.
    .orderBy(desc(contracts.updatedAt), desc(contracts.id))
    .limit(limit)
    .offset(offset);
}

/**
 * Contracts (not drafts) with a deadline in [from, to]: the on-post deadline one month after
 * signing (R-ONPOST-1M), an instalment, the end of term, or the 1 January of a failed
 * evaluation's ending year. Filtered in SQL: the calendar reads what it shows, not every contract.
 */
export async function contractsWithDeadlinesIn(ctx: Ctx, from: string, to: string): Promise<ContractFullRow[]> {
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  return ctx.db
    .select(listColumns)
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.contractorOrgId))
    .innerJoin(regions, eq(regions.code, contracts.countyCode))
    .where(
      and(
        contractScope(ctx),
        sql`${contracts.status} <> 'draft'`,
        sql`((${contracts.signedOn} + interval '1 month')::date BETWEEN ${f} AND ${t}
          OR ${contracts.endsOn} BETWEEN ${f} AND ${t}
          OR make_date(${contracts.endingYear}, 1, 1) BETWEEN ${f} AND ${t}
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(${contracts.instalments}) AS i WHERE (i->>'dueOn') BETWEEN ${from} AND ${to}))`,
      ),
    )
    .orderBy(asc(contracts.id));
}

export async function countContracts(ctx: Ctx, f: ContractFilter): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.contractorOrgId))
    .where(conditions(ctx, f));
  return row?.n ?? 0;
}

/**
 * The 有问题 count stops here ("共 50+ 条"), or at the end of the page asked for if that is further,
 * as the clients' name search does (NAME_SEARCH_COUNT_CAP): it is a list to work through from the
 * top, and every contract counted runs the findings test (its stations' postings and workers), so
 * a province's count would cost every contract in scope where Weihai's costs a handful.
 */
export const PROBLEM_COUNT_CAP = 50;

/** The count read up to the cap or the page's end: the 有问题 test runs on at most that many + 1 contracts. */
export async function countContractsCapped(ctx: Ctx, f: ContractFilter, paging: CountPaging): Promise<CappedTotal> {
  // The contractor is joined only for a search by its name (every contract has one): joined, the
  // planner may test every contract in scope into a hash or materialised side before the LIMIT stops it.
  const from = ctx.db.select({ one: sql`1` }).from(contracts);
  const rows = f.q ? from.innerJoin(organizations, eq(organizations.id, contracts.contractorOrgId)) : from;
  return cappedCount(ctx.db, (limit) => rows.where(conditions(ctx, f)).limit(limit), paging, PROBLEM_COUNT_CAP);
}

export async function findContract(ctx: Ctx, id: string): Promise<ContractFullRow | undefined> {
  const [row] = await ctx.db
    .select(listColumns)
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.contractorOrgId))
    .innerJoin(regions, eq(regions.code, contracts.countyCode))
    .where(and(eq(contracts.id, id), contractScope(ctx)));
  return row;
}

export async function stationIdsOf(db: Db, contractIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (contractIds.length === 0) return out;
  const rows = await db
    .select({ contractId: contractStations.contractId, stationId: contractStations.stationId })
    .from(contractStations)
    .where(inArray(contractStations.contractId, contractIds))
    .orderBy(asc(contractStations.stationPath));
  for (const r of rows) out.set(r.contractId, [...(out.get(r.contractId) ?? []), r.stationId]);
  return out;
}

/** Paid and spent per contract, summed in the database. */
export async function moneyOf(db: Db, contractIds: string[]): Promise<Map<string, { paid: number; spent: number }>> {
  const out = new Map<string, { paid: number; spent: number }>();
  if (contractIds.length === 0) return out;
  const [paid, spent] = await Promise.all([
    db
      .select({ id: contractPayments.contractId, n: sql<string>`sum(${contractPayments.amountFen})::text` })
      .from(contractPayments)
      .where(inArray(contractPayments.contractId, contractIds))
      .groupBy(contractPayments.contractId),
    db
      .select({ id: contractSpending.contractId, n: sql<string>`sum(${contractSpending.amountFen})::text` })
      .from(contractSpending)
      .where(inArray(contractSpending.contractId, contractIds))
      .groupBy(contractSpending.contractId),
  ]);
  for (const id of contractIds) out.set(id, { paid: 0, spent: 0 });
  for (const r of paid) out.set(r.id, { paid: Number(r.n), spent: out.get(r.id)?.spent ?? 0 });
  for (const r of spent) out.set(r.id, { paid: out.get(r.id)?.paid ?? 0, spent: Number(r.n) });
  return out;
}

export async function paymentsOf(db: Db, contractId: string) {
  return db.select().from(contractPayments).where(eq(contractPayments.contractId, contractId)).orderBy(asc(contractPayments.paidOn), asc(contractPayments.createdAt));
}

export async function spendingOf(db: Db, contractId: string) {
  return db.select().from(contractSpending).where(eq(contractSpending.contractId, contractId)).orderBy(asc(contractSpending.spentOn), asc(contractSpending.createdAt));
}

export async function gradesOf(db: Db, contractId: string) {
  return db.select().from(contractGrades).where(eq(contractGrades.contractId, contractId)).orderBy(asc(contractGrades.year));
}

export async function filesOf(db: Db, contractId: string) {
  return db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt })
    .from(files)
    .where(and(eq(files.ownerType, 'contract'), eq(files.ownerId, contractId)))
    .orderBy(asc(files.createdAt));
}

export async function fileOf(db: Db, contractId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.ownerType, 'contract'), eq(files.ownerId, contractId), eq(files.id, fileId)));
  return row;
}

/**
 * Contracts in force at the stations on some day of [from, to] (R-NO-SUBCONTRACT, reports,
 * overlapping terms): the same definition as platform/station-operator, for whole rows.
 */
export async function contractsInForceAt(db: Db, stationIds: string[], from: string, to: string, exceptId?: string) {
  if (stationIds.length === 0) return [];
  return db
    .select({ contract: contracts, stationId: contractStations.stationId, orgName: organizations.name })
    .from(contractStations)
    .innerJoin(contracts, eq(contracts.id, contractStations.contractId))
    .innerJoin(organizations, eq(organizations.id, contracts.contractorOrgId))
    .where(
      and(
        inArray(contractStations.stationId, stationIds),
        inArray(contracts.status, [...IN_FORCE_STATUSES]),
        lte(contracts.startsOn, to),
        gte(contracts.endsOn, from),
        exceptId ? sql`${contracts.id} <> ${exceptId}` : undefined,
      ),
    );
}
