import type { z } from 'zod';
import type * as c from '../../../shared/contracts/compliance';
import type { Finding } from '../../../shared/contracts/social-workers';
import { chinaToday } from '../../../shared/rules/china-date';
import { certificateDue, type StaffRuleId } from '../../../shared/rules/staffing';
import { STATION_STATUS_LABELS } from '../../../shared/rules/station-venue';
import { writeAuditAlone } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import * as staffingRows from '../dashboards/dashboards.repo';
import { EXPORT_CAP } from '../../platform/excel';
import { streamedListWorkbook } from '../../platform/excel-stream';
import { notFound } from '../../platform/errors';
import * as workers from '../social-workers/social-workers.repo';
import { listItems } from '../social-workers/social-workers.service';
import { findStation, stationsByIds, type StationJoined } from '../stations/stations.repo';
import * as repo from './compliance.repo';
import { stationFindings, type PostedWorker } from './staffing-findings';

type StationStaffing = z.input<typeof c.stationStaffingSchema>;
type Query = z.output<typeof c.complianceQuery>;
type ExportQuery = z.output<typeof c.complianceExportQuery>;

/**
 * Workers on post today at each station, with what the staffing rules need and the organisation
 * that posted them (R-ONPOST-1M counts only the contractor's own). A handful of queries in all.
 */
export async function postedWorkers(ctx: Ctx, stationIds: string[], today: string): Promise<Map<string, (PostedWorker & { orgId: string | null })[]>> {
  const posted = await workers.activePostingsAt(ctx.db, stationIds);
  const current = posted.filter((p) => p.posting.startDate <= today);
  const ids = [...new Set(current.map((p) => p.worker.id))];
  const [extras, firsts] = await Promise.all([workers.loadQualificationRecords(ctx.db, ids), workers.firstPostingDates(ctx.db, ids)]);
  const byStation = new Map<string, (PostedWorker & { orgId: string | null })[]>();
  for (const p of current) {
    const x = extras.get(p.worker.id);
    if (!x) continue;
    const list = byStation.get(p.posting.stationId) ?? [];
    list.push({
      workerId: p.worker.id,
      name: p.worker.name,
      quals: workers.qualificationsOf(p.worker, x),
      firstPostingDate: firsts.get(p.worker.id) ?? p.posting.startDate,
      exceptionRules: p.posting.exceptionRules as StaffRuleId[],
      exceptionReason: p.posting.exceptionReason,
      orgId: p.posting.orgId,
    });
    byStation.set(p.posting.stationId, list);
  }
  return byStation;
}

/**
 * Staffing compliance as of today, per station, kept in dashboard_station_staffing. The rules
 * are code and depend on the day, so the server computes them; triggers mark a station stale
 * when its postings or workers change. A request recomputes only the stale stations under the
 * path (all of them once a day), from postings and worker tables: no record table is read.
 */
export async function refreshStaffing(ctx: Ctx, path: string, today: string, skipLocked = false): Promise<void> {
  // Every station has its row from the start (a trigger on stations, migration 0049), so a
  // concurrent posting change always finds the row to mark stale; saveStaffing sets live too.
  if (!(await staffingRows.anyStaleStaffing(ctx, path, today))) return;
  await inTransaction(ctx, async (tx) => {
    const ids = await staffingRows.lockStaleStaffing(tx, path, today, skipLocked);
    if (ids.length === 0) return;
    const posted = await postedWorkers(tx, ids, today);
    await staffingRows.saveStaffing(
      tx,
      today,
      ids.map((id) => {
        const onPost = posted.get(id) ?? [];
        const { findings, qualified, qualifiedWorkers } = stationFindings(onPost, today);
        const byRule: Record<string, number> = {};
        for (const f of findings) if (f.severity === 'finding') byRule[f.rule.id] = (byRule[f.rule.id] ?? 0) + 1;
        // CERT3Y's own findings and warnings (not an exception recorded under that rule).
        const certIssues = onPost.filter((w) => certificateDue(w.quals, w.firstPostingDate, today).state !== 'ok').length;
        // The qualified ones per posting organisation, for R-ONPOST-1M (the contractor's own).
        const ownQualified: Record<string, number> = {};
        for (const w of qualifiedWorkers) if (w.orgId) ownQualified[w.orgId] = (ownQualified[w.orgId] ?? 0) + 1;
        return {
          stationId: id, onPost: onPost.length, qualified, ownQualified, compliant: Object.keys(byRule).length === 0, findings: byRule,
          warnings: findings.filter((f) => f.severity === 'warning').length, certIssues,
        };
      }),
    );
  });
}

