import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

/**
 * PostgreSQL only (two sessions at once): a posting write marks staffing rows stale in station
 * order, the order a refresh locks them in (lockStaleStaffing), so the two wait for each other
 * instead of deadlocking. Before migration 0063 the write locked its own station first, then its
 * worker's other stations: with a refresh holding a lower station that was a deadlock.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('staffing rows locked in one order by writes and refreshes (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('a posting recorded at a higher station, for a worker on post at a lower one the refresh holds, waits without holding the higher one', async () => {
    const pool = t.database.pool;
    if (!pool) throw new Error('no pool');
    const { rows: [on] } = await pool.query<{ worker: string; station: string }>(`SELECT p.worker_id AS worker, p.station_id AS station FROM postings p
      WHERE p.end_date IS NULL ORDER BY p.station_id LIMIT 1`);
    if (!on) throw new Error('no posting');
    const { rows: [higher] } = await pool.query<{ id: string; path: string }>(`SELECT id, scope_path AS path FROM stations
      WHERE id > $1 AND status <> 'revoked' ORDER BY id DESC LIMIT 1`, [on.station]);
    if (!higher) throw new Error('no higher station');
    // Both rows fresh, as a refresh leaves them: the write is what marks them.
    await pool.query('UPDATE dashboard_station_staffing SET stale = false WHERE station_id = ANY($1::uuid[])', [[on.station, higher.id]]);
    const refresh = await pool.connect();
    const writer = await pool.connect();
    try {
      await refresh.query('BEGIN');
      await refresh.query('SELECT station_id FROM dashboard_station_staffing WHERE station_id = $1 FOR UPDATE', [on.station]);
      const { rows: [pid] } = await writer.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await writer.query('BEGIN');
      // An earlier posting of the worker, recorded afterwards at the higher station: it marks that station and the worker's.
      const write = writer.query(`INSERT INTO postings (worker_id, station_id, scope_path, source, start_date, end_date, end_reason)
        VALUES ($1, $2, $3, 'purchased', '2019-03-01', '2019-12-31', '历史任职补录')`, [on.worker, higher.id, higher.path]);
      let waiting = false;
      for (let i = 0; i < 200 && !waiting; i++) {
        const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pid?.pid]);
        waiting = rows[0]?.n === 1;
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(waiting).toBe(true);
      // The refresh takes the higher station next: free, the write holds nothing it needs.
      await refresh.query('SELECT station_id FROM dashboard_station_staffing WHERE station_id = $1 FOR UPDATE NOWAIT', [higher.id]);
      await refresh.query('COMMIT');
      await write;
      await writer.query('COMMIT');
      const { rows: marked } = await pool.query<{ stale: boolean }>('SELECT stale FROM dashboard_station_staffing WHERE station_id = ANY($1::uuid[]) ORDER BY station_id', [[on.station, higher.id]]);
      expect(marked.map((r) => r.stale)).toEqual([true, true]);
    } finally {
      await refresh.query('ROLLBACK').catch(() => undefined);
      await writer.query('ROLLBACK').catch(() => undefined);
      refresh.release();
      writer.release();
    }
  });
});
