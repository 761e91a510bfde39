import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  FUND_SOURCES,
  SPENDING_CATEGORIES,
  STATION_MIN_FUND_FEN,
  type FundSource,
  type SpendingCategory,
} from '../../../shared/rules/purchase';
import type { Db } from '../../db/client';
import {
  fundingBudgetLines,
  fundingCountyLines,
  fundingCountyStations,
  publicFundingSummaries,
  stationBudgets,
  stationFundingRollups,
  stations,
} from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { likeContains, stationRecordScope } from '../../platform/scope';

/** Sums of bigint fen come back as numeric text; below 2^53 fen Number() is exact. */
const sumFen = (column: AnyPgColumn) =>
  sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

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
  const lines = countyLinesScope(ctx);
  if (lines) {
    // Whole county units: the budget lines (one row per unit, kept by triggers, 0059) add up the same rows.
    const res = (await ctx.db.execute(sql`SELECT coalesce(sum(c.${sourceCol(source)}), 0) AS fen
      FROM ${fundingBudgetLines} c WHERE c.year = ${year} AND ${lines}`)) as unknown as Rows<Raw>;
    return num(res.rows[0]?.fen);
  }
  const [row] = await ctx.db
    .select({ fen: sumFen(stationBudgets.amountFen) })
    .from(stationBudgets)
    .where(and(eq(stationBudgets.year, year), eq(stationBudgets.source, source), budgetScope(ctx)));
  return row?.fen ?? 0;
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

/** Which cached answer: a year's total with one page of its county units (code order). */
export interface PublicSummaryKey {
  year: number;
  page: number;
  pageSize: number;
}

const publicKey = (k: PublicSummaryKey) =>
  and(eq(publicFundingSummaries.year, k.year), eq(publicFundingSummaries.page, k.page), eq(publicFundingSummaries.pageSize, k.pageSize));

/** The public summary's page if computed within the last `freshSeconds` (database clock): one primary-key probe. */
export async function cachedPublicSummary(db: Db, key: PublicSummaryKey, freshSeconds: number): Promise<unknown> {
  const [row] = await db
    .select({ body: publicFundingSummaries.body })
    .from(publicFundingSummaries)
    .where(and(publicKey(key), sql`${publicFundingSummaries.computedAt} > now() - make_interval(secs => ${freshSeconds})`));
  return row?.body;
}

/**
 * Stores a page and drops the year's pages past their window (the key's prefix), so the rows of a
 * year are at most the pages asked for within one window.
 */
export async function storePublicSummary(db: Db, key: PublicSummaryKey, body: unknown, freshSeconds: number): Promise<void> {
  await db
    .delete(publicFundingSummaries)
    .where(and(eq(publicFundingSummaries.year, key.year), sql`${publicFundingSummaries.computedAt} <= now() - make_interval(secs => ${freshSeconds})`));
  await db
    .insert(publicFundingSummaries)
    .values({ ...key, body, computedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [publicFundingSummaries.year, publicFundingSummaries.page, publicFundingSummaries.pageSize],
      set: { body: sql`excluded.body`, computedAt: sql`excluded.computed_at` },
    });
}

/**
 * One transaction-scoped advisory lock orders the drops and the refreshes: a refresh computed
 * while a write is in progress would otherwise store the figures from before it.
 */
const PUBLIC_SUMMARY_LOCK = 0x5347_5a46; // "SGZF"

