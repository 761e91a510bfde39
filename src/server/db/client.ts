import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database handle or an open transaction: repo functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: DriverName;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
  /**
   * PostgreSQL with DATABASE_READ_URL: reads on the replica, writes and transactions on the
   * primary (readRouted). Safe GET requests use it; everything else uses `db`.
   */
  readDb?: Db;
  readPool?: pg.Pool;
}

export async function openPglite(dataDir: string | null): Promise<Database> {
  // pg_trgm backs the name searches' trigram indexes (migration 0015 creates the extension).
  // btree_gist backs the room bookings' exclusion constraint (migration 0033).
  const options = { extensions: { pg_trgm, btree_gist } };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, driver: 'pglite', pglite: client, close: () => client.close() };
}

export interface PoolOptions {
  /** Shown in pg_stat_activity: tells the read pool's connections from the primary's. */
  applicationName?: string;
  /** Every transaction read-only, as on a hot standby: a write routed here fails loudly. */
  readOnly?: boolean;
}

export async function openPostgres(url: string, max = 10, options: PoolOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
    // JIT compiles a plan whose estimated cost passes 100,000: for this application's short
    // queries a misestimate (an anti-join in a scope predicate) then costs 15–50 ms of compiling.
    options: ['-c jit=off', ...(options.readOnly ? ['-c default_transaction_read_only=on'] : [])].join(' '),
  });
  // An idle connection the server ends (restart, failover, DROP … FORCE) is an 'error' on the
  // pool; unhandled it would crash the process. The pool drops that client and the next query
  // opens a new one, so nothing more is needed here.
  pool.on('error', () => undefined);
  pool.on('connect', oneQueryAtATime);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { db, driver: 'postgres', pool, close: () => pool.end() };
}

/**
 * A client runs its promise queries one after another. Inside a transaction every repo call
 * shares one client, and reads started together (Promise.all on a transaction's ctx.db) would
 * be queued by pg itself, which pg 8 deprecates and pg 9 refuses. Chaining them here keeps such
 * code correct wherever it is, at no cost: the client could only run one at a time anyway.
 * Callback and submittable queries (pg-pool's own pool.query, cursors) pass straight through.
 */
export function oneQueryAtATime(client: pg.ClientBase): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  client.query = ((...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | null | undefined;
    if (typeof args[args.length - 1] === 'function' || typeof first?.submit === 'function') return query(...args);
    const run = tail.then(() => query(...args));
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }) as typeof client.query;
}

/** Query builders that only read; raw `execute` too (a write through it belongs in a transaction). */
const REPLICA_METHODS: ReadonlySet<PropertyKey> = new Set(['select', 'selectDistinct', 'selectDistinctOn', 'query', '$count', 'execute']);

/**
 * A handle whose reads go to the replica and whose writes (insert, update, delete) and
 * transactions go to the primary: a GET that also writes (an access log row, an export's audit
 * entry) stays correct, and everything inside `inTransaction` reads the primary.
 */
export function readRouted(primary: Db, replica: Db): Db {
  return new Proxy(primary, {
    get(_target, prop) {
      const source = REPLICA_METHODS.has(prop) ? replica : primary;
      const value: unknown = Reflect.get(source, prop, source);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(source) : value;
    },
  });
}
