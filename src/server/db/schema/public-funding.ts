import { integer, jsonb, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';

/**
 * The anonymous funding page's answer per year and page of county units, computed at most once
 * per freshness window and dropped by every budget, payment or spending write: in the database, so
 * every SGZ process sharing it serves the same figures and none recomputes the province per request.
 * One row per (year, page, page size) holds the total and that page only, so a request reads and
 * sends what it shows, not every county unit of the province.
 */
export const publicFundingSummaries = pgTable(
  'public_funding_summaries',
  {
    year: integer('year').notNull(),
    page: integer('page').notNull(),
    pageSize: integer('page_size').notNull(),
    body: jsonb('body').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.year, t.page, t.pageSize] })],
);
