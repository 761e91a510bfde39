import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { APPLICATION_STATUSES } from '../../../shared/rules/platform';
import type { WorkflowEvent } from './purchase';
import { users } from './users';

/**
 * A department's written application to use the stations (五（三）, R-PLATFORM-APPLY). `scope_path`
 * is the deciding bureau's region (the city's, or the county's), so officers read it by scope;
 * the applicant reads its own by `applicant_id`.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicantId: uuid('applicant_id').notNull().references(() => users.id),
    /** The applicant's own region (its scope when it applied): the stations must lie within it. */
    applicantScopePath: text('applicant_scope_path').notNull(),
    decidingLevel: text('deciding_level', { enum: ['city', 'county'] }).notNull(),
    scopePath: text('scope_path').notNull(),
    department: text('department').notNull(),
    title: text('title').notNull(),
    purpose: text('purpose').notNull(),
    itemCodes: text('item_codes').array().notNull().default([]),
    stationIds: uuid('station_ids').array().notNull().default([]),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    targetPeople: text('target_people').notNull(),
    fundedBy: text('funded_by').notNull(),
    providedBy: text('provided_by').notNull(),
    contact: text('contact').notNull().default(''),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment').notNull().default(''),
    history: jsonb('history').$type<WorkflowEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('applications_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('applications_applicant_idx').on(t.applicantId, t.updatedAt),
    index('applications_status_idx').on(t.status, t.updatedAt),
    // Recording against an application: the accepted ones naming a station.
    index('applications_stations_idx').using('gin', t.stationIds),
  ],
);
