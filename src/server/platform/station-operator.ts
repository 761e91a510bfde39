import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { qualified } from '../db/sql';

/**
 * "Who serves this station on day D" — the one answer every module uses (scope, station pages,
 * compliance, R-NO-SUBCONTRACT, reports): the contractor of the contract in force that day,
 * i.e. signed (or performing), not ended, and D within its term. Nothing is stored on the
 * station, so signing a future contract or a late past one never moves today's access.
 *
 * The subqueries alias their tables (op_k, op_cs) so they never bind to an outer query's
 * contracts or contract_stations.
 */
export const IN_FORCE_STATUSES = ['signed', 'performing'] as const;
const IN_FORCE = sql.raw(`op_k.status IN ('${IN_FORCE_STATUSES.join("', '")}')`);

/** The ids of the stations an organisation serves on the day (a subquery for `IN (…)`). */
export function stationsServedBy(orgId: string, day: string): SQL {
  return stationsServedByOrg(sql`${orgId}::uuid`, day);
}

/** The same, for an organisation given as SQL (a parameter or an outer query's column). */
export function stationsServedByOrg(orgId: SQL, day: string): SQL {
  return sql`(SELECT op_cs.station_id FROM contract_stations op_cs JOIN contracts op_k ON op_k.id = op_cs.contract_id
    WHERE op_k.contractor_org_id = ${orgId} AND ${IN_FORCE} AND op_k.starts_on <= ${day}::date AND op_k.ends_on >= ${day}::date)`;
}

/** The organisation serving the station on the day, or NULL (a scalar subquery). */
export function operatorOf(stationId: AnyPgColumn, day: string): SQL<string | null> {
  return ofContractInForce('contractor_org_id', stationId, day);
}

/** The contract in force at the station on the day (the latest start wins), or NULL (a scalar subquery). */
export function contractInForceOn(stationId: AnyPgColumn, day: string): SQL<string | null> {
  return ofContractInForce('id', stationId, day);
}

/** One column of the contract in force at the station on the day: one query, so operator and contract never pick different contracts. */
function ofContractInForce(column: 'id' | 'contractor_org_id', stationId: AnyPgColumn, day: string): SQL<string | null> {
  return sql<string | null>`(SELECT ${sql.raw(`op_k.${column}`)} FROM contract_stations op_cs JOIN contracts op_k ON op_k.id = op_cs.contract_id
    WHERE op_cs.station_id = ${qualified(stationId)} AND ${IN_FORCE} AND op_k.starts_on <= ${day}::date AND op_k.ends_on >= ${day}::date
    ORDER BY op_k.starts_on DESC LIMIT 1)`;
}

/** How many stations an organisation (a column of the outer query) serves on the day. */
export function stationCountServedBy(orgId: AnyPgColumn, day: string): SQL<number> {
  return sql<number>`(SELECT count(DISTINCT op_cs.station_id)::int FROM contract_stations op_cs JOIN contracts op_k ON op_k.id = op_cs.contract_id
    WHERE op_k.contractor_org_id = ${qualified(orgId)} AND ${IN_FORCE} AND op_k.starts_on <= ${day}::date AND op_k.ends_on >= ${day}::date)`;
}

/**
 * True when the organisation served the station on some day of the year (both given as SQL: a
 * parameter or an outer query's column): a contract in force whose term meets the year. An
 * archive of a year belongs to those who served it, not to whoever serves the station now.
 */
export function servedDuringYear(orgId: string, stationId: SQL, year: SQL): SQL<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM ${stationsOfOrgContracts(orgId)} AND op_cs.station_id = ${stationId}
      AND op_k.starts_on <= make_date((${year})::int, 12, 31) AND op_k.ends_on >= make_date((${year})::int, 1, 1))`;
}

/**
 * The ids of every station the organisation served under some contract in force, any year (a
 * subquery): the superset servedDuringYear narrows, for an index to start from.
 */
export function stationsEverServedBy(orgId: string): SQL {
  return sql`(SELECT op_cs.station_id FROM ${stationsOfOrgContracts(orgId)})`;
}

/** FROM … WHERE of the stations of the organisation's contracts in force: one join for both above. */
function stationsOfOrgContracts(orgId: string): SQL {
  return sql`contract_stations op_cs JOIN contracts op_k ON op_k.id = op_cs.contract_id
    WHERE op_k.contractor_org_id = ${orgId}::uuid AND ${IN_FORCE}`;
}
