import { sql, type SQL } from 'drizzle-orm';
import type { ContractFinding } from '../../../shared/contracts/service-contracts';
import { RULES } from '../../../shared/rules/catalog';
import { CONTRACT_IN_FORCE, onPostDeadline } from '../../../shared/rules/purchase';
import { MIN_QUALIFIED_WORKERS } from '../../../shared/rules/staffing';
import type { Ctx } from '../../platform/context';
import { contracts, contractStations, postings, socialWorkers } from '../../db/schema';
import { qualified } from '../../db/sql';
import { countsAsQualifiedSql } from '../compliance/staffing-findings';
import { stationNameSql } from '../stations/stations.repo';
import type { ContractSummaryRow } from './contracts.repo';

export type OnPostState = 'not_signed' | 'ok' | 'due' | 'overdue';

export interface ContractStationState {
  id: string;
  name: string;
  qualifiedOnPost: number;
  onPostState: OnPostState;
}

/**
 * R-ONPOST-1M for some stations of whole contracts (those in the reader's scope, a report's
 * subject), in station-path order: contractStationStates' one statement, kept to the given stations.
 */
export async function stationStates(
  ctx: Ctx,
  rows: { contract: ContractSummaryRow; stationIds: string[] }[],
  today: string,
): Promise<Map<string, ContractStationState[]>> {
  const all = await contractStationStates(ctx, rows.map((r) => r.contract), today);
  return new Map(
    rows.map(({ contract, stationIds }) => {
      const given = new Set(stationIds);
      return [contract.id, (all.get(contract.id) ?? []).filter((s) => given.has(s.id))];
    }),
  );
}

/** FROM and WHERE of the given contracts' stations, each beside its contract (both statements below). */
const stationsOfContracts = (contractRows: ContractSummaryRow[]) =>
  sql`FROM ${contractStations} JOIN ${contracts} ON ${qualified(contracts.id)} = ${qualified(contractStations.contractId)}
    WHERE ${qualified(contractStations.contractId)} IN (${sql.join(contractRows.map((k) => sql`${k.id}::uuid`), sql`, `)})`;

/**
 * The stations of whole contracts (a list page, a contract's page) with their states, in station-path
 * order, from one statement: each station's standard name read by primary key (its station, town
 * and county rows: index probes, never a join that reads every region) and the contractor's own
 * workers on post there today who count as qualified, with the same test as the 有问题 filter
 * (countsAsQualifiedSql). A page costs its own stations' postings, whatever the province holds,
 * never their workers' certificates and trainings loaded into JavaScript.
 */
export async function contractStationStates(
  ctx: Ctx,
  contractRows: ContractSummaryRow[],
  today: string,
): Promise<Map<string, ContractStationState[]>> {
  const out = new Map<string, ContractStationState[]>(contractRows.map((k) => [k.id, []]));
  if (contractRows.length === 0) return out;
  const byId = new Map(contractRows.map((k) => [k.id, k]));
  const res = await ctx.db.execute(sql`SELECT ${qualified(contractStations.contractId)} AS contract_id, ${qualified(contractStations.stationId)} AS station_id,
      ${stationNameSql(qualified(contractStations.stationId))} AS name,
      ${ownQualifiedOnPostSql(today)} AS n
    ${stationsOfContracts(contractRows)}
    ORDER BY ${qualified(contractStations.stationPath)}`);
  const rows = (res as unknown as { rows: { contract_id: string; station_id: string; name: string | null; n: number }[] }).rows;
  // Each contract's deadline once, not per station (date arithmetic is most of a big page's work).
  const deadlines = new Map(contractRows.map((k) => [k.id, k.signedOn ? onPostDeadline(k.signedOn) : null]));
  for (const r of rows) {
    const contract = byId.get(r.contract_id);
    if (!contract) continue;
    out.get(contract.id)?.push(stateOf(contract, deadlines.get(contract.id) ?? null, r.station_id, r.name ?? '', Number(r.n), today));
  }
  return out;
}

/** At most this many station names in a finding that groups stations (the rest: 等). */
const NAMES_SHOWN = 3;

/**
 * A list page's view of its contracts' stations in one statement: how many each has and, for a
 * contract in force since its signing, those short of workers (contractStationStates' count, grouped
 * in the database). A row costs a count, not its stations carried to JavaScript and back as JSON;
 * only the short stations named in the finding have their names read. (OFFSET 0 keeps the subquery whole:
 * flattened, each aggregate would count a station's workers again.)
 */
