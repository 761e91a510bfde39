import dayjs from 'dayjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let worker: Session; // demo-worker, 鲸园街道's station
let town: Session; // demo-town, 鲸园街道 (reads)
let city: Session;
let otherWorker: Session;
let applicant: Session;
let jingyuan = '';
let room = '';

// A Monday some weeks ahead, China time.
const base = dayjs(chinaToday()).add(21, 'day');
const monday = base.add((8 - base.day()) % 7, 'day').format('YYYY-MM-DD');
const sunday = dayjs(monday).add(6, 'day').format('YYYY-MM-DD');
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;
const booking = (from: string, to: string, over: Record<string, unknown> = {}) => ({
  roomId: room, bookerKind: 'volunteer_team', bookerName: '鲸园青年志愿服务队', purpose: '志愿者培训', startsAt: at(monday, from), endsAt: at(monday, to), ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
  town = await t.login('demo-town');
  city = await t.login('demo-city');
  applicant = await t.login('demo-applicant');
  jingyuan = (await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002')))[0]?.id ?? '';
  // The next town's station (竹岛街道) in the same county.
  otherWorker = await t.userWith('zd.venues', ['station_worker'], { kind: 'station', regionCode: '371002003' });
  const res = await worker.post('/api/venues/rooms', { stationId: jingyuan, name: '多功能活动室', capacity: 30, opensAt: '08:30', closesAt: '17:30', openDays: [1, 2, 3, 4, 5] });
  if (res.statusCode !== 200) throw new Error(res.body);
  room = res.json<{ id: string }>().id;
}, 120_000);
afterAll(() => t.close());

describe('venue bookings', () => {
  it('refuses an overlapping booking of the room with a message naming the booking in the way; touching spans are fine', async () => {
    expect((await worker.post('/api/venues/bookings', booking('09:00', '11:00'))).statusCode).toBe(200);
    const clash = await worker.post('/api/venues/bookings', booking('10:30', '12:00', { bookerKind: 'partner', bookerName: '鲸园社区卫生服务站', purpose: '义诊' }));
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toContain('多功能活动室在该时段已被预约');
    expect(clash.json().error.message).toContain('鲸园青年志愿服务队');
    // Ends exactly when the next starts, or starts exactly when the first ends: allowed.
    expect((await worker.post('/api/venues/bookings', booking('08:30', '09:00'))).statusCode).toBe(200);
    expect((await worker.post('/api/venues/bookings', booking('11:00', '12:00', { bookerKind: 'applicant', bookerName: '市卫健委' }))).statusCode).toBe(200);
  });

  it('a cancelled booking frees its span', async () => {
    const b = await worker.post('/api/venues/bookings', booking('14:00', '15:00'));
    expect((await worker.post('/api/venues/bookings', booking('14:30', '15:30'))).statusCode).toBe(409);
    expect((await worker.post(`/api/venues/bookings/${b.json().id}/cancel`)).json().status).toBe('cancelled');
    expect((await worker.post('/api/venues/bookings', booking('14:30', '15:30'))).statusCode).toBe(200);
  });

  it('refuses bookings outside the opening hours', async () => {
    const early = await worker.post('/api/venues/bookings', booking('07:30', '09:00'));
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('超出开放时间');
    expect((await worker.post('/api/venues/bookings', booking('17:00', '18:00'))).statusCode).toBe(400);
    const closed = await worker.post('/api/venues/bookings', { ...booking('09:00', '10:00'), startsAt: at(sunday, '09:00'), endsAt: at(sunday, '10:00') });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toContain('周日不开放');
    expect((await worker.post('/api/venues/bookings', booking('11:00', '10:00'))).statusCode).toBe(400);
  });

  it('of two concurrent bookings of one span, exactly one is accepted', async () => {
    const day = dayjs(monday).add(1, 'day').format('YYYY-MM-DD');
    const b = { ...booking('09:00', '10:00'), startsAt: at(day, '09:00'), endsAt: at(day, '10:00') };
    const results = await Promise.all([worker.post('/api/venues/bookings', b), worker.post('/api/venues/bookings', { ...b, bookerName: '另一支队伍' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('counts hours per room per month from live bookings', async () => {
    const months = `fromMonth=${monday.slice(0, 7)}&toMonth=${dayjs(monday).add(1, 'day').format('YYYY-MM')}`;
    const usage = (await town.get(`/api/venues/usage?stationId=${jingyuan}&${months}`)).json<{ items: { roomId: string; month: string; hours: number; bookings: number }[] }>().items;
    const mine = usage.filter((u) => u.roomId === room);
    // Monday: 09–11, 08:30–09, 11–12, 14:30–15:30 (14–15 cancelled) = 4.5 h; Tuesday 09–10 = 1 h.
    expect(mine.reduce((n, u) => n + u.hours, 0)).toBe(5.5);
    expect(mine.reduce((n, u) => n + u.bookings, 0)).toBe(5);
    expect(mine[0]?.month).toMatch(/^\d{4}-\d{2}$/);
  });

  it('scope: another station neither sees nor books the room; the town and city read; applicants have no access', async () => {
    expect((await otherWorker.get(`/api/venues/rooms/${room}/bookings`)).statusCode).toBe(404);
    expect((await otherWorker.post('/api/venues/bookings', { ...booking('15:30', '16:00') })).statusCode).toBe(400);
    expect((await otherWorker.get('/api/venues/rooms')).json<{ items: { id: string }[] }>().items.map((r) => r.id)).not.toContain(room);
    expect((await otherWorker.post('/api/venues/rooms', { stationId: jingyuan, name: 'x', opensAt: '08:00', closesAt: '17:00', openDays: [1] })).statusCode).toBe(400);
    expect((await town.get(`/api/venues/rooms/${room}/bookings?from=${monday}&to=${sunday}`)).json<unknown[]>().length).toBeGreaterThan(0);
    expect((await town.post('/api/venues/bookings', booking('16:00', '17:00'))).statusCode).toBe(403);
    expect((await city.get(`/api/venues/rooms?stationId=${jingyuan}`)).json<{ items: { id: string }[] }>().items.map((r) => r.id)).toContain(room);
    expect((await applicant.get('/api/venues/rooms')).statusCode).toBe(403);
  });
});

describe('lists bounded by what they show', () => {
  it('rooms come a page at a time with the total', async () => {
    for (const name of ['活动室甲', '活动室乙', '活动室丙'])
      expect((await worker.post('/api/venues/rooms', { stationId: jingyuan, name, opensAt: '08:00', closesAt: '18:00', openDays: [1, 2, 3, 4, 5] })).statusCode).toBe(200);
    type Page = { items: { id: string; name: string }[]; total: number; page: number; pageSize: number };
    const first = (await town.get(`/api/venues/rooms?stationId=${jingyuan}&pageSize=2`)).json<Page>();
    const second = (await town.get(`/api/venues/rooms?stationId=${jingyuan}&pageSize=2&page=2`)).json<Page>();
    expect(first.total).toBe(4);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(4);
    expect((await town.get('/api/venues/rooms?pageSize=500')).statusCode).toBe(400);
  });

  it("a room's bookings come by week or month: a window shows those starting in it, China days", async () => {
    const week = (await town.get(`/api/venues/rooms/${room}/bookings?from=${monday}&to=${sunday}`)).json<{ startsAt: string }[]>();
    expect(week.length).toBe(6); // five live, one cancelled, Monday and Tuesday
    const tuesday = dayjs(monday).add(1, 'day').format('YYYY-MM-DD');
    const oneDay = (await town.get(`/api/venues/rooms/${room}/bookings?from=${tuesday}&to=${tuesday}`)).json<{ startsAt: string }[]>();
    expect(oneDay.map((b) => b.startsAt)).toEqual([new Date(at(tuesday, '09:00')).toISOString()]);
    const weekBefore = dayjs(monday).subtract(7, 'day').format('YYYY-MM-DD');
    expect((await town.get(`/api/venues/rooms/${room}/bookings?from=${weekBefore}&to=${dayjs(monday).subtract(1, 'day').format('YYYY-MM-DD')}`)).json<unknown[]>()).toEqual([]);
    const tooLong = await town.get(`/api/venues/rooms/${room}/bookings?from=${monday}&to=${dayjs(monday).add(60, 'day').format('YYYY-MM-DD')}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details.fields[0].path).toBe('to');
    expect((await town.get(`/api/venues/rooms/${room}/bookings?from=${monday}`)).statusCode).toBe(400);
  });

  it('usage counts only the months asked for', async () => {
    const next = dayjs(monday).add(1, 'month').format('YYYY-MM');
    const later = (await town.get(`/api/venues/usage?stationId=${jingyuan}&fromMonth=${next}&toMonth=${next}`)).json<{ items: { roomId: string }[]; total: number }>();
    expect(later.items.filter((u) => u.roomId === room)).toEqual([]);
    const before = dayjs(monday).subtract(1, 'month').format('YYYY-MM');
    const backwards = await town.get(`/api/venues/usage?fromMonth=${monday.slice(0, 7)}&toMonth=${before}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.fields[0].path).toBe('toMonth');
    const paged = (await town.get(`/api/venues/usage?stationId=${jingyuan}&fromMonth=${monday.slice(0, 7)}&toMonth=${next}&pageSize=1`)).json<{ items: unknown[]; total: number }>();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(1);
  });
});
