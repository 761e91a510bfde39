import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions } from './regions';
import { ORG_KINDS, ORG_STATUSES, SERVICE_DOMAINS } from '../../../shared/rules/organizations';

/** Contracting organisations (承接主体, R-BUY-ROLES): registered city-wide. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    creditCode: text('credit_code').notNull().unique(),
    kind: text('kind', { enum: ORG_KINDS }).notNull().default('social_work_org'),
    registeringAuthority: text('registering_authority').notNull().default(''),
    registeredOn: date('registered_on'),
    legalRepresentative: text('legal_representative').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    address: text('address').notNull().default(''),
    serviceDomains: text('service_domains', { enum: SERVICE_DOMAINS }).array().notNull().default([]),
    /**
     * The county unit whose civil-affairs bureau registered the organisation in SGZ (null: the
     * city). Writes to it belong to that unit and the city; everyone may read the register.
     */
    countyCode: text('county_code').references(() => regions.code),
    scopePath: text('scope_path').notNull(),
    status: text('status', { enum: ORG_STATUSES }).notNull().default('active'),
    statusReason: text('status_reason').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organizations_name_idx').on(t.name),
    index('organizations_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('organizations_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);
