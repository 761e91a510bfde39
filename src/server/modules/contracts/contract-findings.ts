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
  const ids = sql.join(contractRows.map((k) => sql`${k.id}::uuid`), sql`, `);
  const res = await ctx.db.execute(sql`SELECT ${qualified(contractStations.contractId)} AS contract_id, ${qualified(contractStations.stationId)} AS station_id,
      ${stationNameSql(qualified(contractStations.stationId))} AS name,
      ${ownQualifiedOnPostSql(today)} AS n
    FROM ${contractStations} JOIN ${contracts} ON ${qualified(contracts.id)} = ${qualified(contractStations.contractId)}
    WHERE ${qualified(contractStations.contractId)} IN (${ids})
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

function stateOf(contract: ContractSummaryRow, deadline: string | null, id: string, name: string, qualifiedOnPost: number, today: string): ContractStationState {
  let onPostState: OnPostState = 'not_signed';
  if (deadline && CONTRACT_IN_FORCE.includes(contract.status))
    onPostState = qualifiedOnPost >= MIN_QUALIFIED_WORKERS ? 'ok' : today <= deadline ? 'due' : 'overdue';
  return { id, name, qualifiedOnPost, onPostState };
}

/** At most this many station names in a finding that groups stations (the rest: 等). */
const NAMES_SHOWN = 3;
const namesOf = (list: ContractStationState[]) =>
  `${list.slice(0, NAMES_SHOWN).map((s) => s.name).join('、')}${list.length > NAMES_SHOWN ? '等' : ''}`;

/** R-ONPOST-1M for stations of one state: a finding per station, or (a list, more than one) one naming them together. */
function shortStations(
  list: ContractStationState[],
  severity: ContractFinding['severity'],
  perStation: boolean,
  text: { one: (s: ContractStationState) => [string, string]; many: (list: ContractStationState[]) => [string, string] },
): ContractFinding[] {
  const finding = ([message, clearBy]: [string, string]): ContractFinding => ({ rule: RULES['R-ONPOST-1M'], severity, message, clearBy });
  if (list.length === 0) return [];
  return perStation || list.length === 1 ? list.map((s) => finding(text.one(s))) : [finding(text.many(list))];
}

/**
 * What the purchaser must act on for one contract, each naming its rule and clause. A contract's
 * page (`perStation`) names every station short of workers; a list groups them in one finding per
 * severity, so that a row of a page of contracts stays a line, not a station-by-station account.
 */
export function contractFindings(contract: ContractSummaryRow, stations: ContractStationState[], today: string, perStation = true): ContractFinding[] {
  const out: ContractFinding[] = [];
  if (contract.signedOn) {
    const deadline = onPostDeadline(contract.signedOn);
    const signed = `合同于${contract.signedOn}签订，应于${deadline}前安排培训合格的社工到岗`;
    out.push(
      ...shortStations(stations.filter((x) => x.onPostState === 'overdue'), 'finding', perStation, {
        one: (s) => [`${s.name}：${signed}，目前承接机构在岗具备专业素质的社工${s.qualifiedOnPost}名，不足${MIN_QUALIFIED_WORKERS}名`,
          `承接机构为该站再安排${MIN_QUALIFIED_WORKERS - s.qualifiedOnPost}名具备专业素质的社工上岗`],
        many: (list) => [`${list.length}个社工站（${namesOf(list)}）：${signed}，目前承接机构在岗具备专业素质的社工均不足${MIN_QUALIFIED_WORKERS}名`,
          '承接机构为这些站安排具备专业素质的社工上岗（各站缺几名见合同详情）'],
      }),
      ...shortStations(stations.filter((x) => x.onPostState === 'due'), 'warning', perStation, {
        one: (s) => [`${s.name}：应于${deadline}前安排社工到岗，目前承接机构在岗具备专业素质的社工${s.qualifiedOnPost}名`, `${deadline}前安排社工上岗`],
        many: (list) => [`${list.length}个社工站（${namesOf(list)}）：应于${deadline}前安排社工到岗，目前承接机构在岗具备专业素质的社工均不足${MIN_QUALIFIED_WORKERS}名`,
          `${deadline}前安排社工上岗`],
      }),
    );
  }
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
