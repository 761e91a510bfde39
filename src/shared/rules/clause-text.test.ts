import { describe, expect, it } from 'vitest';
import { RULES } from './catalog';
import { clauseText } from './clause-text';

describe('clauseText', () => {
  it('reads the plan clauses as words', () => {
    expect(clauseText('四（四）')).toBe('第四部分第（四）条');
    expect(clauseText('三（一）（二）')).toBe('第三部分第（一）（二）条');
    expect(clauseText('二（一）1–4')).toBe('第二部分第（一）条第1–4项');
  });
  it('reads every clause the catalogue cites', () => {
    for (const rule of Object.values(RULES)) {
      const text = clauseText(rule.clause);
      // Either a clause of the plan in words, or a citation that was never a plan clause.
      if (/^[一二三四五六七八九十]+（/.test(rule.clause)) expect(text, rule.id).toMatch(/^第[一二三四五六七八九十]+部分第（/);
      else expect(text, rule.id).toBe(rule.clause);
    }
    expect(clauseText('二（一）')).toBe('第二部分第（一）条');
  });
  it('leaves other citations as they are', () => {
    expect(clauseText('MZ/T 094-2017')).toBe('MZ/T 094-2017');
    expect(clauseText('个人信息保护法第三十一条')).toBe('个人信息保护法第三十一条');
  });
});
