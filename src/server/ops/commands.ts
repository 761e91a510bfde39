import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { auditCheckpointFileSchema, type AuditVerifyReport } from '../../shared/contracts/audit';
import { loadConfig, type Config } from '../config';
import { openDatabase, type DatabaseTarget } from '../db/setup';
import { openPostgres } from '../db/client';
import { verifyAuditChain } from '../platform/audit';
import { cipherFromConfig } from '../platform/encryption-key';
import { backup, restore } from './backup';
import { grantAppRole } from './db-roles';

export const OPS_USAGE = `  backup --out DIR
      Backs up the database into a new directory DIR: PGlite's data directory (a consistent
      tarball) with its key file, or PostgreSQL with pg_dump (custom format). Audited.
  restore --from DIR [--force]
      Restores a backup into the configured store and checks every table's row count and
      content hash. Refuses a store that holds data unless --force (PGlite: the old directory
      is moved aside; PostgreSQL: its tables are replaced). Audited.
  audit:verify [--checkpoint FILE]
      Checks the audit log's keyed hash chain and its signed checkpoints (the database's own and,
      with --checkpoint, a file exported from the audit page): rewritten rows, a broken chain,
      rows deleted from the end. Exit code 1 when anything is wrong.
  db:grant-app-role --role NAME
      PostgreSQL: grants the application's role the minimum (no ownership; INSERT and SELECT
      only on the audit tables). Run as the schema owner (DATABASE_MIGRATION_URL, else DATABASE_URL).`;

const OPS = ['backup', 'restore', 'audit:verify', 'db:grant-app-role'];

function targetOf(config: Config): DatabaseTarget {
  return config.databaseUrl ? { url: config.databaseUrl, migrationUrl: config.migrationUrl } : { dataDir: config.dataDir };
}

function printReport(r: AuditVerifyReport): void {
  const lines = [
    r.ok
      ? `Audit chain intact: ${r.checked} rows (${r.legacyRows} written before the keyed chain); every checkpoint agrees.`
      : `Audit log NOT intact (${r.checked} rows verified):`,
    ...r.problems.map((p) => `  - [${p.kind}${p.source === 'file' ? ', exported checkpoint' : ''}] ${p.message}`),
    r.lastCheckpoint
      ? `Latest checkpoint in the database: #${r.lastCheckpoint.id} at ${r.lastCheckpoint.at}, ${r.lastCheckpoint.rowCount} rows up to row ${r.lastCheckpoint.headId}.`
      : 'No checkpoint in the database yet.',
    ...(r.externalCheckpoint
      ? [`Exported checkpoint: #${r.externalCheckpoint.id} at ${r.externalCheckpoint.at}, ${r.externalCheckpoint.rowCount} rows up to row ${r.externalCheckpoint.headId}.`]
      : []),
    `Checkpoint public key (Ed25519, SPKI): ${r.publicKey}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The operations commands of `npm run sgz`; false when argv names another command. */
export async function runOpsCommand(argv: string[]): Promise<boolean> {
  if (!OPS.includes(argv[0] ?? '')) return false;
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: { out: { type: 'string' }, from: { type: 'string' }, force: { type: 'boolean' }, checkpoint: { type: 'string' }, role: { type: 'string' } },
  });
  const command = positionals[0];
  const config = loadConfig();
  const log = pino({ level: 'warn' });
  const target = targetOf(config);
  if (command === 'backup') {
    if (!values.out) throw new Error('backup needs --out DIR');
    const m = await backup(target, cipherFromConfig(config), values.out, log);
    const rows = Object.values(m.tables).reduce((n, t) => n + t.rows, 0);
    process.stdout.write(
      `Backup written to ${values.out}: ${Object.keys(m.tables).length} tables, ${rows} rows (${m.store}).\n` +
        (m.store === 'pglite'
          ? m.withKeyFile ? 'It holds the encryption key file: keep it as safe as the key.\n' : 'The key comes from SGZ_ENCRYPTION_KEY: keep that safe too.\n'
          : 'The encryption key (SGZ_ENCRYPTION_KEY) is not in the backup: keep it safe apart.\n'),
    );
  } else if (command === 'restore') {
    if (!values.from) throw new Error('restore needs --from DIR');
    const r = await restore(target, values.from, values.force ?? false, () => cipherFromConfig(config), log);
    if (r.movedAside) process.stdout.write(`The previous data directory was moved to ${r.movedAside}.\n`);
    if (r.mismatches.length) {
      process.stdout.write(`Restored, but tables differ from the backup:\n  ${r.mismatches.join('\n  ')}\n`);
      process.exitCode = 1;
    } else process.stdout.write(`Restored the backup of ${r.manifest.createdAt}: every table's row count and content hash match.\n`);
  } else if (command === 'audit:verify') {
    const file = values.checkpoint
      ? auditCheckpointFileSchema.parse(JSON.parse(fs.readFileSync(values.checkpoint, 'utf8')))
      : undefined;
    const database = await openDatabase(target);
    try {
      const r = await verifyAuditChain(database.db, cipherFromConfig(config), file);
      printReport(r);
      if (!r.ok) process.exitCode = 1;
    } finally {
      await database.close();
    }
  } else if (command === 'db:grant-app-role') {
    const ownerUrl = config.migrationUrl ?? config.databaseUrl;
    if (!ownerUrl) throw new Error('db:grant-app-role is for PostgreSQL: set DATABASE_URL (and DATABASE_MIGRATION_URL for the owner)');
    if (!values.role) throw new Error('db:grant-app-role needs --role NAME');
    await openDatabase({ url: ownerUrl }).then((d) => d.close()); // migrate first, as the owner
    const owner = await openPostgres(ownerUrl, 1);
    try {
      await grantAppRole(owner.db, values.role);
    } finally {
      await owner.close();
    }
    process.stdout.write(`Role ${values.role} may now use SGZ's tables (audit tables: INSERT and SELECT only).\n`);
  }
  return true;
}
