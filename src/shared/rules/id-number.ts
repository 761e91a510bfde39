import dayjs from 'dayjs';
import { isCalendarDate } from './china-date';

/** GB 11643-1999 citizen ID number (公民身份号码): 17 digits and a check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'format' | 'check' | 'birthDate' | 'future';

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为18位：17位数字加1位校验码（数字或X）',
  check: '身份证号校验码不正确（GB 11643-1999）',
  birthDate: '身份证号中的出生日期不是有效日期',
  future: '身份证号中的出生日期晚于今天',
};

/** Upper-cases the check character and trims: `11010519491231002x` → `…002X`. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK.charAt(sum % 11);
}

/** Why the number is invalid on `today` (a China calendar day), or null when valid. */
export function idNumberProblem(raw: string, today: string): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (idNumberCheckChar(id.slice(0, 17)) !== id.charAt(17)) return 'check';
  const birth = birthDateOf(id);
  if (!isCalendarDate(birth)) return 'birthDate';
  if (birth > today) return 'future';
  return null;
}

/** YYYY-MM-DD from digits 7–14 (not checked here). */
export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Digit 17: odd male, even female. */
export function sexOf(id: string): 'male' | 'female' {
  return Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female';
}

/** 周岁: whole years of life on a date; the birthday itself completes the year. */
export function fullYearsOn(birthDate: string, onDate: string): number {
  return dayjs(onDate).diff(dayjs(birthDate), 'year');
}

/** `3710**********123X`: the first 4 and last 4 characters, as the server shows everywhere. */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** `138****5678` for mobiles; fixed lines keep the area code and the last 4 digits. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  const area = phone.includes('-') ? phone.slice(0, phone.indexOf('-') + 1) : '';
  return `${area}${'*'.repeat(Math.max(0, phone.length - area.length - 4))}${phone.slice(-4)}`;
}
