import { describe, expect, it } from 'vitest';
import { certificateNumber, hoursProblem, isMinorVolunteer, spansOverlap } from './volunteers';

describe('volunteer rules', () => {
  it('R-VOLUNTEER-MINOR: a minor until the 18th birthday', () => {
    expect(isMinorVolunteer('2008-12-01', '2026-11-30')).toBe(true);
    expect(isMinorVolunteer('2008-11-30', '2026-11-30')).toBe(false);
  });

  it('R-VOLUNTEER-HOURS: at most the span, at most 12 hours a day, never in the future', () => {
    const span = { date: '2026-11-29', startTime: '09:00', endTime: '11:00', minutes: 120 };
    expect(hoursProblem(span, '2026-11-30', 0)).toBeNull();
    expect(hoursProblem({ ...span, minutes: 121 }, '2026-11-30', 0)).toContain('超过了起止时间之差');
    expect(hoursProblem(span, '2026-11-30', 600)).toBeNull();
    expect(hoursProblem(span, '2026-11-30', 601)).toContain('超过每日12小时');
    expect(hoursProblem({ ...span, endTime: '09:00' }, '2026-11-30', 0)).toContain('结束时间须晚于开始时间');
    expect(hoursProblem(span, '2026-11-28', 0)).toContain('尚未发生');
  });

  it('spans overlap when they share a minute; touching ends do not', () => {
    const a = { date: '2026-11-29', startTime: '09:00', endTime: '11:00' };
    expect(spansOverlap(a, { ...a, startTime: '10:59', endTime: '12:00' })).toBe(true);
    expect(spansOverlap(a, { ...a, startTime: '11:00', endTime: '12:00' })).toBe(false);
    expect(spansOverlap(a, { ...a, date: '2026-11-28' })).toBe(false);
  });

  it('numbers certificates per issuer and year, four digits', () => {
    expect(certificateNumber('鲸园街道社工站', 2026, 7)).toBe('鲸园街道社工站志证〔2026〕第0007号');
  });
});
