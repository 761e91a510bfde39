import { describe, expect, it } from 'vitest';
import { birthDateOf, fullYearsOn, idNumberProblem, maskIdNumber, maskPhone, normaliseIdNumber, sexOf } from './id-number';

const today = '2026-11-29';

describe('GB 11643 citizen ID number (public vectors)', () => {
  it.each([
    ['11010519491231002X', 'female', '1949-12-31'],
    ['440524188001010014', 'male', '1880-01-01'],
    ['34052419800101001X', 'male', '1980-01-01'],
    ['513101198201130014', 'male', '1982-01-13'],
  ])('accepts %s (%s, born %s)', (id, sex, birth) => {
    expect(idNumberProblem(id, today)).toBeNull();
    expect(sexOf(id)).toBe(sex);
    expect(birthDateOf(id)).toBe(birth);
  });
  it('accepts a lower-case x and stores it upper-case', () => {
    expect(idNumberProblem('11010519491231002x', today)).toBeNull();
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
  it.each([
    ['110105194912310021', 'check'],
    ['440524189001010014', 'check'],
    ['11020519491231002X', 'check'],
    ['110105194913310021', 'birthDate'],
  ])('refuses %s (%s)', (id, problem) => {
    expect(idNumberProblem(id, today)).toBe(problem);
  });
  it('refuses a malformed number and a birth date in the future', () => {
    expect(idNumberProblem('1101051949123100', today)).toBe('format');
    expect(idNumberProblem('11010519491231002Y', today)).toBe('format');
    // born 2026-12-01 with a correct check character
    const future = '11010520261201001';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...future].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
    expect(idNumberProblem(future + '10X98765432'.charAt(sum % 11), today)).toBe('future');
  });
});

describe('周岁 on a date', () => {
  it('completes a year on the birthday itself', () => {
    expect(fullYearsOn('1980-06-15', '2025-06-14')).toBe(44);
    expect(fullYearsOn('1980-06-15', '2025-06-15')).toBe(45);
    expect(fullYearsOn('1980-06-15', '2026-06-14')).toBe(45);
    expect(fullYearsOn('1980-06-15', '2026-06-15')).toBe(46);
  });
  it('completes the year of a 29 February birthday on 28 February in common years (民法典第二百零二条: 月末日)', () => {
    expect(fullYearsOn('2000-02-29', '2018-02-27')).toBe(17);
    expect(fullYearsOn('2000-02-29', '2018-02-28')).toBe(18);
  });
});

describe('masking', () => {
  it('shows the first and last four characters of an ID number', () => {
    expect(maskIdNumber('37100219800101123X')).toBe('3710**********123X');
  });
  it('masks mobiles and fixed lines', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0631-5201234')).toBe('0631-***1234');
  });
});
