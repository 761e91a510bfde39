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
import { EXPORT_CAP, type ListColumn } from '../../platform/excel';
import { streamedListWorkbook } from '../../platform/excel-stream';
import { AppError, notFound } from '../../platform/errors';
import { findStation } from '../stations/stations.repo';
import * as repo from './funding.repo';

type StationFunding = z.input<typeof c.stationFundingSchema>;
type Finding = z.input<typeof c.fundingFindingSchema>;
type Totals = Omit<StationFunding, 'stationId' | 'name' | 'countyCode' | 'countyShortName' | 'findings'>;
type Query = z.output<typeof c.fundingQuery>;
type ExportQuery = z.output<typeof c.fundingExportQuery>;
type Overview = z.input<typeof c.fundingOverview.response>;
type PublicFunding = z.input<typeof pub.publicFunding.response>;

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const sumOf = (values: Record<string, number>) => Object.values(values).reduce((n, v) => n + v, 0);

function totalsOf(budget: Record<FundSource, number>, spending: Record<SpendingCategory, number>, paidFen: number): Totals {
  const budgetFen = sumOf(budget);
  const spentFen = sumOf(spending);
  return { budget, budgetFen, paidFen, spentFen, spending, executionRate: executionRate(spentFen, budgetFen) };
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

const stationFunding = (year: number, r: repo.StationFundingRow): StationFunding => ({
  stationId: r.stationId,
  name: r.name,
  countyCode: r.countyCode,
  countyShortName: r.countyShortName,
  ...totalsOf(r.budget, r.spending, r.paidFen),
  findings: stationFindings(year, r.budgetFen),
});

const scopeOf = (q: { year: number; countyCode?: string }): repo.FundingScope => ({ year: q.year, countyCode: q.countyCode });
const listOf = (q: { q?: string; only: 'findings' | 'all' }): repo.StationListFilter => ({ q: q.q || undefined, onlyFindings: q.only === 'findings' });

const countyOf = (k: repo.CountyFundingRow) => ({
  countyCode: k.countyCode ?? '', countyShortName: k.countyShortName ?? '', stations: k.stations, ...totalsOf(k.budget, k.spending, k.paidFen),
});

/**
 * Totals per county unit and for the scope add up the stations' roll-up rows in SQL; the county
 * units and the stations come a page at a time, so the answer does not grow with the scope.
 */
export async function overview(ctx: Ctx, q: Query): Promise<Overview> {
  const [sums, page, cityWide] = await Promise.all([
    repo.countySums(ctx, scopeOf(q), listOf(q), { sort: q.countiesSort, page: q.countiesPage, pageSize: q.countiesPageSize, top: q.chartTop }),
    repo.stationPage(ctx, scopeOf(q), listOf(q), q.sort, q.page, q.pageSize),
    cityFindings(ctx, q.year),
  ]);
  const total = sums.total;
  // The rest of the chart is the scope minus its top units: fen sums, exact.
  const restBudget = (s: FundSource) => total.budget[s] - sums.top.reduce((n, k) => n + k.budget[s], 0);
  const restSpending = (k: SpendingCategory) => total.spending[k] - sums.top.reduce((n, u) => n + u.spending[k], 0);
  const restCount = sums.counties - sums.top.length;
  return {
    year: q.year,
    total: { ...totalsOf(total.budget, total.spending, total.paidFen), findings: cityWide },
    counties: sums.page.map(countyOf),
    countiesTotal: sums.counties,
    countiesPage: q.countiesPage,
    countiesPageSize: q.countiesPageSize,
    chart: {
      top: sums.top.map(countyOf),
      rest:
        restCount > 0
          ? {
              counties: restCount,
              stations: total.stations - sums.top.reduce((n, k) => n + k.stations, 0),
              ...totalsOf(
                Object.fromEntries(FUND_SOURCES.map((s) => [s, restBudget(s)])) as Record<FundSource, number>,
                Object.fromEntries(SPENDING_CATEGORIES.map((k) => [k, restSpending(k)])) as Record<SpendingCategory, number>,
                total.paidFen - sums.top.reduce((n, k) => n + k.paidFen, 0),
              ),
            }
          : null,
    },
    stations: page.map((r) => stationFunding(q.year, r)),
    stationsTotal: total.matching,
    page: q.page,
    pageSize: q.pageSize,
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
    await repo.refreshStationFunding(tx.db, [id], year);
    await writeAudit(tx, {
      action: 'funding.budget', objectType: 'station', objectId: id, before, after: { year, ...amounts },
      detail: `${s.name}${year}年度补助资金合计${formatYuan(sumOf(amounts))}元`,
    });
  });
  const [row] = await repo.stationPage(ctx, { year, stationId: id }, {}, 'code', 1, 1);
  if (!row) throw notFound('社工站');
  return stationFunding(year, row);
}

/** Money in yuan for Excel: fen ÷ 100 is the double nearest the two-decimal amount. */
const yuan = (fen: number) => fen / 100;

/** Stations read per query by the export (keyset on town code). */
const EXPORT_BATCH = 50;

