import { bigint, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { stations } from './stations';

const fen = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/** Budget by source: a station's roll-up, its county line and the budget lines hold the same columns. */
const budgetColumns = () => ({ bProvince: fen('b_province'), bCity: fen('b_city'), bCounty: fen('b_county'), bSocial: fen('b_social') });

/** Every funding figure (budget by source, spending by category, totals), fresh builders per table. */
const figureColumns = () => ({
  ...budgetColumns(),
  sStaff: fen('s_staff'),
  sActivities: fen('s_activities'),
  sTraining: fen('s_training'),
  sOffice: fen('s_office'),
  sPublicity: fen('s_publicity'),
  sOther: fen('s_other'),
  budgetFen: fen('budget_fen'),
  spentFen: fen('spent_fen'),
  paidFen: fen('paid_fen'),
});

/**
 * A station's funding figures of a year (budget by source, spending by category, its share of
 * its contracts' payments), rewritten in the transaction of every write that changes them
 * (refreshStationFunding in modules/funding/funding.repo.ts) from the same per-station SQL the station list reads. The overview's
 * county sums and totals add these small rows instead of aggregating every budget, spending
 * and payment of the scope per request. Station, town and scope are not copied: the reader
 * joins stations, so revoking or moving a station needs no write here.
 */
export const stationFundingRollups = pgTable(
  'station_funding_rollups',
  {
    stationId: uuid('station_id').notNull().references(() => stations.id),
    year: integer('year').notNull(),
    ...figureColumns(),
  },
  (t) => [primaryKey({ columns: [t.year, t.stationId] }), index('station_funding_rollups_station_idx').on(t.stationId)],
);

/**
 * The station roll-up summed per county unit and year over the live (not revoked) stations, kept
 * by triggers (drizzle 0055): a roll-up write adds its netted difference to its station's line, and
 * a station revoked, reinstated or moved takes its rows off one line and onto the other. The
 * overview's totals, county page and chart and the public summary read one row per county unit
 * instead of one per station. `county_path` is the station's scope path less its town segment.
 */
export const fundingCountyLines = pgTable(
  'funding_county_lines',
  {
    year: integer('year').notNull(),
    countyPath: text('county_path').notNull(),
    ...figureColumns(),
  },
  (t) => [primaryKey({ columns: [t.year, t.countyPath] })],
);

/** Live stations per county unit (whatever year), kept by the same triggers: the units the overview lists. */
export const fundingCountyStations = pgTable('funding_county_stations', {
  countyPath: text('county_path').primaryKey(),
  stations: integer('stations').notNull().default(0),
});

/**
 * Every budget row of a year (revoked stations' too) summed per source and county unit of the
 * row's own scope path, kept by netted triggers on station_budgets (drizzle 0059): R-FUND-CITY's
 * city total reads one row per unit instead of every station's budget.
 */
export const fundingBudgetLines = pgTable(
  'funding_budget_lines',
  {
    year: integer('year').notNull(),
    countyPath: text('county_path').notNull(),
    ...budgetColumns(),
  },
  (t) => [primaryKey({ columns: [t.year, t.countyPath] })],
);
