import { and, count, desc, eq, gte, ilike, inArray, lt, sql, type SQL } from 'drizzle-orm';
import dayjs from 'dayjs';
import { maskPersonName } from '../../../shared/audit-labels';
import type { Db } from '../../db/client';
import {
  annualPlans, applications, auditLog, clients, contracts, evaluations, groups, organizations, partners, procurements, regions, reports,
  socialWorkers, users,
} from '../../db/schema';
import { likeContains } from '../../platform/scope';
import { CHINA_TZ } from '../../../shared/rules/china-date';
import { stationNames } from '../stations/stations.repo';
import { cappedCount } from '../../platform/capped-count';

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The instant a China calendar day starts. */
const chinaDayStart = (day: string) => dayjs.tz(day, CHINA_TZ).toDate();

function filterCondition(f: AuditFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.actor) where.push(ilike(auditLog.actorName, likeContains(f.actor)));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.objectType) where.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) where.push(eq(auditLog.objectId, f.objectId));
  if (f.from) where.push(gte(auditLog.at, chinaDayStart(f.from)));
  if (f.to) where.push(lt(auditLog.at, dayjs(chinaDayStart(f.to)).add(1, 'day').toDate()));
  return where.length ? and(...where) : undefined;
}

export type AuditRow = typeof auditLog.$inferSelect;

// The audit log is read only by the audit administrator (audit:read), city-wide by design.
// The log grows with every write and every sensitive read: its count is capped like the big lists'.
export async function listAudit(db: Db, f: AuditFilter & { page: number; pageSize: number }) {
  const cond = filterCondition(f);
  const [counted, rows] = await Promise.all([
    cappedCount(db, (limit) => db.select({ one: sql`1` }).from(auditLog).where(cond).limit(limit), f),
    db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
  ]);
  return { rows, ...counted };
}

/** The newest `limit` matching rows and how many match in all. */
export async function auditForExport(db: Db, f: AuditFilter, limit: number) {
  const cond = filterCondition(f);
  const [n] = await db.select({ n: count() }).from(auditLog).where(cond);
  const rows = await db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(limit);
  return { rows, total: n?.n ?? 0 };
}

/**
 * Distinct values of an indexed column by a loose index scan (a recursive CTE that jumps from
 * one value to the next through the btree): a few dozen index probes however long the log is,
 * where `SELECT DISTINCT` would read every row.
 */
async function distinctValues(db: Db, column: 'action' | 'object_type'): Promise<string[]> {
  const col = sql.identifier(column);
  const res = (await db.execute(sql`
    WITH RECURSIVE kinds(v) AS (
      (SELECT ${col} FROM audit_log ORDER BY ${col} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${col} FROM audit_log WHERE ${col} > kinds.v ORDER BY ${col} LIMIT 1) FROM kinds WHERE kinds.v IS NOT NULL
    )
    SELECT v FROM kinds WHERE v IS NOT NULL`)) as unknown as { rows: { v: string }[] };
  return res.rows.map((r) => r.v);
}

export async function auditKinds(db: Db) {
  return { actions: await distinctValues(db, 'action'), objectTypes: await distinctValues(db, 'object_type') };
}

/**
 * Names of the objects a page of audit rows refers to: one query per kind of object for the
 * whole page, never per row. Clients by masked name only; no encrypted field is read.
 */
export async function objectNames(db: Db, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.size === 0) return names;
  const list = [...ids];
  const put = (rows: { id: string; name: string }[]) => rows.forEach((r) => names.set(r.id, r.name));
  const county = regions;
  for (const [id, name] of await stationNames(db, list)) names.set(id, name);
  put((await db.select({ id: clients.id, name: clients.name }).from(clients).where(inArray(clients.id, list)))
    .map((r) => ({ id: r.id, name: maskPersonName(r.name) })));
  put(await db.select({ id: reports.id, name: reports.title }).from(reports).where(inArray(reports.id, list)));
  put(await db
    .select({ id: contracts.id, name: sql<string>`CASE WHEN ${contracts.number} = '' THEN ${contracts.title} ELSE ${contracts.number} || ' ' || ${contracts.title} END` })
    .from(contracts).where(inArray(contracts.id, list)));
  put(await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, list)));
  put(await db.select({ id: users.id, name: sql<string>`${users.displayName} || '（' || ${users.username} || '）'` }).from(users).where(inArray(users.id, list)));
  put(await db.select({ id: socialWorkers.id, name: socialWorkers.name }).from(socialWorkers).where(inArray(socialWorkers.id, list)));
  put(await db.select({ id: procurements.id, name: procurements.title }).from(procurements).where(inArray(procurements.id, list)));
  put(await db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, list)));
  put(await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, list)));
  put(await db
    .select({ id: annualPlans.id, name: sql<string>`${county.shortName} || ${annualPlans.year} || '年度计划'` })
    .from(annualPlans).innerJoin(county, eq(county.code, annualPlans.countyCode)).where(inArray(annualPlans.id, list)));
  put(await db
    .select({ id: evaluations.id, name: sql<string>`${contracts.title} || ' ' || ${evaluations.year} || '年度评估'` })
    .from(evaluations).innerJoin(contracts, eq(contracts.id, evaluations.contractId)).where(inArray(evaluations.id, list)));
  put(await db.select({ id: applications.id, name: sql<string>`${applications.department} || '：' || ${applications.title}` }).from(applications).where(inArray(applications.id, list)));
  return names;
}
