import { parseArgs } from 'node:util';
import pino from 'pino';
import { passwordProblems } from '../shared/rules/password-policy';
import { loadConfig } from './config';
import { users } from './db/schema';
import { openDatabase } from './db/setup';
import { verifyAuditChain, writeAuditAlone } from './platform/audit';
import { systemContext } from './platform/context';
import { cipherFromConfig } from './platform/encryption-key';
import { hashPassword } from './platform/passwords';
import { readPolicy } from './modules/security/security.repo';
import { findUserByUsername } from './modules/users/users.repo';

const USAGE = `Usage: npm run sgz -- <command> [options]

Commands:
  admin:create --username NAME --password PW [--name 显示名]
      Creates a system administrator (系统管理员). The password must meet the security
      policy; the administrator changes it at first login.
  migrate
      Runs the database migrations and loads the reference data, then exits.
  audit:verify
      Checks the audit log's hash chain and prints the result.

The database is the one the server uses: DATABASE_URL, else PGlite in SGZ_DATA_DIR
(stop the server first: PGlite allows one process per data directory).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  const command = positionals[0];
  if (!command || values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!['admin:create', 'migrate', 'audit:verify'].includes(command)) fail(`Unknown command: ${command}\n\n${USAGE}`);
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  const ctx = systemContext(database.db, pino({ level: 'warn' }), cipherFromConfig(config));
  try {
    if (command === 'migrate') process.stdout.write('Database migrated; reference data loaded.\n');
    if (command === 'audit:verify') {
      const r = await verifyAuditChain(database.db);
      process.stdout.write(r.ok ? `Audit chain intact: ${r.checked} rows.\n` : `Audit chain BROKEN at row ${r.brokenAtId}.\n`);
      if (!r.ok) process.exitCode = 1;
    }
    if (command === 'admin:create') {
      const { username, password } = values;
      if (!username || !password) fail('admin:create needs --username and --password');
      if (!/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/.test(username)) fail('Username: 3–32 letters, digits, _ . -, starting with a letter');
      const problems = passwordProblems(password, await readPolicy(database.db), username);
      if (problems.length) fail(`Password refused by the security policy:\n  ${problems.join('\n  ')}`);
      if (await findUserByUsername(database.db, username)) fail(`User ${username} already exists`);
      const [row] = await database.db
        .insert(users)
        .values({
          username,
          displayName: values.name ?? '系统管理员',
          roles: ['sys_admin'],
          scopeKind: 'none',
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
        })
        .returning();
      if (!row) fail('User not created');
      await writeAuditAlone(ctx, {
        action: 'user.create', objectType: 'user', objectId: row.id,
        after: { username, roles: row.roles, scopeKind: row.scopeKind }, detail: '命令行创建系统管理员',
      });
      process.stdout.write(`System administrator ${username} created; the password must be changed at first login.\n`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
