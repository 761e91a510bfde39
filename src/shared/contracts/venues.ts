import { z } from 'zod';
import { BOOKER_KINDS } from '../rules/venues';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, route } from './http';

// 服务场所使用管理: the stations' rooms, their bookings and the hours they were used.

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: '请输入时间（HH:MM）' });

export const roomInput = z
  .strictObject({
    /** Absent: the signed-in worker's own station. */
    stationId: z.uuid().optional(),
    name: nonEmpty('场所名称', 50),
    shared: z.boolean().default(false),
    capacity: z.number().int().min(0).max(10000).default(0),
    opensAt: clock,
    closesAt: clock,
    openDays: z.array(z.number().int().min(1).max(7)).min(1, { error: '请选择开放日' }).max(7),
  })
  .refine((b) => b.closesAt > b.opensAt, { path: ['closesAt'], error: '关闭时间须晚于开放时间' });

export const roomSchema = z.object({
  id: z.string(), stationId: z.string(), stationName: z.string(), name: z.string(), shared: z.boolean(), capacity: z.number().int(),
  opensAt: z.string(), closesAt: z.string(), openDays: z.array(z.number().int()),
});
export type Room = z.infer<typeof roomSchema>;

export const bookingInput = z
  .strictObject({
    roomId: z.uuid(),
    bookerKind: z.enum(BOOKER_KINDS, { error: '请选择预约方' }),
    bookerName: nonEmpty('预约单位或团队', 100),
    purpose: nonEmpty('用途', 300),
    startsAt: z.iso.datetime({ offset: true, error: '请输入开始时间' }),
    endsAt: z.iso.datetime({ offset: true, error: '请输入结束时间' }),
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), { path: ['endsAt'], error: '结束时间须晚于开始时间' });

export const bookingSchema = z.object({
  id: z.string(), roomId: z.string(), roomName: z.string(), bookerKind: z.enum(BOOKER_KINDS), bookerName: z.string(), purpose: z.string(),
  startsAt: z.string(), endsAt: z.string(), status: z.enum(['booked', 'cancelled']),
});
export type Booking = z.infer<typeof bookingSchema>;

export const listRooms = route({
  method: 'GET', path: '/api/venues/rooms', summary: '服务场所（含共用的村居、镇街场所），分页', tag: 'venues',
  permission: 'venue:read', query: z.strictObject({ stationId: z.uuid().optional(), ...pagingQuery }), response: pageOf(roomSchema),
});

export const createRoom = route({
  method: 'POST', path: '/api/venues/rooms', summary: '登记服务场所及开放时间', tag: 'venues',
  permission: 'venue:write', body: roomInput, response: roomSchema,
});

/**
 * A window of China calendar days, both ends included: a week or a month of a room's bookings.
 * Absent, the current week (Monday to Sunday).
 */
export const MAX_BOOKING_WINDOW_DAYS = 42;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
export const bookingWindowQuery = z
  .strictObject({ from: calendarDate.optional(), to: calendarDate.optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { path: ['to'], error: '请同时给出开始和结束日期' })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { path: ['to'], error: '结束日期不能早于开始日期' })
  .refine((q) => !q.from || !q.to || dayNumber(q.to) - dayNumber(q.from) < MAX_BOOKING_WINDOW_DAYS, { path: ['to'], error: `一次最多查看${MAX_BOOKING_WINDOW_DAYS}天的预约` });

export const listBookings = route({
  method: 'GET', path: '/api/venues/rooms/:id/bookings', summary: '场所在一周或一个月内的预约', tag: 'venues',
  permission: 'venue:read', params: idParams, query: bookingWindowQuery, response: z.array(bookingSchema),
});

export const createBooking = route({
  method: 'POST', path: '/api/venues/bookings', summary: '预约场所（与已有预约冲突或超出开放时间的被拒绝）', tag: 'venues',
  permission: 'venue:write', body: bookingInput, response: bookingSchema,
});

export const cancelBooking = route({
  method: 'POST', path: '/api/venues/bookings/:id/cancel', summary: '取消预约', tag: 'venues',
  permission: 'venue:write', params: idParams, response: bookingSchema,
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '请输入月份（YYYY-MM）' });
const monthNumber = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
export const MAX_USAGE_MONTHS = 24;

/** Absent months: the twelve months up to the current one. */

export const venueUsage = route({
  method: 'GET', path: '/api/venues/usage', summary: '各场所每月使用时长（小时），按月份区间，分页', tag: 'venues',
  permission: 'venue:read',
  query: z
    .strictObject({ stationId: z.uuid().optional(), fromMonth: month.optional(), toMonth: month.optional(), ...pagingQuery })
    .refine((q) => (q.fromMonth === undefined) === (q.toMonth === undefined), { path: ['toMonth'], error: '请同时给出开始和结束月份' })
    .refine((q) => !q.fromMonth || !q.toMonth || q.toMonth >= q.fromMonth, { path: ['toMonth'], error: '结束月份不能早于开始月份' })
    .refine((q) => !q.fromMonth || !q.toMonth || monthNumber(q.toMonth) - monthNumber(q.fromMonth) < MAX_USAGE_MONTHS, { path: ['toMonth'], error: `一次最多统计${MAX_USAGE_MONTHS}个月` }),
  response: pageOf(z.object({ roomId: z.string(), roomName: z.string(), stationName: z.string(), month: z.string(), bookings: z.number().int(), hours: z.number() })),
});
