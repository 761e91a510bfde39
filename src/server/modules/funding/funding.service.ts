import type { z } from 'zod';
import type * as c from '../../../shared/contracts/funding';
import type * as pub from '../../../shared/contracts/public-site';
import { RULES } from '../../../shared/rules/catalog';
import {
  CITY_MIN_FUND_FEN,
  executionRate,
  formatYuan,
  FUND_SOURCE_LABELS,
  FUND_SOURCES,
  SPENDING_CATEGORIES,
  SPENDING_CATEGORY_LABELS,
  STATION_MIN_FUND_FEN,
  type FundSource,
  type SpendingCategory,
} from '../../../shared/rules/purchase';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, systemContext, type Ctx } from '../../platform/context';
import { EXPORT_CAP, listWorkbook, type ListColumn } from '../../platform/excel';
import { AppError, notFound } from '../../platform/errors';
import { allStations, findStation, type StationJoined } from '../stations/stations.repo';
import * as repo from './funding.repo';

type StationFunding = z.input<typeof c.stationFundingSchema>;
type Finding = z.input<typeof c.fundingFindingSchema>;
type Totals = Omit<StationFunding, 'stationId' | 'name' | 'countyCode' | 'countyShortName' | 'findings'>;
type Query = z.output<typeof c.fundingQuery>;
type Overview = z.input<typeof c.fundingOverview.response>;
type PublicFunding = z.input<typeof pub.publicFunding.response>;

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const sumOf = (values: Record<string, number>) => Object.values(values).reduce((n, v) => n + v, 0);

function totalsOf(budget: Record<FundSource, number>, spending: Record<SpendingCategory, number>, paidFen: number): Totals {
  const budgetFen = sumOf(budget);
  const spentFen = sumOf(spending);
  return { budget, budgetFen, paidFen, spentFen, spending, executionRate: executionRate(spentFen, budgetFen) };
}

/** Units and the city add up their stations' fen, then take the rate of the sums. */
function addUp(rows: readonly Totals[]): Totals {
  const budget = zeros(FUND_SOURCES);
  const spending = zeros(SPENDING_CATEGORIES);
  let paid = 0;
  for (const r of rows) {
    for (const s of FUND_SOURCES) budget[s] += r.budget[s];
    for (const k of SPENDING_CATEGORIES) spending[k] += r.spending[k];
    paid += r.paidFen;
  }
  return totalsOf(budget, spending, paid);
}

/** R-FUND-STATION: 150,000 CNY a station a year; no budget entered counts as none arranged. */
function stationFindings(year: number, budgetFen: number): Finding[] {
  if (budgetFen >= STATION_MIN_FUND_FEN) return [];
  const short = STATION_MIN_FUND_FEN - budgetFen;
  return [
    {
      rule: RULES['R-FUND-STATION'],
      message:
        budgetFen === 0
          ? `${year}年度尚未安排补助资金，每个社工站每年原则上不低于${formatYuan(STATION_MIN_FUND_FEN)}元`
          : `${year}年度安排补助资金${formatYuan(budgetFen)}元，低于${formatYuan(STATION_MIN_FUND_FEN)}元，差${formatYuan(short)}元`,
      clearBy: `追加安排${formatYuan(short)}元，使${year}年度补助资金不低于${formatYuan(STATION_MIN_FUND_FEN)}元`,
    },
  ];
}

/**
 * R-FUND-CITY is the city bureau's duty and its figure sums every station of the city, most of
 * them outside a county or town officer's scope: only a city-wide actor gets the finding. The
 * others see their own stations' 市级专项资金 in the totals, which is all they can act on.
 */
async function cityFindings(ctx: Ctx, year: number): Promise<Finding[]> {
  if (!ctx.system && ctx.actor?.scope.kind !== 'city') return [];
  const cityFen = await repo.sourceTotal(ctx, year, 'city');
  if (cityFen >= CITY_MIN_FUND_FEN) return [];
  const short = CITY_MIN_FUND_FEN - cityFen;
  return [
    {
      rule: RULES['R-FUND-CITY'],
      message: `${year}年度全市各社工站安排的${FUND_SOURCE_LABELS.city}合计${formatYuan(cityFen)}元，低于${formatYuan(CITY_MIN_FUND_FEN)}元，差${formatYuan(short)}元`,
      clearBy: `市级财政追加安排专项资金${formatYuan(short)}元，使${year}年度合计不少于${formatYuan(CITY_MIN_FUND_FEN)}元`,
    },
  ];
}

