import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { REPORT_KINDS, REPORT_STATUSES } from '../../../shared/rules/reports';
import { contracts } from './purchase';
import { organizations } from './organizations';
import { regions } from './regions';
import { stations } from './stations';
import { users } from './users';
import type { WorkflowEvent } from './purchase';

/** One figure of a report and the ids of the records it counts (the drill-down). */
export interface ReportFigure {
  key: string;
  label: string;
  group: string;
  value: number;
  unit: string;
  source: 'service_records' | 'cases' | 'group_sessions' | 'referrals' | 'postings' | 'clients' | 'volunteers' | 'volunteer_records' | 'volunteer_teams' | 'resource_needs' | 'resource_deliveries' | 'none';
  ids: string[];
}

export interface ReportSnapshot {
  computedAt: string;
  figures: ReportFigure[];
  /** Lines of findings at the time (staffing, on-post, funding …). */
  findings: { rule: string; message: string }[];
}

/**
 * A report of the purchase cycle: a contractor's monthly briefing (per station or per contract),
 * mid-term and final reports, the district's annual report. While a draft its figures are live;
 * on submission they are frozen into `snapshot`.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    countyCode: text('county_code').notNull().references(() => regions.code),
    scopePath: text('scope_path').notNull(),
    stationId: uuid('station_id').references(() => stations.id),
    contractId: uuid('contract_id').references(() => contracts.id),
    /** The contractor who writes it (monthly, mid-term, final); null for the district's report. */
    orgId: uuid('org_id').references(() => organizations.id),
    title: text('title').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
    sections: jsonb('sections').$type<Record<string, string>>().notNull().default({}),
    snapshot: jsonb('snapshot').$type<ReportSnapshot>(),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Who submitted it last: they may not accept or return it (R-FOUR-EYES). */
    submittedBy: uuid('submitted_by').references(() => users.id),
    lastComment: text('last_comment').notNull().default(''),
    history: jsonb('history').$type<WorkflowEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_subject_period').on(
      t.kind,
      sql`coalesce(${t.stationId}, ${t.contractId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.countyCode,
      t.periodStart,
    ),
    index('reports_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('reports_org_idx').on(t.orgId),
    index('reports_due_idx').on(t.dueOn),
    // The list's order (newest period first) and its station/contract/status filters.
    index('reports_period_idx').on(t.periodStart.desc().nullsFirst(), t.title, t.id),
    index('reports_station_period_idx').on(t.stationId, t.periodStart),
    index('reports_contract_idx').on(t.contractId),
    index('reports_status_due_idx').on(t.status, t.dueOn),
  ],
);
