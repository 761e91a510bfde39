import { describe, expect, it } from 'vitest';
import { pagerTotal, serverPagination } from './paging';

// The pager over a capped total: the counted pages, then 下一页 while full pages come back.
describe('paging over a capped total', () => {
  it('offers exactly the counted pages when the total is exact', () => {
    expect(pagerTotal(1, 20, 57, false, 20)).toBe(57);
  });

  it('offers the pages within the cap, no page numbers past it, and a next page from the last counted one', () => {
    // Page 1 of "共 1,000+ 条": 50 pages, no 51st number yet.
    expect(pagerTotal(1, 20, 1000, true, 20)).toBe(1000);
    // On page 50 the server counted to its end (still capped): page 51 is offered.
    expect(pagerTotal(50, 20, 1000, true, 20)).toBe(1001);
    // Page 51 (the server counted to 1,020): page 52 next.
    expect(pagerTotal(51, 20, 1020, true, 20)).toBe(1021);
  });

  it('offers no next page after a short page', () => {
    expect(pagerTotal(51, 20, 1000, true, 7)).toBe(1000);
  });

  it('labels the capped total with its plus and pages on', () => {
    const p = serverPagination(50, 20, 1000, true, 20);
    expect(p.total).toBe(1001);
    expect(p.showTotal?.(1001, [981, 1000])).toBe('共 1,000+ 条');
  });
});
