import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { AuditAction } from '../../shared/contracts/audit';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import type { Ctx } from './context';

export interface AuditInput {
  action: AuditAction;
  objectType: string;
  objectId: string;
  result?: 'ok' | 'fail';
  before?: unknown;
  after?: unknown;
  detail?: string;
  /** For events without a logged-in actor (a failed login names the username tried). */
  actorName?: string;
  actorId?: string | null;
}

/** Serialises all audit writers, across processes, so the hash chain has one order. */
const AUDIT_CHAIN_LOCK = 7_400_002;
const GENESIS = '0'.repeat(64);

/** JSON with sorted keys: the database's jsonb does not keep key order, the hash must not care. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** Plain JSON (dates as ISO strings), as jsonb will give it back. */
const plain = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

type ChainFields = Omit<typeof auditLog.$inferSelect, 'id' | 'hash'>;

function rowHash(r: ChainFields): string {
  return createHash('sha256')
    .update(
      canonical([
        r.prevHash, r.at.toISOString(), r.actorId, r.actorName, r.ip, r.action,
        r.objectType, r.objectId, r.result, r.before, r.after, r.detail,
      ]),
    )
    .digest('hex');
}

/**
 * Appends one audit row. Call it with the transaction of the write it records, so both
 * commit or neither does.
 */
export async function writeAudit(ctx: Ctx, entry: AuditInput): Promise<void> {
  const db = ctx.db;
  await db.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const fields: ChainFields = {
    prevHash: last?.hash ?? GENESIS,
    at: new Date(),
    actorId: entry.actorId !== undefined ? entry.actorId : (ctx.actor?.id ?? null),
    actorName: entry.actorName ?? ctx.actor?.username ?? (ctx.system ? 'system' : 'anonymous'),
    ip: ctx.ip,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    result: entry.result ?? 'ok',
    before: plain(entry.before),
    after: plain(entry.after),
    detail: entry.detail ?? '',
  };
  await db.insert(auditLog).values({ ...fields, hash: rowHash(fields) });
}

/** Audit rows that must be kept even when the request fails (failed logins, lockouts). */
export async function writeAuditAlone(ctx: Ctx, entry: AuditInput): Promise<void> {
  await ctx.db.transaction((tx) => writeAudit({ ...ctx, db: tx as unknown as Db }, entry));
}

/** Recomputes the chain; the first row whose hash or link is wrong is reported. */
export async function verifyAuditChain(db: Db): Promise<{ ok: boolean; checked: number; brokenAtId: number | null }> {
  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(1000);
    if (rows.length === 0) return { ok: true, checked, brokenAtId: null };
    for (const r of rows) {
      if (r.prevHash !== prev || rowHash(r) !== r.hash) return { ok: false, checked, brokenAtId: r.id };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
}
