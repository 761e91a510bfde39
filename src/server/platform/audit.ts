import { createHash, createHmac, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { AuditAction, AuditCheckpoint, AuditCheckpointFile, AuditVerifyReport } from '../../shared/contracts/audit';
import type { Db } from '../db/client';
import { auditCheckpoints, auditLog } from '../db/schema';
import type { Ctx } from './context';
import type { FieldCipher } from './field-cipher';

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
/** A signed checkpoint at least this often (rows); the auditor's export adds one at once. */
export const CHECKPOINT_EVERY = 500;
const LEGACY_CHAIN = 1;
const KEYED_CHAIN = 2;
export const CHECKPOINT_FORMAT = 'sgz-audit-checkpoint/1';

/**
 * The keys come from the field-encryption key (SGZ_ENCRYPTION_KEY or data/pglite.key), never
 * from the database, under their own HKDF labels: whoever holds only the database can neither
 * recompute a row's MAC nor sign a checkpoint. Checkpoints are signed with Ed25519 rather than
 * the HMAC so an exported file carries a public key: anyone can check that a file is genuine
 * without being handed the secret that also keys the chain.
 */
interface AuditKeys {
  chainKey: Buffer;
  signingKey: KeyObject;
  publicKey: KeyObject;
  publicKeyText: string;
}
const keysOf = new WeakMap<FieldCipher, AuditKeys>();
// PKCS#8 header of a raw Ed25519 private key (RFC 8410): lets node import a derived seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function auditKeys(cipher: FieldCipher): AuditKeys {
  let keys = keysOf.get(cipher);
  if (!keys) {
    const signingKey = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, cipher.derive('sgz-audit-checkpoint')]), format: 'der', type: 'pkcs8',
    });
    const publicKey = createPublicKey(signingKey);
    keys = {
      chainKey: cipher.derive('sgz-audit-chain'), signingKey, publicKey,
      publicKeyText: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    };
    keysOf.set(cipher, keys);
  }
  return keys;
}

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

type ChainFields = Omit<typeof auditLog.$inferSelect, 'id' | 'hash' | 'chain'>;

const chainText = (r: ChainFields) =>
  canonical([
    r.prevHash, r.at.toISOString(), r.actorId, r.actorName, r.ip, r.action,
    r.objectType, r.objectId, r.result, r.before, r.after, r.detail,
  ]);

/** The scheme of rows written before migration 0010: anyone can recompute it. */
export const legacyHash = (r: ChainFields) => createHash('sha256').update(chainText(r)).digest('hex');
const keyedHash = (r: ChainFields, key: Buffer) => createHmac('sha256', key).update(chainText(r)).digest('hex');

interface CheckpointFields { at: string; rowCount: number; headId: number; headHash: string; firstKeyedId: number }
const checkpointText = (c: CheckpointFields) =>
  Buffer.from(canonical([CHECKPOINT_FORMAT, c.at, c.rowCount, c.headId, c.headHash, c.firstKeyedId]));

/** An entry as it will be chained: who, from where and what, resolved when it was written. */
export type PendingAudit = Omit<ChainFields, 'prevHash' | 'at'>;

/**
 * Records one audit entry with the transaction of the write it records, so both commit or
 * neither does. Inside `inTransaction` the entry waits in the transaction's queue and is chained
 * just before the commit (`flushAudit`): the chain lock, which every audited write in the
 * installation takes, is then held only for the appends and the commit, never for the rest of the
 * transaction's work; its time (`at`) is then the moment it is chained, at most the length of the
 * transaction after the act. Elsewhere it is chained at once.
 */
