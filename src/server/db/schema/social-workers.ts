import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CERTIFICATE_LEVELS, EDUCATION_LEVELS, STAFF_RULES, STAFF_SOURCES } from '../../../shared/rules/staffing';
import { organizations } from './organizations';
import { stations } from './stations';
import { users } from './users';

type StaffRuleId = keyof typeof STAFF_RULES;

/**
 * Station social workers (驻站社工). The ID number and phone are stored encrypted; a keyed
 * hash of the ID number finds the same person again without decrypting anything.
 */
export const socialWorkers = pgTable(
  'social_workers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    /** Last four characters, for search by "尾号" without decrypting. */
    idNumberTail: text('id_number_tail').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    phoneCipher: text('phone_cipher'),
    phoneTail: text('phone_tail'),
    education: text('education', { enum: EDUCATION_LEVELS }).notNull(),
    major: text('major').notNull().default(''),
    school: text('school').notNull().default(''),
    graduatedOn: date('graduated_on'),
    /** Employer; organisation-scoped users see their own people. */
    orgId: uuid('org_id').references(() => organizations.id),
    /** The current station's path, or the registering region's path when not posted. */
    scopePath: text('scope_path').notNull(),
    userId: uuid('user_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('social_workers_id_number_idx').on(t.idNumberIndex),
    index('social_workers_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('social_workers_org_idx').on(t.orgId),
    index('social_workers_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

export const workerCertificates = pgTable(
  'worker_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id').notNull().references(() => socialWorkers.id, { onDelete: 'cascade' }),
    level: text('level', { enum: CERTIFICATE_LEVELS }).notNull(),
    number: text('number').notNull().default(''),
    obtainedOn: date('obtained_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('worker_certificates_worker_idx').on(t.workerId)],
);

export const workerTrainings = pgTable(
  'worker_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id').notNull().references(() => socialWorkers.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    // Exact decimal hours (half hours occur); never a float.
    hours: numeric('hours', { precision: 6, scale: 1 }).notNull(),
    provider: text('provider').notNull().default(''),
    topic: text('topic').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('worker_trainings_worker_idx').on(t.workerId)],
);

/** Employment history: one row per posting of a worker to a station. */
export const postings = pgTable(
  'postings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id').notNull().references(() => socialWorkers.id),
    orgId: uuid('org_id').references(() => organizations.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    source: text('source', { enum: STAFF_SOURCES }).notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    endReason: text('end_reason').notNull().default(''),
    /** Rules this posting breaks, accepted by a district officer's written exception. */
    exceptionRules: text('exception_rules').$type<StaffRuleId>().array().notNull().default([]),
    exceptionReason: text('exception_reason').notNull().default(''),
    exceptionBy: uuid('exception_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A person holds one active posting at a time.
    uniqueIndex('postings_one_active_idx').on(t.workerId).where(sql`${t.endDate} IS NULL`),
    index('postings_station_idx').on(t.stationId),
    // A worker's first posting (R-STAFF-CERT3Y counts from it), per worker in the compliance sums.
    index('postings_worker_start_idx').on(t.workerId, t.startDate),
    index('postings_scope_idx').on(t.scopePath.op('text_pattern_ops')),
  ],
);