/**
 * The actor's region, its stale staffing rows recomputed: readers of the kept counts (the contracts'
 * R-ONPOST-1M test, which falls back to live counting on a stale row) then find them fresh. Rows
 * another transaction holds (a posting being written, another refresh) are skipped, not waited
 * for: such a reader counts them live. Organisations and the system read live.
 */
export async function refreshStaffingOfScope(ctx: Ctx, today: string): Promise<void> {
  const scope = ctx.actor?.scope;
  if (ctx.system || !scope?.path || scope.kind === 'org' || scope.kind === 'none') return;
  await refreshStaffing(ctx, scope.path, today, true);
}

/** Evaluates the staffing rules of many stations with a handful of queries. */
async function evaluate(ctx: Ctx, stationRows: StationJoined[], today: string) {
  const live = stationRows.filter((s) => s.station.status !== 'revoked');
  const byStation = await postedWorkers(ctx, live.map((s) => s.station.id), today);
  return live.map((s): StationStaffing => {
    const onPost = byStation.get(s.station.id) ?? [];
    const { findings, qualified } = stationFindings(onPost, today);
    return {
      stationId: s.station.id,
      name: s.name,
      townCode: s.station.townCode,
      countyCode: s.countyCode,
      countyShortName: s.countyShortName,
      status: s.station.status,
      onPost: onPost.length,
      qualifiedOnPost: qualified,
      compliant: !findings.some((f) => f.severity === 'finding'),
      findings,
    };
  });
}

type Paging = 'page' | 'pageSize' | 'countiesPage' | 'countiesPageSize';

/**
 * Counts of the scope and of a page of its county units; the stations' findings only for the
 * requested page of stations (a province holds thousands of stations and over a hundred units).
 */
export async function staffing(ctx: Ctx, query: Omit<Query, Paging> & Partial<Pick<Query, Paging>>) {
  // Internal callers (the workbench) take the first 200 and read stationsTotal.
  const q = { ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 200, countiesPage: query.countiesPage ?? 1, countiesPageSize: query.countiesPageSize ?? 20 };
  const today = chinaToday();
  const scope = { countyCode: q.countyCode, townCode: q.townCode };
  const filter = { ...scope, rule: q.rule, onlyFindings: q.only === 'findings' };
  const window = { limit: q.countiesPageSize, offset: (q.countiesPage - 1) * q.countiesPageSize };
  const path = ctx.actor?.scope.kind !== 'org' ? ctx.actor?.scope.path : null;
  let counties: repo.CountyCounts[];
  let countiesTotal: number;
  let total: Omit<repo.CountyCounts, 'countyCode' | 'countyShortName'>;
  let page: { ids: string[]; total: number };
  if (path && !ctx.system) {
    // Region actors: counts from the roll-up lines the per-station rows keep (recomputed only
    // where stale), at the page's county paths and the place's own; the list from those rows.
    await refreshStaffing(ctx, path, today);
    const place = await repo.staffingPlace(ctx, path, filter);
    const [lines, ids] = place
      ? await inTransaction(ctx, async (tx) => [
          await repo.countyLinesPage(tx, place, filter, window),
          await repo.stationPageKept(tx, path, filter, q.page, q.pageSize),
        ] as const)
      : [{ rows: [], counties: 0, total: { stations: 0, compliant: 0, findings: 0, warnings: 0, matching: 0 } }, []];
    const { matching, ...counts } = lines.total;
    counties = lines.rows;
    countiesTotal = lines.counties;
    total = counts;
    page = { ids, total: matching };
  } else {
    // Organisations (the few stations they serve), evaluated in SQL; also the system (internal
    // callers such as exports and jobs, rare), which evaluates every station and pages here.
    let all: repo.CountyCounts[];
    [all, page] = await Promise.all([repo.countyCounts(ctx, scope, today), repo.stationPage(ctx, filter, today, q.page, q.pageSize)]);
    counties = all.slice(window.offset, window.offset + window.limit);
    countiesTotal = all.length;
    total = all.reduce(
      (t, k) => ({ stations: t.stations + k.stations, compliant: t.compliant + k.compliant, findings: t.findings + k.findings, warnings: t.warnings + k.warnings }),
      { stations: 0, compliant: 0, findings: 0, warnings: 0 },
    );
  }
  const stations = await evaluate(ctx, await stationsByIds(ctx, page.ids), today);
  return {
    asOf: today, total, counties, countiesTotal, countiesPage: q.countiesPage, countiesPageSize: q.countiesPageSize,
    stations, stationsTotal: page.total, page: q.page, pageSize: q.pageSize,
  };
}

