import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';

/** Tables the application may only append to and read (the database also refuses changes by trigger). */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_checkpoint', 'client_access_log'] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Grants the application's production role what it needs and nothing more. Run as the role
 * that owns the schema (the one that runs the migrations). The app role owns nothing, so it
 * cannot ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER or TRUNCATE; on the append-only tables it
 * may only INSERT and SELECT. Idempotent: run again after each upgrade (new tables).
 */
export async function grantAppRole(db: Db, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`Role name refused: ${role} (lower-case letters, digits, _)`);
  const r = sql.identifier(role);
  await db.execute(sql`GRANT USAGE ON SCHEMA public TO ${r}`);
  await db.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await db.execute(sql`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`);
  for (const t of APPEND_ONLY_TABLES) await db.execute(sql`REVOKE UPDATE, DELETE ON ${sql.identifier(t)} FROM ${r}`);
  await db.execute(sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
}

/** The user name of a postgres:// URL. */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
