import {
  DASHBOARD_FIGURE_LABELS,
  DASHBOARD_FIGURES,
  type CountLine,
  type Dashboard,
  type DashboardFigure,
  type DashboardRow,
  type Figures,
} from '../../../shared/contracts/dashboards';
import { dashboardLinks } from '../../../shared/contracts/dashboard-links';
import { chinaToday } from '../../../shared/rules/china-date';
import { TARGET_GROUP_LABELS, TARGET_GROUPS } from '../../../shared/rules/clients';
import { SERVICE_DOMAIN_LABELS, SERVICE_DOMAINS } from '../../../shared/rules/organizations';
import { EVALUATION_GRADE_LABELS, EVALUATION_GRADES } from '../../../shared/rules/purchase';
import { STAFF_RULES, type StaffRuleId } from '../../../shared/rules/staffing';
import { writeAuditAlone } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { listWorkbook } from '../../platform/excel';
import { refreshStaffing } from '../compliance/compliance.service';
import * as repo from './dashboards.repo';

type Sums = Map<string, number>;

const zero = (): Figures => Object.fromEntries(DASHBOARD_FIGURES.map((k) => [k, 0])) as Figures;
const codeOf = (path: string) => path.split('/').filter(Boolean).at(-1) ?? '';
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The region asked for, if the actor may open it: region actors within their path; an
 * organisation where it serves a station today (anything else is a 404, as for any row).
 * An organisation's stations are listed (they are few); a region actor's never are.
 */
async function resolve(ctx: Ctx, regionCode: string, today: string) {
  const scope = ctx.actor?.scope;
  const isOrg = scope?.kind === 'org';
  const topCode = isOrg ? (await repo.rootRegion(ctx))?.code : scope?.path ? codeOf(scope.path) : undefined;
  const region = await repo.findRegion(ctx, regionCode === 'home' ? (topCode ?? '') : regionCode);
  if (!region || !topCode) throw notFound('区划');
  if (!isOrg && !(scope?.path && region.path.startsWith(scope.path))) throw notFound('区划');
  const orgStations = isOrg ? await repo.stationsUnder(ctx, region.path, today) : null;
  if (orgStations && orgStations.length === 0) throw notFound('区划');
  const pathCodes = region.path.split('/').filter(Boolean);
  const ancestors = new Map((await repo.regionsByCodes(ctx, pathCodes)).map((r) => [r.code, r]));
  const from = Math.max(pathCodes.indexOf(topCode), 0);
  const breadcrumb = pathCodes.slice(from).flatMap((c) => {
    const r = ancestors.get(c);
    return r ? [{ code: r.code, name: r.shortName || r.name, level: r.level }] : [];
  });
  const countyCode = pathCodes.find((c) => ancestors.get(c)?.level === 'county') ?? null;
  return { region, orgStations, breadcrumb, countyCode, wholeScope: isOrg ? region.code === topCode : region.path === scope?.path };
}

/**
 * Figures from the roll-up sums of one place (a child region, or the whole region). `coverage`:
 * the coverage and staffing figures from their lines too (region actors; an organisation counts
 * them per station, as it has no towns' lines).
 */
