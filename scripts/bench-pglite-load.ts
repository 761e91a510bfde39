/**
 * Load on the embedded store: the app on PGlite (a fresh data directory) with the demo data,
 * 80 logged-in sessions, each sending its next request as soon as the last one is answered
 * (mixed lists, dashboards and a few logins), for a bounded time and number of requests.
 * Prints the median, p99 and maximum latency and how many requests got 503 (queue full).
 * The load runs in a worker thread: PGlite works on the main thread and would delay its clock.
 * Not part of the tests.
 *
 *   npm run bench:load [-- --sessions 80 --seconds 30 --requests 4000 --queue off]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { buildApp, DB_QUEUE_DEFAULTS } from '../src/server/app';
import { seedDemo } from '../src/server/db/demo-data';
import { openDatabase } from '../src/server/db/setup';
import { createFieldCipher } from '../src/server/platform/field-cipher';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '80' },
    seconds: { type: 'string', default: '30' },
    requests: { type: 'string', default: '4000' },
    /** off: no queue in front of the connection (the behaviour before it), for comparison. */
    queue: { type: 'string', default: 'on' },
    concurrency: { type: 'string', default: String(DB_QUEUE_DEFAULTS.concurrency) },
    /** Also report the requests started after this many seconds (a fresh app's first burst is cold). */
    warmup: { type: 'string', default: '5' },
    /** Latency per path as well. */
    verbose: { type: 'boolean', default: false },
  },
});
const PASSWORD = 'Bench#Pass2026';
const USERS = ['demo-city', 'demo-district', 'demo-town', 'demo-org', 'demo-evaluator'];
const URLS = [
  '/api/stations?page=1&pageSize=20',
  '/api/stations/coverage',
  '/api/clients?page=1&pageSize=20',
  '/api/compliance/staffing',
  '/api/social-workers?page=1&pageSize=20',
  '/api/organizations?page=1&pageSize=20',
  '/api/cases?page=1&pageSize=20',
  '/api/service-records?page=1&pageSize=20',
  '/api/contracts?page=1&pageSize=20',
  '/api/reports?page=1&pageSize=20',
  '/api/partners',
  '/api/auth/me',
];

/** Plain JavaScript: a closed loop per session, fetch over keep-alive connections. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, cookies, urls, users, password, seconds, maxRequests } = workerData;
const latencies = [];
const startedAt = [];
const slowStarts = [];
const t0 = performance.now();
const byPath = {};
const statuses = {};
let sent = 0;
const deadline = Date.now() + seconds * 1000;
async function session(i) {
  while (Date.now() < deadline && sent < maxRequests) {
    sent += 1;
    const n = sent;
    // One request in twenty is a login (a write: argon2, a session row, an audit row).
    const login = n % 20 === 0;
    const started = performance.now();
    let status;
    try {
      const res = login
        ? await fetch(base + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: users[n % users.length], password }) })
        : await fetch(base + urls[n % urls.length], { headers: { cookie: cookies[i] } });
      await res.arrayBuffer();
      status = res.status;
    } catch (e) {
      status = 'error';
    }
    const took = performance.now() - started;
    latencies.push(took);
    startedAt.push((started - t0) / 1000);
    if (took > 5000) slowStarts.push(Math.round((started - t0) / 1000));
    const key = login ? '/api/auth/login' : urls[n % urls.length].split('?')[0];
    (byPath[key] = byPath[key] || []).push(took);
    statuses[status] = (statuses[status] || 0) + 1;
  }
}
Promise.all(cookies.map((_, i) => session(i))).then(() => parentPort.postMessage({ latencies, startedAt, statuses, byPath, slowStarts }));
`;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const sessions = Number(values.sessions);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-bench-'));
  const database = await openDatabase({ dataDir });
  try {
    const cipher = createFieldCipher(randomBytes(32));
    await seedDemo(database.db, PASSWORD, cipher);
    const app = await buildApp({
      database, cipher, webDir: null, logger: pino({ level: 'silent' }),
      dbQueue: values.queue === 'off' ? false : { concurrency: Number(values.concurrency) },
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const cookies: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: USERS[i % USERS.length], password: PASSWORD } });
      const c = res.cookies.find((x) => x.name === 'sgz_sid');
      if (!c) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      cookies.push(`sgz_sid=${c.value}`);
    }
    // A stall of the main thread (PGlite works on it) delays every request in flight at once.
    const loop = monitorEventLoopDelay({ resolution: 20 });
    loop.enable();
    const started = Date.now();
    const result = await new Promise<{ latencies: number[]; startedAt: number[]; statuses: Record<string, number>; byPath: Record<string, number[]>; slowStarts: number[] }>((resolve, reject) => {
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: {
          base, cookies, urls: URLS, users: USERS, password: PASSWORD,
          seconds: Number(values.seconds), maxRequests: Number(values.requests),
        },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const elapsed = (Date.now() - started) / 1000;
    await app.close();
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const ms = (v: number) => `${Math.round(v)} ms`;
    const lines = [
      `PGlite under load: ${sessions} sessions, queue ${values.queue === 'off' ? 'off' : `on (${values.concurrency} at once)`}`,
      `  requests   ${sorted.length} in ${elapsed.toFixed(1)} s (${(sorted.length / elapsed).toFixed(0)}/s)`,
      `  median     ${ms(pct(sorted, 50))}`,
      `  p90        ${ms(pct(sorted, 90))}`,
      `  p99        ${ms(pct(sorted, 99))}`,
      `  max        ${ms(sorted[sorted.length - 1] ?? 0)}`,
      `  over 10 s  ${sorted.filter((v) => v > 10_000).length}`,
      `  after ${values.warmup} s: ${(() => {
        const warm = result.latencies.filter((_, i) => (result.startedAt[i] ?? 0) >= Number(values.warmup)).sort((a, b) => a - b);
        return `${warm.length} requests, median ${ms(pct(warm, 50))}, p99 ${ms(pct(warm, 99))}, max ${ms(warm[warm.length - 1] ?? 0)}`;
      })()}`,
      `  503        ${result.statuses['503'] ?? 0}`,
      `  event loop longest stall ${ms(loop.max / 1e6)}`,
      `  statuses   ${JSON.stringify(result.statuses)}`,
    ];
    if (values.verbose && result.slowStarts.length > 0) {
      const bySecond = new Map<number, number>();
      for (const at of result.slowStarts) bySecond.set(at, (bySecond.get(at) ?? 0) + 1);
      lines.push(`  requests over 5 s by the second they started: ${[...bySecond].map(([at, n]) => `${at}s×${n}`).join(' ')}`);
    }
    if (values.verbose)
      for (const [p, l] of Object.entries(result.byPath)) {
        const s = [...l].sort((a, b) => a - b);
        lines.push(`  ${p.padEnd(28)} n=${s.length} median ${ms(pct(s, 50))} p99 ${ms(pct(s, 99))} max ${ms(s[s.length - 1] ?? 0)}`);
      }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
