import { describe, expect, it } from 'vitest';
import type { ContractRow } from '../contracts/contracts.repo';
import { monthsBetween, periodOf, suggestedScore } from './prefill';

const contract = (over: Partial<ContractRow>): ContractRow =>
  ({ startsOn: '2025-04-10', endsOn: '2026-04-09', signedOn: '2025-04-10', status: 'performing', history: [], ...over }) as ContractRow;

describe('evaluation period and scores', () => {
  it('the period is the term within the year, up to today and a termination', () => {
    expect(periodOf(contract({}), 2025, '2026-02-01')).toEqual({ from: '2025-04-10', to: '2025-12-31' });
    expect(periodOf(contract({}), 2026, '2026-02-01')).toEqual({ from: '2026-01-01', to: '2026-02-01' });
    expect(periodOf(contract({}), 2024, '2026-02-01')).toBeNull();
    const ended = contract({ status: 'terminated', history: [{ at: '2025-08-31T17:00:00Z', by: 'x', event: '已终止', comment: '' }] });
    // 17:00 UTC on the 31st is 1 September in China.
    expect(periodOf(ended, 2025, '2026-02-01')).toEqual({ from: '2025-04-10', to: '2025-09-01' });
  });

  it('station-months count part months by their days', () => {
    expect(monthsBetween('2025-01-01', '2025-12-31')).toBe(12);
    expect(monthsBetween('2025-04-16', '2025-04-30')).toBe(0.5);
    expect(monthsBetween('2025-02-15', '2025-03-31')).toBeCloseTo(14 / 28 + 1, 10);
  });

  it('the suggestion is points × ratio to the nearest 0.5, the ratio capped at 1', () => {
    expect(suggestedScore(8, 2 / 3)).toBe(5.5);
    expect(suggestedScore(6, 1 / 3)).toBe(2);
    expect(suggestedScore(12, 1.4)).toBe(12);
    expect(suggestedScore(7, 0.5)).toBe(3.5);
    expect(suggestedScore(5, 0.05)).toBe(0.5);
    expect(suggestedScore(5, 0.04)).toBe(0);
  });
});
