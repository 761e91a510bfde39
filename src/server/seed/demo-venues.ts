import dayjs from 'dayjs';
import { asc, eq, inArray } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import type { BookerKind } from '../../shared/rules/venues';
import type { Db } from '../db/client';
import { stations, users, venueBookings, venueRooms } from '../db/schema';

const ROOMS = [
  { name: '多功能活动室', shared: false, capacity: 30 },
  { name: '个案咨询室', shared: false, capacity: 4 },
  { name: '社区议事厅（村居共用）', shared: true, capacity: 60 },
];
const BOOKERS: { kind: BookerKind; name: string; purpose: string }[] = [
  { kind: 'station', name: '驻站社工', purpose: '老年人小组活动' },
  { kind: 'volunteer_team', name: '青年志愿服务队', purpose: '志愿者培训' },
  { kind: 'partner', name: '社区卫生服务站', purpose: '健康义诊' },
  { kind: 'applicant', name: '威海市卫生健康委员会', purpose: '老年人健康知识讲座' },
];

/** Rooms at three stations (鲸园、竹岛 and one of 文登区) with weekday bookings over the past eight weeks and the next two. */
export async function seedVenuesDemo(db: Db): Promise<void> {
  if ((await db.select({ id: venueRooms.id }).from(venueRooms).limit(1)).length > 0) return;
  const chosen = await db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(inArray(stations.townCode, ['371002002', '371002003', '371003001']))
    .orderBy(asc(stations.townCode));
  const [worker] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-worker'));
  const today = dayjs(chinaToday());
  for (const [si, s] of chosen.entries()) {
    const rooms = await db
      .insert(venueRooms)
      .values(ROOMS.slice(0, si === 0 ? 3 : 2).map((r) => ({ ...r, stationId: s.id, scopePath: s.scopePath, opensAt: '08:30', closesAt: '17:30', openDays: [1, 2, 3, 4, 5] })))
      .returning({ id: venueRooms.id });
    const rows: (typeof venueBookings.$inferInsert)[] = [];
    for (let d = -56; d <= 14; d++) {
      const day = today.add(d, 'day');
      if (day.day() === 0 || day.day() === 6) continue;
      rooms.forEach((room, ri) => {
        if ((d + ri + si) % 3 !== 0) return;
        const b = BOOKERS[(d + 56 + ri) % BOOKERS.length];
        if (!b) return;
        const from = 9 + ((d + 56 + ri) % 3) * 2;
        const date = day.format('YYYY-MM-DD');
        rows.push({
          roomId: room.id, stationId: s.id, scopePath: s.scopePath, bookerKind: b.kind, bookerName: b.name, purpose: b.purpose,
          startsAt: new Date(`${date}T${String(from).padStart(2, '0')}:00:00+08:00`), endsAt: new Date(`${date}T${String(from + 2).padStart(2, '0')}:00:00+08:00`),
          createdBy: worker?.id ?? null,
        });
      });
    }
    if (rows.length) await db.insert(venueBookings).values(rows);
  }
}