export async function lockPublicSummaries(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${PUBLIC_SUMMARY_LOCK})`);
}

/** Called in the transaction of every budget, payment and spending write. */
export async function dropPublicSummaries(db: Db): Promise<void> {
  await lockPublicSummaries(db);
  await db.delete(publicFundingSummaries);
}

/* ---------- The overview in SQL: one row per live station, summed per county unit ---------- */

export interface FundingScope {
  year: number;
  countyCode?: string;
  /** One station (the answer to a budget write). */
  stationId?: string;
}

/** Which stations perStation computes for the roll-up: these, revoked or not, whatever the actor (readers apply the scope). */
interface RollupScope {
  stationIds: readonly string[];
}

/** What narrows the station list (not the totals): a name search and 有问题 (R-FUND-STATION). */
export interface StationListFilter {
  q?: string;
  onlyFindings?: boolean;
}

export type FundingSort = 'code' | 'budget' | '-budget' | 'rate' | '-rate';

export interface FundingFigures {
  budget: Record<FundSource, number>;
  budgetFen: number;
  paidFen: number;
  spentFen: number;
  spending: Record<SpendingCategory, number>;
}

export interface StationFundingRow extends FundingFigures {
  stationId: string;
  townCode: string;
  name: string;
  countyCode: string;
  countyShortName: string;
}

export interface CountyFundingRow extends FundingFigures {
  /** null on the ROLLUP row: every station of the scope. */
  countyCode: string | null;
  countyShortName: string | null;
  stations: number;
  /** Stations that pass the list filter (search, 有问题). */
  matching: number;
}

type Rows<T> = { rows: T[] };
/** bigint and numeric come back as text (pg) or bigint (PGlite); fen sums stay below 2^53. */
type Raw = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

const ident = (name: string) => sql.raw(`"${name}"`);
const sourceCol = (s: FundSource) => ident(`b_${s}`);
const categoryCol = (k: SpendingCategory) => ident(`s_${k}`);

/**
 * One row per live station in scope with its budget by source, spending by category and its
 * share of the contracts' payments of the year. Each figure is a lateral aggregate over an index
 * (station_budgets' key, contract_spending(station_id, spent_on), contract_stations(station_id)
 * and its key, contract_payments(contract_id)), so a page ordered by town code reads only the
 * stations it shows.
 *
 * Payments are shared equally among all of a contract's stations (in scope or not), the
 * remainder of the division going to the first by region path: the shares add up to the fen.
 */
function perStation(who: Ctx | RollupScope, f: FundingScope): SQL {
  const from = `${f.year}-01-01`;
  const to = `${f.year}-12-31`;
  const scope =
    'stationIds' in who
      ? inArray(stations.id, [...who.stationIds])
      : sql`"stations"."status" <> 'revoked' AND ${stationRecordScope(who, { scopePath: stations.scopePath, stationId: stations.id })}`;
  const budgetCols = sql.join(
    FUND_SOURCES.map((s) => sql`coalesce(sum(sb.amount_fen) FILTER (WHERE sb.source = ${s}), 0)::bigint AS ${sourceCol(s)}`),
    sql`, `,
  );
  const spendingCols = sql.join(
    SPENDING_CATEGORIES.map((k) => sql`coalesce(sum(cs.amount_fen) FILTER (WHERE cs.category = ${k}), 0)::bigint AS ${categoryCol(k)}`),
    sql`, `,
  );
  const outerCols = sql.join(
    [...FUND_SOURCES.map((s) => sql`b.${sourceCol(s)}`), ...SPENDING_CATEGORIES.map((k) => sql`sp.${categoryCol(k)}`)],
    sql`, `,
  );
  return sql`SELECT "stations"."id" AS station_id, "stations"."town_code" AS town_code,
      county.code AS county_code, county.short_name AS county_short_name,
      county.short_name || town.name || '社会工作服务站' AS name,
      ${outerCols}, b.budget_fen, sp.spent_fen, p.paid_fen
    FROM ${stations}
    JOIN regions town ON town.code = "stations"."town_code"
    JOIN regions county ON county.code = town.parent_code
    CROSS JOIN LATERAL (
      SELECT ${budgetCols}, coalesce(sum(sb.amount_fen), 0)::bigint AS budget_fen
      FROM station_budgets sb WHERE sb.station_id = "stations"."id" AND sb.year = ${f.year}
    ) b
    CROSS JOIN LATERAL (
      SELECT ${spendingCols}, coalesce(sum(cs.amount_fen), 0)::bigint AS spent_fen
      FROM contract_spending cs WHERE cs.station_id = "stations"."id" AND cs.spent_on BETWEEN ${from}::date AND ${to}::date
    ) sp
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(div(pay.fen, k.n) + CASE WHEN link.station_path = k.first_path THEN mod(pay.fen, k.n) ELSE 0 END), 0)::bigint AS paid_fen
      FROM contract_stations link
      JOIN LATERAL (
        SELECT sum(cp.amount_fen) AS fen FROM contract_payments cp
        WHERE cp.contract_id = link.contract_id AND cp.paid_on BETWEEN ${from}::date AND ${to}::date
      ) pay ON pay.fen IS NOT NULL
      JOIN LATERAL (
        SELECT count(*) AS n, min(other.station_path) AS first_path FROM contract_stations other WHERE other.contract_id = link.contract_id
      ) k ON true
      WHERE link.station_id = "stations"."id"
    ) p
    WHERE ${scope}
      ${f.countyCode ? sql`AND county.code = ${f.countyCode}` : sql``}
      ${f.stationId ? sql`AND "stations"."id" = ${f.stationId}` : sql``}`;
}

/**
 * The same columns as perStation for every station (revoked too: readers drop revoked ones by
 * joining stations), set-based: each table aggregated once for the year and joined by station.
 * The roll-up's bulk rebuild uses this; a nested loop of lateral sums per station costs far more there.
 */
function perStationSet(year: number): SQL {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const budgetCols = sql.join(
    FUND_SOURCES.map((s) => sql`sum(sb.amount_fen) FILTER (WHERE sb.source = ${s}) AS ${sourceCol(s)}`),
    sql`, `,
  );
  const spendingCols = sql.join(
    SPENDING_CATEGORIES.map((k) => sql`sum(cs.amount_fen) FILTER (WHERE cs.category = ${k}) AS ${categoryCol(k)}`),
    sql`, `,
  );
  const outerCols = sql.join(
    [
      ...FUND_SOURCES.map((s) => sql`coalesce(b.${sourceCol(s)}, 0)::bigint AS ${sourceCol(s)}`),
      ...SPENDING_CATEGORIES.map((k) => sql`coalesce(sp.${categoryCol(k)}, 0)::bigint AS ${categoryCol(k)}`),
    ],
    sql`, `,
  );
  return sql`WITH st AS (
      SELECT "stations"."id" AS station_id, "stations"."town_code" AS town_code, "stations"."scope_path" AS scope_path,
        county.code AS county_code, county.short_name AS county_short_name,
        county.short_name || town.name || '社会工作服务站' AS name
      FROM ${stations}
      JOIN regions town ON town.code = "stations"."town_code"
      JOIN regions county ON county.code = town.parent_code
    ),
    b AS (
      SELECT sb.station_id, ${budgetCols}, sum(sb.amount_fen) AS budget_fen
      FROM (SELECT * FROM ${stationBudgets} WHERE "station_budgets"."year" = ${year}) sb
      JOIN st ON st.station_id = sb.station_id
      GROUP BY sb.station_id
    ),
    sp AS (
      SELECT cs.station_id, ${spendingCols}, sum(cs.amount_fen) AS spent_fen
      FROM contract_spending cs JOIN st ON st.station_id = cs.station_id
      WHERE cs.spent_on BETWEEN ${from}::date AND ${to}::date
      GROUP BY cs.station_id
    ),
    pay AS (
      SELECT cp.contract_id, sum(cp.amount_fen) AS fen FROM contract_payments cp
      WHERE cp.paid_on BETWEEN ${from}::date AND ${to}::date
        AND cp.contract_id IN (SELECT l.contract_id FROM contract_stations l JOIN st ON st.station_id = l.station_id)
      GROUP BY cp.contract_id
    ),
    share AS (
      SELECT l.station_id, sum(div(pay.fen, l.n) + CASE WHEN l.rn = 1 THEN mod(pay.fen, l.n) ELSE 0 END) AS paid_fen
      FROM (
        SELECT contract_id, station_id, count(*) OVER (PARTITION BY contract_id) AS n,
          row_number() OVER (PARTITION BY contract_id ORDER BY station_path) AS rn
        FROM contract_stations WHERE contract_id IN (SELECT contract_id FROM pay)
      ) l JOIN pay ON pay.contract_id = l.contract_id
      GROUP BY l.station_id
    )
    SELECT st.station_id, st.town_code, st.county_code, st.county_short_name, st.name, ${outerCols},
      coalesce(b.budget_fen, 0)::bigint AS budget_fen, coalesce(sp.spent_fen, 0)::bigint AS spent_fen, coalesce(share.paid_fen, 0)::bigint AS paid_fen
    FROM st
    LEFT JOIN b ON b.station_id = st.station_id
    LEFT JOIN sp ON sp.station_id = st.station_id
    LEFT JOIN share ON share.station_id = st.station_id`;
}

/** The list filter as a condition on perStation's columns. */
function listCondition(f: StationListFilter): SQL {
  const conds: SQL[] = [sql`true`];
  if (f.q) conds.push(sql`f.name ILIKE ${likeContains(f.q)}`);
  if (f.onlyFindings) conds.push(sql`f.budget_fen < ${STATION_MIN_FUND_FEN}`);
  return sql.join(conds, sql` AND `);
}

/** The orders of the station list (alias f, by town) and of the county units (alias g, by county): the same five. */
function fundingSorts(alias: 'f' | 'g', code: 'town_code' | 'county_code'): Record<FundingSort, SQL> {
  const a = sql.raw(alias);
  const key = sql.raw(`${alias}.${code}`);
  const rate = sql`(CASE WHEN ${a}.budget_fen > 0 THEN ${a}.spent_fen::numeric / ${a}.budget_fen END)`;
  return {
    code: key,
    budget: sql`${a}.budget_fen, ${key}`,
    '-budget': sql`${a}.budget_fen DESC, ${key}`,
    rate: sql`${rate} ASC NULLS LAST, ${key}`,
    '-rate': sql`${rate} DESC NULLS LAST, ${key}`,
  };
}
const SORTS = fundingSorts('f', 'town_code');

function figuresOf(r: Raw): FundingFigures {
  return {
    budget: Object.fromEntries(FUND_SOURCES.map((s) => [s, num(r[`b_${s}`])])) as Record<FundSource, number>,
    budgetFen: num(r.budget_fen),
    paidFen: num(r.paid_fen),
    spentFen: num(r.spent_fen),
    spending: Object.fromEntries(SPENDING_CATEGORIES.map((k) => [k, num(r[`s_${k}`])])) as Record<SpendingCategory, number>,
  };
}

const stationRow = (r: Raw): StationFundingRow => ({
  stationId: String(r.station_id),
  townCode: String(r.town_code),
  name: String(r.name),
  countyCode: String(r.county_code),
  countyShortName: String(r.county_short_name),
  ...figuresOf(r),
});

const FIGURE_COLS = [
  ...FUND_SOURCES.map((s) => `b_${s}`),
  ...SPENDING_CATEGORIES.map((k) => `s_${k}`),
  'budget_fen',
  'spent_fen',
  'paid_fen',
];

/* ---------- The roll-up: one row per station and year, rewritten with the writes ---------- */

/**
 * Rewrites the roll-up rows of these stations for the year from perStation, the same SQL the
 * station list reads. Runs in the write's transaction after the funding lock (which every
 * budget, payment, spending and contract-station write takes), so two writes touching one
 * station's figures recompute one after the other and the second sees the first.
 */
export async function refreshStationFunding(db: Db, stationIds: readonly string[], year: number): Promise<void> {
  await dropPublicSummaries(db);
  await rewriteStationFunding(db, stationIds, year);
}

async function rewriteStationFunding(db: Db, stationIds: readonly string[], year: number): Promise<void> {
  const ids = [...new Set(stationIds)].sort();
  if (ids.length === 0) return;
  const cols = sql.join(FIGURE_COLS.map((c) => ident(c)), sql`, `);
  const updates = sql.join(FIGURE_COLS.map((c) => sql`${ident(c)} = excluded.${ident(c)}`), sql`, `);
  await db.execute(sql`INSERT INTO ${stationFundingRollups} (station_id, year, ${cols})
    SELECT f.station_id, ${year}::int, ${sql.join(FIGURE_COLS.map((c) => sql`f.${ident(c)}`), sql`, `)}
    FROM (${perStation({ stationIds: ids }, { year })}) f
    ORDER BY f.station_id
    ON CONFLICT (year, station_id) DO UPDATE SET ${updates}`);
}

const yearsOfPayments = async (db: Db, contractId: string): Promise<number[]> => {
  const res = (await db.execute(
    sql`SELECT DISTINCT extract(year FROM paid_on)::int AS year FROM contract_payments WHERE contract_id = ${contractId}`,
  )) as unknown as Rows<Raw>;
  return res.rows.map((r) => num(r.year));
};

/**
 * After a payment of the contract or a change of its stations: a payment is shared among all the
 * contract's stations, so every one of them (and those it had before, `formerStationIds`) is
 * recomputed for every year the contract has payments in.
 */
export async function refreshContractFunding(db: Db, contractId: string, formerStationIds: readonly string[] = []): Promise<void> {
  await dropPublicSummaries(db);
  const linked = (await db.execute(
    sql`SELECT station_id FROM contract_stations WHERE contract_id = ${contractId}`,
  )) as unknown as Rows<Raw>;
  const ids = [...linked.rows.map((r) => String(r.station_id)), ...formerStationIds];
  for (const year of await yearsOfPayments(db, contractId)) await rewriteStationFunding(db, ids, year);
}

/** Every station and year again, set-based (perStationSet): for seeds that write in bulk. */
export async function rebuildFundingRollups(db: Db): Promise<void> {
  await dropPublicSummaries(db);
  const res = (await db.execute(sql`SELECT year FROM station_budgets
    UNION SELECT extract(year FROM spent_on)::int FROM contract_spending
    UNION SELECT extract(year FROM paid_on)::int FROM contract_payments`)) as unknown as Rows<Raw>;
  await db.delete(stationFundingRollups);
  for (const year of res.rows.map((r) => num(r.year))) await insertYear(db, year);
}

/** One year's roll-up rebuilt set-based, for a bulk load of that year that bypassed the services. */
export async function rebuildFundingYear(db: Db, year: number): Promise<void> {
  await dropPublicSummaries(db);
  await db.delete(stationFundingRollups).where(eq(stationFundingRollups.year, year));
  await insertYear(db, year);
}

async function insertYear(db: Db, year: number): Promise<void> {
  const cols = sql.join(FIGURE_COLS.map((c) => ident(c)), sql`, `);
  await db.execute(sql`INSERT INTO ${stationFundingRollups} (station_id, year, ${cols})
    SELECT f.station_id, ${year}::int, ${sql.join(FIGURE_COLS.map((c) => sql`f.${ident(c)}`), sql`, `)}
    FROM (${perStationSet(year)}) f`);
}

/* ---------- Sums per county unit from the roll-up ---------- */

export interface CountyPaging {
  sort: FundingSort;
  page: number;
  pageSize: number;
  /** The largest units by budget for the chart. */
  top: number;
}

export interface CountySums {
  /** Every station of the scope (the ROLLUP row). */
  total: CountyFundingRow;
  /** The page of county units in the chosen order (all of them without paging). */
  page: CountyFundingRow[];
  /** The `top` units by budget, largest first. */
  top: CountyFundingRow[];
  counties: number;
}

const COUNTY_SORTS = fundingSorts('g', 'county_code');

/**
 * Region scopes at or above a county (and the system) take whole county units, so their sums can
 * come from the county lines; a town, station or organisation scope covers part of a unit.
 */
function countyLinesScope(ctx: Ctx): SQL | null {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope?.path || !(scope.kind === 'province' || scope.kind === 'city' || scope.kind === 'county')) return null;
  return sql`c.county_path LIKE ${`${scope.path}%`}`;
}

/**
 * The unsummed units: one row per county unit of the scope with its live stations and the kept
 * lines of the year (funding_county_lines, one row per unit, maintained by triggers, 0055). With
 * no list filter every station matches, so nothing per station is read.
 */
function unitsFromLines(f: FundingScope, scope: SQL): SQL {
  const cols = sql.join(FIGURE_COLS.map((c) => sql`coalesce(l.${ident(c)}, 0) AS ${ident(c)}`), sql`, `);
  return sql`SELECT c.county_path, c.stations, c.stations AS matching, ${cols}
    FROM ${fundingCountyStations} c
    LEFT JOIN ${fundingCountyLines} l ON l.year = ${f.year} AND l.county_path = c.county_path
    WHERE c.stations > 0 AND ${scope}
      ${f.countyCode ? sql`AND c.county_path IN (SELECT path FROM regions WHERE code = ${f.countyCode})` : sql``}`;
}

/**
 * The same per station, from the roll-up's rows of the live stations in scope: for a list filter
 * (a search or 有问题 counts the stations that pass) and for scopes that cut across county units.
 */
function unitsFromStations(ctx: Ctx, f: FundingScope, list: StationListFilter): SQL {
  const scope = stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id });
  const perStationCols = sql.join(FIGURE_COLS.map((c) => sql`coalesce(r.${ident(c)}, 0) AS ${ident(c)}`), sql`, `);
  // A station's scope path is its town's region path, so its county unit's path is that minus the
  // town's segment (funding_county_path, as the county lines' triggers group them): no regions
  // lookup per station. The station name is built only for a search.
  const countyPath = sql`funding_county_path("stations"."scope_path", "stations"."town_code")`;
  const named = Boolean(list.q);
  return sql`SELECT f.county_path, 1 AS stations, (CASE WHEN ${listCondition(list)} THEN 1 ELSE 0 END) AS matching,
      ${sql.join(FIGURE_COLS.map((c) => sql`f.${ident(c)}`), sql`, `)}
    FROM (
      SELECT ${countyPath} AS county_path,
        ${named ? sql`county.short_name || town.name || '社会工作服务站'` : sql`''::text`} AS name, ${perStationCols}
      FROM ${stations}
      ${named ? sql`JOIN regions town ON town.code = "stations"."town_code" JOIN regions county ON county.code = town.parent_code` : sql``}
      LEFT JOIN ${stationFundingRollups} r ON r.year = ${f.year} AND r.station_id = "stations"."id"
      WHERE "stations"."status" <> 'revoked' AND ${scope}
        ${f.countyCode ? sql`AND "stations"."town_code" IN (SELECT code FROM regions WHERE parent_code = ${f.countyCode})` : sql``}
    ) f`;
}

/**
 * Sums per county unit and for the whole scope, with how many stations the list filter keeps, and
 * only a page of the units (plus the chart's top ones) returned. Unfiltered, a region scope reads
 * the county lines (one row per unit); otherwise the roll-up's row of each live station in scope.
 */
export async function countySums(ctx: Ctx, f: FundingScope, list: StationListFilter = {}, paging?: CountyPaging): Promise<CountySums> {
  const linesScope = list.q || list.onlyFindings ? null : countyLinesScope(ctx);
  const perUnit = linesScope ? unitsFromLines(f, linesScope) : unitsFromStations(ctx, f, list);
  const sums = sql.join(FIGURE_COLS.map((c) => sql`sum(u.${ident(c)})::bigint AS ${ident(c)}`), sql`, `);
  const pageCond = paging
    ? sql`(c.pos > ${(paging.page - 1) * paging.pageSize} AND c.pos <= ${paging.page * paging.pageSize}) OR c.top_pos <= ${paging.top}`
    : sql`true`;
  const res = (await ctx.db.execute(sql`WITH g0 AS (
      SELECT u.county_path, grouping(u.county_path) = 1 AS is_total, sum(u.stations)::int AS stations,
        sum(u.matching)::int AS matching, ${sums}
      FROM (${perUnit}) u
      GROUP BY ROLLUP (u.county_path)
    ),
    g AS (
      -- A region path is its codes (/city/county/), so the unit's code is the path's last segment:
      -- ordering and paging the units need no regions lookup; only the returned ones are named.
      SELECT substring(g0.county_path from '([^/]+)/$') AS county_code, g0.* FROM g0
    ),
    c AS (
      SELECT g.*, row_number() OVER (ORDER BY ${COUNTY_SORTS[paging?.sort ?? 'code']}) AS pos,
        row_number() OVER (ORDER BY g.budget_fen DESC, g.county_code) AS top_pos
      FROM g WHERE NOT g.is_total
    )
    SELECT g.*, NULL::bigint AS pos, NULL::bigint AS top_pos, (SELECT count(*) FROM c)::int AS counties, NULL::text AS county_short_name
    FROM g WHERE g.is_total
    UNION ALL
    -- LIMIT keeps this a probe of the path index per unit, not a hash of every region (villages included).
    SELECT c.*, (SELECT count(*) FROM c)::int, (SELECT short_name FROM regions WHERE path = c.county_path LIMIT 1)
    FROM c WHERE ${pageCond}`)) as unknown as Rows<Raw>;
  const rows = res.rows.map((r) => ({
    row: {
      countyCode: r.county_code === null ? null : String(r.county_code),
      countyShortName: r.county_short_name === null ? null : String(r.county_short_name),
      stations: num(r.stations),
      matching: num(r.matching),
      ...figuresOf(r),
    },
    pos: r.pos === null ? null : num(r.pos),
    topPos: r.top_pos === null ? null : num(r.top_pos),
    counties: num(r.counties),
  }));
  const totalRow = rows.find((r) => r.pos === null);
  const none: CountyFundingRow = {
    countyCode: null, countyShortName: null, stations: 0, matching: 0, budgetFen: 0, paidFen: 0, spentFen: 0,
    budget: Object.fromEntries(FUND_SOURCES.map((s) => [s, 0])) as Record<FundSource, number>,
    spending: Object.fromEntries(SPENDING_CATEGORIES.map((k) => [k, 0])) as Record<SpendingCategory, number>,
  };
  const units = rows.filter((r) => r.pos !== null);
  const inPage = (pos: number) => !paging || (pos > (paging.page - 1) * paging.pageSize && pos <= paging.page * paging.pageSize);
  return {
    total: totalRow?.row ?? none,
    page: units.filter((r) => inPage(r.pos ?? 0)).sort((a, b) => (a.pos ?? 0) - (b.pos ?? 0)).map((r) => r.row),
    top: paging ? units.filter((r) => (r.topPos ?? 0) <= paging.top).sort((a, b) => (a.topPos ?? 0) - (b.topPos ?? 0)).map((r) => r.row) : [],
    counties: totalRow?.counties ?? 0,
  };
}

/**
 * The live stations in scope with their kept figures of the year (station_funding_rollups): the
 * columns perStation computes, read from one small row per station, so sorting by budget or rate
 * and the 有问题 filter cost a join per station, not every budget, spending and payment.
 */
function fromRollup(ctx: Ctx, f: FundingScope): SQL {
  const scope = stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id });
  const cols = sql.join(FIGURE_COLS.map((c) => sql`coalesce(r.${ident(c)}, 0)::bigint AS ${ident(c)}`), sql`, `);
  return sql`SELECT "stations"."id" AS station_id, "stations"."town_code" AS town_code,
      county.code AS county_code, county.short_name AS county_short_name,
      county.short_name || town.name || '社会工作服务站' AS name, ${cols}
    FROM ${stations}
    JOIN regions town ON town.code = "stations"."town_code"
    JOIN regions county ON county.code = town.parent_code
    LEFT JOIN ${stationFundingRollups} r ON r.year = ${f.year} AND r.station_id = "stations"."id"
    WHERE "stations"."status" <> 'revoked' AND ${scope}
      ${f.countyCode ? sql`AND county.code = ${f.countyCode}` : sql``}
      ${f.stationId ? sql`AND "stations"."id" = ${f.stationId}` : sql``}`;
}

/** One page of the stations the list filter keeps, in the chosen order. */
export async function stationPage(
  ctx: Ctx, f: FundingScope, list: StationListFilter, sort: FundingSort, page: number, pageSize: number,
): Promise<StationFundingRow[]> {
  const res = (await ctx.db.execute(sql`SELECT f.* FROM (${fromRollup(ctx, f)}) f WHERE ${listCondition(list)}
    ORDER BY ${SORTS[sort]} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)) as unknown as Rows<Raw>;
  return res.rows.map(stationRow);
}

/** The next `limit` stations after `afterTownCode` in town-code order (keyset: the export's batches). */
export async function stationBatch(
  ctx: Ctx, f: FundingScope, list: StationListFilter, afterTownCode: string, limit: number,
): Promise<StationFundingRow[]> {
  const res = (await ctx.db.execute(sql`SELECT f.* FROM (${fromRollup(ctx, f)}) f
    WHERE ${listCondition(list)} AND f.town_code > ${afterTownCode}
    ORDER BY f.town_code LIMIT ${limit}`)) as unknown as Rows<Raw>;
  return res.rows.map(stationRow);
}
