import type { FastifyBaseLogger } from 'fastify';
import type { Permission, Role, ScopeKind } from '../../shared/permissions';
import type { Db } from '../db/client';
import { flushAudit, type PendingAudit } from './audit';
import type { FieldCipher } from './field-cipher';

export interface ActorScope {
  kind: ScopeKind;
  /** Region path prefix the actor's rows must sit under (city, county, town, station). */
  path: string | null;
  orgId: string | null;
  stationId: string | null;
}

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  scope: ActorScope;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** What every service and repo function receives first. */
export interface Ctx {
  /**
   * The primary; in a GET with a read replica configured, a handle that reads the replica and
   * writes (and runs transactions) on the primary: read-your-writes needs `inTransaction`.
   */
  db: Db;
  actor: Actor | null;
  /** Scripts and platform code only: reads across all scopes. */
  system: boolean;
  ip: string;
  requestId: string;
  log: FastifyBaseLogger;
  /** Encrypts and decrypts sensitive fields (key from configuration). */
  cipher: FieldCipher;
  /** Inside `inTransaction`: audit entries waiting to be chained just before the commit. */
  auditQueue?: PendingAudit[] | undefined;
}

export function systemContext(db: Db, log: FastifyBaseLogger, cipher: FieldCipher): Ctx {
  return { db, actor: null, system: true, ip: '127.0.0.1', requestId: 'system', log, cipher };
}

/** The logged-in actor; platform guards guarantee it for non-public routes. */
export function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new Error('route needs an actor but has none');
  return ctx.actor;
}

/**
 * Runs fn in one transaction; ctx.db inside is the transaction, so audit rows commit with the
 * write. Its audit entries are chained last, just before the commit (see writeAudit).
 */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (db) => {
    const tx: Ctx = { ...ctx, db: db as unknown as Db, auditQueue: [] };
    const result = await fn(tx);
    await flushAudit(tx);
    return result;
  });
}
