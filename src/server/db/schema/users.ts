import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES, SCOPE_KINDS } from '../../../shared/permissions';
import { organizations } from './organizations';
import { stations } from './stations';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles', { enum: ROLES }).array().notNull(),
    scopeKind: text('scope_kind', { enum: SCOPE_KINDS }).notNull(),
    /** Region path the user's data is limited to; null for org and admin scopes. */
    scopePath: text('scope_path'),
    orgId: uuid('org_id').references(() => organizations.id),
    stationId: uuid('station_id').references(() => stations.id),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** Who reset the password last ("系统管理员 张三（admin）" or "命令行") and when: shown to the person. */
    passwordResetAt: timestamp('password_reset_at', { withTimezone: true }),
    passwordResetBy: text('password_reset_by'),
    /** True until the person has acknowledged the reset notice. */
    passwordResetNotice: boolean('password_reset_notice').notNull().default(false),
    /** TOTP secret (base32), encrypted with the field cipher; null until enrolled. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** Last accepted TOTP time step: a code is never accepted twice (replay). */
    totpLastStep: integer('totp_last_step'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_lower_idx').using('btree', sql`lower(${t.username})`),
    // 三员分立, enforced below the application too.
    check(
      'users_admin_separation',
      sql`NOT (${t.roles} @> '{sys_admin,sec_admin}' OR ${t.roles} @> '{sys_admin,audit_admin}' OR ${t.roles} @> '{sec_admin,audit_admin}')`,
    ),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a database read does not yield usable sessions. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The session's latest write (login included): its GETs read the primary for a while after (DATABASE_READ_URL). */
    lastWriteAt: timestamp('last_write_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * The state between the password step and the second factor: a short-lived token (only its
 * SHA-256 here) that can do nothing but verify a code or enrol. In the database, not in
 * process memory, so any process serving the database can finish the login.
 */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['verify', 'enrol'] }).notNull(),
    /** Enrolment only: the new secret (encrypted) until the first code confirms it. */
    pendingSecret: text('pending_secret'),
    ip: text('ip').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('login_challenges_user_idx').on(t.userId)],
);

/** One-time recovery codes: a keyed hash (field cipher's blind index), each usable once. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_idx').on(t.userId, t.codeHash)],
);

/**
 * Failed-login counters that are not an account's own: per client IP (password spraying) and
 * per unknown username (so that it locks exactly like a real account would).
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