export async function contractStationCounts(
  ctx: Ctx,
  contractRows: ContractSummaryRow[],
  today: string,
): Promise<Map<string, { stationCount: number; short: ShortStations }>> {
  const out = new Map<string, { stationCount: number; short: ShortStations }>();
  if (contractRows.length === 0) return out;
  const inForce = sql.join(CONTRACT_IN_FORCE.map((s) => sql`${s}`), sql`, `);
  const short = sql`n < ${MIN_QUALIFIED_WORKERS}`;
  const res = await ctx.db.execute(sql`SELECT contract_id, stations, short, first_n,
      ARRAY(SELECT ${stationNameSql(sql`u.id`)} FROM unnest(first_ids) WITH ORDINALITY AS u(id, i) ORDER BY u.i) AS names
    FROM (SELECT contract_id, count(*)::int AS stations, count(*) FILTER (WHERE ${short})::int AS short,
        (array_agg(station_id ORDER BY station_path) FILTER (WHERE ${short}))[1:${sql.raw(String(NAMES_SHOWN))}] AS first_ids,
        min(n) FILTER (WHERE ${short})::int AS first_n
      FROM (SELECT ${qualified(contractStations.contractId)} AS contract_id, ${qualified(contractStations.stationId)} AS station_id,
          ${qualified(contractStations.stationPath)} AS station_path,
          CASE WHEN ${qualified(contracts.signedOn)} IS NOT NULL AND ${qualified(contracts.status)} IN (${inForce}) THEN ${ownQualifiedOnPostSql(today, MIN_QUALIFIED_WORKERS)} END AS n
        ${stationsOfContracts(contractRows)} OFFSET 0) AS s
      GROUP BY contract_id) AS g`);
  const rows = (res as unknown as { rows: { contract_id: string; stations: number; short: number; names: string[] | null; first_n: number | null }[] }).rows;
  for (const r of rows)
    out.set(r.contract_id, { stationCount: r.stations, short: { count: r.short, names: r.names ?? [], firstQualified: r.first_n ?? 0 } });
  return out;
}

function stateOf(contract: ContractSummaryRow, deadline: string | null, id: string, name: string, qualifiedOnPost: number, today: string): ContractStationState {
  let onPostState: OnPostState = 'not_signed';
  if (deadline && CONTRACT_IN_FORCE.includes(contract.status))
    onPostState = qualifiedOnPost >= MIN_QUALIFIED_WORKERS ? 'ok' : today <= deadline ? 'due' : 'overdue';
  return { id, name, qualifiedOnPost, onPostState };
}

/**
 * The stations of one contract short of the contractor's qualified workers, as a list row sees them:
 * how many, the first names in path order, and (for a single one) its count on post.
 */
export interface ShortStations {
  count: number;
  names: string[];
  firstQualified: number;
}

/**
 * R-ONPOST-1M for a contract in force since its signing: a finding per short station (a contract's
 * page), or one naming them together (a list row, more than one short), so that a row of a page of
 * contracts stays a line, not a station-by-station account. Every short station of a contract
 * shares its deadline, so they are all due or all overdue.
 */
function onPostFindings(contract: ContractSummaryRow, today: string, short: ContractStationState[] | ShortStations): ContractFinding[] {
  if (!contract.signedOn || !CONTRACT_IN_FORCE.includes(contract.status)) return [];
  const deadline = onPostDeadline(contract.signedOn);
  const overdue = today > deadline;
  const signed = `合同于${contract.signedOn}签订，应于${deadline}前安排培训合格的社工到岗`;
  const finding = ([message, clearBy]: [string, string]): ContractFinding =>
    ({ rule: RULES['R-ONPOST-1M'], severity: overdue ? 'finding' : 'warning', message, clearBy });
  const one = (name: string, n: number): [string, string] => overdue
    ? [`${name}：${signed}，目前承接机构在岗具备专业素质的社工${n}名，不足${MIN_QUALIFIED_WORKERS}名`,
      `承接机构为该站再安排${MIN_QUALIFIED_WORKERS - n}名具备专业素质的社工上岗`]
    : [`${name}：应于${deadline}前安排社工到岗，目前承接机构在岗具备专业素质的社工${n}名`, `${deadline}前安排社工上岗`];
  if (Array.isArray(short)) return short.map((s) => finding(one(s.name, s.qualifiedOnPost)));
  if (short.count === 0) return [];
  if (short.count === 1) return [finding(one(short.names[0] ?? '', short.firstQualified))];
  const names = `${short.names.slice(0, NAMES_SHOWN).join('、')}${short.count > NAMES_SHOWN ? '等' : ''}`;
  const many = `${short.count}个社工站（${names}）：`;
  return [finding(overdue
    ? [`${many}${signed}，目前承接机构在岗具备专业素质的社工均不足${MIN_QUALIFIED_WORKERS}名`,
      '承接机构为这些站安排具备专业素质的社工上岗（各站缺几名见合同详情）']
    : [`${many}应于${deadline}前安排社工到岗，目前承接机构在岗具备专业素质的社工均不足${MIN_QUALIFIED_WORKERS}名`, `${deadline}前安排社工上岗`])];
}

