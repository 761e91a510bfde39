import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/setup';
import { cipherFromConfig } from '../platform/encryption-key';
import { generateScale } from './scale';
import { isTierName, TIER_NAMES, TIERS } from './tiers';

export const SEED_USAGE = `  demo:scale --tier ${TIER_NAMES.join('|')} [--seed N]
      Generates deterministic synthetic data (made-up names, fictitious valid-checksum ID numbers,
      encrypted like real data) into a new database: S1 = Weihai size (72 stations, 200 workers,
      50k clients, 1M service records), S2 = province size (1,827 stations, 5,471 workers, 2M
      clients, 20M records), demo = a small year of work. S1 and S2 need DATABASE_URL (PostgreSQL).
      Refuses a database that holds clients or users other than demo-*/scale-*. Same seed, same data.`;

/** The seeding commands of \`npm run sgz\`; false when argv names another command. */
export async function runSeedCommand(argv: string[]): Promise<boolean> {
  if (argv[0] !== 'demo:scale') return false;
  const { values } = parseArgs({ args: argv, allowPositionals: true, options: { tier: { type: 'string' }, seed: { type: 'string' } } });
  const tier = values.tier ?? '';
  if (!isTierName(tier)) throw new Error(`demo:scale needs --tier ${TIER_NAMES.join('|')}`);
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative integer');
  const config = loadConfig();
  if ((tier === 'S1' || tier === 'S2') && !config.databaseUrl) throw new Error(`--tier ${tier} is for PostgreSQL: set DATABASE_URL to a new database`);
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, migrationUrl: config.migrationUrl } : { dataDir: config.dataDir });
  try {
    const summary = await generateScale(database.db, cipherFromConfig(config), {
      size: TIERS[tier], seed, password: config.demoPassword,
      log: (line) => process.stdout.write(`[demo:scale ${tier}] ${line}\n`),
    });
    process.stdout.write(`Generated tier ${tier} (seed ${seed}) in ${summary.seconds} s: ${JSON.stringify(summary)}\n`);
  } finally {
    await database.close();
  }
  return true;
}
