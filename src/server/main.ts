import pino from 'pino';
import { buildApp, LOG_REDACT } from './app';
import { loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { DEMO_USERS } from './db/demo-data';
import { loadDemo, openDatabase } from './db/setup';
import { cipherFromConfig } from './platform/encryption-key';
import { pruneSessions } from './platform/session';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, redact: LOG_REDACT });
  const embedded = !config.databaseUrl;
  // Demo data on the embedded default; on a server only when asked for.
  const demo = embedded || process.argv.includes('--demo');

  let cipher;
  try {
    cipher = cipherFromConfig(config);
  } catch (err) {
    process.stderr.write(`\nSGZ cannot start: ${(err as Error).message}\n\n`);
    process.exit(1);
  }
  let database;
  try {
    database = await openDatabase(embedded ? { dataDir: config.dataDir } : { url: config.databaseUrl });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`\nSGZ cannot start: ${err.message}\n\n`);
      process.exit(1);
    }
    throw err;
  }
  const seeded = demo ? await loadDemo(database, config.demoPassword, cipher) : false;
  await pruneSessions(database.db);

  const app = await buildApp({
    database, cipher, webDir: config.webDir, logger, trustProxy: config.trustProxy,
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
  const where = embedded ? `embedded PGlite at ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `SGZ 社工站综合管理平台 is serving on http://localhost:${config.port}  (${where})`,
    `API reference: http://localhost:${config.port}/api/docs`,
  ];
  if (demo) {
    lines.push(
      seeded ? 'Demo data loaded. Demo logins:' : 'Demo logins:',
      ...DEMO_USERS.map((u) => `  ${u.username.padEnd(16)} ${u.displayName}`),
      `  password: ${process.env.SGZ_DEMO_PASSWORD ? '(the value of SGZ_DEMO_PASSWORD)' : config.demoPassword}`,
    );
  } else {
    lines.push('No demo data. Create the first administrator with: npm run sgz -- admin:create --username NAME --password PW');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`SGZ failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
