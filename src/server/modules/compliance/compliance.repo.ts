import { sql, type SQL } from 'drizzle-orm';
import { CERT_DEADLINE_YEARS, CERT_WARNING_DAYS, EDUCATION_LEVELS, MIN_QUALIFIED_WORKERS } from '../../../shared/rules/staffing';
import type { STAFF_FINDING_RULES } from '../../../shared/contracts/compliance';
import { postings, socialWorkers, stations, workerCertificates } from '../../db/schema';
import { qualified } from '../../db/sql';
import { lineSums, placeLinesAt } from '../dashboards/dashboards.repo';
import type { Ctx } from '../../platform/context';
import { stationRecordScope } from '../../platform/scope';
import { countsAsQualifiedSql, relatedMajorSql } from './staffing-findings';

export interface StationFilter {
  countyCode?: string;
  townCode?: string;
  rule?: (typeof STAFF_FINDING_RULES)[number];
  onlyFindings?: boolean;
  /** Only these towns' stations (the export's window). */
  townCodes?: string[];
}

export interface CountyCounts {
  countyCode: string;
  countyShortName: string;
  stations: number;
  compliant: number;
  findings: number;
  warnings: number;
}

const COLLEGE_OR_ABOVE = EDUCATION_LEVELS.slice(EDUCATION_LEVELS.indexOf('junior_college'));

/**
 * The staffing rules' counts per live station in scope, in SQL (the same tests as
 * stationFindings/workerFindings): workers on post today, qualified ones, R-STAFF-MIN,
 * R-STAFF-CERT3Y (finding when overdue, warning within CERT_WARNING_DAYS) and recorded exceptions.
 * A city or province is summed per county and paged per station without loading every station.
 */
function perStation(ctx: Ctx, f: StationFilter, today: string): SQL {
  const d = sql`${today}::date`;
  const worker = qualified(socialWorkers.id);
  const majors = relatedMajorSql();
  const certOk = sql`(EXISTS (SELECT 1 FROM ${workerCertificates} WHERE ${qualified(workerCertificates.workerId)} = ${worker} AND ${qualified(workerCertificates.obtainedOn)} <= ${d})
    OR (${qualified(socialWorkers.education)} IN (${sql.join(COLLEGE_OR_ABOVE.map((e) => sql`${e}`), sql`, `)}) AND (${majors})))`;
  const deadline = sql`((SELECT min(p1.start_date) FROM ${postings} p1 WHERE p1.worker_id = ${worker}) + interval '${sql.raw(String(CERT_DEADLINE_YEARS))} years')::date`;
  const scope = stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id });
  return sql`SELECT "stations"."id" AS station_id, "stations"."town_code", county.code AS county_code, county.short_name AS county_short_name,
      count(w.worker_id)::int AS on_post,
      count(w.worker_id) FILTER (WHERE w.q)::int AS qualified,
      count(w.worker_id) FILTER (WHERE w.cert = 'overdue')::int AS cert_overdue,
      count(w.worker_id) FILTER (WHERE w.cert = 'warning')::int AS cert_warning,
      coalesce(sum(cardinality(w.exception_rules)), 0)::int AS exceptions,
      coalesce(bool_or(${f.rule ?? ''} = ANY(w.exception_rules)), false) AS has_exception_rule
    FROM ${stations}
    JOIN regions town ON town.code = "stations"."town_code"
    JOIN regions county ON county.code = town.parent_code
    LEFT JOIN (
      SELECT ${qualified(postings.stationId)} AS station_id, ${worker} AS worker_id, ${qualified(postings.exceptionRules)} AS exception_rules,
        ${countsAsQualifiedSql(today)} AS q,
        CASE WHEN ${certOk} THEN 'ok' WHEN ${d} > ${deadline} THEN 'overdue' WHEN ${deadline} - ${d} <= ${CERT_WARNING_DAYS} THEN 'warning' ELSE 'ok' END AS cert
      FROM ${postings} JOIN ${socialWorkers} ON ${worker} = ${qualified(postings.workerId)}
      WHERE ${qualified(postings.endDate)} IS NULL AND ${qualified(postings.startDate)} <= ${d}
    ) w ON w.station_id = "stations"."id"
    WHERE "stations"."status" <> 'revoked' AND ${scope}
      ${f.countyCode ? sql`AND county.code = ${f.countyCode}` : sql``}
      ${f.townCode ? sql`AND "stations"."town_code" = ${f.townCode}` : sql``}
      ${f.townCodes ? sql`AND "stations"."town_code" IN (${sql.join(f.townCodes.map((t) => sql`${t}`), sql`, `)})` : sql``}
    GROUP BY "stations"."id", "stations"."town_code", county.code, county.short_name`;
}

