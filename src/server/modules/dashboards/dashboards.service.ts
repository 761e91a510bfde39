import {
  DASHBOARD_FIGURE_LABELS,
  DASHBOARD_FIGURES,
  type CountLine,
  type Dashboard,
  type DashboardFigure,
  type DashboardRow,
  type Figures,
} from '../../../shared/contracts/dashboards';
import { chinaToday } from '../../../shared/rules/china-date';
import { TARGET_GROUP_LABELS, TARGET_GROUPS } from '../../../shared/rules/clients';
import { SERVICE_DOMAIN_LABELS, SERVICE_DOMAINS } from '../../../shared/rules/organizations';
import { EVALUATION_GRADE_LABELS, EVALUATION_GRADES } from '../../../shared/rules/purchase';
import { STAFF_RULES, type StaffRuleId } from '../../../shared/rules/staffing';
import { writeAuditAlone } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { listWorkbook } from '../../platform/excel';
import { postedWorkers } from '../compliance/compliance.service';
import { stationFindings } from '../compliance/staffing-findings';
import * as repo from './dashboards.repo';

type Sums = Map<string, number>;
type Station = Awaited<ReturnType<typeof repo.stationsUnder>>[number];

const zero = (): Figures => Object.fromEntries(DASHBOARD_FIGURES.map((k) => [k, 0])) as Figures;
const codeOf = (path: string) => path.split('/').filter(Boolean).at(-1) ?? '';
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The region asked for, if the actor may open it: region actors within their path; an
 * organisation where it serves a station today (anything else is a 404, as for any row).
 */
async function resolve(ctx: Ctx, regionCode: string, today: string) {
  const scope = ctx.actor?.scope;
  const isOrg = scope?.kind === 'org';
  const topCode = isOrg ? (await repo.rootRegion(ctx))?.code : scope?.path ? codeOf(scope.path) : undefined;
  const region = await repo.findRegion(ctx, regionCode === 'home' ? (topCode ?? '') : regionCode);
  if (!region || !topCode) throw notFound('区划');
  if (!isOrg && !(scope?.path && region.path.startsWith(scope.path))) throw notFound('区划');
  const stations = await repo.stationsUnder(ctx, region.path, today);
  if (isOrg && stations.length === 0) throw notFound('区划');
  const pathCodes = region.path.split('/').filter(Boolean);
  const ancestors = new Map((await repo.regionsByCodes(ctx, pathCodes)).map((r) => [r.code, r]));
  const from = Math.max(pathCodes.indexOf(topCode), 0);
  const breadcrumb = pathCodes.slice(from).flatMap((c) => {
    const r = ancestors.get(c);
    return r ? [{ code: r.code, name: r.shortName || r.name, level: r.level }] : [];
  });
  const countyCode = pathCodes.find((c) => ancestors.get(c)?.level === 'county') ?? null;
  return { region, stations, breadcrumb, countyCode, wholeScope: isOrg ? region.code === topCode : region.path === scope?.path };
}

/**
 * Staffing compliance as of today, per station, kept in dashboard_station_staffing. The rules
 * are code and depend on the day, so the server computes them; triggers mark a station stale
 * when its postings or workers change. A request recomputes only the stale stations of its
 * region (all of them once a day), from postings and worker tables: no record table is read.
 */
async function refreshStaffing(ctx: Ctx, path: string, today: string): Promise<void> {
  // Committed first, so that a concurrent posting change finds the row to mark stale.
  await inTransaction(ctx, (tx) => repo.ensureStaffingRows(tx, path, today));
  await inTransaction(ctx, async (tx) => {
    const ids = await repo.lockStaleStaffing(tx, path, today);
    if (ids.length === 0) return;
    const posted = await postedWorkers(tx, ids, today);
    await repo.saveStaffing(
      tx,
      today,
      ids.map((id) => {
        const onPost = posted.get(id) ?? [];
        const { findings, qualified } = stationFindings(onPost, today);
        const byRule: Record<string, number> = {};
        for (const f of findings) if (f.severity === 'finding') byRule[f.rule.id] = (byRule[f.rule.id] ?? 0) + 1;
        return { stationId: id, onPost: onPost.length, qualified, compliant: Object.keys(byRule).length === 0, findings: byRule };
      }),
    );
  });
}

