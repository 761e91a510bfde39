import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client';
import { lockDataDir } from '../db/data-dir-lock';
import { openDatabase, type DatabaseTarget } from '../db/setup';
import { writeAuditAlone } from '../platform/audit';
import { systemContext } from '../platform/context';
import type { FieldCipher } from '../platform/field-cipher';

const run = promisify(execFile);
export const BACKUP_FORMAT = 'sgz-backup/1';
const MANIFEST = 'manifest.json';
const PGLITE_TARBALL = 'pglite.tar.gz';
const PGLITE_KEY = 'pglite.key';
const PG_DUMP = 'database.dump';

export interface TableSummary { rows: number; md5: string }
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  store: 'pglite' | 'postgres';
  createdAt: string;
  /** Row count and content hash of every table, to check a restore against. */
  tables: Record<string, TableSummary>;
  withKeyFile: boolean;
}

/** The key file of an embedded store, beside its data directory (platform/encryption-key.ts). */
export const keyFileOf = (dataDir: string) => `${path.resolve(dataDir)}.key`;

/** Both drivers answer execute() with `{ rows }`; Drizzle's shared type does not say so. */
async function query<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Row count and an order-independent content hash of every table of the application. */
export async function tableSummaries(db: Db): Promise<Record<string, TableSummary>> {
  const tables = await query<{ name: string }>(db, sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const out: Record<string, TableSummary> = {};
  for (const { name } of tables) {
    const t = sql.identifier(name);
    const [s] = await query<{ rows: string | number; md5: string }>(
      db,
      sql`SELECT count(*) AS rows, md5(coalesce(string_agg(x.r, E'\n' ORDER BY x.r), '')) AS md5 FROM (SELECT t::text AS r FROM ${t} t) x`,
    );
    out[name] = { rows: Number(s?.rows ?? 0), md5: s?.md5 ?? '' };
  }
  return out;
}

/** libpq takes the password from the environment, so it never shows in the process list. */
function libpq(url: string): { dbUrl: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbUrl: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function refuseNonEmptyDir(dir: string, what: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${what} ${dir} is not empty`);
}

export interface OpsTarget extends DatabaseTarget {
  url?: string | undefined;
  dataDir?: string | null;
}

/**
 * Backs up into a new directory: PGlite's data directory as a tarball taken through the open
 * database (consistent, under the data-dir lock) with its key file; PostgreSQL with pg_dump in
 * custom format (the field-encryption key is configuration: keep SGZ_ENCRYPTION_KEY safe apart).
 */
export async function backup(target: OpsTarget, cipher: FieldCipher, out: string, log: FastifyBaseLogger): Promise<BackupManifest> {
  refuseNonEmptyDir(out, 'Backup directory');
  const database = await openDatabase(target);
  try {
    await writeAuditAlone(systemContext(database.db, log, cipher), {
      action: 'system.backup', objectType: 'database', objectId: database.driver, detail: `备份到 ${path.resolve(out)}`,
    });
    fs.mkdirSync(out, { recursive: true, mode: 0o700 });
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT, store: database.driver, createdAt: new Date().toISOString(),
      tables: await tableSummaries(database.db), withKeyFile: false,
    };
    if (database.pglite && target.dataDir) {
      const tarball = await database.pglite.dumpDataDir('gzip');
      fs.writeFileSync(path.join(out, PGLITE_TARBALL), Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
      const key = keyFileOf(target.dataDir);
      if (fs.existsSync(key)) {
        fs.copyFileSync(key, path.join(out, PGLITE_KEY));
        fs.chmodSync(path.join(out, PGLITE_KEY), 0o600);
        manifest.withKeyFile = true;
      }
    } else if (target.url) {
      const { dbUrl, env } = libpq(target.migrationUrl ?? target.url);
      await run('pg_dump', ['--format=custom', `--file=${path.join(out, PG_DUMP)}`, `--dbname=${dbUrl}`], { env });
    } else throw new Error('backup needs DATABASE_URL or SGZ_DATA_DIR');
    fs.writeFileSync(path.join(out, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    return manifest;
  } finally {
    await database.close();
  }
}

export function readManifest(from: string): BackupManifest {
  const file = path.join(from, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${from} is not an SGZ backup (no ${MANIFEST})`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (m.format !== BACKUP_FORMAT) throw new Error(`${from}: unknown backup format ${String(m.format)}`);
  return m;
}

async function postgresHasTables(url: string): Promise<boolean> {
  const { dbUrl, env } = libpq(url);
  const { stdout } = await run('psql', ['-XAtq', `--dbname=${dbUrl}`, '-c', "SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'drizzle')"], { env });
  return Number(stdout.trim()) > 0;
}

export interface RestoreResult { manifest: BackupManifest; mismatches: string[]; movedAside: string | null }

/**
 * Restores a backup into the configured store. Refuses a store that already holds data unless
 * force is given; then an embedded store's old directory is moved aside, never deleted.
 * Afterwards every table's row count and content hash is compared with the backup's.
 */
export async function restore(target: OpsTarget, from: string, force: boolean, cipherFor: () => FieldCipher, log: FastifyBaseLogger): Promise<RestoreResult> {
  const manifest = readManifest(from);
  let movedAside: string | null = null;
  if (manifest.store === 'pglite') {
    if (!target.dataDir || target.url) throw new Error('This backup is of an embedded (PGlite) store: unset DATABASE_URL and set SGZ_DATA_DIR');
    const dir = path.resolve(target.dataDir);
    const key = keyFileOf(dir);
    const occupied = fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
    if (occupied && !force) throw new Error(`${dir} already holds a database: restore refused (add --force to move it aside)`);
    const release = lockDataDir(dir);
    try {
      if (occupied) {
        movedAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        fs.renameSync(dir, movedAside);
        if (fs.existsSync(key)) fs.renameSync(key, `${movedAside}.key`);
      }
      const tarball = new Blob([fs.readFileSync(path.join(from, PGLITE_TARBALL))]);
      const pglite = new PGlite(dir, { loadDataDir: tarball });
      await pglite.waitReady;
      await pglite.close();
      if (manifest.withKeyFile) fs.copyFileSync(path.join(from, PGLITE_KEY), key);
      if (fs.existsSync(key)) fs.chmodSync(key, 0o600);
    } finally {
      release();
    }
  } else {
    if (!target.url) throw new Error('This backup is of a PostgreSQL database: set DATABASE_URL');
    const ownerUrl = target.migrationUrl ?? target.url;
    const occupied = await postgresHasTables(ownerUrl);
    if (occupied && !force) throw new Error('The database already holds tables: restore refused (add --force to replace them)');
    const { dbUrl, env } = libpq(ownerUrl);
    await run('pg_restore', [
      '--no-owner', '--no-privileges', '--exit-on-error', ...(occupied ? ['--clean', '--if-exists'] : []),
      `--dbname=${dbUrl}`, path.join(from, PG_DUMP),
    ], { env });
  }
  const database = await openDatabase(target);
  try {
    const now = await tableSummaries(database.db);
    const mismatches = Object.entries(manifest.tables)
      .filter(([t, s]) => now[t]?.rows !== s.rows || now[t]?.md5 !== s.md5)
      .map(([t, s]) => `${t}: backup ${s.rows} rows, restored ${now[t]?.rows ?? 'missing'}`);
    await writeAuditAlone(systemContext(database.db, log, cipherFor()), {
      action: 'system.restore', objectType: 'database', objectId: database.driver,
      result: mismatches.length ? 'fail' : 'ok', detail: `从 ${path.resolve(from)}（${manifest.createdAt}）恢复`,
    });
    return { manifest, mismatches, movedAside };
  } finally {
    await database.close();
  }
}
