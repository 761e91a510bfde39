import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { RECORD_SOURCES, TEAM_KINDS, TEAM_STAGES, VOLUNTEER_SKILLS, VOLUNTEER_STATUSES } from '../../../shared/rules/volunteers';
import { socialWorkers } from './social-workers';
import { stations } from './stations';
import { users } from './users';

/** Support the station gave a team (培训、场地、资金、督导 …), dated. */
export interface TeamSupport {
  date: string;
  kind: string;
  description: string;
}

/**
 * Volunteer teams (志愿服务队) and community social organisations (社区社会组织) a station
 * cultivates (二（一）5): stage 孵化 → 培育 → 登记 → 备案, each with its date.
 */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    kind: text('kind', { enum: TEAM_KINDS }).notNull(),
    name: text('name').notNull(),
    stage: text('stage', { enum: TEAM_STAGES }).notNull().default('incubating'),
    incubatedOn: date('incubated_on').notNull(),
    cultivatedOn: date('cultivated_on'),
    registeredOn: date('registered_on'),
    filedOn: date('filed_on'),
    /** 登记/备案 number given by the civil affairs office or the town. */
    registrationNo: text('registration_no').notNull().default(''),
    leadWorkerId: uuid('lead_worker_id').references(() => socialWorkers.id),
    /** Members beyond the registered volunteers (a community organisation's residents). */
    otherMembers: integer('other_members').notNull().default(0),
    activities: text('activities').notNull().default(''),
    support: jsonb('support').$type<TeamSupport[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('volunteer_teams_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('volunteer_teams_station_idx').on(t.stationId, t.name),
  ],
);

/**
 * A station's volunteer (社工+志愿者). The ID number is encrypted with the field cipher and
 * blind-indexed like clients' and workers'; one registration per person and station.
 */
export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    name: text('name').notNull(),
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    idNumberTail: text('id_number_tail').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    phoneCipher: text('phone_cipher'),
    skills: text('skills', { enum: VOLUNTEER_SKILLS }).array().notNull().default([]),
    availability: text('availability').notNull().default(''),
    teamId: uuid('team_id').references(() => volunteerTeams.id),
    leadWorkerId: uuid('lead_worker_id').references(() => socialWorkers.id),
    consentOn: date('consent_on').notNull(),
    consentScope: text('consent_scope').notNull(),
    guardianName: text('guardian_name').notNull().default(''),
    guardianRelation: text('guardian_relation').notNull().default(''),
    guardianConsentOn: date('guardian_consent_on'),
    status: text('status', { enum: VOLUNTEER_STATUSES }).notNull().default('active'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('volunteers_station_id_number_idx').on(t.stationId, t.idNumberIndex),
    index('volunteers_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('volunteers_station_name_idx').on(t.stationId, t.name),
    index('volunteers_team_idx').on(t.teamId),
  ],
);

/**
 * One spell of volunteer service (《志愿服务记录与证明出具办法（试行）》): the station that
 * records it certifies it (谁记录谁证明). Times are China wall-clock on `date`; `minutes` is the
 * time actually served, never more than the span. A record made from an activity SGZ holds links
 * to it, once per volunteer.
 */
export const volunteerServiceRecords = pgTable(
  'volunteer_service_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id').notNull().references(() => volunteers.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    teamId: uuid('team_id').references(() => volunteerTeams.id),
    date: date('date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    minutes: integer('minutes').notNull(),
    content: text('content').notNull(),
    place: text('place').notNull().default(''),
    training: text('training').notNull().default(''),
    commendation: text('commendation').notNull().default(''),
    evaluation: text('evaluation').notNull().default(''),
    source: text('source', { enum: RECORD_SOURCES }).notNull().default('own'),
    sourceId: uuid('source_id'),
    /** The certifier as recorded: the station's standard name and its operator that day. */
    certifier: text('certifier').notNull(),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    recordedByOrg: uuid('recorded_by_org'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('volunteer_records_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    // Minutes last: a volunteer's or team's total hours (on every list row) sum from the index alone.
    index('volunteer_records_volunteer_date_idx').on(t.volunteerId, t.date, t.minutes),
    index('volunteer_records_station_date_idx').on(t.stationId, t.date),
    index('volunteer_records_team_idx').on(t.teamId, t.minutes),
    uniqueIndex('volunteer_records_source_idx').on(t.source, t.sourceId, t.volunteerId),
  ],
);

/** The last certificate serial per issuer (station) and year: one row, incremented in the issuing transaction. */
export const volunteerCertificateCounters = pgTable(
  'volunteer_certificate_counters',
  {
    issuerStationId: uuid('issuer_station_id').notNull().references(() => stations.id),
    year: integer('year').notNull(),
    lastSerial: integer('last_serial').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuerStationId, t.year] })],
);

export interface CertificateSnapshot {
  volunteerName: string;
  idNumberMasked: string;
  sex: 'male' | 'female';
  issuerName: string;
  operatorName: string;
  teamName: string;
  records: { date: string; startTime: string; endTime: string; minutes: number; content: string; place: string; training: string; commendation: string; evaluation: string }[];
}

/** 志愿服务记录证明: numbered per issuer and year without gaps; free; reprints are copies. */
export const volunteerCertificates = pgTable(
  'volunteer_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id').notNull().references(() => volunteers.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    year: integer('year').notNull(),
    serial: integer('serial').notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    totalMinutes: integer('total_minutes').notNull(),
    recordCount: integer('record_count').notNull(),
    purpose: text('purpose').notNull().default(''),
    /** What the certificate states, frozen at issue so every print says the same. */
    snapshot: jsonb('snapshot').$type<CertificateSnapshot>().notNull(),
    prints: integer('prints').notNull().default(0),
    issuedBy: uuid('issued_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('volunteer_certificates_number_idx').on(t.stationId, t.year, t.serial),
    index('volunteer_certificates_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('volunteer_certificates_volunteer_idx').on(t.volunteerId),
  ],
);
