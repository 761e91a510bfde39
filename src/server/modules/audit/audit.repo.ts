import { and, count, desc, eq, gte, ilike, lt, type SQL } from 'drizzle-orm';
import dayjs from 'dayjs';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import { likeContains } from '../../platform/scope';
import { CHINA_TZ } from '../../../shared/rules/china-date';

export interface AuditFilter {
  page: number;
  pageSize: number;
  actor?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The instant a China calendar day starts. */
const chinaDayStart = (day: string) => dayjs.tz(day, CHINA_TZ).toDate();

// The audit log is read only by the audit administrator (audit:read), city-wide by design.
export async function listAudit(db: Db, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.actor) where.push(ilike(auditLog.actorName, likeContains(f.actor)));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.objectType) where.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) where.push(eq(auditLog.objectId, f.objectId));
  if (f.from) where.push(gte(auditLog.at, chinaDayStart(f.from)));
  if (f.to) where.push(lt(auditLog.at, dayjs(chinaDayStart(f.to)).add(1, 'day').toDate()));
  const cond = where.length ? and(...where) : undefined;
  const [n] = await db.select({ n: count() }).from(auditLog).where(cond);
  const rows = await db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { rows, total: n?.n ?? 0 };
}
