import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { BOOKER_KINDS } from '../../../shared/rules/venues';
import { stations } from './stations';
import { users } from './users';

/**
 * A station's room (服务场所), or a room of the host (村居/镇街) the station shares. Opening hours
 * are China wall-clock times ('HH:MM') on the listed ISO weekdays (1 = Monday).
 */
export const venueRooms = pgTable(
  'venue_rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    name: text('name').notNull(),
    shared: boolean('shared').notNull().default(false),
    capacity: integer('capacity').notNull().default(0),
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at').notNull(),
    openDays: integer('open_days').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One index per access path of the paged list: a station's rooms in list order, a region's by path.
  (t) => [
    index('venue_rooms_station_idx').on(t.stationId, t.shared, t.name),
    index('venue_rooms_scope_idx').on(t.scopePath.op('text_pattern_ops')),
  ],
);

/**
 * A booking of a room for [starts_at, ends_at). Two live bookings of one room never overlap: an
 * exclusion constraint on tstzrange with btree_gist (migration venue_booking_overlap), so the
 * database refuses the second of two concurrent bookings. Spans that only touch are allowed.
 */
export const venueBookings = pgTable(
  'venue_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id').notNull().references(() => venueRooms.id),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    bookerKind: text('booker_kind', { enum: BOOKER_KINDS }).notNull(),
    bookerName: text('booker_name').notNull(),
    purpose: text('purpose').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['booked', 'cancelled'] }).notNull().default('booked'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A room's week or month; usage over a range of months, of a station, or of a region: the months
  // lead (a city or county prefix matches most rows, so the path is checked inside the index).
  (t) => [
    index('venue_bookings_room_idx').on(t.roomId, t.startsAt),
    index('venue_bookings_station_starts_idx').on(t.stationId, t.startsAt),
    index('venue_bookings_starts_scope_idx').on(t.startsAt, t.scopePath.op('text_pattern_ops')),
  ],
);
