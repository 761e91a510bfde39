import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import {
  CONTRACT_STATUSES,
  EVALUATION_GRADES,
  FUND_SOURCES,
  PLAN_STATUSES,
  PROCUREMENT_STATUSES,
  PURCHASE_METHODS,
  SPENDING_CATEGORIES,
  type Instalment,
} from '../../../shared/rules/purchase';
import { organizations } from './organizations';
import { regions } from './regions';
import { stations } from './stations';
import { users } from './users';

/** Money is integer fen; bigint in the database, a JS number (exact below 2^53 fen). */
const fen = (name: string) => bigint(name, { mode: 'number' });

export interface PlanSnapshot {
  goals: string;
  budgetFen: number;
  purchaseMethod: (typeof PURCHASE_METHODS)[number] | null;
  contentSchedule: string;
  qualityStandards: string;
  quantityStandards: string;
  evaluationPlan: string;
  stationIds: string[];
}

export interface WorkflowEvent {
  at: string;
  by: string;
  event: string;
  comment: string;
}

/** A county unit's annual plan (R-PLAN-DUE): the working copy; submissions are kept as versions. */
export const annualPlans = pgTable(
  'annual_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    countyCode: text('county_code').notNull().references(() => regions.code),
    scopePath: text('scope_path').notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('draft'),
    content: jsonb('content').$type<PlanSnapshot>().notNull(),
    /** The first submission decides timeliness; later resubmissions do not make it late again. */
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    lastComment: text('last_comment').notNull().default(''),
    history: jsonb('history').$type<WorkflowEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('annual_plans_county_year').on(t.countyCode, t.year),
    index('annual_plans_scope_idx').on(t.scopePath.op('text_pattern_ops')),
  ],
);

/** Each submission, frozen, so the city can compare what was filed with what came before. */
export const annualPlanVersions = pgTable(
  'annual_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id').notNull().references(() => annualPlans.id),
    number: integer('number').notNull(),
    content: jsonb('content').$type<PlanSnapshot>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    decision: text('decision', { enum: ['filed', 'returned'] }),
    decisionComment: text('decision_comment').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [unique('annual_plan_versions_number').on(t.planId, t.number)],
);

/** A procurement project (R-PROC-PUBLIC); published projects are shown on the public site. */
export const procurements = pgTable(
  'procurements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    countyCode: text('county_code').notNull().references(() => regions.code),
    scopePath: text('scope_path').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    stationIds: uuid('station_ids').array().notNull().default([]),
    itemCodes: text('item_codes').array().notNull().default([]),
    /** Free-text service content beyond the catalogue: flagged for review (R-SCOPE-EXCLUDED). */
    otherItems: text('other_items').notNull().default(''),
    standards: text('standards').notNull().default(''),
    requirements: text('requirements').notNull().default(''),
    method: text('method', { enum: PURCHASE_METHODS }).notNull(),
    budgetFen: fen('budget_fen').notNull().default(0),
    announcedOn: date('announced_on'),
    deadlineOn: date('deadline_on'),
    status: text('status', { enum: PROCUREMENT_STATUSES }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    contractorOrgId: uuid('contractor_org_id').references(() => organizations.id),
    awardedOn: date('awarded_on'),
    awardFen: fen('award_fen'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('procurements_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('procurements_status_idx').on(t.status, t.publishedAt),
  ],
);

/** A service contract between the county unit's bureau and a contractor. */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    countyCode: text('county_code').notNull().references(() => regions.code),
    scopePath: text('scope_path').notNull(),
    procurementId: uuid('procurement_id').references(() => procurements.id),
    contractorOrgId: uuid('contractor_org_id').notNull().references(() => organizations.id),
    number: text('number').notNull().default(''),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    quantity: text('quantity').notNull().default(''),
    quality: text('quality').notNull().default(''),
    priceFen: fen('price_fen').notNull().default(0),
    instalments: jsonb('instalments').$type<Instalment[]>().notNull().default([]),
    rightsDuties: text('rights_duties').notNull().default(''),
    liability: text('liability').notNull().default(''),
    tripartite: text('tripartite').notNull().default(''),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull().default('draft'),
    statusReason: text('status_reason').notNull().default(''),
    signedOn: date('signed_on'),
    /** R-CONTRACT-FAIL: the year in which the contract is to end, and why. */
    endingYear: integer('ending_year'),
    endingReason: text('ending_reason').notNull().default(''),
    history: jsonb('history').$type<WorkflowEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contracts_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('contracts_org_idx').on(t.contractorOrgId),
    // The list's order and filters; the calendar's and problem filter's in-force terms.
    index('contracts_updated_idx').on(t.updatedAt, t.id),
    index('contracts_county_idx').on(t.countyCode),
    index('contracts_status_ends_idx').on(t.status, t.endsOn),
    index('contracts_signed_idx').on(t.signedOn),
  ],
);

/** Stations of a contract, with the station's path so a town officer's scope finds the contract. */
export const contractStations = pgTable(
  'contract_stations',
  {
    contractId: uuid('contract_id').notNull().references(() => contracts.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    stationPath: text('station_path').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contractId, t.stationId] }),
    index('contract_stations_station_idx').on(t.stationId),
    index('contract_stations_path_idx').on(t.stationPath.op('text_pattern_ops')),
  ],
);

/** Money paid to the contractor, by instalment (R-FUND-USE: traceable). */
export const contractPayments = pgTable(
  'contract_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id').notNull().references(() => contracts.id),
    instalment: integer('instalment').notNull(),
    paidOn: date('paid_on').notNull(),
    amountFen: fen('amount_fen').notNull(),
    voucher: text('voucher').notNull().default(''),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contract_payments_contract_idx').on(t.contractId)],
);

/** What the contract's money was spent on, per station and category. */
export const contractSpending = pgTable(
  'contract_spending',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id').notNull().references(() => contracts.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    category: text('category', { enum: SPENDING_CATEGORIES }).notNull(),
    spentOn: date('spent_on').notNull(),
    amountFen: fen('amount_fen').notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contract_spending_contract_idx').on(t.contractId),
    index('contract_spending_station_idx').on(t.stationId, t.spentOn),
  ],
);

/** The yearly evaluation grade of a contract (entered by hand until the evaluation module grades it). */
export const contractGrades = pgTable(
  'contract_grades',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id').notNull().references(() => contracts.id),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    year: integer('year').notNull(),
    grade: text('grade', { enum: EVALUATION_GRADES }).notNull(),
    source: text('source', { enum: ['manual', 'evaluation'] }).notNull().default('manual'),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('contract_grades_year').on(t.contractId, t.year), index('contract_grades_org_idx').on(t.orgId)],
);

/** A station's budget for a year, one row per funding source (R-FUND-STATION, R-FUND-CITY). */
export const stationBudgets = pgTable(
  'station_budgets',
  {
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    year: integer('year').notNull(),
    source: text('source', { enum: FUND_SOURCES }).notNull(),
    amountFen: fen('amount_fen').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.year, t.source] }),
    index('station_budgets_scope_idx').on(t.year, t.scopePath.op('text_pattern_ops')),
  ],
);
