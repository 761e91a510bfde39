import { type SQL, eq, like, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Ctx } from './context';

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
