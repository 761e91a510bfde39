import type { DashboardFigure } from './dashboard-figures';

/** Where a dashboard row lies: what its figures' lists can be narrowed to. */
export interface DashboardPlace {
  /** The county unit the row is, or lies in (a town's county); null above the counties. */
  countyCode: string | null;
  /** The station of a town, if any. */
  stationId: string | null;
  /** The actor's whole scope: a list without a region filter counts exactly this. */
  wholeScope: boolean;
}

/**
 * The list each figure counts, narrowed to the place; null where no list can be narrowed to exactly
 * it. One function for the server (the total's lines, months) and the page (every row's figures),
 * so a page of children carries its places, not 21 links each.
 */
export function dashboardLinks(p: DashboardPlace, year: number): Record<DashboardFigure, string | null> {
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
