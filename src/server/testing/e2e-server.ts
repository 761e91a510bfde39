import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createFieldCipher } from '../platform/field-cipher';
import { buildApp } from '../app';
import { seedDemo } from '../db/demo-data';
import { createTestDatabase } from './test-database';

export const E2E_DEMO_PASSWORD = process.env.SGZ_DEMO_PASSWORD ?? 'Sgz@demo2026';

/**
 * The whole product for a browser journey: a fresh database (in-memory PGlite, or a new
 * PostgreSQL database with TEST_DATABASE_URL), reference and demo data, the built web app.
 */
export async function startE2eServer(): Promise<{ url: string; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const cipher = createFieldCipher(randomBytes(32));
  await seedDemo(database.db, E2E_DEMO_PASSWORD, cipher);
  const app = await buildApp({ database, cipher, webDir: e2eWebDir() });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The built web app the journeys run against; E2E_WEB_DIR lets parallel builds (vite build --outDir) not race on dist/web. */
export const e2eWebDir = (): string => path.resolve(process.env.E2E_WEB_DIR ?? 'dist/web');