/**
 * Payments are made to a contract, not to a station. A contract's payments of the year are
 * shared equally among all its stations, the remainder of the division going to the first
 * (by region path) so the shares add up to the fen: an even split, not a record of which
 * station the money went to (spending is recorded per station for that).
 */
function paidShares(contracts: readonly repo.ContractPaid[]): Map<string, number> {
  const shares = new Map<string, number>();
  for (const k of contracts) {
    const n = k.stationIds.length;
    if (n === 0) continue;
    const each = Math.floor(k.paidFen / n);
    k.stationIds.forEach((id, i) => shares.set(id, (shares.get(id) ?? 0) + each + (i === 0 ? k.paidFen - each * n : 0)));
  }
  return shares;
}

/** The funding rows of many stations with a fixed number of queries; revoked stations drop out. */
async function evaluate(ctx: Ctx, year: number, stationRows: readonly StationJoined[]): Promise<StationFunding[]> {
  const live = stationRows.filter((s) => s.station.status !== 'revoked');
  const ids = live.map((s) => s.station.id);
  const [budgets, spending, paid] = await Promise.all([
    repo.budgetsOf(ctx, year, ids),
    repo.spendingOf(ctx, year, ids),
    repo.paidByContract(ctx, year, ids),
  ]);
  const shares = paidShares(paid);
  return live.map((s): StationFunding => {
    const budget = zeros(FUND_SOURCES);
    for (const b of budgets) if (b.stationId === s.station.id) budget[b.source] += b.amountFen;
    const spent = zeros(SPENDING_CATEGORIES);
    for (const x of spending) if (x.stationId === s.station.id) spent[x.category] += x.amountFen;
    const t = totalsOf(budget, spent, shares.get(s.station.id) ?? 0);
    return {
      stationId: s.station.id,
      name: s.name,
      countyCode: s.countyCode,
      countyShortName: s.countyShortName,
      ...t,
      findings: stationFindings(year, t.budgetFen),
    };
  });
}

/** Stations grouped by county unit, in code order (stations come sorted by town code). */
function byCounty(rows: readonly StationFunding[]) {
  const groups = new Map<string, StationFunding[]>();
  for (const r of rows) groups.set(r.countyCode, [...(groups.get(r.countyCode) ?? []), r]);
  return [...groups.entries()].map(([countyCode, list]) => ({
    countyCode,
    countyShortName: list[0]?.countyShortName ?? '',
    stations: list.length,
    ...addUp(list),
  }));
}

export async function overview(ctx: Ctx, q: Query): Promise<Overview> {
  const stationRows = await allStations(ctx, { countyCode: q.countyCode, sort: 'code' }, 10_000);
  const rows = await evaluate(ctx, q.year, stationRows);
  return {
    year: q.year,
    total: { ...addUp(rows), findings: await cityFindings(ctx, q.year) },
    counties: byCounty(rows),
    stations: rows,
  };
}

export async function setBudget(ctx: Ctx, id: string, year: number, body: Record<FundSource, number>): Promise<StationFunding> {
  const s = await findStation(ctx, id);
  if (!s) throw notFound('社工站');
  if (s.station.status === 'revoked') throw new AppError('CONFLICT', '社工站已撤销，不能安排资金');
  const amounts = Object.fromEntries(FUND_SOURCES.map((k) => [k, body[k]])) as Record<FundSource, number>;
  await inTransaction(ctx, async (tx) => {
    const previous = await repo.budgetsOf(tx, year, [id]);
    const before = previous.length > 0 ? { year, ...zeros(FUND_SOURCES), ...Object.fromEntries(previous.map((b) => [b.source, b.amountFen])) } : null;
    await repo.upsertBudget(tx, s.station, year, amounts, actorOf(tx).id);
    await repo.dropPublicSummaries(tx.db);
    await writeAudit(tx, {
      action: 'funding.budget', objectType: 'station', objectId: id, before, after: { year, ...amounts },
      detail: `${s.name}${year}年度补助资金合计${formatYuan(sumOf(amounts))}元`,
    });
  });
  const [row] = await evaluate(ctx, year, [s]);
  if (!row) throw notFound('社工站');
  return row;
}

