import { integer, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';

/**
 * The anonymous funding page's answer per year, computed at most once per freshness window and
 * dropped by every budget, payment or spending write: in the database, so every SGZ process
 * sharing it serves the same figures and none recomputes the province per request.
 */
export const publicFundingSummaries = pgTable('public_funding_summaries', {
  year: integer('year').primaryKey(),
  body: jsonb('body').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});
