import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { venueBookings, venueRooms } from '../../db/schema';
import type { Db } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { stationRecordScope } from '../../platform/scope';

export type RoomRow = typeof venueRooms.$inferSelect;
export type BookingRow = typeof venueBookings.$inferSelect;

/** Rooms and bookings are the station's own: region scopes by path, an organisation by the stations it serves. */
export const roomScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: venueRooms.scopePath, stationId: venueRooms.stationId });
export const bookingScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: venueBookings.scopePath, stationId: venueBookings.stationId });

/** One page of the rooms in scope (optionally of one station), with the total. */
export async function rooms(ctx: Ctx, stationId: string | undefined, page: number, pageSize: number): Promise<{ rows: RoomRow[]; total: number }> {
  const where: SQL[] = [roomScope(ctx)];
  if (stationId) where.push(eq(venueRooms.stationId, stationId));
  const [rows, [n]] = await Promise.all([
    ctx.db.select().from(venueRooms).where(and(...where))
      .orderBy(asc(venueRooms.scopePath), asc(venueRooms.stationId), asc(venueRooms.shared), asc(venueRooms.name), asc(venueRooms.id))
      .limit(pageSize).offset((page - 1) * pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(venueRooms).where(and(...where)),
  ]);
  return { rows, total: n?.n ?? 0 };
}

export async function findRoom(ctx: Ctx, id: string): Promise<RoomRow | undefined> {
  const [row] = await ctx.db.select().from(venueRooms).where(and(eq(venueRooms.id, id), roomScope(ctx))).limit(1);
  return row;
}

export async function findBooking(ctx: Ctx, id: string): Promise<BookingRow | undefined> {
  const [row] = await ctx.db.select().from(venueBookings).where(and(eq(venueBookings.id, id), bookingScope(ctx))).limit(1);
  return row;
}

/**
 * A room's bookings that start within [from, to). A booking lies within one day's opening hours,
 * so those starting in the window are all that overlap it; the (room, starts_at) index answers it.
 */
export async function bookingsOf(db: Db, roomId: string, from: Date, to: Date): Promise<BookingRow[]> {
  return db
    .select()
    .from(venueBookings)
    .where(and(eq(venueBookings.roomId, roomId), gte(venueBookings.startsAt, from), lt(venueBookings.startsAt, to)))
    .orderBy(asc(venueBookings.startsAt), asc(venueBookings.id));
}

/** The live booking that a span would overlap (to name it in the refusal). */
export async function clashing(db: Db, roomId: string, startsAt: Date, endsAt: Date): Promise<BookingRow | undefined> {
  const [row] = await db
    .select()
    .from(venueBookings)
    .where(and(
      eq(venueBookings.roomId, roomId), eq(venueBookings.status, 'booked'),
      sql`tstzrange(${venueBookings.startsAt}, ${venueBookings.endsAt}, '[)') && tstzrange(${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, '[)')`,
    ))
    .limit(1);
  return row;
}

/**
 * Hours booked per room and China month, live bookings starting in [from, to) only: the
 * (station, starts_at) or (scope path, starts_at) index bounds the rows read by the months asked.
 */
export async function usage(ctx: Ctx, stationId: string | undefined, from: Date, to: Date, page: number, pageSize: number) {
  const month = sql<string>`to_char(${venueBookings.startsAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
  const where: SQL[] = [bookingScope(ctx), eq(venueBookings.status, 'booked'), gte(venueBookings.startsAt, from), lt(venueBookings.startsAt, to)];
  if (stationId) where.push(eq(venueBookings.stationId, stationId));
  const rows = ctx.db
    .select({
      roomId: venueBookings.roomId, roomName: venueRooms.name, stationId: venueBookings.stationId, month,
      bookings: sql<number>`count(*)::int`,
      hours: sql<number>`round((sum(extract(epoch FROM ${venueBookings.endsAt} - ${venueBookings.startsAt})) / 3600)::numeric, 2)::float8`,
    })
    .from(venueBookings)
    .innerJoin(venueRooms, eq(venueRooms.id, venueBookings.roomId))
    .where(and(...where))
    .groupBy(venueBookings.roomId, venueRooms.name, venueBookings.stationId, month)
    .orderBy(desc(month), asc(venueRooms.name), asc(venueBookings.roomId))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // Room-months in the range: the groups, counted without reading the rooms.
  const groups = ctx.db.select({ one: sql<number>`1`.as('one') }).from(venueBookings).where(and(...where)).groupBy(venueBookings.roomId, month).as('g');
  const [items, [n]] = await Promise.all([rows, ctx.db.select({ n: sql<number>`count(*)::int` }).from(groups)]);
  return { rows: items, total: n?.n ?? 0 };
}
