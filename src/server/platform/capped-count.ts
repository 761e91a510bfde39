import { count, type Subquery } from 'drizzle-orm';
import type { Db } from '../db/client';

/**
 * Lists whose scope can hold millions (clients, service records, cases …) count at most this many
 * rows: an exact count would cost what exists, not what the page shows. Past it the answer says
 * `totalCapped: true` and the page shows "10,000+"; paging still works up to the cap.
 */
export const COUNT_CAP = 10_000;

let cap = COUNT_CAP;

/** Tests only: a small cap, so a capped total is seen with a handful of rows. Returns the undo. */
export function setCountCapForTests(n: number): () => void {
  const before = cap;
  cap = n;
  return () => {
    cap = before;
  };
}

export interface CappedTotal {
  total: number;
  totalCapped: boolean;
}

/**
 * The count of a list's matching rows, reading at most cap + 1 of them. `rows(limit)` builds the
 * list's own FROM/JOIN/WHERE (select a constant, no ORDER BY) with the given LIMIT.
 */
export async function cappedCount(db: Db, rows: (limit: number) => { as(alias: string): Subquery }): Promise<CappedTotal> {
  const limit = cap;
  const [row] = await db.select({ n: count() }).from(rows(limit + 1).as('capped'));
  const n = row?.n ?? 0;
  return n > limit ? { total: limit, totalCapped: true } : { total: n, totalCapped: false };
}
