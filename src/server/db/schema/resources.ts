import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, pgTable, text, timestamp, uuid, integer } from 'drizzle-orm/pg-core';
import { TARGET_GROUPS } from '../../../shared/rules/clients';
import { SERVICE_DOMAINS } from '../../../shared/rules/organizations';
import { DONOR_KINDS, MATCH_STATUSES, NEED_SOURCES, NEED_STATUSES, PUBLIC_STATES, RESOURCE_KINDS } from '../../../shared/rules/resources';
import { cases } from './case-work';
import { clients } from './clients';
import { partners } from './partners';
import { stations } from './stations';
import { users } from './users';

/** Quantities are integers in the kind's unit: fen for money, items for goods, hours for time. */
const qty = (name: string) => bigint(name, { mode: 'number' });

/**
 * A need (需求) a worker raises for a client, a case or a community of a station (二（一）5).
 * Station data: scoped like clients (stationRecordScope). The public text is separate from the
 * description and shows on the wall only once someone in scope approved it (R-RESOURCES-PUBLIC).
 */
export const resourceNeeds = pgTable(
  'resource_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    source: text('source', { enum: NEED_SOURCES }).notNull(),
    clientId: uuid('client_id').references(() => clients.id),
    caseId: uuid('case_id').references(() => cases.id),
    domain: text('domain', { enum: SERVICE_DOMAINS }).notNull(),
    targetGroup: text('target_group', { enum: TARGET_GROUPS }),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    quantity: qty('quantity').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    place: text('place').notNull().default(''),
    neededBy: date('needed_by'),
    status: text('status', { enum: NEED_STATUSES }).notNull().default('open'),
    metOn: date('met_on'),
    publicText: text('public_text').notNull().default(''),
    publicState: text('public_state', { enum: PUBLIC_STATES }).notNull().default('none'),
    publicRequestedBy: uuid('public_requested_by').references(() => users.id),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resource_needs_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('resource_needs_station_status_idx').on(t.stationId, t.status),
    index('resource_needs_public_idx').on(t.publicState, t.status),
    index('resource_needs_met_idx').on(t.stationId, t.metOn),
  ],
);

/**
 * An offer (资源) registered at a station for a donor: money, goods, services, venues, volunteer
 * time. `reserved` (proposed and confirmed matches) and `delivered` never pass `quantity`: the
 * application moves them with one conditional UPDATE, and the CHECKs hold whatever the code does.
 */
export const resourceOffers = pgTable(
  'resource_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    donorKind: text('donor_kind', { enum: DONOR_KINDS }).notNull(),
    donorName: text('donor_name').notNull(),
    partnerId: uuid('partner_id').references(() => partners.id),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    itemName: text('item_name').notNull().default(''),
    quantity: qty('quantity').notNull(),
    reserved: qty('reserved').notNull().default(0),
    delivered: qty('delivered').notNull().default(0),
    domain: text('domain', { enum: SERVICE_DOMAINS }),
    place: text('place').notNull().default(''),
    availableFrom: date('available_from'),
    availableTo: date('available_to'),
    /** The donor's wish (定向): null is open (R-RESOURCES-WISH). */
    wishDomain: text('wish_domain', { enum: SERVICE_DOMAINS }),
    wishTargetGroup: text('wish_target_group', { enum: TARGET_GROUPS }),
    wishStationId: uuid('wish_station_id').references(() => stations.id),
    wishNeedId: uuid('wish_need_id').references(() => resourceNeeds.id),
    /** Thanked by this name on the public wall, only when the donor agreed. */
    thankPublicly: boolean('thank_publicly').notNull().default(false),
    publicName: text('public_name').notNull().default(''),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resource_offers_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('resource_offers_station_idx').on(t.stationId, t.kind),
    check('resource_offers_amounts', sql`${t.quantity} > 0 AND ${t.reserved} >= 0 AND ${t.delivered} >= 0 AND ${t.reserved} <= ${t.quantity} AND ${t.delivered} <= ${t.reserved}`),
  ],
);

/** A worker's proposal to meet a need from an offer; another person confirms it (R-FOUR-EYES). */
export const resourceMatches = pgTable(
  'resource_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    needId: uuid('need_id').notNull().references(() => resourceNeeds.id),
    offerId: uuid('offer_id').notNull().references(() => resourceOffers.id),
    /** The need's station and path: the match is station data of the need. */
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    quantity: qty('quantity').notNull(),
    delivered: qty('delivered').notNull().default(0),
    /** Whether the donor is told anything about the client (then the client's consent is needed). */
    sharesClient: boolean('shares_client').notNull().default(false),
    status: text('status', { enum: MATCH_STATUSES }).notNull().default('proposed'),
    note: text('note').notNull().default(''),
    proposedBy: uuid('proposed_by').notNull().references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resource_matches_need_idx').on(t.needId),
    index('resource_matches_offer_idx').on(t.offerId),
    index('resource_matches_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    check('resource_matches_amounts', sql`${t.quantity} > 0 AND ${t.delivered} >= 0 AND ${t.delivered} <= ${t.quantity}`),
  ],
);

/** A delivery (交付) of part or all of a match, with its proof files (photo or receipt). */
export const resourceDeliveries = pgTable(
  'resource_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matchId: uuid('match_id').notNull().references(() => resourceMatches.id),
    needId: uuid('need_id').notNull().references(() => resourceNeeds.id),
    offerId: uuid('offer_id').notNull().references(() => resourceOffers.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    quantity: qty('quantity').notNull(),
    deliveredOn: date('delivered_on').notNull(),
    note: text('note').notNull().default(''),
    proofFileIds: uuid('proof_file_ids').array().notNull(),
    /** A proof photo the people in it agreed to show on the public wall (R-RESOURCES-PUBLIC); null: none shown. */
    publicPhotoId: uuid('public_photo_id'),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resource_deliveries_match_idx').on(t.matchId),
    index('resource_deliveries_station_day_idx').on(t.stationId, t.deliveredOn),
    check('resource_deliveries_proof', sql`cardinality(${t.proofFileIds}) > 0 AND ${t.quantity} > 0`),
  ],
);
