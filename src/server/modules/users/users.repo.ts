import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Scope } from '../../../shared/contracts/auth';
import type { Role } from '../../../shared/permissions';
import { SCOPE_KIND_LABELS } from '../../../shared/permissions';
import { standardStationName } from '../../../shared/rules/station-name';
import type { Db } from '../../db/client';
import { organizations, regions, stations, users } from '../../db/schema';
import { likeContains } from '../../platform/scope';

export type UserRow = typeof users.$inferSelect;

/** Display names of the given users (who recorded, decided, wrote …), one query for a page. */
export async function userDisplayNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// Users are platform data, not business data: only the system administrator lists them
// (user:read), and they carry no scope_path of their own to filter by.

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

const town = alias(regions, 'town');
const county = alias(regions, 'county');
const scopeRegion = alias(regions, 'scope_region');

/** Scope labels for many users in one query (region, station or organisation names). */
export async function scopeLabels(db: Db, rows: UserRow[]): Promise<Map<string, Scope>> {
  const out = new Map<string, Scope>();
  if (rows.length === 0) return out;
  const ids = rows.map((r) => r.id);
  const labelled = await db
    .select({
      id: users.id,
      regionCode: scopeRegion.code,
      regionName: scopeRegion.shortName,
      orgName: organizations.name,
      townCode: town.code,
      townName: town.name,
      countyShort: county.shortName,
    })
    .from(users)
    .leftJoin(scopeRegion, eq(scopeRegion.path, users.scopePath))
    .leftJoin(organizations, eq(organizations.id, users.orgId))
    .leftJoin(stations, eq(stations.id, users.stationId))
    .leftJoin(town, eq(town.code, stations.townCode))
    .leftJoin(county, eq(county.code, town.parentCode))
    .where(inArray(users.id, ids));
  const byId = new Map(labelled.map((l) => [l.id, l]));
  for (const r of rows) {
    const l = byId.get(r.id);
    let label: string = SCOPE_KIND_LABELS[r.scopeKind];
    let regionCode: string | null = null;
    if (r.scopeKind === 'station' && l?.townName && l.countyShort) {
      label = standardStationName(l.countyShort, l.townName);
      regionCode = l.townCode;
    } else if (r.scopeKind === 'org') label = l?.orgName ?? label;
    else if (l?.regionName) {
      label = l.regionName;
      regionCode = l.regionCode;
    }
    out.set(r.id, { kind: r.scopeKind, regionCode, label, orgId: r.orgId, stationId: r.stationId });
  }
  return out;
}

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
  page: number;
  pageSize: number;
}

export async function listUsers(db: Db, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  const where: SQL[] = [];
  if (f.q) {
    const term = likeContains(f.q);
    const match = or(ilike(users.username, term), ilike(users.displayName, term));
    if (match) where.push(match);
  }
  if (f.role) where.push(sql`${users.roles} @> ARRAY[${f.role}]::text[]`);
  if (f.status) where.push(eq(users.status, f.status));
  const cond = where.length ? and(...where) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(users).where(cond);
  const rows = await db
    .select()
    .from(users)
    .where(cond)
    .orderBy(desc(users.createdAt), users.username)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { rows, total: totalRow?.n ?? 0 };
}
