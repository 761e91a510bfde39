// Values the journeys compute themselves, independent of the app they check.

/** The China calendar day, YYYY-MM-DD (the journeys run with the browser in Asia/Shanghai). */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Last month as YYYY-MM, from a YYYY-MM-DD day. */
export function lastMonth(today = chinaToday()): string {
  const [y, mo] = today.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** GB 11643-1999: the ID number with the check character of its first 17 digits. */
export function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}