export async function station(ctx: Ctx, id: string) {
  const s = await findStation(ctx, id);
  if (!s) throw notFound('社工站');
  const [evaluated] = await evaluate(ctx, [s], chinaToday());
  const onPost = await workers.listWorkers(ctx, { stationId: id, sort: 'name', page: 1, pageSize: 200 });
  const base: StationStaffing = evaluated ?? {
    stationId: s.station.id, name: s.name, townCode: s.station.townCode, countyCode: s.countyCode,
    countyShortName: s.countyShortName, status: s.station.status, onPost: 0, qualifiedOnPost: 0, compliant: true, findings: [],
  };
  return { ...base, workers: await listItems(ctx, onPost.rows) };
}

/** Stations evaluated per batch by the export. */
const EXPORT_BATCH = 50;

/** The findings of every matching station, a batch of stations at a time, in town-code order. */
async function* exportBatches(ctx: Ctx, q: ExportQuery, today: string): AsyncGenerator<Record<string, unknown>[]> {
  const filter = { countyCode: q.countyCode, townCode: q.townCode, rule: q.rule, onlyFindings: q.only === 'findings' };
  const line = (s: StationStaffing, f: Finding) => ({
    county: s.countyShortName, station: s.name, status: STATION_STATUS_LABELS[s.status], onPost: s.onPost,
    qualified: s.qualifiedOnPost, rule: f.rule.id, clause: f.rule.clause, severity: f.severity === 'finding' ? '问题' : '预警',
    message: f.message, people: f.people.map((p) => p.name).join('、'), clearBy: f.clearBy,
  });
  let after = '';
  for (;;) {
    const batch = await repo.stationBatch(ctx, filter, today, after, EXPORT_BATCH);
    const evaluated = await evaluate(ctx, await stationsByIds(ctx, batch.ids), today);
    yield evaluated.flatMap((s) => s.findings.map((f) => line(s, f)));
    if (batch.lastTownCode === null) return;
    after = batch.lastTownCode;
  }
}

/**
 * One line per finding of the stations the list's filters keep (the list's rows, all pages),
 * streamed into the workbook; at most EXPORT_CAP lines, and the footer says when it cut.
 */
export async function exportXlsx(ctx: Ctx, q: ExportQuery): Promise<Buffer> {
  const today = chinaToday();
  const { content, rows, capped } = await streamedListWorkbook(
    '人员配备问题',
    [
      { header: '区市', key: 'county', width: 10 },
      { header: '社工站', key: 'station', width: 36 },
      { header: '状态', key: 'status', width: 8 },
      { header: '在岗', key: 'onPost', width: 6 },
      { header: '具备专业素质', key: 'qualified', width: 12 },
      { header: '规则', key: 'rule', width: 16 },
      { header: '条款', key: 'clause', width: 10 },
      { header: '类别', key: 'severity', width: 8 },
      { header: '问题', key: 'message', width: 60 },
      { header: '涉及人员', key: 'people', width: 20 },
      { header: '整改方式', key: 'clearBy', width: 36 },
    ],
    exportBatches(ctx, q, today),
    { note: `统计日期：${today}`, cap: EXPORT_CAP },
  );
  await writeAuditAlone(ctx, {
    action: 'compliance.export', objectType: 'station', objectId: '',
    detail: `导出 ${rows} 条${capped ? '（已达上限）' : ''}，条件：${JSON.stringify(q)}`,
  });
  return content;
}
