import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CASE_APPROVALS, CASE_STAGES, GROUP_PHASES, REFERRAL_STATUSES, SERVICE_METHODS } from '../../../shared/rules/case-work';
import { SERVICE_DOMAINS } from '../../../shared/rules/organizations';
import { applications } from './applications';
import { clients } from './clients';
import { partners } from './partners';
import { stations } from './stations';
import type { WorkflowEvent } from './purchase';
import { users } from './users';

/** A case's history line: the same shape as every workflow's (purchase.ts WorkflowEvent). */
export type CaseEvent = WorkflowEvent;

/** Case work (个案) after MZ/T 094-2017. Notes and plan sections are encrypted: they are case notes. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    workerId: uuid('worker_id').notNull().references(() => users.id),
    stage: text('stage', { enum: CASE_STAGES }).notNull().default('intake'),
    pendingApproval: text('pending_approval', { enum: CASE_APPROVALS }),
    /** Who submitted the pending plan or closure: they may not approve it (R-FOUR-EYES). */
    pendingBy: uuid('pending_by').references(() => users.id),
    lastReturnComment: text('last_return_comment').notNull().default(''),
    /** Encrypted JSON of {intakeNote, needs, goals, results, closureReason}. */
    notesCipher: text('notes_cipher').notNull(),
    nextFollowUp: date('next_follow_up'),
    openedOn: date('opened_on').notNull(),
    closedOn: date('closed_on'),
    history: jsonb('history').$type<CaseEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('cases_client_idx').on(t.clientId),
    index('cases_follow_up_idx').on(t.nextFollowUp),
    // Lists sort by the latest change, city-wide or within a station; 我的个案 by worker.
    // The list's order, newest first and ties by id: a page read in index order (rows one statement touched tie).
    index('cases_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id),
    index('cases_station_updated_idx').on(t.stationId, t.updatedAt.desc().nullsFirst(), t.id),
    index('cases_worker_idx').on(t.workerId),
  ],
);

export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    kind: text('kind', { enum: ['group', 'community'] }).notNull(),
    name: text('name').notNull(),
    phase: text('phase', { enum: GROUP_PHASES }).notNull().default('preparing'),
    goals: text('goals').notNull().default(''),
    /** The accepted department application (五（三）) the group carries out, if any. */
    applicationId: uuid('application_id').references(() => applications.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('groups_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('groups_created_idx').on(t.createdAt.desc().nullsFirst(), t.id),
    index('groups_station_created_idx').on(t.stationId, t.createdAt.desc().nullsFirst(), t.id),
    index('groups_application_idx').on(t.applicationId),
  ],
);

export const groupSessions = pgTable(
  'group_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').notNull().references(() => groups.id),
    date: date('date').notNull(),
    topic: text('topic').notNull(),
    clientIds: uuid('client_ids').array().notNull().default([]),
    volunteers: jsonb('volunteers').$type<{ name: string; hours: number }[]>().notNull().default([]),
    outcome: text('outcome').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('group_sessions_group_idx').on(t.groupId)],
);

/** One service given: 个案/小组/社区, a home visit or not, against the catalogue. */
export const serviceRecords = pgTable(
  'service_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    date: date('date').notNull(),
    startTime: text('start_time'),
    durationMinutes: integer('duration_minutes').notNull(),
    place: text('place').notNull().default(''),
    method: text('method', { enum: SERVICE_METHODS }).notNull(),
    itemCode: text('item_code'),
    otherItem: text('other_item').notNull().default(''),
    domain: text('domain', { enum: SERVICE_DOMAINS }).notNull(),
    flaggedForReview: boolean('flagged_for_review').notNull().default(false),
    review: text('review').notNull().default(''),
    clientIds: uuid('client_ids').array().notNull().default([]),
    caseId: uuid('case_id').references(() => cases.id),
    groupId: uuid('group_id').references(() => groups.id),
    volunteers: jsonb('volunteers').$type<{ name: string; hours: number }[]>().notNull().default([]),
    notesCipher: text('notes_cipher'),
    homeVisit: boolean('home_visit').notNull().default(false),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    recordedByOrg: uuid('recorded_by_org'),
    /** Other social workers (registry persons) who gave the service with the recorder. */
    coWorkerIds: uuid('co_worker_ids').array().notNull().default([]),
    /** The accepted department application (五（三）) the service was given under, if any. */
    applicationId: uuid('application_id').references(() => applications.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_records_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    // The list's order (date, then entry time) city-wide, and one station's month in that order.
    // The list's order (date, then entry, newest first; ties by id): an import's records share date and time,
    // and a page must not sort them all (S2: 59,445 in one tie, 9.7 s).
    index('service_records_date_created_idx').on(t.date.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id),
    index('service_records_station_date_idx').on(t.stationId, t.date.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id),
    index('service_records_case_idx').on(t.caseId),
    index('service_records_group_idx').on(t.groupId),
    index('service_records_application_idx').on(t.applicationId),
    // A client's timeline: client_ids @> ARRAY[id].
    index('service_records_client_ids_idx').using('gin', t.clientIds),
    // A former contractor reading the records its own people made (ownRecordReadScope), in list order.
    index('service_records_org_date_idx').on(t.recordedByOrg, t.date.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id),
  ],
);

export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    reasonCipher: text('reason_cipher').notNull(),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull().default('pending'),
    referredOn: date('referred_on').notNull(),
    outcome: text('outcome').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('referrals_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('referrals_referred_idx').on(t.referredOn.desc().nullsFirst(), t.id),
    index('referrals_station_referred_idx').on(t.stationId, t.referredOn.desc().nullsFirst(), t.id),
    index('referrals_client_idx').on(t.clientId),
  ],
);