export async function writeAudit(ctx: Ctx, entry: AuditInput): Promise<void> {
  const pending: PendingAudit = {
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
  if (ctx.auditQueue) ctx.auditQueue.push(pending);
  else await appendToChain(ctx.db, ctx.cipher, [pending]);
}

/** Chains the entries queued in this transaction (inTransaction calls it before committing). */
export async function flushAudit(ctx: Ctx): Promise<void> {
  const queued = ctx.auditQueue?.splice(0) ?? [];
  if (queued.length > 0) await appendToChain(ctx.db, ctx.cipher, queued);
}

async function appendToChain(db: Db, cipher: FieldCipher, entries: PendingAudit[]): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const chainKey = auditKeys(cipher).chainKey;
  let prevHash = last?.hash ?? GENESIS;
  let headId = 0;
  const at = new Date();
  // One insert per entry: each row's id must follow the one it links to (a transaction queues a few).
  for (const e of entries) {
    const fields: ChainFields = { ...e, prevHash, at };
    prevHash = keyedHash(fields, chainKey);
    const [row] = await db.insert(auditLog).values({ ...fields, hash: prevHash, chain: KEYED_CHAIN }).returning({ id: auditLog.id });
    if (!row) throw new Error('audit row not stored');
    headId = row.id;
  }
  const [lastCheckpoint] = await db.select({ headId: auditCheckpoints.headId }).from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  if (headId - (lastCheckpoint?.headId ?? 0) >= CHECKPOINT_EVERY) await writeCheckpoint(db, cipher);
}

/** Audit rows that must be kept even when the request fails (failed logins, lockouts): chained at once, in their own transaction. */
export async function writeAuditAlone(ctx: Ctx, entry: AuditInput): Promise<void> {
  await ctx.db.transaction((tx) => writeAudit({ ...ctx, db: tx as unknown as Db, auditQueue: undefined }, entry));
}

/** Signs and stores a checkpoint of the log as it stands; call it under the chain lock (after appendToChain or flushAudit in the same transaction). */
export async function writeCheckpoint(db: Db, cipher: FieldCipher): Promise<AuditCheckpoint> {
  const [head] = await db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const [previous] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  // The previous checkpoint's count plus the rows since its head: a probe of the new rows by
  // primary key under the chain lock, not a count of the whole log (millions of rows at province
  // scale, every CHECKPOINT_EVERY writes, with every writer waiting). Rows missing before that
  // head are not counted away either: the new checkpoint still says how many there were.
  // Only a checkpoint this key signed is built on; a forged one is never carried forward.
  const from = previous && checkpointSignatureValid(cipher, toCheckpoint(previous)) ? previous : undefined;
  const [n] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(from ? gt(auditLog.id, from.headId) : undefined);
  const rowCount = (from?.rowCount ?? 0) + (n?.n ?? 0);
  let firstKeyedId = previous?.firstKeyedId ?? 0;
  if (!firstKeyedId) {
    const [first] = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.chain, KEYED_CHAIN)).orderBy(asc(auditLog.id)).limit(1);
    firstKeyedId = first?.id ?? 0;
  }
  const fields: CheckpointFields = {
    at: new Date().toISOString(), rowCount, headId: head?.id ?? 0, headHash: head?.hash ?? GENESIS, firstKeyedId,
  };
  const signature = sign(null, checkpointText(fields), auditKeys(cipher).signingKey).toString('base64');
  const [row] = await db.insert(auditCheckpoints).values({ ...fields, at: new Date(fields.at), signature }).returning();
  if (!row) throw new Error('checkpoint not stored');
  return toCheckpoint(row);
}

const toCheckpoint = (r: typeof auditCheckpoints.$inferSelect): AuditCheckpoint => ({
  id: r.id, at: r.at.toISOString(), rowCount: r.rowCount, headId: r.headId, headHash: r.headHash,
  firstKeyedId: r.firstKeyedId, signature: r.signature,
});

/** The file the audit administrator downloads and keeps outside the database. */
export async function checkpointFile(db: Db, cipher: FieldCipher): Promise<AuditCheckpointFile> {
  const rows = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.id));
  return { format: CHECKPOINT_FORMAT, publicKey: auditKeys(cipher).publicKeyText, checkpoints: rows.map(toCheckpoint) };
}

