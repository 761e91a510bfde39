import { type SQL, eq, like, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../shared/rules/china-date';
import { qualified } from '../db/sql';
import type { Ctx } from './context';
import { stationsServedBy } from './station-operator';

interface ScopedColumns {
  /** Materialised region path of the row ("/371000/371002/371002002/"). */
  scopePath: AnyPgColumn;
  /** The organisation that owns or runs the row, for organisation-scoped actors. */
  orgId?: AnyPgColumn;
}

/**
 * The data-scope predicate every repo query adds. One indexed prefix match on the region
 * path (or an equality on the organisation), the same on PGlite and PostgreSQL.
 */
export function scopeFilter(ctx: Ctx, cols: ScopedColumns): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope) return sql`false`;
  if (scope.kind === 'org') return scope.orgId && cols.orgId ? eq(cols.orgId, scope.orgId) : sql`false`;
  if (scope.kind === 'none' || !scope.path) return sql`false`;
  return like(cols.scopePath, `${scope.path}%`);
}

/**
 * The scope of a station and its own records (clients, cases, service records …): region scopes
 * by path; an organisation by the stations it serves today under a contract in force, so its
 * access ends with its contract while the records stay with the purchaser. `day` asks about
 * another day (a past year's findings: the stations it served at the year's end).
 */
export function stationRecordScope(ctx: Ctx, cols: { scopePath: AnyPgColumn; stationId: AnyPgColumn }, day: string = chinaToday()): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  if (scope.kind === 'org')
    return scope.orgId ? sql`${qualified(cols.stationId)} IN ${stationsServedBy(scope.orgId, day)}` : sql`false`;
  return scope.path ? like(cols.scopePath, `${scope.path}%`) : sql`false`;
}

/**
 * Reading what an organisation made itself: besides the stations it serves today, the rows its
 * own people wrote (for its final report and evaluation after the contract ends). Writes keep
 * to stationRecordScope.
 */
export function ownRecordReadScope(ctx: Ctx, cols: { scopePath: AnyPgColumn; stationId: AnyPgColumn; madeByOrg: AnyPgColumn }): SQL {
  const scope = ctx.actor?.scope;
  if (!ctx.system && scope?.kind === 'org' && scope.orgId)
    return sql`(${stationRecordScope(ctx, cols)} OR ${qualified(cols.madeByOrg)} = ${scope.orgId})`;
  return stationRecordScope(ctx, cols);
}

/** True when a region path lies within the actor's region scope (org scopes own no regions). */
export function pathInScope(ctx: Ctx, path: string): boolean {
  if (ctx.system) return true;
  const scope = ctx.actor?.scope;
  if (!scope?.path || scope.kind === 'org' || scope.kind === 'none') return false;
  return path.startsWith(scope.path);
}

/** Escapes LIKE wildcards in user input so a keyword matches literally. */
export function likeContains(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Rows that belong to a county unit as a whole (annual plans, procurement, contracts): visible
 * to actors at or above the unit, and to the towns within it (the landing parties, R-BUY-ROLES).
 */
export function regionOrAncestorScope(ctx: Ctx, scopePath: AnyPgColumn): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope?.path || scope.kind === 'org' || scope.kind === 'none') return sql`false`;
  return sql`(${qualified(scopePath)} LIKE ${`${scope.path}%`} OR ${scope.path} LIKE ${qualified(scopePath)} || '%')`;
}
