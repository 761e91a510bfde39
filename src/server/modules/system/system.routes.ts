import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { health } from '../../../shared/contracts/system';
import type { Database } from '../../db/client';
import { registerRoute } from '../../platform/routes';

/** A database that does not answer within this long counts as down (a hung connection must not hang the probe). */
const PROBE_TIMEOUT_MS = 3000;

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks the primary (the write pool: what every write and session lookup needs) and, with
 * DATABASE_READ_URL, the replica, each with SELECT 1 on its own pool whatever the request's
 * routing. The primary down is a 503; the replica down only degrades.
 */
export function systemRoutes(app: FastifyInstance, database: Database): void {
  registerRoute(app, health, async (_ctx, _input, reply, request) => {
    const readPool = database.readPool;
    const [primary, replica] = await Promise.all([
      probe(() => database.db.execute(sql`SELECT 1`)),
      readPool ? probe(() => readPool.query('SELECT 1')) : Promise.resolve(null),
    ]);
    if (!primary.ok) request.log.error({ error: primary.error }, 'health: primary database down');
    if (replica && !replica.ok) request.log.warn({ error: replica.error }, 'health: read replica down');
    const replicaState = replica === null ? 'none' : replica.ok ? 'ok' : 'down';
    if (!primary.ok) void reply.code(503);
    return {
      status: !primary.ok ? 'down' : replica && !replica.ok ? 'degraded' : 'ok',
      driver: database.driver,
      database: { primary: primary.ok ? 'ok' : 'down', replica: replicaState },
      version: '0.1.0',
    } as const;
  });
}
