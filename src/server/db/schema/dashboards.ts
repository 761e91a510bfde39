import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Roll-ups the dashboards (驾驶舱) read instead of the raw records. One row per
 * (place, period, measure): the place is a station's path (its town) or, for rows that belong
 * to a county unit as a whole (payments, the district's report, evaluations), the county's path.
 * Period is 'YYYY-MM' for dated facts, 'YYYY' for yearly ones (budgets, grades) and '' for
 * undated ones. Kept current by statement-level triggers in the same transaction as every
 * write to the source tables (migration 0018), so any writer — API, import, generator — keeps
 * them right and several processes need no shared memory.
 *
 * Tier 0 holds the places themselves; tier 1 the same station lines summed at the station's
 * county (its town's parent), so a city or province view reads one row per county and month,
 * not one per station (migration 0020). Writers contend on a county's row, never the province's.
 *
 * Tier 2 holds every region above a county (city, province): the sum of everything beneath it, so
 * a dashboard's totals are the rows of its own path whatever the number of counties. Writers never
 * touch these rows: a change of a county's line adds a delta per ancestor to
 * dashboard_rollup_pending (insert only, no lock), and a dashboard read folds the pending deltas in
 * (one folder at a time); readers add the not-yet-folded deltas of their path.
 * So the rows of one path P, all tiers, are P's own figures: a town's stations, a county's sums
 * and its own county-level lines, a city's or province's sums (migration 0037).
 */
export const dashboardRollups = pgTable(
  'dashboard_rollups',
  {
    tier: smallint('tier').notNull().default(0),
    scopePath: text('scope_path').notNull(),
    stationId: uuid('station_id'),
    period: text('period').notNull(),
    measure: text('measure').notNull(),
    value: numeric('value', { precision: 20, scale: 2, mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tier, t.scopePath, t.period, t.measure] }),
    index('dashboard_rollups_station_idx').on(t.stationId, t.period),
    index('dashboard_rollups_scope_idx').on(t.tier, t.scopePath.op('text_pattern_ops'), t.period),
    // Children sorted by one measure: the county-and-above lines of that measure under a path.
    index('dashboard_rollups_place_measure_idx')
      .on(t.measure, t.scopePath.op('text_pattern_ops'), t.period)
      .where(sql`tier > 0 OR station_id IS NULL`),
  ],
);

/** Deltas for tier 2 not yet folded in (see dashboardRollups): appended by writers, folded by readers. */
export const dashboardRollupPending = pgTable(
  'dashboard_rollup_pending',
  {
    scopePath: text('scope_path').notNull(),
    period: text('period').notNull(),
    measure: text('measure').notNull(),
    value: numeric('value', { precision: 20, scale: 2, mode: 'number' }).notNull(),
    /** A writer that finds a delta older than a few minutes folds the backlog (migration 0050). */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dashboard_rollup_pending_scope_idx').on(t.scopePath.op('text_pattern_ops'), t.measure),
    index('dashboard_rollup_pending_created_idx').on(t.createdAt),
  ],
);

/**
 * Staffing compliance per station as of a China calendar day: the rules are code
 * (src/shared/rules/staffing.ts) and depend on the day, so a row is computed by the server for
 * `as_of` and marked stale by triggers whenever a posting, worker, certificate or training of the
 * station changes; a dashboard recomputes only the stations whose row is stale or not of today.
 */
export const dashboardStationStaffing = pgTable(
  'dashboard_station_staffing',
  {
    stationId: uuid('station_id').primaryKey(),
    scopePath: text('scope_path').notNull(),
    asOf: date('as_of').notNull(),
    onPost: integer('on_post').notNull(),
    qualified: integer('qualified').notNull(),
    compliant: boolean('compliant').notNull(),
    /** Findings (severity 'finding') per rule id. */
    findings: jsonb('findings').$type<Record<string, number>>().notNull(),
    /** Warnings (severity 'warning'): certificates due within CERT_WARNING_DAYS. */
    warnings: integer('warnings').notNull().default(0),
    /** Workers with an R-STAFF-CERT3Y finding or warning (the compliance page's rule filter). */
    certIssues: integer('cert_issues').notNull().default(0),
    /**
     * Qualified workers on post per posting organisation ({orgId: n}): R-ONPOST-1M counts only the
     * contractor's own. Null until the row is first recomputed after migration 0062; read only
     * while the row is fresh (as_of today, not stale), else the contracts count live.
     */
    ownQualified: jsonb('own_qualified').$type<Record<string, number>>(),
    /** Set by the triggers when an input changes; the row is recomputed before it is read. */
    stale: boolean('stale').notNull().default(true),
    /**
     * The station was not revoked when the row was computed. The row's roll-up lines (staffed,
     * compliant, findings: migration 0049) are counted only while live, read from the row itself so
     * the lines a change subtracts are exactly those it once added; a status change marks it stale.
     */
    live: boolean('live').notNull().default(true),
  },
  (t) => [
    index('dashboard_station_staffing_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    // A refresh finds its rows to recompute (stale, or of an earlier day) without reading the scope.
    index('dashboard_station_staffing_stale_idx').on(t.scopePath.op('text_pattern_ops')).where(sql`stale`),
    index('dashboard_station_staffing_as_of_idx').on(t.asOf).where(sql`live`),
  ],
);
