import { date, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { PLAQUE_STATES, STATION_STATUSES, VENUE_TYPES } from '../../../shared/rules/station-venue';
import { regions } from './regions';

export const stations = pgTable(
  'stations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // R-STATION-ONE: the unique constraint is the rule.
    townCode: text('town_code')
      .notNull()
      .unique('stations_one_per_town')
      .references(() => regions.code),
    scopePath: text('scope_path').notNull(),
    status: text('status', { enum: STATION_STATUSES }).notNull().default('preparing'),
    statusReason: text('status_reason').notNull().default(''),
    venueType: text('venue_type', { enum: VENUE_TYPES }).notNull(),
    venueOther: text('venue_other').notNull().default(''),
    address: text('address').notNull(),
    phone: text('phone').notNull().default(''),
    openedOn: date('opened_on'),
    outdoorPlaque: text('outdoor_plaque', { enum: PLAQUE_STATES }).notNull().default('none'),
    indoorPlaque: text('indoor_plaque', { enum: PLAQUE_STATES }).notNull().default('none'),
    equipment: text('equipment').notNull().default(''),
    hostContactName: text('host_contact_name').notNull().default(''),
    hostContactPhone: text('host_contact_phone').notNull().default(''),
    /** The public directory (五（五）): opening hours and map position (WGS-84), shown without login. */
    openingHours: text('opening_hours').notNull().default(''),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stations_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('stations_status_idx').on(t.status),
    index('stations_address_trgm_idx').using('gin', t.address.op('gin_trgm_ops')),
  ],
);
