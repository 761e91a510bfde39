import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { venueBookings, venueRooms } from '../../db/schema';
import type { Db } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { stationRecordScope } from '../../platform/scope';

export type RoomRow = typeof venueRooms.$inferSelect;
export type BookingRow = typeof venueBookings.$inferSelect;

/** Rooms and bookings are the station's own: region scopes by path, an organisation by the stations it serves. */
export const roomScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: venueRooms.scopePath, stationId: venueRooms.stationId });
export const bookingScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: venueBookings.scopePath, stationId: venueBookings.stationId });

export async function rooms(ctx: Ctx, stationId: string | undefined): Promise<RoomRow[]> {
  const where: SQL[] = [roomScope(ctx)];
  if (stationId) where.push(eq(venueRooms.stationId, stationId));
  return ctx.db.select().from(venueRooms).where(and(...where)).orderBy(asc(venueRooms.stationId), asc(venueRooms.shared), asc(venueRooms.name));
}

export async function findRoom(ctx: Ctx, id: string): Promise<RoomRow | undefined> {
  const [row] = await ctx.db.select().from(venueRooms).where(and(eq(venueRooms.id, id), roomScope(ctx))).limit(1);
  return row;
}

export async function findBooking(ctx: Ctx, id: string): Promise<BookingRow | undefined> {
  const [row] = await ctx.db.select().from(venueBookings).where(and(eq(venueBookings.id, id), bookingScope(ctx))).limit(1);
  return row;
}

export async function bookingsOf(db: Db, roomId: string): Promise<BookingRow[]> {
  return db.select().from(venueBookings).where(eq(venueBookings.roomId, roomId)).orderBy(asc(venueBookings.startsAt));
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

/** Hours booked per room and China month, live bookings only. */
export async function usage(ctx: Ctx, stationId: string | undefined) {
  const month = sql<string>`to_char(${venueBookings.startsAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
  const where: SQL[] = [bookingScope(ctx), eq(venueBookings.status, 'booked')];
  if (stationId) where.push(eq(venueBookings.stationId, stationId));
  return ctx.db
    .select({
      roomId: venueBookings.roomId, roomName: venueRooms.name, stationId: venueBookings.stationId, month,
      bookings: sql<number>`count(*)::int`,
      hours: sql<number>`round((sum(extract(epoch FROM ${venueBookings.endsAt} - ${venueBookings.startsAt})) / 3600)::numeric, 2)::float8`,
    })
    .from(venueBookings)
    .innerJoin(venueRooms, eq(venueRooms.id, venueBookings.roomId))
    .where(and(...where))
    .groupBy(venueBookings.roomId, venueRooms.name, venueBookings.stationId, month)
    .orderBy(month, venueRooms.name);
}
