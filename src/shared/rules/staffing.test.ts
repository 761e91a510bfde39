import { describe, expect, it } from 'vitest';
import {
  certificateDeadline,
  certificateDue,
  isRelatedMajor,
  postingBreaches,
  qualifiedBy,
  trainingHoursInWindow,
  type WorkerQualifications,
} from './staffing';

const base: WorkerQualifications = {
  birthDate: '1980-06-15',
  education: 'bachelor',
  major: '社会工作',
  certificates: [],
  trainings: [],
};

describe('R-STAFF-AGE: ≤ 45 full years on the posting date', () => {
  it('45 on the posting date passes; 46 on the birthday itself fails', () => {
    expect(postingBreaches(base, '2026-06-14')).toEqual([]); // 45, one day before turning 46
    const breaches = postingBreaches(base, '2026-06-15'); // turns 46 that day
    expect(breaches.map((b) => b.rule)).toEqual(['R-STAFF-AGE']);
    expect(breaches[0]?.message).toBe('该社工在上岗日已满46周岁，超过“45周岁以下”的要求');
  });
});

describe('R-STAFF-EDU: 大专 or higher', () => {
  it('accepts 大专 and refuses 高中', () => {
    expect(postingBreaches({ ...base, education: 'junior_college' }, '2021-01-01')).toEqual([]);
    const b = postingBreaches({ ...base, education: 'senior_high', certificates: [{ level: 'assistant', obtainedOn: '2020-01-01' }] }, '2021-01-01');
    expect(b.map((x) => x.rule)).toEqual(['R-STAFF-EDU']);
  });
});

describe('R-STAFF-QUAL', () => {
  const untrained = { ...base, major: '会计学' };
  it('is met by a certificate obtained by the posting date, not after', () => {
    const w = { ...untrained, certificates: [{ level: 'assistant' as const, obtainedOn: '2021-05-01' }] };
    expect(qualifiedBy(w, '2021-05-01')).toBe('certificate');
    expect(qualifiedBy(w, '2021-04-30')).toBeNull();
  });
  it('is met by a related major at 大专 or higher', () => {
    expect(isRelatedMajor('社会学')).toBe(true);
    expect(isRelatedMajor('社区管理与服务')).toBe(true);
    expect(isRelatedMajor('计算机')).toBe(false);
    expect(qualifiedBy(base, '2021-01-01')).toBe('major');
  });
  it('counts 120 training hours within the five years up to the posting date, both ends inclusive', () => {
    const w = { ...untrained, trainings: [{ date: '2016-03-01', hours: 60 }, { date: '2021-03-01', hours: 60 }] };
    expect(trainingHoursInWindow(w.trainings, '2021-03-01')).toBe(120);
    expect(qualifiedBy(w, '2021-03-01')).toBe('training'); // 2016-03-01 is exactly five years before
    expect(qualifiedBy(w, '2021-03-02')).toBeNull(); // the first course has left the window
    expect(qualifiedBy({ ...w, trainings: [{ date: '2021-03-01', hours: 119.5 }] }, '2021-03-01')).toBeNull();
  });
  it('explains a refusal in Chinese with the hours counted', () => {
    const b = postingBreaches({ ...untrained, trainings: [{ date: '2020-01-01', hours: 40 }] }, '2021-01-01');
    expect(b.map((x) => x.rule)).toEqual(['R-STAFF-QUAL']);
    expect(b[0]?.message).toContain('近五年培训累计40小时');
  });
});

describe('R-STAFF-CERT3Y', () => {
  const trained = { ...base, major: '会计学', trainings: [{ date: '2020-01-01', hours: 120 }] };
  it('sets the deadline three years after the first posting', () => {
    expect(certificateDeadline('2021-03-01')).toBe('2024-03-01');
  });
  it('warns from 180 days before, is due on the deadline day, overdue the day after', () => {
    expect(certificateDue(trained, '2021-03-01', '2023-09-02')).toEqual({ state: 'ok' }); // 181 days left
    expect(certificateDue(trained, '2021-03-01', '2023-09-03')).toMatchObject({ state: 'warning', daysLeft: 180 });
    expect(certificateDue(trained, '2021-03-01', '2024-03-01')).toMatchObject({ state: 'warning', daysLeft: 0 });
    expect(certificateDue(trained, '2021-03-01', '2024-03-02')).toMatchObject({ state: 'overdue', deadline: '2024-03-01' });
  });
  it('is cleared by a certificate, and does not apply to a related major', () => {
    const certified = { ...trained, certificates: [{ level: 'assistant' as const, obtainedOn: '2024-02-01' }] };
    expect(certificateDue(certified, '2021-03-01', '2024-06-01')).toEqual({ state: 'ok' });
    expect(certificateDue({ ...trained, major: '社会工作' }, '2021-03-01', '2024-06-01')).toEqual({ state: 'ok' });
  });
});
