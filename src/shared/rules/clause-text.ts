/**
 * A clause of the implementation plan in words a town officer reads: '四（四）' → '第四部分第（四）条',
 * '三（一）（二）' → '第三部分第（一）（二）条', '二（一）1–4' → '第二部分第（一）条第1–4项'. A citation that is
 * not a clause of the plan (a standard, a law) is returned as it is.
 */
export function clauseText(clause: string): string {
  const m = /^([一二三四五六七八九十]+)((?:（[一二三四五六七八九十]+）)+)(.*)$/.exec(clause);
  if (!m) return clause;
  const [, part, items, rest] = m;
  return `第${part}部分第${items}条${rest ? `第${rest}项` : ''}`;
}
