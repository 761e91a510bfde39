import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every calendar rule of the plan counts China calendar days, whatever the server's zone. */
export const CHINA_TZ = 'Asia/Shanghai';

/**
 * One formatter for every call: dayjs's tz() builds an Intl formatter per call (about 0.5 ms
 * on a busy machine; 10 s of a province's year calendar, 18,000 reports, went there).
 */
const chinaDayFormat = new Intl.DateTimeFormat('en-US', { timeZone: CHINA_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** From 1992 China keeps UTC+8 all year (no summer time since 1991): the day is plain arithmetic. */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
/** Past this the China day is in year 10000, which toISOString writes with six digits. */
const FOUR_DIGIT_YEARS_END = Date.UTC(10000, 0, 1) - CHINA_OFFSET_MS;

/** The China calendar day (YYYY-MM-DD) on which an instant falls. */
export function chinaDay(instant: Date | string | number): string {
  // Strings keep dayjs's parsing (a date-only string is local midnight there, UTC for Date).
  if (typeof instant === 'string') return dayjs(instant).tz(CHINA_TZ).format('YYYY-MM-DD');
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // The formatter costs microseconds per call: a province's calendar asks hundreds of times.
  if (ms >= FIXED_OFFSET_SINCE && ms < FOUR_DIGIT_YEARS_END) return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const parts = chinaDayFormat.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function chinaToday(now: Date = new Date()): string {
  return chinaDay(now);
}

/** Date and time in China, for display and documents. */
export function chinaDateTime(instant: Date | string | number): string {
  return dayjs(instant).tz(CHINA_TZ).format('YYYY-MM-DD HH:mm:ss');
}

/** True when the string is a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value, 'YYYY-MM-DD').format('YYYY-MM-DD') === value;
}
