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
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
