import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { openDatabase } from '../db/setup';
import { verifyAuditChain, writeAuditAlone, writeCheckpoint } from '../platform/audit';
import { systemContext } from '../platform/context';
import { createFieldCipher } from '../platform/field-cipher';

/**
 * PostgreSQL only: the schema belongs to the owner role (it runs the migrations, through
 * DATABASE_MIGRATION_URL); the application connects as a role that owns nothing. CI creates
 * that role (sgz_ci_app, .ci/run) since its own test role may not CREATE ROLE.
 */
const server = process.env.TEST_DATABASE_URL;
const appServer = process.env.TEST_APP_ROLE_URL;
const name = `sgz_roles_${randomBytes(4).toString('hex')}`;
const cipher = createFieldCipher(randomBytes(32));
let app: Database;

async function asServer(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(q);
  await c.end();
}
const urlOf = (base: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

describe.skipIf(!server || !appServer)('the application role (PostgreSQL)', () => {
  beforeAll(async () => {
    await asServer(`CREATE DATABASE ${name}`);
    // The production start: migrate and grant as the owner, then serve as the app role.
    app = await openDatabase({ url: urlOf(appServer ?? ''), migrationUrl: urlOf(server ?? '') });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await asServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('writes and reads the audit log, checkpoints included', async () => {
    const ctx = systemContext(app.db, pino({ level: 'silent' }), cipher);
    await writeAuditAlone(ctx, { action: 'station.update', objectType: 'station', objectId: 'x', after: { a: 1 } });
    await writeCheckpoint(app.db, cipher);
    expect(await verifyAuditChain(app.db, cipher)).toMatchObject({ ok: true, checked: 1, problems: [] });
    await app.db.execute(sql`UPDATE users SET display_name = display_name WHERE false`); // business tables stay writable
  });

  it.each([
    ['ALTER TABLE audit_log DISABLE TRIGGER USER', /must be owner/],
    ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete', /must be owner/],
    ['DROP TRIGGER audit_log_no_update_delete ON audit_log', /must be owner/],
    ['ALTER TABLE audit_checkpoint DISABLE TRIGGER USER', /must be owner/],
    ["UPDATE audit_log SET detail = 'x'", /permission denied/],
    ['DELETE FROM audit_log', /permission denied/],
    ['TRUNCATE audit_log', /permission denied/],
    ["UPDATE audit_checkpoint SET row_count = 0", /permission denied/],
    ['DELETE FROM audit_checkpoint', /permission denied/],
    ['TRUNCATE audit_checkpoint', /permission denied/],
    ['DELETE FROM client_access_log', /permission denied/],
    ["SET session_replication_role = 'replica'", /permission denied/],
  ])('refuses %s to the app role by privilege, before any trigger', async (statement, reason) => {
    // Drizzle wraps the server's error; its cause carries PostgreSQL's own message.
    const error = await app.db.execute(sql.raw(statement)).then(() => null, (e: unknown) => e);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    expect(cause).toBeInstanceOf(Error);
    expect((cause as Error).message).toMatch(reason);
  });
});