export function checkpointSignatureValid(cipher: FieldCipher, c: AuditCheckpoint): boolean {
  try {
    return verify(null, checkpointText(c), auditKeys(cipher).publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

type Problem = AuditVerifyReport['problems'][number];

/**
 * Recomputes the chain and holds it against checkpoints: the database's own, and those of
 * an exported file when one is given. The first row whose hash or link is wrong is reported;
 * a checkpoint whose head row is gone means rows were deleted from the end.
 */
export async function verifyAuditChain(db: Db, cipher: FieldCipher, external?: AuditCheckpointFile): Promise<AuditVerifyReport> {
  const { chainKey } = auditKeys(cipher);
  const problems: Problem[] = [];
  const stored = (await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.id))).map(toCheckpoint);
  const pinned: { c: AuditCheckpoint; source: 'database' | 'file' }[] = [];
  for (const [source, list] of [['database', stored], ['file', external?.checkpoints ?? []]] as const) {
    for (const c of list) {
      if (checkpointSignatureValid(cipher, c)) pinned.push({ c, source });
      else problems.push({ kind: 'bad_signature', checkpointId: c.id, source, message: `检查点 #${c.id} 的签名无效（被伪造或篡改）` });
    }
  }
  const byHead = new Map<number, typeof pinned>();
  for (const p of pinned) byHead.set(p.c.headId, [...(byHead.get(p.c.headId) ?? []), p]);

  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  let legacyRows = 0;
  let firstKeyedId = 0;
  let brokenAtId: number | null = null;
  const reached = new Set<AuditCheckpoint>();
  walk: for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(1000);
    if (rows.length === 0) break;
    for (const r of rows) {
      const keyed = r.chain === KEYED_CHAIN;
      if (keyed && !firstKeyedId) firstKeyedId = r.id;
      const expected = keyed ? keyedHash(r, chainKey) : r.chain === LEGACY_CHAIN && !firstKeyedId ? legacyHash(r) : null;
      if (r.prevHash !== prev || expected !== r.hash) {
        brokenAtId = r.id;
        problems.push({
          kind: 'broken_chain', checkpointId: null, source: 'database',
          message: expected === null ? `第 ${r.id} 条记录在密钥链开始后使用了无密钥哈希（被改写）` : `第 ${r.id} 条记录的哈希或链接不符（被改写或删除）`,
        });
        break walk;
      }
      if (!keyed) legacyRows++;
      checked++;
      for (const p of byHead.get(r.id) ?? []) {
        reached.add(p.c);
        if (p.c.headHash !== r.hash || p.c.rowCount !== checked)
          problems.push({ kind: 'checkpoint_mismatch', checkpointId: p.c.id, source: p.source, message: `检查点 #${p.c.id} 记载至第 ${p.c.headId} 条共 ${p.c.rowCount} 条，与现有日志不符` });
      }
      prev = r.hash;
      lastId = r.id;
    }
  }
  if (brokenAtId === null) {
    for (const { c, source } of pinned) {
      // A head row that is gone: rows were deleted from the end (and the log may have grown since).
      if (!reached.has(c) && c.headId > 0)
        problems.push({
          kind: 'truncated', checkpointId: c.id, source,
          message: `日志被截断：检查点 #${c.id}（${c.at}）记载至第 ${c.headId} 条共 ${c.rowCount} 条，该条记录已不存在（现有 ${checked} 条，至第 ${lastId} 条）`,
        });
      else if (c.firstKeyedId && c.firstKeyedId !== firstKeyedId)
        problems.push({ kind: 'checkpoint_mismatch', checkpointId: c.id, source, message: `检查点 #${c.id} 记载密钥链始于第 ${c.firstKeyedId} 条，现为第 ${firstKeyedId} 条（被改写为无密钥哈希）` });
    }
  }
  const latest = (list: AuditCheckpoint[]) => list.reduce<AuditCheckpoint | null>((a, c) => (!a || c.headId > a.headId ? c : a), null);
  return {
    ok: problems.length === 0, checked, brokenAtId, legacyRows, headId: lastId || null,
    lastCheckpoint: latest(stored), externalCheckpoint: external ? latest(external.checkpoints) : null,
    publicKey: auditKeys(cipher).publicKeyText, problems,
  };
}
