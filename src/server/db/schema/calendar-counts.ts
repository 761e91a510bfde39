import { date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** What a report's deadline stands at, as far as it does not depend on today: pending turns overdue at read. */
export const CALENDAR_REPORT_STATES = ['done', 'late', 'pending'] as const;

/**
 * Station and contract reports (not the districts' annual ones) counted per county unit, due day
 * and state, kept by statement triggers with every write of reports (drizzle 0057, netted: an
 * UPDATE moves only what changed). The grouped calendar of a city or province reads these rows —
 * counties × days — instead of every report of its year. `county_path` is the report's scope path
 * cut after its county's segment (a path above the county, e.g. a city's contract, stays whole), so
 * a region at or above county level selects its rows by prefix as it would select the reports.
 */
export const calendarReportCounts = pgTable(
  'calendar_report_counts',
  {
    countyPath: text('county_path').notNull(),
    dueOn: date('due_on').notNull(),
    state: text('state', { enum: CALENDAR_REPORT_STATES }).notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.countyPath, t.dueOn, t.state] }),
    index('calendar_report_counts_due_idx').on(t.dueOn),
    // The scope's prefix (LIKE '/371000/%') on a database whose collation is not C, as the other path indexes.
    index('calendar_report_counts_path_idx').on(t.countyPath.op('text_pattern_ops'), t.dueOn),
  ],
);
