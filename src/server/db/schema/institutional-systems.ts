import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { SYSTEM_KINDS } from '../../../shared/rules/institutional-systems';
import { users } from './users';

/**
 * A county unit's system document (R-SYS-FIVE, 二（四））. A new version supersedes the one in
 * force: the old row stays (status superseded, who and when), so the history is kept.
 * `scope_path` is the county's region path; the attachment is a `files` row (owner_type
 * 'system_document').
 */
export const systemDocuments = pgTable(
  'system_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    countyCode: text('county_code').notNull(),
    scopePath: text('scope_path').notNull(),
    kind: text('kind', { enum: SYSTEM_KINDS }).notNull(),
    title: text('title').notNull(),
    version: text('version').notNull(),
    effectiveOn: date('effective_on').notNull(),
    approvedBy: text('approved_by').notNull(),
    approvedOn: date('approved_on').notNull(),
    note: text('note').notNull().default(''),
    fileId: uuid('file_id'),
    status: text('status', { enum: ['in_force', 'superseded'] }).notNull().default('in_force'),
    supersededBy: uuid('superseded_by'),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('system_documents_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    // At most one version in force per county and system, whatever two officers do at once.
    uniqueIndex('system_documents_in_force_uq').on(t.countyCode, t.kind).where(sql`${t.status} = 'in_force'`),
    // The document list in its order (county, system, newest first) and the matrix's current version per county and system.
    index('system_documents_county_kind_idx').on(t.countyCode, t.kind, t.createdAt),
  ],
);
