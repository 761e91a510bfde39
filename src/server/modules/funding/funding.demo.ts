import { asc, ne } from 'drizzle-orm';
import type { FundSource } from '../../../shared/rules/purchase';
import type { Db } from '../../db/client';
import { stationBudgets, stations } from '../../db/schema';
import { rebuildFundingYear } from './funding.repo';

/** Two stations (one of them in 环翠区) stay under 150,000 CNY so the demo shows R-FUND-STATION. */
const SHORT_STATIONS = new Set([3, 40]);

/** A believable year of budgets for one station, in fen: 150,000–170,000 CNY, or 138,000 for the short ones. */
function demoBudget(index: number, year: number): Record<FundSource, number> {
  const province = (40_000 + ((index + year) % 5) * 5_000) * 100;
  const city = 30_000 * 100;
  const extra = ((index * 7 + year) % 5) * 5_000 * 100;
  const social = index % 4 === 0 ? 10_000 * 100 : 0;
  const county = 150_000 * 100 - province - city - social + (SHORT_STATIONS.has(index) ? -12_000 * 100 : extra);
  return { province, city, county, social };
}

/**
 * Budgets of the year for every station not revoked (the city's special fund then totals
 * 30,000 CNY × stations, above 1,860,000 for the 72 towns). Loads once: existing rows stay.
 */
export async function seedFundingDemo(db: Db, year: number): Promise<void> {
  const rows = await db
    .select({ id: stations.id, scopePath: stations.scopePath })
    .from(stations)
    .where(ne(stations.status, 'revoked'))
    .orderBy(asc(stations.townCode));
  const values = rows.flatMap((s, i) =>
    Object.entries(demoBudget(i, year)).map(([source, amountFen]) => ({
      stationId: s.id, scopePath: s.scopePath, year, source: source as FundSource, amountFen,
    })),
  );
  if (values.length > 0) await db.insert(stationBudgets).values(values).onConflictDoNothing();
  // Written past the services: the year's kept figures follow.
  await rebuildFundingYear(db, year);
}
