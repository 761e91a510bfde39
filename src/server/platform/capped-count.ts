import { count, type Subquery } from 'drizzle-orm';
import type { Db } from '../db/client';

/**
 * Lists whose scope can hold millions (clients, service records, cases …) count at most this many
 * rows: an exact count costs what exists, not what the page shows, and at province scale every
 * unselective list would read the whole cap (10,000 rows cost 50–280 ms at S2). Past it the answer
 * says `totalCapped: true` and the page shows "共 1,000+ 条" with a 下一页 button.
 */
export const COUNT_CAP = 1_000;

let cap = COUNT_CAP;

/** Tests only: a small cap, so a capped total is seen with a handful of rows. Returns the undo. */
export function setCountCapForTests(n: number): () => void {
  const before = cap;
  cap = n;
  return () => {
    cap = before;
  };
}

/** The cap in force: also how many matches a list may sort whole before it must walk an index. */
export function countCap(): number {
  return cap;
}

export interface CappedTotal {
  total: number;
  totalCapped: boolean;
}

/** The page asked for: a count never stops short of it, so 下一页 past the cap stays truthful. */
export interface CountPaging {
  page: number;
  pageSize: number;
}

/**
 * The count of a list's matching rows, reading at most max(cap, rows up to the end of the page) + 1
 * of them: page N costs N × page size, like its OFFSET, and never what the whole scope holds.
 * When capped, `total` is how many rows are known to exist and at least one more does (the next
 * page has rows). `rows(limit)` builds the list's own FROM/JOIN/WHERE (select a constant, no
 * ORDER BY) with the given LIMIT.
 */
export async function cappedCount(
  db: Db,
  rows: (limit: number) => { as(alias: string): Subquery },
  paging?: CountPaging,
  /** A lower cap for a list whose every counted row costs a test (never above the cap in force). */
  listCap?: number,
): Promise<CappedTotal> {
  const limit = Math.max(listCap === undefined ? cap : Math.min(listCap, cap), paging ? paging.page * paging.pageSize : 0);
  const [row] = await db.select({ n: count() }).from(rows(limit + 1).as('capped'));
  const n = row?.n ?? 0;
  return n > limit ? { total: limit, totalCapped: true } : { total: n, totalCapped: false };
}
