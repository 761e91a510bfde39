/**
 * Benchmark: what SGZ's framework costs over the query it runs. For the station list (city-wide
 * actor) and a scoped client search (district actor), the full API (session, guard, permission,
 * validation, serialisation) against a bare Fastify route that calls the same service with the
 * same actor, hence the same SQL (same scope predicate, same projection) and returns it with
 * JSON.stringify. Each pair is loaded by autocannon in its own process, after a warm-up, in
 * interleaved rounds (bare, API, API, bare …); prints the median req/s and the median of the
 * per-round ratios API/bare (goal ≥ 0.8). Embedded PGlite always (demo tier of the generator);
 * PostgreSQL too when BENCH_DATABASE_URL (or DATABASE_URL) is set: an empty database gets the demo
 * tier, an already generated one (demo:scale, with its SGZ_ENCRYPTION_KEY) is used as it is.
 * Not part of the tests.
 *
 *   npm run bench [-- --seconds 3 --rounds 5 --connections 10]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import Fastify from 'fastify';
import pino from 'pino';
import { clientListQuery } from '../src/shared/contracts/clients';
import { stationListQuery } from '../src/shared/contracts/stations';
import { buildApp } from '../src/server/app';
import type { Database } from '../src/server/db/client';
import { clients } from '../src/server/db/schema';
import { openDatabase } from '../src/server/db/setup';
import * as clientService from '../src/server/modules/clients/clients.service';
import * as stationService from '../src/server/modules/stations/stations.service';
import type { Ctx } from '../src/server/platform/context';
import { createFieldCipher, parseKey, type FieldCipher } from '../src/server/platform/field-cipher';
import { resolveSession } from '../src/server/platform/session';
import { generateScale } from '../src/server/seed/scale';
import { TIERS } from '../src/server/seed/tiers';
import { autocannonRps, loginCookie, median } from './bench-lib';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const PASSWORD = process.env.SGZ_DEMO_PASSWORD ?? 'Sgz@demo2026';
const silent = pino({ level: 'silent' });

interface Case {
  label: string;
  username: string;
  path: string;
  query: string;
  /** The service call of the API route, with the parsed query. */
  run: (ctx: Ctx) => Promise<unknown>;
}

const CASES: Case[] = [
  {
    label: 'station list (city)', username: 'demo-city', path: '/api/stations', query: 'page=1&pageSize=20&sort=code',
    run: (ctx) => stationService.list(ctx, stationListQuery.parse({ page: '1', pageSize: '20', sort: 'code' })),
  },
  {
    label: 'client search (district)', username: 'demo-district', path: '/api/clients', query: `q=${encodeURIComponent('王')}&page=1&pageSize=20`,
    run: (ctx) => clientService.list(ctx, clientListQuery.parse({ q: '王', page: '1', pageSize: '20' })),
  },
];

async function benchStore(label: string, database: Database, cipher: FieldCipher): Promise<string[]> {
  const app = await buildApp({ database, cipher, webDir: null });
  const apiAddress = await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify();
  const lines: string[] = [];
  for (const [i, c] of CASES.entries()) {
    const cookie = await loginCookie(app, c.username, PASSWORD);
    const { actor } = await resolveSession(database.db, cookie.value);
    if (!actor) throw new Error('no actor');
    const ctx: Ctx = { db: database.db, actor, system: false, ip: '127.0.0.1', requestId: 'bench', log: silent, cipher };
    bare.get(`/bare/${i}`, async (_req, reply) => reply.type('application/json').send(JSON.stringify(await c.run(ctx))));
  }
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
  for (const [i, c] of CASES.entries()) {
    const cookie = await loginCookie(app, c.username, PASSWORD);
    const api = () => autocannonRps(`${apiAddress}${c.path}?${c.query}`, { cookie: `${cookie.name}=${cookie.value}` }, seconds, connections);
    const raw = () => autocannonRps(`${bareAddress}/bare/${i}`, {}, seconds, connections);
    await raw();
    await api(); // warm-up: plans cached, JIT warm, pages in memory
    const a: number[] = [];
    const b: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so drift (other load, caches) hits both alike.
      let bareRps: number;
      let apiRps: number;
      if (r % 2 === 0) {
        bareRps = await raw();
        apiRps = await api();
      } else {
        apiRps = await api();
        bareRps = await raw();
      }
      b.push(bareRps);
      a.push(apiRps);
      ratios.push(apiRps / bareRps);
    }
    const ratio = median(ratios);
    lines.push(`${label.padEnd(10)} ${c.label.padEnd(26)} bare ${median(b).toFixed(0).padStart(6)} req/s  API ${median(a).toFixed(0).padStart(6)} req/s  API/bare ${ratio.toFixed(2)} (rounds ${ratios.map((x) => x.toFixed(2)).join(' ')})${ratio < 0.8 ? '  < 0.8' : ''}`);
    process.stdout.write(`${lines.at(-1)}\n`);
  }
  await app.close();
  await bare.close();
  return lines;
}

async function prepared(database: Database, cipher: FieldCipher): Promise<void> {
  const [n] = await database.db.select({ n: count() }).from(clients);
  if ((n?.n ?? 0) === 0) await generateScale(database.db, cipher, { size: TIERS.demo, seed: 1, password: PASSWORD });
}

async function main(): Promise<void> {
  process.stdout.write(`API vs bare route on the same SQL: ${rounds} interleaved rounds of ${seconds}s × ${connections} connections after a warm-up\n`);
  const lines: string[] = [];
  const cipher = createFieldCipher(randomBytes(32));
  const pglite = await openDatabase({ dataDir: null });
  await prepared(pglite, cipher);
  lines.push(...(await benchStore('PGlite', pglite, cipher)));
  await pglite.close();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    const key = process.env.SGZ_ENCRYPTION_KEY;
    const pgCipher = key ? createFieldCipher(parseKey(key)) : createFieldCipher(randomBytes(32));
    const pg = await openDatabase({ url });
    const [n] = await pg.db.select({ n: count() }).from(clients);
    if ((n?.n ?? 0) > 0 && !key) throw new Error('The database holds data: set SGZ_ENCRYPTION_KEY to the key it was generated with');
    await prepared(pg, pgCipher);
    lines.push(...(await benchStore('PostgreSQL', pg, pgCipher)));
    await pg.close();
  }
  process.stdout.write(`\nSummary (goal API/bare ≥ 0.8):\n${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
