/**
 * Sizes of the synthetic data sets. S1 is Weihai (the measurement), S2 Shandong province;
 * `demo` is a year of work small enough to load in seconds (issue 12), `tiny` the test's.
 */
export interface TierSize {
  /** Stations wanted; beyond the towns of the installed tree, regionsForTier adds synthetic towns. */
  stations: number;
  workers: number;
  clients: number;
  serviceRecords: number;
  /** One case per this many clients. */
  clientsPerCase: number;
  groupsPerStation: number;
  sessionsPerGroup: number;
  /** One referral per this many clients. */
  clientsPerReferral: number;
  /** One monthly report in this many carries a frozen snapshot of realistic size (~100 KB). */
  bigSnapshotEvery: number;
  /** Ids per figure of a big snapshot (2 figures × 1,250 ids ≈ 100 KB of JSONB). */
  snapshotIdsPerFigure: number;
}

export const TIERS = {
  tiny: {
    stations: 72, workers: 150, clients: 300, serviceRecords: 2_000, clientsPerCase: 20, groupsPerStation: 1, sessionsPerGroup: 2,
    clientsPerReferral: 50, bigSnapshotEvery: 200, snapshotIdsPerFigure: 50,
  },
  // What `npm start` loads (seed/demo-year.ts): a few hundred clients, small enough to load in seconds on PGlite. Cases and
  // referrals every 7th and 11th client (prime to 72) so every station has some; the briefings' snapshots are recomputed.
  demo: {
    stations: 72, workers: 150, clients: 480, serviceRecords: 9_000, clientsPerCase: 7, groupsPerStation: 2, sessionsPerGroup: 6,
    clientsPerReferral: 11, bigSnapshotEvery: 1_000_000, snapshotIdsPerFigure: 1,
  },
  S1: {
    stations: 72, workers: 200, clients: 50_000, serviceRecords: 1_000_000, clientsPerCase: 50, groupsPerStation: 4, sessionsPerGroup: 6,
    clientsPerReferral: 200, bigSnapshotEvery: 4, snapshotIdsPerFigure: 1_250,
  },
  S2: {
    stations: 1_827, workers: 5_471, clients: 2_000_000, serviceRecords: 20_000_000, clientsPerCase: 50, groupsPerStation: 4,
    sessionsPerGroup: 6, clientsPerReferral: 200, bigSnapshotEvery: 4, snapshotIdsPerFigure: 1_250,
  },
} as const satisfies Record<string, TierSize>;

export type TierName = keyof typeof TIERS;
export const TIER_NAMES = Object.keys(TIERS) as TierName[];
export const isTierName = (s: string): s is TierName => (TIER_NAMES as string[]).includes(s);
