import { index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { STATION_PLAN_STATUSES, type StationPlanTargets } from '../../../shared/rules/station-plans';
import { contracts, type WorkflowEvent } from './purchase';
import { stations } from './stations';
import { users } from './users';

export interface StationPlanSnapshot {
  itemCodes: string[];
  duties: string;
  targets: StationPlanTargets;
}

/**
 * 一站一策 (五（三）): a station's service content, duties and targets for a year, under the
 * contract in force for it that year. The working copy; each submission is kept as a version.
 * Targets are plain columns so the list's "below target" test is SQL over the station's rows.
 */
export const stationPlans = pgTable(
  'station_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    /** The station's path, so region scopes find it with the usual prefix index. */
    scopePath: text('scope_path').notNull(),
    year: integer('year').notNull(),
    contractId: uuid('contract_id').notNull().references(() => contracts.id),
    /** The contractor of that contract: the organisation scope's equality. */
    orgId: uuid('org_id').notNull(),
    /** The months of the year the contract covers (its term within the year). */
    firstMonth: smallint('first_month').notNull(),
    lastMonth: smallint('last_month').notNull(),
    status: text('status', { enum: STATION_PLAN_STATUSES }).notNull().default('draft'),
    itemCodes: text('item_codes').array().notNull().default([]),
    duties: text('duties').notNull().default(''),
    targetRecords: integer('target_records').notNull().default(0),
    targetHomeVisits: integer('target_home_visits').notNull().default(0),
    targetGroupSessions: integer('target_group_sessions').notNull().default(0),
    targetCasesOpened: integer('target_cases_opened').notNull().default(0),
    lastComment: text('last_comment').notNull().default(''),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    history: jsonb('history').$type<WorkflowEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('station_plans_station_year').on(t.stationId, t.year),
    index('station_plans_scope_idx').on(t.year, t.scopePath.op('text_pattern_ops')),
    index('station_plans_org_idx').on(t.orgId, t.year),
    index('station_plans_status_idx').on(t.status, t.year),
  ],
);

/** Each submission, frozen: what was submitted, by whom, and what the bureau decided. */
export const stationPlanVersions = pgTable(
  'station_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id').notNull().references(() => stationPlans.id),
    number: integer('number').notNull(),
    content: jsonb('content').$type<StationPlanSnapshot>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    decision: text('decision', { enum: ['approved', 'returned'] }),
    decisionComment: text('decision_comment').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [unique('station_plan_versions_number').on(t.planId, t.number)],
);