/** Per station: findings (severity finding) and warnings, as stationFindings counts them. */
const FINDINGS = sql.raw(`((CASE WHEN qualified < ${MIN_QUALIFIED_WORKERS} THEN 1 ELSE 0 END) + cert_overdue + exceptions)`);

function ruleConditions(f: StationFilter): SQL[] {
  const conds: SQL[] = [];
  if (f.rule === 'R-STAFF-MIN') conds.push(sql.raw(`qualified < ${MIN_QUALIFIED_WORKERS}`));
  else if (f.rule === 'R-STAFF-CERT3Y') conds.push(sql`(cert_overdue + cert_warning) > 0`);
  else if (f.rule) conds.push(sql`has_exception_rule`);
  if (f.onlyFindings) conds.push(sql`(${FINDINGS} + cert_warning) > 0`);
  return conds;
}

function ruleFilter(f: StationFilter): SQL {
  const conds = ruleConditions(f);
  return conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
}

type Rows<T> = { rows: T[] };

export async function countyCounts(ctx: Ctx, f: StationFilter, today: string): Promise<CountyCounts[]> {
  const res = (await ctx.db.execute(sql`SELECT county_code AS "countyCode", county_short_name AS "countyShortName",
      count(*)::int AS stations, count(*) FILTER (WHERE ${FINDINGS} = 0)::int AS compliant,
      coalesce(sum(${FINDINGS}), 0)::int AS findings, coalesce(sum(cert_warning), 0)::int AS warnings
    FROM (${perStation(ctx, f, today)}) s GROUP BY county_code, county_short_name ORDER BY county_code`)) as unknown as Rows<CountyCounts>;
  return res.rows;
}

