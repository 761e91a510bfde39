import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ARCHIVE_STATUSES } from '../../../shared/rules/archives';
import { files } from './files';
import { contracts } from './purchase';
import { stations } from './stations';
import { users } from './users';

/**
 * An archive job (资料归档): one station's year, or one contract, gathered into a zip with an index. All of its
 * state is here, so any SGZ process may take it (claim with FOR UPDATE SKIP LOCKED) and a job
 * whose process stopped reporting (heartbeat_at) is taken over. The zip is a `files` row.
 */
export const archiveJobs = pgTable(
  'archive_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A station-year job names the station and the year; a contract job names only the contract. */
    stationId: uuid('station_id').references(() => stations.id),
    contractId: uuid('contract_id').references(() => contracts.id),
    /** The station's path (the contract's for a contract job), so the job is scoped like it. */
    scopePath: text('scope_path').notNull(),
    year: integer('year'),
    title: text('title').notNull(),
    status: text('status', { enum: ARCHIVE_STATUSES }).notNull().default('queued'),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** A new token per claim: a process whose claim was taken over can no longer write. */
    claimToken: uuid('claim_token'),
    attempts: integer('attempts').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    fileId: uuid('file_id').references(() => files.id),
    fileCount: integer('file_count').notNull().default(0),
    size: integer('size'),
    sha256: text('sha256'),
    error: text('error').notNull().default(''),
  },
  (t) => [
    index('archive_jobs_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    // The list (newest first) and the claim (oldest waiting first).
    index('archive_jobs_requested_idx').on(t.requestedAt, t.id),
    index('archive_jobs_station_year_idx').on(t.stationId, t.year),
    index('archive_jobs_status_idx').on(t.status, t.heartbeatAt),
    // Contract jobs only: a station-year job's NULL is no way in (its ways are the path and the station).
    index('archive_jobs_contract_idx').on(t.contractId).where(sql`contract_id IS NOT NULL`),
    // At most one open job per station-year and per contract: two requests at once meet here, and
    // the second joins the first (INSERT … ON CONFLICT DO NOTHING) instead of building twice.
    uniqueIndex('archive_jobs_open_station_year_uq').on(t.stationId, t.year).where(sql`status IN ('queued', 'running') AND contract_id IS NULL`),
    uniqueIndex('archive_jobs_open_contract_uq').on(t.contractId).where(sql`status IN ('queued', 'running')`),
    check('archive_jobs_kind_check', sql`(${t.contractId} IS NULL AND ${t.stationId} IS NOT NULL AND ${t.year} IS NOT NULL)
      OR (${t.contractId} IS NOT NULL AND ${t.stationId} IS NULL AND ${t.year} IS NULL)`),
  ],
);