/**
 * What the purchaser must act on for one contract, each naming its rule and clause: given the
 * contract's stations (its page: each short station named), or a list row's short stations
 * (grouped in one finding).
 */
export function contractFindings(contract: ContractSummaryRow, stations: ContractStationState[] | ShortStations, today: string): ContractFinding[] {
  const short = Array.isArray(stations) ? stations.filter((s) => s.onPostState === 'due' || s.onPostState === 'overdue') : stations;
  const out: ContractFinding[] = onPostFindings(contract, today, short);
  if (contract.endingYear !== null && CONTRACT_IN_FORCE.includes(contract.status)) {
    const due = today.slice(0, 4) >= String(contract.endingYear);
    out.push({
      rule: RULES['R-CONTRACT-FAIL'],
      severity: due ? 'finding' : 'warning',
      message: `${contract.endingReason}，合同应于${contract.endingYear}年终止${due ? '，尚未终止' : ''}`,
      clearBy: '登记合同终止（并按合同约定追究责任）',
    });
  }
  if (contract.endsOn && contract.endsOn < today && CONTRACT_IN_FORCE.includes(contract.status))
    out.push({
      rule: RULES['R-CONTRACT-TERM'],
      severity: 'warning',
      message: `合同期限已于${contract.endsOn}届满，状态仍为履行中`,
      clearBy: '登记合同到期，或续签新合同',
    });
  return out;
}

/**
 * "Has findings" in SQL, the same test as contractFindings(…).length > 0, so the 有问题 filter pages
 * in the database: a contract in force that is past its term, marked to end (R-CONTRACT-FAIL), or
 * signed with a station where fewer than MIN_QUALIFIED_WORKERS of the contractor's own qualified
 * workers are on post today (R-ONPOST-1M, due or overdue).
 */
export function contractHasFindingsSql(today: string): SQL {
  const inForce = sql.join(CONTRACT_IN_FORCE.map((s) => sql`${s}`), sql`, `);
  return sql`(${qualified(contracts.status)} IN (${inForce}) AND (${qualified(contracts.endingYear)} IS NOT NULL
    OR ${qualified(contracts.endsOn)} < ${today}::date
    OR (${qualified(contracts.signedOn)} IS NOT NULL AND ${contractShortStationSql(today)})))`;
}

/** Some station of the row `contracts` lacks MIN_QUALIFIED_WORKERS of the contractor's own qualified workers on post today. */
export function contractShortStationSql(today: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${contractStations} WHERE ${qualified(contractStations.contractId)} = ${qualified(contracts.id)}
    AND ${ownQualifiedOnPostSql(today, MIN_QUALIFIED_WORKERS)} < ${MIN_QUALIFIED_WORKERS})`;
}

/**
 * For the rows `contract_stations` and `contracts`: the contractor's own qualified workers on post at
 * that station today. Read from the station's kept staffing row (one index probe) while that row is
 * fresh (recomputed today, not marked stale by a posting or worker change); otherwise counted live
 * from postings and workers, where given `upTo` a test of "enough" stops at that many workers.
 */
function ownQualifiedOnPostSql(today: string, upTo?: number): SQL {
  const kept = sql`(SELECT CASE WHEN d.as_of = ${today}::date AND NOT d.stale AND d.own_qualified IS NOT NULL
      THEN coalesce((d.own_qualified ->> ${qualified(contracts.contractorOrgId)}::text)::int, 0) END
    FROM dashboard_station_staffing d WHERE d.station_id = ${qualified(contractStations.stationId)})`;
  const own = sql`FROM ${postings} JOIN ${socialWorkers} ON ${qualified(socialWorkers.id)} = ${qualified(postings.workerId)}
      WHERE ${qualified(postings.stationId)} = ${qualified(contractStations.stationId)} AND ${qualified(postings.endDate)} IS NULL
        AND ${qualified(postings.startDate)} <= ${today}::date AND ${qualified(postings.orgId)} = ${qualified(contracts.contractorOrgId)}
        AND ${countsAsQualifiedSql(today)}`;
  const live = upTo === undefined ? sql`(SELECT count(*) ${own})` : sql`(SELECT count(*) FROM (SELECT 1 ${own} LIMIT ${upTo}) AS enough)`;
  return sql`coalesce(${kept}, ${live})::int`;
}
