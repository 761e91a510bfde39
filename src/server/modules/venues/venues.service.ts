import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/venues';
import { chinaDay, chinaToday } from '../../../shared/rules/china-date';
import { BOOKER_KIND_LABELS, outsideOpeningHours } from '../../../shared/rules/venues';
import { venueBookings, venueRooms } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound } from '../../platform/errors';
import { stationFor } from '../service-records/station-for';
import { stationNames } from '../stations/stations.repo';
import * as repo from './venues.repo';
import type { BookingRow, RoomRow } from './venues.repo';

type RoomDto = z.input<typeof c.roomSchema>;
type BookingDto = z.input<typeof c.bookingSchema>;

const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const span = (b: { startsAt: Date; endsAt: Date }) => `${CHINA_TIME.format(b.startsAt)}–${CHINA_TIME.format(b.endsAt).split(' ').pop() ?? ''}`;

async function roomDtos(ctx: Ctx, rows: RoomRow[]): Promise<RoomDto[]> {
  const names = await stationNames(ctx.db, [...new Set(rows.map((r) => r.stationId))]);
  return rows.map((r) => ({
    id: r.id, stationId: r.stationId, stationName: names.get(r.stationId) ?? '', name: r.name, shared: r.shared, capacity: r.capacity,
    opensAt: r.opensAt, closesAt: r.closesAt, openDays: r.openDays,
  }));
}

const bookingDto = (b: BookingRow, roomName: string): BookingDto => ({
  id: b.id, roomId: b.roomId, roomName, bookerKind: b.bookerKind, bookerName: b.bookerName, purpose: b.purpose,
  startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), status: b.status,
});

export async function rooms(ctx: Ctx, q: z.output<typeof c.listRooms.query>) {
  const { rows, total } = await repo.rooms(ctx, q.stationId, q.page, q.pageSize);
  return { items: await roomDtos(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

// China has no daylight saving: a China day or month starts at 00:00 +08:00.
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(chinaMidnight(day).getTime() + 86_400_000);
const addMonths = (month: string, n: number) => {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};
/** The current China week, Monday to Sunday. */
function thisWeek(): { from: string; to: string } {
  const today = chinaToday();
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const monday = chinaDay(chinaMidnight(today).getTime() - (weekday - 1) * 86_400_000);
  return { from: monday, to: chinaDay(chinaMidnight(monday).getTime() + 6 * 86_400_000) };
}

export async function createRoom(ctx: Ctx, body: z.output<typeof c.roomInput>): Promise<RoomDto> {
  const station = await stationFor(ctx, body.stationId ?? null);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(venueRooms)
      .values({ name: body.name, shared: body.shared, capacity: body.capacity, opensAt: body.opensAt, closesAt: body.closesAt, openDays: [...new Set(body.openDays)].sort(), stationId: station.station.id, scopePath: station.station.scopePath })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'venue.room.create', objectType: 'venue_room', objectId: row.id, after: { name: row.name, shared: row.shared, opensAt: row.opensAt, closesAt: row.closesAt, openDays: row.openDays } });
    const [d] = await roomDtos(tx, [row]);
    if (!d) throw new Error('no dto');
    return d;
  });
}

/** A room's bookings from one China day to another (both included): a week or a month. */
export async function bookings(ctx: Ctx, roomId: string, q: z.output<typeof c.listBookings.query>): Promise<BookingDto[]> {
  const room = await repo.findRoom(ctx, roomId);
  if (!room) throw notFound('服务场所');
  const { from, to } = q.from && q.to ? { from: q.from, to: q.to } : thisWeek();
  return (await repo.bookingsOf(ctx.db, room.id, chinaMidnight(from), nextDay(to))).map((b) => bookingDto(b, room.name));
}

/** 23P01: the exclusion constraint refused an overlapping booking. */
function isExclusionViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: unknown };
  if (e?.code === '23P01') return true;
  return e?.cause !== undefined && isExclusionViolation(e.cause);
}

/**
 * Books a room within its opening hours. The database refuses a span overlapping a live booking
 * of the room (also the second of two at once); the refusal names the booking in the way.
 */
export async function book(ctx: Ctx, body: z.output<typeof c.bookingInput>): Promise<BookingDto> {
  const room = await repo.findRoom(ctx, body.roomId);
  if (!room) throw invalid([{ path: 'roomId', message: '请选择您管辖范围内的服务场所' }]);
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const why = outsideOpeningHours(room, startsAt, endsAt);
  if (why) throw invalid([{ path: 'startsAt', message: why }], why);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(venueBookings)
        .values({ ...body, startsAt, endsAt, stationId: room.stationId, scopePath: room.scopePath, createdBy: actorOf(tx).id })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, {
        action: 'venue.booking.create', objectType: 'venue_booking', objectId: row.id,
        detail: `${room.name} ${span(row)} ${BOOKER_KIND_LABELS[row.bookerKind]}「${row.bookerName}」：${row.purpose}`,
      });
      return bookingDto(row, room.name);
    });
  } catch (err) {
    if (!isExclusionViolation(err)) throw err;
    const other = await repo.clashing(ctx.db, room.id, startsAt, endsAt);
    throw new AppError('CONFLICT', other
      ? `${room.name}在该时段已被预约：${span(other)} ${other.bookerName}（${other.purpose}），请换一个时段或场所`
      : `${room.name}在该时段已被预约，请换一个时段或场所`);
  }
}

export async function cancel(ctx: Ctx, id: string): Promise<BookingDto> {
  const b = await repo.findBooking(ctx, id);
  if (!b) throw notFound('预约');
  if (b.status !== 'booked') throw new AppError('CONFLICT', '该预约已取消');
  return inTransaction(ctx, async (tx) => {
    // Conditional: of two cancels at once, one changes the row and writes the audit entry.
    const [after] = await tx.db.update(venueBookings).set({ status: 'cancelled' }).where(and(eq(venueBookings.id, id), eq(venueBookings.status, 'booked'))).returning();
    if (!after) throw new AppError('CONFLICT', '该预约已取消');
    const [room] = await tx.db.select({ name: venueRooms.name }).from(venueRooms).where(eq(venueRooms.id, after.roomId));
    await writeAudit(tx, { action: 'venue.booking.cancel', objectType: 'venue_booking', objectId: id, detail: `${room?.name ?? ''} ${span(after)} ${after.bookerName}` });
    return bookingDto(after, room?.name ?? '');
  });
}

/** Hours used per room-month, for the months asked (newest first), one page of room-months. */
export async function usage(ctx: Ctx, q: z.output<typeof c.venueUsage.query>) {
  const toMonth = q.toMonth ?? chinaToday().slice(0, 7);
  const fromMonth = q.fromMonth ?? addMonths(toMonth, -11);
  const { rows, total } = await repo.usage(ctx, q.stationId, chinaMidnight(`${fromMonth}-01`), chinaMidnight(`${addMonths(toMonth, 1)}-01`), q.page, q.pageSize);
  const names = await stationNames(ctx.db, [...new Set(rows.map((r) => r.stationId))]);
  const items = rows.map((r) => ({ roomId: r.roomId, roomName: r.roomName, stationName: names.get(r.stationId) ?? '', month: r.month, bookings: r.bookings, hours: Number(r.hours) }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