/** Money in yuan for Excel: fen ÷ 100 is the double nearest the two-decimal amount. */
const yuan = (fen: number) => fen / 100;

export async function exportXlsx(ctx: Ctx, q: Query): Promise<Buffer> {
  const { stations } = await overview(ctx, q);
  // listWorkbook hands the columns to exceljs as they are, so a column's number format carries through.
  const money = (header: string, key: string, width = 14): ListColumn & { style: { numFmt: string } } => ({
    header, key, width, style: { numFmt: '#,##0.00' },
  });
  const columns: ListColumn[] = [
    { header: '区市', key: 'county', width: 10 },
    { header: '社工站', key: 'station', width: 36 },
    ...FUND_SOURCES.map((s) => money(FUND_SOURCE_LABELS[s], s, 16)),
    money('资金合计', 'budgetFen'),
    money('已拨付', 'paidFen'),
    money('已支出', 'spentFen'),
    ...SPENDING_CATEGORIES.map((k) => money(`支出：${SPENDING_CATEGORY_LABELS[k]}`, k)),
    { header: '执行率（%）', key: 'rate', width: 10 },
    { header: '问题', key: 'findings', width: 60 },
  ];
  const rows = stations.slice(0, EXPORT_CAP).map((s) => ({
    county: s.countyShortName,
    station: s.name,
    ...Object.fromEntries(FUND_SOURCES.map((k) => [k, yuan(s.budget[k])])),
    budgetFen: yuan(s.budgetFen),
    paidFen: yuan(s.paidFen),
    spentFen: yuan(s.spentFen),
    ...Object.fromEntries(SPENDING_CATEGORIES.map((k) => [k, yuan(s.spending[k])])),
    rate: s.executionRate ?? '',
    findings: s.findings.map((f) => `${f.rule.id}：${f.message}`).join('；'),
  }));
  return listWorkbook('资金安排与执行', columns, rows, `${q.year}年度　金额单位：元　已拨付为合同付款按所服务社工站平均分摊`);
}

/**
 * The public page (R-FUND-USE, openly): where the money of the year went, by county unit and
 * for the city. Read across all scopes, and only sums leave: no station, person or contract.
 */
export async function publicSummary(ctx: Ctx, year: number): Promise<PublicFunding> {
  const cached = await repo.cachedPublicSummary(ctx.db, year, PUBLIC_FRESH_SECONDS);
  if (cached) return cached as PublicFunding;
  const fresh = await computePublicSummary(ctx, year);
  await repo.storePublicSummary(ctx.db, year, fresh);
  return fresh;
}

/**
 * How long an anonymous answer is served from the cache row. Budget, payment and spending writes
 * drop the rows at once (repo.dropPublicSummaries); the window bounds whatever else changes the
 * figures (a station revoked, a contract's stations).
 */
const PUBLIC_FRESH_SECONDS = 60;

async function computePublicSummary(ctx: Ctx, year: number): Promise<PublicFunding> {
  const sys = systemContext(ctx.db, ctx.log, ctx.cipher);
  // Every station: recomputed at most once per window, so no cap that would cut the province.
  const rows = await evaluate(sys, year, await allStations(sys, { sort: 'code' }, Number.MAX_SAFE_INTEGER));
  const amounts = (t: Totals) => ({ budgetFen: t.budgetFen, paidFen: t.paidFen, spentFen: t.spentFen, executionRate: t.executionRate });
  const total = addUp(rows);
  return {
    year,
    total: { ...amounts(total), bySource: total.budget, byCategory: total.spending },
    counties: byCounty(rows).map((k) => ({ countyShortName: k.countyShortName, stations: k.stations, ...amounts(k) })),
  };
}
