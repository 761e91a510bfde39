import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { SYSTEM_KINDS } from '../../../shared/rules/institutional-systems';
import { users } from './users';

/**
 * A county unit's system document (R-SYS-FIVE, 二（四））. Every version stays; which one stands
 * on a day is read from the dates, not stored: the latest with effective_on <= that day (then the
 * latest registered), a later one waits (待生效) and the earlier ones are superseded. A stored
 * status would supersede the version in force the moment a future one is registered.
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
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('system_documents_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    // The document list in its order (county, system, latest effective first), the matrix's standing and
    // waiting version per county and system, and the successor a version's status is read from.
    index('system_documents_county_kind_effective_idx').on(t.countyCode, t.kind, t.effectiveOn, t.createdAt),
  ],
);