/** Figures from the roll-up sums of one place (a child region, or the whole region). */
function figuresFrom(sums: Sums, today: string): Figures {
  const f = zero();
  const v = (k: string) => sums.get(k) ?? 0;
  f.clients = v('clients');
  f.clientsActive = v('clients_status:active');
  f.records = v('records');
  f.hours = round2(v('minutes') / 60);
  f.persons = v('persons');
  f.homeVisits = v('home_visits');
  f.volunteerTimes = v('volunteer_times');
  f.volunteerHours = round2(v('volunteer_hours'));
  f.budgetFen = v('budget_fen');
  f.spentFen = v('spent_fen');
  f.paidFen = v('paid_fen');
  f.reports = v('reports');
  f.reportsOnTime = v('reports_on_time');
  let overdue = 0;
  let pending = 0;
  for (const [k, n] of sums)
    if (k.startsWith('reports_open_due:')) {
      if (k.slice('reports_open_due:'.length) < today) overdue += n;
      else pending += n;
    }
  f.reportsLate = v('reports_late') + overdue;
  f.reportsPending = pending;
  return f;
}

interface Place {
  countyCode: string | null;
  stationId: string | null;
  /** The actor's whole scope: a list without a region filter counts exactly this. */
  wholeScope: boolean;
}

/** The list each figure counts, narrowed to the place; null where no list can be narrowed to exactly it. */
function linksFor(p: Place, year: number): Record<DashboardFigure, string | null> {
  const q = (base: string, params: Record<string, string | undefined>) => {
    const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
    return s ? `${base}?${s}` : base;
  };
  const county = p.wholeScope ? {} : p.countyCode && !p.stationId ? { countyCode: p.countyCode } : null;
  const station = p.wholeScope ? {} : p.stationId ? { stationId: p.stationId } : null;
  const region = county ?? station;
  const years = { from: `${year}-01-01`, to: `${year}-12-31` };
  const records = (extra: Record<string, string> = {}) => (station ? q('/records', { ...station, ...years, ...extra }) : null);
  const stationPage = p.stationId && !p.wholeScope ? `/stations/${p.stationId}` : null;
  const funding = p.wholeScope || p.countyCode ? q('/funding', { year: String(year), countyCode: p.wholeScope ? undefined : (p.countyCode ?? undefined) }) : null;
  const reports = (extra: Record<string, string> = {}) => (region ? q('/reports', { ...region, year: String(year), ...extra }) : null);
  return {
    towns: county ? q('/stations', county) : stationPage,
    stations: county ? q('/stations', county) : stationPage,
    operating: county ? q('/stations', { ...county, status: 'operating' }) : stationPage,
    staffedStations: county ? q('/compliance', county) : stationPage,
    compliantStations: county ? q('/compliance', county) : stationPage,
    findings: county ? q('/compliance', { ...county, only: 'findings' }) : stationPage,
    clients: station ? q('/clients', station) : null,
    clientsActive: station ? q('/clients', { ...station, status: 'active' }) : null,
    records: records(),
    hours: records(),
    persons: records(),
    homeVisits: records({ homeVisit: 'true' }),
    volunteerTimes: records(),
    volunteerHours: records(),
    budgetFen: funding,
    spentFen: funding,
    paidFen: funding,
    reports: reports(),
    reportsOnTime: reports(),
    reportsLate: reports({ late: 'true' }),
    // Drafts include the overdue ones: no list counts exactly the not-yet-due.
    reportsPending: null,
  };
}

