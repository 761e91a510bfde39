import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from './client';

/**
 * PostgreSQL only: reads started together on one client (Promise.all on a transaction's
 * ctx.db) run one after another without pg's "already executing" deprecation (an error in pg 9).
 */
const server = process.env.TEST_DATABASE_URL;
let database: Database;
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(w.message);

describe.skipIf(!server)('one query at a time per client (PostgreSQL)', () => {
  beforeAll(async () => {
    database = await openPostgres(server ?? '', 2);
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await database?.close();
  });

  it('runs a transaction’s overlapping reads in order, each with its own answer, and pg warns of nothing', async () => {
    type Row = { n: number; at: number };
    const answers = await database.db.transaction(async (tx) =>
      Promise.all([1, 2, 3, 4, 5].map(async (n) => {
        const res = await tx.execute(sql`SELECT ${n}::int AS n, extract(epoch FROM clock_timestamp())::float8 AS at, pg_sleep(0.01)`);
        return (res as unknown as { rows: Row[] }).rows[0];
      })),
    );
    expect(answers.map((r) => r?.n)).toEqual([1, 2, 3, 4, 5]);
    const at = answers.map((r) => Number(r?.at));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    expect(warnings.filter((w) => w.includes('already executing'))).toEqual([]);
  });

  it('a failed query leaves the next ones on the client running', async () => {
    const client = await database.pool?.connect();
    if (!client) throw new Error('no pool');
    try {
      const [bad, good] = await Promise.allSettled([client.query('SELECT 1/0'), client.query('SELECT 2 AS n')]);
      expect(bad.status).toBe('rejected');
      expect(good.status === 'fulfilled' ? good.value.rows : null).toEqual([{ n: 2 }]);
    } finally {
      client.release();
    }
  });
});
