import { randomBytes } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { verifyPassword } from '../platform/passwords';
import type { Db } from './client';
import { users } from './schema';

/** The password the README publishes for the demo's business users. */
export const PUBLISHED_DEMO_PASSWORD = 'Sgz@demo2026';

/**
 * Active demo users (username demo-…) whose password is still the published one. Only those
 * are checked: argon2 costs about 50 ms a hash, and the published password only ever reached
 * demo users.
 */
export async function usersWithPublishedPassword(db: Db): Promise<string[]> {
  const rows = await db
    .select({ username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(and(like(users.username, 'demo-%'), eq(users.status, 'active')))
    .orderBy(users.username);
  const hits = await Promise.all(rows.map(async (r) => ((await verifyPassword(r.passwordHash, PUBLISHED_DEMO_PASSWORD)) ? r.username : null)));
  return hits.filter((u): u is string => u !== null);
}

/** A one-off password that meets the default policy (upper, lower, digit, symbol; 20 characters). */
export function randomDemoPassword(): string {
  return `Sgz#${randomBytes(12).toString('base64url')}7a`;
}
