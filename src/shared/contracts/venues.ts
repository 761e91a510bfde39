import { z } from 'zod';
import { BOOKER_KINDS } from '../rules/venues';
import { idParams, nonEmpty, route } from './http';

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
  method: 'GET', path: '/api/venues/rooms', summary: '服务场所（含共用的村居、镇街场所）', tag: 'venues',
  permission: 'venue:read', query: z.strictObject({ stationId: z.uuid().optional() }), response: z.array(roomSchema),
});

export const createRoom = route({
  method: 'POST', path: '/api/venues/rooms', summary: '登记服务场所及开放时间', tag: 'venues',
  permission: 'venue:write', body: roomInput, response: roomSchema,
});

export const listBookings = route({
  method: 'GET', path: '/api/venues/rooms/:id/bookings', summary: '场所的预约', tag: 'venues',
  permission: 'venue:read', params: idParams, response: z.array(bookingSchema),
});

export const createBooking = route({
  method: 'POST', path: '/api/venues/bookings', summary: '预约场所（与已有预约冲突或超出开放时间的被拒绝）', tag: 'venues',
  permission: 'venue:write', body: bookingInput, response: bookingSchema,
});

export const cancelBooking = route({
  method: 'POST', path: '/api/venues/bookings/:id/cancel', summary: '取消预约', tag: 'venues',
  permission: 'venue:write', params: idParams, response: bookingSchema,
});

export const venueUsage = route({
  method: 'GET', path: '/api/venues/usage', summary: '各场所每月使用时长（小时）', tag: 'venues',
  permission: 'venue:read', query: z.strictObject({ stationId: z.uuid().optional() }),
  response: z.array(z.object({ roomId: z.string(), roomName: z.string(), stationName: z.string(), month: z.string(), bookings: z.number().int(), hours: z.number() })),
});
