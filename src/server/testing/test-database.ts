import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/client';
import { openDatabase } from '../db/setup';

/**
 * A fresh database per test file: in-memory PGlite, or a new database on the PostgreSQL
 * server named by TEST_DATABASE_URL (dropped again on close).
 */
export async function createTestDatabase(options: { regionRoot?: string } = {}): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ dataDir: null, regionRoot: options.regionRoot });
  const name = `sgz_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), regionRoot: options.regionRoot });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        // An autovacuum worker busy in the database has no role, so PostgreSQL 15 refuses a
        // non-superuser's FORCE against it (42501); it finishes within moments: try again.
        for (let attempt = 1; ; attempt++) {
          try {
            await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '42501' || attempt >= 40) throw err;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      } finally {
        await dropper.end();
      }
    },
  };
}
