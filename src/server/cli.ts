import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from './config';
import { ADMIN_USAGE, adminCreate, adminReset } from './admin-commands';
import { openDatabase } from './db/setup';
import { OPS_USAGE, runOpsCommand } from './ops/commands';
import { runSeedCommand, SEED_USAGE } from './seed/commands';
import { systemContext } from './platform/context';
import { cipherFromConfig } from './platform/encryption-key';

const USAGE = `Usage: npm run sgz -- <command> [options]

Commands:
${ADMIN_USAGE}
  migrate
      Runs the database migrations and loads the reference data, then exits.
${OPS_USAGE}
${SEED_USAGE}

The database is the one the server uses: DATABASE_URL, else PGlite in SGZ_DATA_DIR
(stop the server first: PGlite allows one process per data directory).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  if (await runOpsCommand(process.argv.slice(2))) return;
  if (await runSeedCommand(process.argv.slice(2))) return;
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' },
      role: { type: 'string' }, 'reset-totp': { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!['admin:create', 'admin:reset', 'migrate'].includes(command)) fail(`Unknown command: ${command}\n\n${USAGE}`);
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, migrationUrl: config.migrationUrl, regionRoot: config.regionRoot }
      : { dataDir: config.dataDir, regionRoot: config.regionRoot },
  );
  const ctx = systemContext(database.db, pino({ level: 'warn' }), cipherFromConfig(config));
  try {
    if (command === 'migrate') process.stdout.write('Database migrated; reference data loaded.\n');
    if (command === 'admin:create') process.stdout.write(`${await adminCreate(ctx, values, fail)}\n`);
    if (command === 'admin:reset') process.stdout.write(`${await adminReset(ctx, values, fail)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