function figuresFrom(sums: Sums, today: string, coverage = false): Figures {
  const f = zero();
  const v = (k: string) => sums.get(k) ?? 0;
  if (coverage) {
    f.towns = v('towns');
    f.stations = v('stations');
    f.operating = v('operating');
    f.staffedStations = v('staffed');
    f.compliantStations = v('compliant');
    f.findings = v('staff_findings');
  }
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

export interface DashboardOptions {
  year?: number;
  sort?: DashboardFigure | 'code';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

const COVERAGE_FIGURES = ['towns', 'stations', 'operating', 'staffedStations', 'compliantStations', 'findings'] as const;
type CoverageFigure = (typeof COVERAGE_FIGURES)[number];
const isCoverageFigure = (k: DashboardFigure): k is CoverageFigure => (COVERAGE_FIGURES as readonly string[]).includes(k);

function addTo(map: Map<string, Sums>, key: string, measure: string, value: number) {
  const m = map.get(key) ?? new Map<string, number>();
  m.set(measure, (m.get(measure) ?? 0) + value);
  map.set(key, m);
}

export async function dashboard(ctx: Ctx, regionCode: string, opts: DashboardOptions = {}): Promise<Dashboard> {
  const today = chinaToday();
  const year = opts.year ?? Number(today.slice(0, 4));
  const sort = opts.sort ?? 'code';
  const order = opts.order ?? (sort === 'code' ? 'asc' : 'desc');
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 20;
  const { region, orgStations, breadcrumb, countyCode: regionCounty, wholeScope } = await resolve(ctx, regionCode, today);
  await refreshStaffing(ctx, region.path, today);
  const isOrg = orgStations !== null;
  const isTown = region.level === 'town';
  const childKey = (path: string) => path.slice(region.path.length).split('/')[0] ?? '';
  // The chart shows the sort figure (records when sorted by code) for the page and "其余" for the rest.
  const chartFigure: DashboardFigure = sort === 'code' ? 'records' : sort;
  if (!isOrg) await inTransaction(ctx, (tx) => repo.foldPending(tx));

  // Region actors read coverage and staffing as roll-up lines like every other figure (one row
  // per place and measure). An organisation's few stations are counted per station, every child.
  const coverageOf = () =>
    Promise.all([
      repo.coverageByChild(ctx, region.path, today),
      // On the primary, like the refresh just made: a replica may not have it yet.
      inTransaction(ctx, (tx) => repo.staffingByChild(tx, region.path, today)),
    ]);
  // A region actor's page in code order is read as a page (its regions, its children's own-path
  // lines): nothing of the children off the page is read, so the answer does not grow with them.
  const byCode = !isOrg && !isTown && sort === 'code';
  const [listed, byRule, whole] = await Promise.all([
    isTown
      ? Promise.resolve({ rows: [], total: 0 })
      : byCode
        ? repo.childRegionsPage(ctx, region.code, order, pageSize, (page - 1) * pageSize)
        : repo.childRegions(ctx, region.code).then((rows) => ({ rows, total: rows.length })),
    isOrg ? inTransaction(ctx, (tx) => repo.staffingByRule(tx, region.path, today)) : null,
    isOrg ? coverageOf() : null,
  ]);
  const served = orgStations ? new Set(orgStations.map((s) => childKey(s.scopePath))) : null;
  const children = listed.rows.filter((c) => !served || served.has(c.code));
  const childCount = byCode ? listed.total : children.length;

  // Coverage and staffing per child code ('' = the region itself, or the total line).
  const place = new Map<string, Record<CoverageFigure, number>>();
  const placeOf = (k: string) => {
    const p = place.get(k) ?? { towns: 0, stations: 0, operating: 0, staffedStations: 0, compliantStations: 0, findings: 0 };
    place.set(k, p);
    return p;
  };
  if (whole) {
    const [coverage, staffing] = whole;
    for (const t of coverage.towns) placeOf(t.child).towns += t.towns;
    for (const s of coverage.stations) {
      placeOf(s.child).stations += s.stations;
      placeOf(s.child).operating += s.operating;
    }
    for (const s of staffing) {
      const p = placeOf(s.child);
      p.staffedStations += s.staffed;
      p.compliantStations += s.compliant;
      p.findings += s.findings;
    }
  }
  const apply = (f: Figures, key: string | null) => {
    for (const [k, p] of place) if (key === null || k === key) for (const fig of COVERAGE_FIGURES) f[fig] += p[fig];
    return f;
  };

  // Roll-up sums: an organisation's from its stations' lines (few), grouped per child; a region
  // actor's from the rows of the region's own path and of the page's children only.
  const perChild = new Map<string, Sums>();
  const total: Sums = new Map();
  const monthsMap = new Map<string, Sums>();
  if (isOrg) {
    const [sums, monthly] = await Promise.all([
      repo.sumsByChild(ctx, region.path, year, today),
      repo.monthlySums(ctx, region.path, year, today),
    ]);
    for (const r of sums) {
      addTo(perChild, r.child, r.measure, r.value);
      total.set(r.measure, (total.get(r.measure) ?? 0) + r.value);
    }
    for (const r of monthly) addTo(monthsMap, r.period, r.measure, r.value);
  }

  // Every child's value of the chart figure: for the order and for "其余".
  const keyOf = new Map<string, number>();
  if (isOrg && isCoverageFigure(chartFigure)) for (const c of children) keyOf.set(c.code, place.get(c.code)?.[chartFigure] ?? 0);
  else if (isOrg) for (const c of children) keyOf.set(c.code, figuresFrom(perChild.get(c.code) ?? new Map(), today)[chartFigure]);
  else if (!byCode && children.length > 0)
    for (const r of await repo.childFigure(ctx, region.path, year, children[0]?.level === 'town', chartFigure, today)) keyOf.set(r.child, r.value);
  const sign = order === 'asc' ? 1 : -1;
  const sorted = byCode
    ? children
    : [...children].sort((a, b) =>
        sort === 'code' ? sign * a.code.localeCompare(b.code) : sign * ((keyOf.get(a.code) ?? 0) - (keyOf.get(b.code) ?? 0)) || a.code.localeCompare(b.code),
      );
  const pageChildren = byCode ? children : sorted.slice((page - 1) * pageSize, page * pageSize);
  const onPage = new Set(pageChildren.map((c) => c.code));
  let othersValue = sorted.filter((c) => !onPage.has(c.code)).reduce((n, c) => n + (keyOf.get(c.code) ?? 0), 0);

  if (!isOrg) {
    const childPaths = pageChildren.map((c) => c.path);
    const [own, ofChildren] = await Promise.all([
      repo.placeSums(ctx, [region.path], year),
      repo.placeSums(ctx, childPaths, year, { figuresOnly: true }),
    ]);
    for (const r of own) {
      total.set(r.measure, (total.get(r.measure) ?? 0) + r.value);
      if (/^\d{4}-\d{2}$/.test(r.period)) addTo(monthsMap, r.period, r.measure, r.value);
    }
    for (const r of ofChildren) addTo(perChild, childKey(r.path), r.measure, r.value);
    // Records are station lines only (a station sits at its town), so a region's total is exactly
    // the sum of its children's: the rest of the chart is the total less the page.
    if (byCode) othersValue = (total.get('records') ?? 0) - pageChildren.reduce((n, c) => n + (perChild.get(c.code)?.get('records') ?? 0), 0);
  }

  const townCodes = [...(pageChildren[0]?.level === 'town' ? pageChildren.map((c) => c.code) : []), ...(isTown ? [region.code] : [])];
  const townStations = orgStations ?? (await repo.stationsOfTowns(ctx, townCodes, today));
  const stationOfTown = new Map(townStations.map((s) => [s.townCode, s]));

  const rows: DashboardRow[] = pageChildren.map((c) => {
    const station = stationOfTown.get(c.code) ?? null;
    const countyCode = c.level === 'county' ? c.code : regionCounty;
    return {
      code: c.code,
      name: c.shortName || c.name,
      level: c.level,
      stationId: station?.id ?? null,
      drillable: true,
      figures: apply(figuresFrom(perChild.get(c.code) ?? new Map(), today, !isOrg), c.code),
      countyCode,
      wholeScope: false,
    };
  });

  const regionStation = isTown ? (stationOfTown.get(region.code) ?? null) : null;
  const totalRow: DashboardRow = {
    code: region.code,
    name: region.shortName || region.name,
    level: region.level,
    stationId: regionStation?.id ?? null,
    drillable: false,
    figures: apply(figuresFrom(total, today, !isOrg), null),
    countyCode: region.level === 'county' ? region.code : regionCounty,
    wholeScope,
  };
  const childrenPage = {
    total: childCount, page, pageSize, sort, order,
    others: { count: childCount - pageChildren.length, figure: chartFigure, value: round2(othersValue) },
  };

  const line = (key: string, label: string, value: number, link: string | null): CountLine => ({ key, label, value, link });
  const totalLinks = dashboardLinks(totalRow, year);
  const clientsBase = totalLinks.clients;
  const withParam = (base: string | null, k: string, v: string) => (base ? `${base}${base.includes('?') ? '&' : '?'}${k}=${encodeURIComponent(v)}` : null);

  // Grades belong to county units' contracts: exact for the whole scope or one county.
  const evaluations = wholeScope
    ? `/evaluations?year=${year}`
    : region.level === 'county'
      ? `/evaluations?year=${year}&countyCode=${region.code}`
      : null;

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

  const findingsTotal = byRule
    ? new Map(byRule.filter((r) => r.n > 0).map((r) => [r.rule, r.n]))
    : new Map([...total].filter(([k, n]) => k.startsWith(repo.STAFF_FINDING) && n > 0).map(([k, n]) => [k.slice(repo.STAFF_FINDING.length), n]));

  return {
    region: { code: region.code, name: region.name, level: region.level, stationId: regionStation?.id ?? null },
    breadcrumb,
    year,
    asOf: today,
    total: totalRow,
    children: rows,
    childrenPage,
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

const EXPORT_PAGE = 100;

export async function exportXlsx(ctx: Ctx, regionCode: string, year?: number): Promise<Buffer> {
  // Every child, a page at a time in code order (the answer itself never holds them all).
  const d = await dashboard(ctx, regionCode, { year, pageSize: EXPORT_PAGE });
  const children = [...d.children];
  for (let page = 2; children.length < d.childrenPage.total; page++) {
    const next = await dashboard(ctx, regionCode, { year, pageSize: EXPORT_PAGE, page });
    if (next.children.length === 0) break;
    children.push(...next.children);
  }
  const columns = [
    { header: '区划', key: 'name', width: 18 },
    ...DASHBOARD_FIGURES.map((k) => ({ header: k.endsWith('Fen') ? `${DASHBOARD_FIGURE_LABELS[k]}（元）` : DASHBOARD_FIGURE_LABELS[k], key: k, width: 12 })),
  ];
  const row = (r: DashboardRow, name: string) => ({
    name,
    ...Object.fromEntries(DASHBOARD_FIGURES.map((k) => [k, k.endsWith('Fen') ? r.figures[k] / 100 : r.figures[k]])),
  });
  const rows = [...children.map((c) => row(c, c.name)), row(d.total, `${d.total.name}合计`)];
  const content = await listWorkbook('驾驶舱', columns, rows, `${d.region.name} ${d.year}年度，统计日期：${d.asOf}`);
  await writeAuditAlone(ctx, {
    action: 'dashboard.export', objectType: 'region', objectId: d.region.code, detail: `导出驾驶舱 ${d.region.name} ${d.year}年度，${rows.length} 行`,
  });
  return content;
}
