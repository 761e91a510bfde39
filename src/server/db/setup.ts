import { loadReferenceData } from '../modules/regions/reference-data';
import { loadCatalogue } from '../modules/service-catalogue/catalogue-data';
import type { FieldCipher } from '../platform/field-cipher';
import { type Database, openPglite, openPostgres, readRouted } from './client';
import { lockDataDir } from './data-dir-lock';
import { DEMO_ADMINS, seedDemo } from './demo-data';
import { randomDemoPassword } from './demo-passwords';
import { runMigrations } from './migrate';
import { seedDemoYear } from '../seed/demo-year';
import { seedApplicationsDemo } from '../seed/demo-applications';
import { seedResourcesDemo } from '../seed/demo-resources';
import { seedVolunteersDemo } from '../seed/demo-volunteers';
import { seedPublicityDemo } from '../seed/demo-publicity';
import { seedSystemsDemo } from '../seed/demo-systems';
import { seedVenuesDemo } from '../seed/demo-venues';
import { seedArchivesDemo } from '../seed/demo-year-archives';
import { seedStationPlansDemo } from '../seed/demo-year-station-plans';
import { grantAppRole, roleOfUrl } from '../ops/db-roles';

export interface DatabaseTarget {
  /** PostgreSQL server; absent means embedded PGlite. */
  url?: string | undefined;
  /** PGlite directory; null keeps the database in memory (tests). */
  dataDir?: string | null;
  /**
   * PostgreSQL as the role that owns the schema: migrations run through it, then the role of
   * `url` is granted what the application needs (ops/db-roles.ts). Absent: `url` migrates.
   */
  migrationUrl?: string | undefined;
  /** SGZ_REGION_ROOT: the region tree a new store is set up with (loadReferenceData). */
  regionRoot?: string | undefined;
  /** A PostgreSQL read replica (DATABASE_READ_URL): safe GET requests read there (readRouted). */
  readUrl?: string | undefined;
}

/** Opens the database (taking the PGlite lock), migrates it and loads the reference data. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  let database: Database;
  if (target.url && target.migrationUrl) await migrateAsOwner(target.migrationUrl, target.url);
  if (target.url) database = await openPostgres(target.url);
  else if (target.dataDir) {
    const release = lockDataDir(target.dataDir);
    try {
      const opened = await openPglite(target.dataDir);
      database = { ...opened, close: async () => { await opened.close(); release(); } };
    } catch (err) {
      release();
      throw err;
    }
  } else database = await openPglite(null);
  try {
    if (!target.migrationUrl) await runMigrations(database);
    await loadReferenceData(database.db, { root: target.regionRoot });
    await loadCatalogue(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  if (target.url && target.readUrl) {
    const replica = await openPostgres(target.readUrl, 10, { applicationName: 'sgz-read', readOnly: true });
    const primary = database;
    database = {
      ...primary, readDb: readRouted(primary.db, replica.db), readPool: replica.pool,
      close: async () => { await replica.close(); await primary.close(); },
    };
  }
  return database;
}

async function migrateAsOwner(ownerUrl: string, appUrl: string): Promise<void> {
  const owner = await openPostgres(ownerUrl, 1);
  try {
    await runMigrations(owner);
    const appRole = roleOfUrl(appUrl);
    if (appRole !== roleOfUrl(ownerUrl)) await grantAppRole(owner.db, appRole);
  } finally {
    await owner.close();
  }
}

/**
 * Loads the demo on a fresh store. The business users get `password` (published: it's a demo);
 * the three administrators each get a random one, returned to be printed once, never stored.
 */
export async function loadDemo(database: Database, password: string, cipher: FieldCipher, options: { year?: boolean } = {}): Promise<{ seeded: boolean; adminPasswords: Record<string, string> }> {
  const adminPasswords = Object.fromEntries(DEMO_ADMINS.map((u) => [u, randomDemoPassword()]));
  const seeded = await seedDemo(database.db, password, cipher, { adminPasswords });
  // A year of work (clients, records, cases, groups, referrals, briefings, evaluations, supervision) on the fresh demo.
  if (seeded && options.year !== false) await seedDemoYear(database.db, cipher);
  if (seeded) await seedApplicationsDemo(database.db);
  if (seeded) await seedResourcesDemo(database.db, cipher);
  if (seeded) await seedVolunteersDemo(database.db, cipher);
  if (seeded) await seedPublicityDemo(database.db);
  if (seeded) await seedSystemsDemo(database.db);
  if (seeded) await seedVenuesDemo(database.db);
  // After the year: the archive of 鲸园's last year is built from it.
  if (seeded && options.year !== false) await seedArchivesDemo(database.db, cipher);
  if (seeded) await seedStationPlansDemo(database.db);
  return { seeded, adminPasswords: seeded ? adminPasswords : {} };
}
