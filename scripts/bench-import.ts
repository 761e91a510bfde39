/**
 * Benchmark: Excel import of 1,000 clients through the API (upload, parse, check every row,
 * batched write with its audit entries) against a raw multi-row INSERT of the same rows (values
 * encrypted and blind-indexed the same way, no checks, no audit). Interleaved rounds after a
 * warm-up, each with new ID numbers; prints the median times and raw/API (goal ≥ 0.3).
 * PGlite always; PostgreSQL too when BENCH_DATABASE_URL (or DATABASE_URL) is set (an empty
 * database gets the demo set; a generated one needs its SGZ_ENCRYPTION_KEY). The clients it adds are
 * removed again at the end, even when a round fails (their import audit entries stay: the log is
 * append-only). Not part of the tests.
 *
 *   npm run bench:import [-- --rows 1000 --rounds 5]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { birthDateOf, sexOf } from '../src/shared/rules/id-number';
import { buildApp } from '../src/server/app';
import type { Database } from '../src/server/db/client';
import { seedDemo } from '../src/server/db/demo-data';
import { clients, regions, stations, users } from '../src/server/db/schema';
import { openDatabase } from '../src/server/db/setup';
import { createFieldCipher, parseKey, type FieldCipher } from '../src/server/platform/field-cipher';
import { fillWorkbook, idNumberBornOn, multipartFile, XLSX_MIME } from '../src/server/testing/factories';
import { loginCookie, median } from './bench-lib';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '5' } } });
const ROWS = Number(values.rows);
const ROUNDS = Number(values.rounds);
const PASSWORD = process.env.SGZ_DEMO_PASSWORD ?? 'Sgz@demo2026';
const TOWN = '371002002';
// Beijing's area code: never one of the generated (Shandong) numbers, so every round is new.
const AREA = '110101';

const people = (round: number) =>
  Array.from({ length: ROWS }, (_, i) => ({
    name: `导入${round}-${i}`, idNumber: idNumberBornOn(`19${String(40 + round).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, Math.floor(i / 90), AREA),
  }));

/** The clients this run imported or inserted (and any consents recorded with them). */
async function removeAdded(database: Database, stationId: string, since: string): Promise<void> {
  const added = sql`SELECT id FROM clients WHERE station_id = ${stationId} AND created_at >= ${since}::timestamptz AND name LIKE '导入%'`;
  await database.db.execute(sql`DELETE FROM client_consents WHERE client_id IN (${added})`);
  await database.db.execute(sql`DELETE FROM clients WHERE id IN (${added})`);
}

async function benchStore(label: string, database: Database, cipher: FieldCipher): Promise<string> {
  const app = await buildApp({ database, cipher, webDir: null });
  const cookie = await loginCookie(app, 'demo-worker', PASSWORD);
  const [me] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-worker'));
  const csrf = cookie.csrfToken;
  const [station] = await database.db.select().from(stations).where(eq(stations.townCode, TOWN));
  const villages = await database.db.select().from(regions).where(and(eq(regions.level, 'village'), eq(regions.parentCode, TOWN)));
  const village = villages[0];
  if (!station || !village || !me) throw new Error('demo set missing');
  const template = (await app.inject({ method: 'GET', url: '/api/clients/import/template', cookies: { [cookie.name]: cookie.value } })).rawPayload;

  const viaApi = async (round: number): Promise<number> => {
    const file = await fillWorkbook(template, { 服务对象: people(round).map((p) => [p.name, p.idNumber, '', village.shortName, '', '低保', '', '', '', '', '']) });
    const body = multipartFile('对象.xlsx', file, XLSX_MIME);
    const t = performance.now();
    const res = await app.inject({
      method: 'POST', url: '/api/clients/import', payload: body.payload,
      headers: { ...body.headers, 'x-csrf-token': csrf }, cookies: { [cookie.name]: cookie.value },
    });
    const ms = performance.now() - t;
    const report = res.json() as { created?: number };
    if (res.statusCode !== 200 || report.created !== ROWS) throw new Error(`import: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return ms;
  };
  const raw = async (round: number): Promise<number> => {
    const rows = people(round);
    const t = performance.now();
    await database.db.insert(clients).values(rows.map((p) => ({
      stationId: station.id, scopePath: village.path, villageCode: village.code, name: p.name,
      idNumberCipher: cipher.encrypt(p.idNumber), idNumberIndex: cipher.index(p.idNumber), idNumberTail: p.idNumber.slice(-4),
      birthDate: birthDateOf(p.idNumber), sex: sexOf(p.idNumber), householdCipher: cipher.encrypt('[]'), targetGroups: ['dibao' as const], createdBy: me.id,
    })));
    return performance.now() - t;
  };
  const [{ since } = { since: '' }] = (await database.db.execute(sql`SELECT now()::text AS since`) as unknown as { rows: { since: string }[] }).rows;
  const a: number[] = [];
  const r: number[] = [];
  const ratios: number[] = [];
  try {
    await viaApi(0);
    await raw(1); // warm-up
    for (let i = 0; i < ROUNDS; i++) {
      const [apiRound, rawRound] = [2 + 2 * i, 3 + 2 * i];
      let apiMs: number;
      let rawMs: number;
      if (i % 2 === 0) {
        apiMs = await viaApi(apiRound);
        rawMs = await raw(rawRound);
      } else {
        rawMs = await raw(rawRound);
        apiMs = await viaApi(apiRound);
      }
      a.push(apiMs);
      r.push(rawMs);
      ratios.push(rawMs / apiMs);
    }
  } finally {
    await app.close();
    await removeAdded(database, station.id, since);
  }
  const ratio = median(ratios);
  return `${label.padEnd(10)} ${ROWS} clients: API import ${median(a).toFixed(0)} ms, raw multi-row insert ${median(r).toFixed(0)} ms, raw/API ${ratio.toFixed(3)}× (rounds ${ratios.map((x) => x.toFixed(3)).join(' ')})${ratio < 0.3 ? '  < 0.3' : ''}`;
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const cipher = createFieldCipher(randomBytes(32));
  const pglite = await openDatabase({ dataDir: null });
  await seedDemo(pglite.db, PASSWORD, cipher);
  lines.push(await benchStore('PGlite', pglite, cipher));
  process.stdout.write(`${lines.at(-1)}\n`);
  await pglite.close();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    const key = process.env.SGZ_ENCRYPTION_KEY;
    const pgCipher = key ? createFieldCipher(parseKey(key)) : createFieldCipher(randomBytes(32));
    const pg = await openDatabase({ url });
    const seeded = await seedDemo(pg.db, PASSWORD, pgCipher);
    if (!seeded && !key) throw new Error('The database holds data: set SGZ_ENCRYPTION_KEY to the key it was generated with');
    lines.push(await benchStore('PostgreSQL', pg, pgCipher));
    process.stdout.write(`${lines.at(-1)}\n`);
    await pg.close();
  }
  process.stdout.write(`\nSummary (goal raw/API ≥ 0.3):\n${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
