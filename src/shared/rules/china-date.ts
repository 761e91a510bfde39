import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every calendar rule of the plan counts China calendar days, whatever the server's zone. */
export const CHINA_TZ = 'Asia/Shanghai';

/** The China calendar day (YYYY-MM-DD) on which an instant falls. */
export function chinaDay(instant: Date | string | number): string {
  return dayjs(instant).tz(CHINA_TZ).format('YYYY-MM-DD');
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
