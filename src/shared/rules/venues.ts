// 服务场所使用管理 (二（四）): the station's rooms, booked without clashes and within opening hours.

export const BOOKER_KINDS = ['station', 'partner', 'volunteer_team', 'applicant'] as const;
export type BookerKind = (typeof BOOKER_KINDS)[number];
export const BOOKER_KIND_LABELS: Record<BookerKind, string> = {
  station: '社工站',
  partner: '合作单位',
  volunteer_team: '志愿服务队',
  applicant: '申请使用的部门',
};

export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The China wall clock of an instant: ISO weekday, day and 'HH:MM' (China keeps UTC+8 all year). */
function chinaClock(at: Date): { day: string; weekday: number; time: string } {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  const iso = d.toISOString();
  return { day: iso.slice(0, 10), weekday: ((d.getUTCDay() + 6) % 7) + 1, time: iso.slice(11, 16) };
}

/**
 * Why a span lies outside a room's opening hours, or null when it lies within: on one China day,
 * an open weekday, from opening to closing time.
 */
export function outsideOpeningHours(
  room: { opensAt: string; closesAt: string; openDays: readonly number[] },
  startsAt: Date,
  endsAt: Date,
): string | null {
  const s = chinaClock(startsAt);
  const e = chinaClock(endsAt);
  const hours = `开放时间为${room.openDays.map((d) => WEEKDAY_LABELS[d] ?? '').join('、')} ${room.opensAt}–${room.closesAt}`;
  const sameDay = s.day === e.day || (e.time === '00:00' && endsAt.getTime() - startsAt.getTime() <= 24 * 3600 * 1000);
  if (!sameDay) return `预约须在同一天内（${hours}）`;
  if (!room.openDays.includes(s.weekday)) return `该场所${WEEKDAY_LABELS[s.weekday]}不开放（${hours}）`;
  const end = e.time === '00:00' && e.day !== s.day ? '24:00' : e.time;
  if (s.time < room.opensAt || end > room.closesAt) return `预约时段超出开放时间（${hours}）`;
  return null;
}
