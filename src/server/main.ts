import pino from 'pino';
import { buildApp, LOG_REDACT } from './app';
import { loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { DEMO_ADMINS, DEMO_USERS } from './db/demo-data';
import { usersWithPublishedPassword } from './db/demo-passwords';
import { loadDemo, openDatabase } from './db/setup';
import { RegionRootMismatchError } from './modules/regions/reference-data';
import { cipherFromConfig } from './platform/encryption-key';
import { pruneSessions } from './platform/session';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, redact: LOG_REDACT });
  const embedded = !config.databaseUrl;
  // Demo data on the embedded default unless --no-demo (a real site); on a server only when asked for.
  const demo = embedded ? !process.argv.includes('--no-demo') : process.argv.includes('--demo');

  let cipher;
  try {
    cipher = cipherFromConfig(config);
  } catch (err) {
    process.stderr.write(`\nSGZ cannot start: ${(err as Error).message}\n\n`);
    process.exit(1);
  }
  let database;
  try {
    database = await openDatabase(embedded ? { dataDir: config.dataDir, regionRoot: config.regionRoot } : { url: config.databaseUrl, migrationUrl: config.migrationUrl, readUrl: config.readUrl, regionRoot: config.regionRoot });
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof RegionRootMismatchError) {
      process.stderr.write(`\nSGZ cannot start: ${err.message}\n\n`);
      process.exit(1);
    }
    throw err;
  }
  const { seeded, adminPasswords } = demo ? await loadDemo(database, config.demoPassword, cipher) : { seeded: false, adminPasswords: {} };
  // At every start, while anyone can still log in with the password the README publishes.
  const exposed = await usersWithPublishedPassword(database.db);
  if (exposed.length) logger.warn({ users: exposed }, 'users with the published demo password exist: not for a real site');
  await pruneSessions(database.db);

  const app = await buildApp({
    database, cipher, webDir: config.webDir, logger, trustProxy: config.trustProxy,
    dbQueue: { maxWaiting: config.dbQueueMax, maxWaitMs: config.dbQueueWaitSeconds * 1000 },
    readAfterWriteSeconds: config.readAfterWriteSeconds,
  });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = embedded ? `embedded PGlite at ${config.dataDir}` : `PostgreSQL (DATABASE_URL${config.readUrl ? ', reads from DATABASE_READ_URL' : ''})`;
  const lines = [
    '',
    `SGZ 社工站综合管理平台 is serving on http://localhost:${config.port}  (${where})`,
    `API reference: http://localhost:${config.port}/api/docs`,
  ];
  if (demo) {
    const admins: ReadonlySet<string> = new Set(DEMO_ADMINS);
    lines.push(
      seeded ? 'Demo data loaded. Demo logins:' : 'Demo logins:',
      ...DEMO_USERS.filter((u) => !admins.has(u.username)).map((u) => `  ${u.username.padEnd(16)} ${u.displayName}`),
      `  password: ${process.env.SGZ_DEMO_PASSWORD ? '(the value of SGZ_DEMO_PASSWORD)' : config.demoPassword}`,
      seeded
        ? 'The three administrators have their own random passwords, shown this once (write them down):'
        : 'The three administrators (demo-sysadmin, demo-secadmin, demo-auditor) kept the random passwords printed at the first start.',
      ...Object.entries(adminPasswords).map(([u, pw]) => `  ${u.padEnd(16)} ${pw}`),
      'A real site starts on a new data directory with: npm start -- --no-demo',
    );
  } else {
    lines.push('No demo data. Create the first administrator with: npm run sgz -- admin:create --username NAME --password PW');
  }
  if (exposed.length)
    lines.push(`WARNING: ${exposed.length} users still have the published demo password (${exposed.join(', ')}): not for a real site.`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`SGZ failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
