import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { EVALUATION_GRADES } from '../../../shared/rules/purchase';
import { contracts } from './purchase';
import { organizations } from './organizations';
import { stations } from './stations';
import { users } from './users';

export interface Indicator {
  code: string;
  name: string;
  /** Points this indicator contributes to the 100-point total. */
  points: number;
  guidance: string;
  /** Answered from the records when set (staffing, on-post, reports on time, funding, services). */
  auto: string | null;
}

export interface Dimension {
  name: string;
  indicators: Indicator[];
}

/** The indicator system the city sets for a year (R-EVAL-YEARLY). */
export const indicatorSystems = pgTable('indicator_systems', {
  year: integer('year').primaryKey(),
  dimensions: jsonb('dimensions').$type<Dimension[]>().notNull(),
  thresholds: jsonb('thresholds').$type<{ excellent: number; good: number; pass: number }>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface IndicatorScore {
  code: string;
  score: number | null;
  comment: string;
  /** What the records said when pre-filled: the figure and how it was reached. */
  prefill: { value: number; suggested: number; evidence: string } | null;
  fileIds: string[];
}

/** A contract's yearly performance evaluation; finishing it grades the contract (R-CONTRACT-FAIL). */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id').notNull().references(() => contracts.id),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    countyCode: text('county_code').notNull(),
    scopePath: text('scope_path').notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: ['draft', 'finished'] }).notNull().default('draft'),
    scores: jsonb('scores').$type<IndicatorScore[]>().notNull().default([]),
    total: numeric('total', { precision: 6, scale: 2, mode: 'number' }),
    grade: text('grade', { enum: EVALUATION_GRADES }),
    evaluators: text('evaluators').notNull().default(''),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    finishedBy: uuid('finished_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('evaluations_contract_year').on(t.contractId, t.year), index('evaluations_scope_idx').on(t.scopePath.op('text_pattern_ops'))],
);

/** Supervision visits (督导, R-SUPERVISE): who looked at which station, what they found, what follows. */
export const supervisions = pgTable(
  'supervisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    date: date('date').notNull(),
    supervisor: text('supervisor').notNull(),
    topic: text('topic').notNull(),
    findings: text('findings').notNull().default(''),
    followUp: text('follow_up').notNull().default(''),
    followUpDue: date('follow_up_due'),
    followUpDone: date('follow_up_done'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('supervisions_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('supervisions_station_idx').on(t.stationId, t.date),
    // The list's order, newest first: a region's page reads its rows in order instead of sorting them all.
    index('supervisions_newest_idx').on(t.date.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id),
  ],
);