/** One page of the stations matching the rule filters, in town-code order, and how many match. */
export async function stationPage(ctx: Ctx, f: StationFilter, today: string, page: number, pageSize: number): Promise<{ ids: string[]; total: number }> {
  const res = (await ctx.db.execute(sql`SELECT station_id AS id, count(*) OVER ()::int AS total
    FROM (${perStation(ctx, f, today)}) s ${ruleFilter(f)}
    ORDER BY town_code LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)) as unknown as Rows<{ id: string; total: number }>;
  if (res.rows.length > 0) return { ids: res.rows.map((r) => r.id), total: res.rows[0]?.total ?? 0 };
  if (page === 1) return { ids: [], total: 0 };
  const n = (await ctx.db.execute(sql`SELECT count(*)::int AS total FROM (${perStation(ctx, f, today)}) s ${ruleFilter(f)}`)) as unknown as Rows<{ total: number }>;
  return { ids: [], total: n.rows[0]?.total ?? 0 };
}

/**
 * The export's next window: up to `limit` live stations in scope after `afterTownCode` (keyset on
 * the town-code index, no rule evaluated), and of those the ones the rule filters keep. Each
 * window costs the same however far along the export is.
 */
export async function stationBatch(
  ctx: Ctx, f: StationFilter, today: string, afterTownCode: string, limit: number,
): Promise<{ ids: string[]; lastTownCode: string | null }> {
  const scope = stationRecordScope(ctx, { scopePath: stations.scopePath, stationId: stations.id });
  const window = (await ctx.db.execute(sql`SELECT "stations"."town_code" AS code FROM ${stations}
    WHERE "stations"."status" <> 'revoked' AND ${scope} AND "stations"."town_code" > ${afterTownCode}
      ${f.countyCode ? sql`AND "stations"."town_code" IN (SELECT code FROM regions WHERE parent_code = ${f.countyCode})` : sql``}
      ${f.townCode ? sql`AND "stations"."town_code" = ${f.townCode}` : sql``}
    ORDER BY "stations"."town_code" LIMIT ${limit}`)) as unknown as Rows<{ code: string }>;
  const codes = window.rows.map((r) => r.code);
  if (codes.length === 0) return { ids: [], lastTownCode: null };
  const res = (await ctx.db.execute(sql`SELECT station_id AS id FROM (${perStation(ctx, { ...f, townCodes: codes }, today)}) s
    ${ruleFilter(f)} ORDER BY town_code`)) as unknown as Rows<{ id: string }>;
  return { ids: res.rows.map((r) => r.id), lastTownCode: codes.length < limit ? null : (codes.at(-1) ?? null) };
}

/**
 * Region actors' station list from dashboard_station_staffing (one narrow row per station,
 * recomputed only when stale: refreshStaffing first), never the stations' postings and workers;
 * their counts come from the roll-up lines those rows keep (countyLinesPage).
 */
function staffedStations(path: string, f: StationFilter): SQL {
  return sql`FROM dashboard_station_staffing d
    JOIN ${stations} ON ${qualified(stations.id)} = d.station_id
    WHERE d.scope_path LIKE ${`${path}%`} AND ${qualified(stations.status)} <> 'revoked'
      ${f.countyCode ? sql`AND ${qualified(stations.townCode)} IN (SELECT code FROM regions WHERE parent_code = ${f.countyCode})` : sql``}
      ${f.townCode ? sql`AND ${qualified(stations.townCode)} = ${f.townCode}` : sql``}`;
}

function keptByRules(f: StationFilter): SQL {
  const conds: SQL[] = [];
  // As the lines count them (matchingLine): R-STAFF-MIN is a finding exactly when too few are qualified.
  if (f.rule === 'R-STAFF-CERT3Y') conds.push(sql`d.cert_issues > 0`);
  else if (f.rule) conds.push(sql`coalesce((d.findings ->> ${f.rule})::int, 0) > 0`);
  if (f.onlyFindings) conds.push(sql`(NOT d.compliant OR d.warnings > 0)`);
  return conds.length ? sql.join(conds, sql` AND `) : sql`true`;
}

/** The staffing lines (migrations 0049, 0053) a county row and the totals are made of. */
const COUNT_LINES = { stations: 'staffed', compliant: 'compliant', findings: 'staff_findings', warnings: 'staff_warnings' } as const;

/**
 * The line counting the stations the rule filters keep. A rule's stations already have a finding
 * or a warning, so 只看有问题的 adds nothing to a rule; R-STAFF-CERT3Y keeps warnings too.
 */
function matchingLine(f: StationFilter): string {
  if (f.rule === 'R-STAFF-CERT3Y') return 'staff_cert_due';
  if (f.rule) return `staff_with:${f.rule}`;
  return f.onlyFindings ? 'staff_flagged' : 'staffed';
}

/** The staffing lines a request reads: the counts' and the one counting the kept stations. */
const lineMeasures = (f: StationFilter): string[] => [...new Set([...Object.values(COUNT_LINES), matchingLine(f)])];

const countSums = (f: StationFilter): SQL => lineSums({ ...COUNT_LINES, matching: matchingLine(f) });

/** The place a region actor's request is counted at: its scope, narrowed by the county or town asked for. */
export interface StaffingPlace {
  path: string;
  /** A town is its own single unit; a county, city or province lists its county units. */
  town: boolean;
}

/**
 * The actor's scope path narrowed by the filters (one probe of the regions per code): the deeper
 * of the two when one holds the other (a town officer asking for their county stays at their
 * town), null when the county or town asked for lies outside the scope or does not exist.
 */
export async function staffingPlace(ctx: Ctx, scopePath: string, f: StationFilter): Promise<StaffingPlace | null> {
  const codes = [f.countyCode, f.townCode].filter((c): c is string => !!c);
  const res = (await ctx.db.execute(sql`SELECT code, path, level, parent_code AS "parentCode" FROM regions
    WHERE path = ${scopePath} ${codes.length ? sql`OR code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})` : sql``}`)) as unknown as Rows<{
    code: string; path: string; level: string; parentCode: string | null;
  }>;
  let place: StaffingPlace = { path: scopePath, town: res.rows.find((r) => r.path === scopePath)?.level === 'town' };
  const narrow = (r: { path: string; level: string } | undefined): boolean => {
    if (!r) return false;
    if (r.path.startsWith(place.path)) place = { path: r.path, town: r.level === 'town' };
    return r.path.startsWith(place.path) || place.path.startsWith(r.path);
  };
  if (f.countyCode && !narrow(res.rows.find((r) => r.code === f.countyCode && r.level === 'county'))) return null;
  if (f.townCode && !narrow(res.rows.find((r) => r.code === f.townCode && r.level === 'town' && (!f.countyCode || r.parentCode === f.countyCode))))
    return null;
  return place;
}

/**
 * The units of a place that have a live staffing row, as (code, path, tier of their lines): a town
 * alone (under its county's code), or the county units under a county, city or province: the paths
 * of the county lines (tier 1) whose 'staffed' line is above zero, one range of the place-measure
 * index (not a probe per county region), the code the path's last segment (a path is its codes).
 */
function unitsOf(place: StaffingPlace): SQL {
  const staffed = sql`r.period = '' AND r.measure = 'staffed' AND r.value > 0`;
  return place.town
    ? sql`SELECT u.parent_code AS code, r.scope_path AS path, r.tier FROM dashboard_rollups r JOIN regions u ON u.path = r.scope_path
        WHERE r.tier = 0 AND r.scope_path = ${place.path} AND ${staffed}`
    : sql`SELECT substring(r.scope_path from '([^/]+)/$') AS code, r.scope_path AS path, r.tier FROM dashboard_rollups r
        WHERE r.tier = 1 AND r.scope_path LIKE ${`${place.path}%`} AND ${staffed}`;
}

/**
 * A page of the place's county units, each counted from its own lines, and the place's counts from
 * the lines of its own path (a city's or province's tier-2 sums plus pending deltas): the page's
 * units and one place are read, whatever the number of stations beneath. A unit's staffing lines
 * are all at its tier (a county's at tier 1, a town's at tier 0) and never pending (pending deltas
 * are for the paths above a county). `matching` counts the stations the rule filters keep (the
 * station list's total).
 */
export async function countyLinesPage(
  ctx: Ctx, place: StaffingPlace, f: StationFilter, window: { limit: number; offset: number },
): Promise<{ rows: CountyCounts[]; counties: number; total: Omit<CountyCounts, 'countyCode' | 'countyShortName'> & { matching: number } }> {
  const rows = (await ctx.db.execute(sql`SELECT u.code AS "countyCode", (SELECT short_name FROM regions WHERE code = u.code) AS "countyShortName",
      n.stations, n.compliant, n.findings, n.warnings
    FROM (${unitsOf(place)} ORDER BY 1 LIMIT ${window.limit} OFFSET ${window.offset}) u
    CROSS JOIN LATERAL (SELECT ${countSums(f)} FROM dashboard_rollups x
      WHERE x.tier = u.tier AND x.scope_path = u.path AND x.period = '' AND x.measure IN (${sql.join(lineMeasures(f).map((m) => sql`${m}`), sql`, `)})) n
    ORDER BY u.code`)) as unknown as Rows<CountyCounts>;
  const totals = (await ctx.db.execute(sql`SELECT ${countSums(f)}, (SELECT count(*) FROM (${unitsOf(place)}) z)::int AS counties
    FROM (${placeLinesAt(sql`${place.path}`, lineMeasures(f))}) x`)) as unknown as Rows<Omit<CountyCounts, 'countyCode' | 'countyShortName'> & { matching: number; counties: number }>;
  const { counties, ...total } = totals.rows[0] ?? { stations: 0, compliant: 0, findings: 0, warnings: 0, matching: 0, counties: 0 };
  return { rows: rows.rows, counties, total };
}

/** One page of the kept stations in town-code order: the stations index walked until the page is full. */
export async function stationPageKept(ctx: Ctx, path: string, f: StationFilter, page: number, pageSize: number): Promise<string[]> {
  const res = (await ctx.db.execute(sql`SELECT d.station_id AS id ${staffedStations(path, f)} AND ${keptByRules(f)}
    ORDER BY ${qualified(stations.townCode)} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)) as unknown as Rows<{ id: string }>;
  return res.rows.map((r) => r.id);
}
