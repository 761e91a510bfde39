import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginThrottle } from '../../db/schema';

/** Password spraying: this many failed logins from one client IP … */
export const IP_MAX_FAILURES = 20;
/** … within this many minutes block that IP's logins for the same time. */
export const IP_WINDOW_MINUTES = 15;

export const ipKey = (ip: string) => `ip:${ip}`;
/** An unknown or disabled username counts and locks exactly like an account would. */
export const usernameKey = (username: string) => `user:${username.toLowerCase()}`;

export async function lockedUntil(db: Db, key: string, now: Date): Promise<Date | null> {
  const [row] = await db.select({ until: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.key, key));
  return row?.until && row.until > now ? row.until : null;
}

/**
 * Adds one failure to the key's counter (a new window when the last one started before
 * `windowStart`; never, when it is null) and returns the count. One statement, so attempts
 * on several processes add up.
 */
export async function countFailure(db: Db, key: string, now: Date, windowStart: Date | null): Promise<number> {
  const stale = windowStart ? sql`${loginThrottle.windowStart} < ${windowStart.toISOString()}::timestamptz` : sql`false`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${stale} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStart: sql`CASE WHEN ${stale} THEN ${now.toISOString()}::timestamptz ELSE ${loginThrottle.windowStart} END`,
      },
    })
    .returning({ failures: loginThrottle.failures });
  return row?.failures ?? 1;
}

export async function lock(db: Db, key: string, until: Date): Promise<void> {
  await db.update(loginThrottle).set({ lockedUntil: until, failures: 0 }).where(eq(loginThrottle.key, key));
}
