/**
 * Benchmark: the station list through the full API (session, permission, scope, zod
 * validation and serialisation) against the same query through a bare Fastify route with
 * no auth or scope, each loaded by autocannon in its own process on loopback.
 * Prints both throughputs and their ratio (target ≥ 0.6). Not part of the tests.
 *
 *   npm run bench [-- --seconds 10 --connections 10]
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/server/app';
import { seedDemo } from '../src/server/db/demo-data';
import { openDatabase } from '../src/server/db/setup';
import { systemContext } from '../src/server/platform/context';
import { createFieldCipher } from '../src/server/platform/field-cipher';
import { listStations } from '../src/server/modules/stations/stations.repo';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const PASSWORD = 'Bench#Pass2026';
const QUERY = 'page=1&pageSize=20&sort=code';

/** The load generator runs in its own process: this one is busy serving. */
async function load(url: string, headers: Record<string, string>): Promise<number> {
  const args = ['autocannon', '-j', '-c', String(connections), '-d', String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  const run = await promisify(execFile)('npx', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(run.stdout) as { requests: { average: number }; non2xx: number; errors: number };
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { url } : { dataDir: null });
  const log = pino({ level: 'silent' });

  const cipher = createFieldCipher(randomBytes(32));
  await seedDemo(database.db, PASSWORD, cipher);
  const app = await buildApp({ database, cipher, webDir: null });
  const apiAddress = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city', password: PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === 'sgz_sid');
  if (!cookie) throw new Error('login failed');

  const bare = Fastify();
  bare.get('/bare/stations', async () => {
    const { rows, total } = await listStations(systemContext(database.db, log, cipher), { page: 1, pageSize: 20, sort: 'code' });
    return { items: rows, total };
  });
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

  const driver = database.driver;
  process.stdout.write(`Station list, ${seconds}s × ${connections} connections each, ${driver}\n`);
  const bareRps = await load(`${bareAddress}/bare/stations?${QUERY}`, {});
  const apiRps = await load(`${apiAddress}/api/stations?${QUERY}`, { cookie: `sgz_sid=${cookie.value}` });
  process.stdout.write(
    [
      `bare Fastify route (no auth, no scope): ${bareRps.toFixed(0)} req/s`,
      `SGZ API /api/stations (session, permission, scope, validation): ${apiRps.toFixed(0)} req/s`,
      `ratio API / bare: ${(apiRps / bareRps).toFixed(2)} (target ≥ 0.60)`,
      '',
    ].join('\n'),
  );
  await app.close();
  await bare.close();
  await database.close();
}

void main();