async function* exportBatches(ctx: Ctx, q: ExportQuery): AsyncGenerator<Record<string, unknown>[]> {
  let after = '';
  for (;;) {
    const batch = await repo.stationBatch(ctx, scopeOf(q), listOf(q), after, EXPORT_BATCH);
    yield batch.map((r) => {
      const s = stationFunding(q.year, r);
      return {
        county: s.countyShortName,
        station: s.name,
        ...Object.fromEntries(FUND_SOURCES.map((k) => [k, yuan(s.budget[k])])),
        budgetFen: yuan(s.budgetFen),
        paidFen: yuan(s.paidFen),
        spentFen: yuan(s.spentFen),
        ...Object.fromEntries(SPENDING_CATEGORIES.map((k) => [k, yuan(s.spending[k])])),
        rate: s.executionRate ?? '',
        findings: s.findings.map((f) => `${f.rule.id}：${f.message}`).join('；'),
      };
    });
    const last = batch.at(-1);
    if (!last || batch.length < EXPORT_BATCH) return;
    after = last.townCode;
  }
}

/**
 * Every station the list's filters keep, in town-code order, read in batches and streamed into
 * the workbook; at most EXPORT_CAP rows (the footer says when the cap cut the list).
 */
export async function exportXlsx(ctx: Ctx, q: ExportQuery): Promise<Buffer> {
  // The columns go to exceljs as they are, so a column's number format carries through.
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
  const { content } = await streamedListWorkbook('资金安排与执行', columns, exportBatches(ctx, q), {
    note: `${q.year}年度　金额单位：元　已拨付为合同付款按所服务社工站平均分摊`,
    cap: EXPORT_CAP,
  });
  return content;
}

/**
 * The public page (R-FUND-USE, openly): where the money of the year went, for the city and by
 * county unit, a page of units at a time in code order. Read across all scopes, and only sums
 * leave: no station, person or contract.
 *
 * The cache holds one row per (year, page, page size), each with the year's total and that page:
 * a request is one primary-key probe of a body the size of its answer. A row per year with only
 * the total, the page read live from the county lines, would be two reads a request and a page
 * newer than its total (a station revoked moves the lines at once, the total after the window).
 *
 * The cache row is read where the request reads (a replica for a GET with DATABASE_READ_URL, so
 * an anonymous visitor may see it up to the replica's lag late). A refresh always runs in a
 * transaction, which is on the primary: a lagging replica's figures are never stored as fresh.
 */
export async function publicSummary(ctx: Ctx, key: repo.PublicSummaryKey): Promise<PublicFunding> {
  const cached = await repo.cachedPublicSummary(ctx.db, key, PUBLIC_FRESH_SECONDS);
  if (cached) return cached as PublicFunding;
  if (key.page > 1) {
    // A page past the last unit is told from page 1's cached total, so an anonymous visitor asking
    // for page 10000 costs a cache probe, never the funding lock and a recompute.
    const first = await publicSummary(ctx, { ...key, page: 1 });
    if ((key.page - 1) * key.pageSize >= first.countiesTotal) return { ...first, counties: [], page: key.page };
  }
  return ctx.db.transaction(async (tx) => {
    // Waits out a budget, payment or spending write in progress, so what is stored is not older than its drop.
    await repo.lockPublicSummaries(tx);
    const onPrimary = await repo.cachedPublicSummary(tx, key, PUBLIC_FRESH_SECONDS);
    if (onPrimary) return onPrimary as PublicFunding;
    const fresh = await computePublicSummary(systemContext(tx, ctx.log, ctx.cipher), key);
    // A page past the last unit is answered (empty) but not kept: the rows stay bounded by the real pages.
    if (key.page === 1 || fresh.counties.length > 0) await repo.storePublicSummary(tx, key, fresh, PUBLIC_FRESH_SECONDS);
    return fresh;
  });
}

/**
 * How long an anonymous answer is served from the cache row. Budget, payment and spending writes
 * drop the rows at once (repo.dropPublicSummaries); the window bounds whatever else changes the
 * figures (a station revoked, a contract's stations).
 */
const PUBLIC_FRESH_SECONDS = 60;

/** The year's sum and one page of county units in code order, from the county lines (one row per unit, not per station). */
async function computePublicSummary(sys: Ctx, key: repo.PublicSummaryKey): Promise<PublicFunding> {
  const sums = await repo.countySums(sys, { year: key.year }, {}, { sort: 'code', page: key.page, pageSize: key.pageSize, top: 0 });
  const amounts = (k: repo.FundingFigures) => {
    const t = totalsOf(k.budget, k.spending, k.paidFen);
    return { budgetFen: t.budgetFen, paidFen: t.paidFen, spentFen: t.spentFen, executionRate: t.executionRate };
  };
  const all = sums.total;
  return {
    year: key.year,
    total: { ...amounts(all), bySource: all.budget, byCategory: all.spending },
    counties: sums.page.map((k) => ({ countyCode: k.countyCode ?? '', countyShortName: k.countyShortName ?? '', stations: k.stations, ...amounts(k) })),
    countiesTotal: sums.counties,
    page: key.page,
    pageSize: key.pageSize,
  };
}