export async function dashboard(ctx: Ctx, regionCode: string, yearAsked?: number): Promise<Dashboard> {
  const today = chinaToday();
  const year = yearAsked ?? Number(today.slice(0, 4));
  const { region, stations, breadcrumb, countyCode: regionCounty, wholeScope } = await resolve(ctx, regionCode, today);
  await refreshStaffing(ctx, region.path, today);
  const isTown = region.level === 'town';
  // Above a county the county sums are read (one row per county, not per station).
  const countySums = ctx.actor?.scope.kind !== 'org' && !['county', 'town', 'village'].includes(region.level);
  const [children, sums, monthly, coverage, staffing] = await Promise.all([
    isTown ? Promise.resolve([]) : repo.childRegions(ctx, region.code),
    repo.sumsByChild(ctx, region.path, year, today, countySums),
    repo.monthlySums(ctx, region.path, year, today, countySums),
    repo.coverageByChild(ctx, region.path, today),
    // On the primary, like the refresh just made: a replica may not have it yet.
    inTransaction(ctx, (tx) => repo.staffingUnder(tx, region.path, stations.filter((s) => s.status !== 'revoked').map((s) => s.id))),
  ]);

  // Per child code ('' = rows of the region itself): roll-up sums, then coverage and staffing.
  const perChild = new Map<string, Sums>();
  const total: Sums = new Map();
  for (const r of sums) {
    const m = perChild.get(r.child) ?? new Map<string, number>();
    m.set(r.measure, (m.get(r.measure) ?? 0) + r.value);
    perChild.set(r.child, m);
    total.set(r.measure, (total.get(r.measure) ?? 0) + r.value);
  }
  const childKey = (path: string) => path.slice(region.path.length).split('/')[0] ?? '';
  const apply = (f: Figures, key: string | null) => {
    const inKey = (n: string) => key === null || n === key;
    for (const t of coverage.towns) if (inKey(t.child)) f.towns += t.towns;
    for (const s of coverage.stations)
      if (inKey(s.child)) {
        f.stations += s.stations;
        f.operating += s.operating;
      }
    for (const s of staffing)
      if (inKey(childKey(s.scopePath))) {
        f.staffedStations += 1;
        if (s.compliant) f.compliantStations += 1;
        f.findings += Object.values(s.findings).reduce((a, b) => a + b, 0);
      }
    return f;
  };

  const stationOfTown = new Map(stations.map((s) => [s.townCode, s]));
  const isOrg = ctx.actor?.scope.kind === 'org';
  const servedChildren = new Set(stations.map((s) => childKey(s.scopePath)));

  const rows: DashboardRow[] = children
    .filter((c) => !isOrg || servedChildren.has(c.code))
    .map((c) => {
      const station = stationOfTown.get(c.code) ?? null;
      const countyCode = c.level === 'county' ? c.code : regionCounty;
      return {
        code: c.code,
        name: c.shortName || c.name,
        level: c.level,
        stationId: station?.id ?? null,
        drillable: true,
        figures: apply(figuresFrom(perChild.get(c.code) ?? new Map(), today), c.code),
        links: linksFor({ countyCode, stationId: station?.id ?? null, wholeScope: false }, year),
      };
    });

  const regionStation = isTown ? (stationOfTown.get(region.code) ?? null) : null;
  const totalRow: DashboardRow = {
    code: region.code,
    name: region.shortName || region.name,
    level: region.level,
    stationId: regionStation?.id ?? null,
    drillable: false,
    figures: apply(figuresFrom(total, today), null),
    links: linksFor({ countyCode: region.level === 'county' ? region.code : regionCounty, stationId: regionStation?.id ?? null, wholeScope }, year),
  };

  const line = (key: string, label: string, value: number, link: string | null): CountLine => ({ key, label, value, link });
  const totalLinks = totalRow.links;
  const clientsBase = totalLinks.clients;
  const withParam = (base: string | null, k: string, v: string) => (base ? `${base}${base.includes('?') ? '&' : '?'}${k}=${encodeURIComponent(v)}` : null);

  // Grades belong to county units' contracts: exact for the whole scope or one county.
  const evaluations = wholeScope
    ? `/evaluations?year=${year}`
    : region.level === 'county'
      ? `/evaluations?year=${year}&countyCode=${region.code}`
      : null;

  const monthsMap = new Map<string, Map<string, number>>();
  for (const r of monthly) {
    const m = monthsMap.get(r.period) ?? new Map<string, number>();
    m.set(r.measure, r.value);
    monthsMap.set(r.period, m);
  }
  const recordsBase = totalLinks.records;
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const m = monthsMap.get(month) ?? new Map<string, number>();
    const last = new Date(Date.UTC(year, i + 1, 0)).getUTCDate();
    const link = recordsBase ? recordsBase.replace(/from=[^&]*&to=[^&]*/, `from=${month}-01&to=${month}-${String(last).padStart(2, '0')}`) : null;
    return {
      month,
      records: m.get('records') ?? 0,
      hours: round2((m.get('minutes') ?? 0) / 60),
      persons: m.get('persons') ?? 0,
      homeVisits: m.get('home_visits') ?? 0,
      volunteerHours: round2(m.get('volunteer_hours') ?? 0),
      spentFen: m.get('spent_fen') ?? 0,
      link,
    };
  });

  const findingsTotal = new Map<string, number>();
  for (const s of staffing) for (const [rule, n] of Object.entries(s.findings)) findingsTotal.set(rule, (findingsTotal.get(rule) ?? 0) + n);

  return {
    region: { code: region.code, name: region.name, level: region.level, stationId: regionStation?.id ?? null },
    breadcrumb,
    year,
    asOf: today,
    total: totalRow,
    children: rows,
    months,
    // Service records carry their domain; the records list has no domain filter, so these open no list.
    domains: SERVICE_DOMAINS.map((d) => ({
      ...line(d, SERVICE_DOMAIN_LABELS[d], total.get(`domain_records:${d}`) ?? 0, null),
      persons: total.get(`domain_persons:${d}`) ?? 0,
    })),
    targetGroups: TARGET_GROUPS.map((g) => line(g, TARGET_GROUP_LABELS[g], total.get(`target_group:${g}`) ?? 0, withParam(clientsBase, 'targetGroup', g))),
    grades: EVALUATION_GRADES.map((g) =>
      line(g, EVALUATION_GRADE_LABELS[g], total.get(`grade:${g}`) ?? 0, evaluations ? withParam(evaluations, 'grade', g) : null),
    ),
    findingsByRule: [...findingsTotal.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([rule, n]) => line(rule, STAFF_RULES[rule as StaffRuleId]?.title ?? rule, n, withParam(totalLinks.findings?.startsWith('/compliance') ? totalLinks.findings : null, 'rule', rule))),
  };
}

export async function exportXlsx(ctx: Ctx, regionCode: string, year?: number): Promise<Buffer> {
  const d = await dashboard(ctx, regionCode, year);
  const columns = [
    { header: '区划', key: 'name', width: 18 },
    ...DASHBOARD_FIGURES.map((k) => ({ header: k.endsWith('Fen') ? `${DASHBOARD_FIGURE_LABELS[k]}（元）` : DASHBOARD_FIGURE_LABELS[k], key: k, width: 12 })),
  ];
  const row = (r: DashboardRow, name: string) => ({
    name,
    ...Object.fromEntries(DASHBOARD_FIGURES.map((k) => [k, k.endsWith('Fen') ? r.figures[k] / 100 : r.figures[k]])),
  });
  const rows = [...d.children.map((c) => row(c, c.name)), row(d.total, `${d.total.name}合计`)];
  const content = await listWorkbook('驾驶舱', columns, rows, `${d.region.name} ${d.year}年度，统计日期：${d.asOf}`);
  await writeAuditAlone(ctx, {
    action: 'dashboard.export', objectType: 'region', objectId: d.region.code, detail: `导出驾驶舱 ${d.region.name} ${d.year}年度，${rows.length} 行`,
  });
  return content;
}
