import { boolean, integer, pgTable, timestamp } from 'drizzle-orm/pg-core';

/** One row (id 1): the security administrator's policy. Defaults are the 等保 values. */
export const securityPolicy = pgTable('security_policy', {
  id: integer('id').primaryKey().default(1),
  minLength: integer('min_length').notNull().default(8),
  minClasses: integer('min_classes').notNull().default(3),
  rotationDays: integer('rotation_days').notNull().default(0),
  maxFailedLogins: integer('max_failed_logins').notNull().default(5),
  lockMinutes: integer('lock_minutes').notNull().default(30),
  idleMinutes: integer('idle_minutes').notNull().default(30),
  absoluteHours: integer('absolute_hours').notNull().default(12),
  /** TOTP is always required of the three administrators; this requires it of every role. */
  totpAllRoles: boolean('totp_all_roles').notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
