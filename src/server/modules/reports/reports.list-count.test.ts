import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { setCountCapForTests } from '../../platform/capped-count';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

// The reports list counts at most the cap (or to the end of the page asked for) and pages past it.
let t: TestApp;
let city: Session;
beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  const district = await t.login('demo-district');
  // Annual drafts of 环翠区, one per year since 2021: enough rows to page past a small cap.
  const thisYear = Number(chinaToday().slice(0, 4));
  for (let year = 2021; year < thisYear; year++) {
    const res = await district.post('/api/reports', { kind: 'district_annual', countyCode: '371002', year });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
});
afterAll(() => t.close());

describe('the reports list past the count cap', () => {
  it('says 共 2+ on page 1, serves the pages after the cap with a count up to their end, and is exact on the last page', async () => {
    const exact = (await city.get('/api/reports?pageSize=1')).json();
    expect(exact.totalCapped).toBe(false);
    expect(exact.total).toBeGreaterThanOrEqual(5);
    const undo = setCountCapForTests(2);
    try {
      expect((await city.get('/api/reports?pageSize=1')).json()).toMatchObject({ total: 2, totalCapped: true });
      const seen: string[] = [];
      const lastPage = exact.total;
      for (let page = 1; page <= lastPage; page++) {
        const res = (await city.get(`/api/reports?pageSize=1&page=${page}`)).json();
        seen.push(...res.items.map((r: { id: string }) => r.id));
        if (page === 3) expect(res).toMatchObject({ total: 3, totalCapped: true });
        if (page === lastPage) expect(res).toMatchObject({ total: exact.total, totalCapped: false });
      }
      expect(new Set(seen).size).toBe(exact.total);
    } finally {
      undo();
    }
  });
});
