import { describe, expect, it } from 'vitest';
import {
  contractTermProblem,
  executionRate,
  formatYuan,
  instalmentProblem,
  maxContractEnd,
  missingContractContents,
  missingPlanContents,
  onPostDeadline,
  planTimeliness,
  yuanToFen,
} from './purchase';

describe('R-PLAN-DUE: 31 March of the plan year, China time', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('23:59 on 31 March in China is on time, 00:00 on 1 April is late', () => {
    // 23:59 China = 15:59 UTC; 00:00 China on 1 April = 16:00 UTC on 31 March.
    expect(planTimeliness(2026, new Date('2026-03-31T15:59:59Z'), now)).toBe('on_time');
    expect(planTimeliness(2026, new Date('2026-03-31T16:00:00Z'), now)).toBe('late');
  });
  it('an unsubmitted plan is pending through 31 March and overdue from 1 April (China time)', () => {
    expect(planTimeliness(2026, null, new Date('2026-03-31T15:59:00Z'))).toBe('pending');
    expect(planTimeliness(2026, null, new Date('2026-03-31T16:00:00Z'))).toBe('overdue');
  });
  it('a plan needs every content the plan names', () => {
    const full = {
      goals: '目标', budgetFen: 1, purchaseMethod: 'public_tender' as const, contentSchedule: '进度',
      qualityStandards: '质量', quantityStandards: '数量', evaluationPlan: '评估', stationIds: ['s'],
    };
    expect(missingPlanContents(full)).toEqual([]);
    expect(missingPlanContents({ ...full, goals: '  ', budgetFen: 0, stationIds: [] })).toEqual(['goals', 'budgetFen', 'stationIds']);
  });
});

describe('R-CONTRACT-TERM: at most three years', () => {
  it('three years from 2025-01-01 end on 2027-12-31; one day more is refused', () => {
    expect(maxContractEnd('2025-01-01')).toBe('2027-12-31');
    expect(contractTermProblem('2025-01-01', '2027-12-31')).toBeNull();
    expect(contractTermProblem('2025-01-01', '2028-01-01')?.rule).toBe('R-CONTRACT-TERM');
  });
  it('counts from any start day; a start on 29 February ends on 28 February', () => {
    expect(maxContractEnd('2024-02-29')).toBe('2027-02-28');
    expect(maxContractEnd('2024-03-01')).toBe('2027-02-28');
    expect(maxContractEnd('2026-07-15')).toBe('2029-07-14');
  });
  it('an end before the start is a plain input error, not the rule', () => {
    expect(contractTermProblem('2025-05-01', '2025-04-30')).toEqual({ rule: null, message: '合同终止日期不能早于起始日期' });
  });
});

describe('R-ONPOST-1M: one calendar month after signing', () => {
  it('adds a month, clamping to the end of shorter months', () => {
    expect(onPostDeadline('2026-03-15')).toBe('2026-04-15');
    expect(onPostDeadline('2026-01-31')).toBe('2026-02-28');
    expect(onPostDeadline('2028-01-31')).toBe('2028-02-29');
    expect(onPostDeadline('2026-12-20')).toBe('2027-01-20');
  });
});

describe('R-CONTRACT-CONTENT', () => {
  const full = {
    content: '内容', startsOn: '2026-01-01', endsOn: '2026-12-31', quantity: '数量', quality: '质量', priceFen: 100,
    instalments: [{ label: '首期', dueOn: '2026-02-01', amountFen: 100 }], rightsDuties: '权利义务', liability: '违约责任', stationIds: ['s'],
  };
  it('names each missing content', () => {
    expect(missingContractContents(full)).toEqual([]);
    expect(missingContractContents({ ...full, endsOn: null, instalments: [], liability: '' })).toEqual(['term', 'settlement', 'liability']);
  });
  it('instalments must add up to the price to the fen', () => {
    expect(instalmentProblem(100, full.instalments)).toBeNull();
    expect(instalmentProblem(101, full.instalments)).toContain('1.00元');
  });
});

describe('money in fen', () => {
  it('parses typed yuan exactly and formats with separators', () => {
    expect(yuanToFen('150000')).toBe(15_000_000);
    expect(yuanToFen('1,860,000.5')).toBe(186_000_050);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(formatYuan(186_000_050)).toBe('1,860,000.50');
    expect(formatYuan(-7)).toBe('-0.07');
  });
  it('execution rate is spent over budget, one decimal', () => {
    expect(executionRate(1, 3)).toBe(33.3);
    expect(executionRate(5, 0)).toBeNull();
  });
});
