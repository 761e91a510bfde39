import { bigserial, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { CLIENT_STATUSES, CONSENT_KINDS, LEGAL_BASES, RISK_LEVELS, TARGET_GROUPS } from '../../../shared/rules/clients';
import { stations } from './stations';
import { users } from './users';

export interface HouseholdMember {
  name: string;
  relation: string;
  phone: string;
}

/**
 * Service objects (服务对象) of a station. ID number and phones are encrypted like workers';
 * `scope_path` is the village's path (under its town), so region scopes apply unchanged.
 */
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    villageCode: text('village_code').notNull(),
    name: text('name').notNull(),
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    idNumberTail: text('id_number_tail').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    phoneCipher: text('phone_cipher'),
    phoneTail: text('phone_tail'),
    address: text('address').notNull().default(''),
    /** Encrypted JSON: names and phones of relatives are personal data too. */
    householdCipher: text('household_cipher'),
    guardianCipher: text('guardian_cipher'),
    targetGroups: text('target_groups', { enum: TARGET_GROUPS }).array().notNull().default([]),
    riskLevel: text('risk_level', { enum: RISK_LEVELS }).notNull().default('low'),
    status: text('status', { enum: CLIENT_STATUSES }).notNull().default('active'),
    statusReason: text('status_reason').notNull().default(''),
    legalBasis: text('legal_basis', { enum: LEGAL_BASES }).notNull().default('statutory'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('clients_id_number_idx').on(t.idNumberIndex),
    index('clients_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('clients_station_name_idx').on(t.stationId, t.name),
    index('clients_name_birth_idx').on(t.name, t.birthDate),
    // Newest first, ties (an import's rows share their transaction's time) by id: the page read in index order, not a batch sorted.
    index('clients_created_idx').on(t.createdAt.desc().nullsFirst(), t.id),
    // Name search is ILIKE '%…%' (pg_trgm, migration 0015).
    index('clients_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    // Name search by relevance: exact and prefix matches in index order (LIKE 'x%' needs "C").
    index('clients_name_c_idx').on(sql`${t.name} collate "C"`, t.id),
  ],
);

/** Consents recorded for a client, dated and attributed (PIPL arts. 29 and 31). */
export const clientConsents = pgTable(
  'client_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    kind: text('kind', { enum: CONSENT_KINDS }).notNull(),
    givenBy: text('given_by').notNull(),
    relation: text('relation').notNull().default(''),
    givenOn: date('given_on').notNull(),
    scope: text('scope').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_consents_client_idx').on(t.clientId)],
);

/** Every view of a client's record (访问记录), append-only like the audit log. */
export const clientAccessLog = pgTable(
  'client_access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id').notNull(),
    userId: uuid('user_id'),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    action: text('action', { enum: ['view', 'reveal', 'export', 'update'] }).notNull(),
    detail: text('detail').notNull().default(''),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_access_client_idx').on(t.clientId, t.at)],
);

