/**
 * Benchmark: the same requests on a Weihai-size (S1) and a province-size (S2) database, to show
 * what grows with the data that should not (goal: S2 ≤ 1.5 × S1 for every city-wide request).
 * Both databases are made beforehand with the generator, with the same key and seed:
 *
 *   SGZ_ENCRYPTION_KEY=… DATABASE_URL=postgres://…/sgz_s1 npm run sgz -- demo:scale --tier S1
 *   SGZ_ENCRYPTION_KEY=… DATABASE_URL=postgres://…/sgz_s2 npm run sgz -- demo:scale --tier S2
 *   SGZ_ENCRYPTION_KEY=… BENCH_S1_URL=postgres://…/sgz_s1 BENCH_S2_URL=postgres://…/sgz_s2 npm run bench:scale
 *
 * The app runs in-process against each (buildApp; pending migrations run first), city-wide
 * actors log in (demo-city; demo-org writes the monthly report), and each request is timed
 * through app.inject: a warm-up, then interleaved rounds (S1 then S2, then S2 then S1 …).
 * Prints per request min/median on S1 and S2 and the ratio of the medians, flagged above 1.5, and
 * the answer's size on each (a page that holds more on S2 costs more for what it returns).
 * Dashboard endpoints (GET /api/dashboards/…) are included when the app has them.
 * Not part of the tests (S1 and S2 take minutes to generate).
 *
 *   npm run bench:scale [-- --rounds 3 --only calendar]
 */
import { parseArgs } from 'node:util';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { chinaToday } from '../src/shared/rules/china-date';
import { monthlyPeriod } from '../src/shared/rules/reports';
import { buildApp } from '../src/server/app';
import type { Database } from '../src/server/db/client';
import { regions, reports, stations } from '../src/server/db/schema';
import { openDatabase } from '../src/server/db/setup';
import { createFieldCipher, parseKey } from '../src/server/platform/field-cipher';
import { loginCookie, median } from './bench-lib';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, only: { type: 'string' } } });
const ROUNDS = Number(values.rounds);
const PASSWORD = process.env.SGZ_DEMO_PASSWORD ?? 'Sgz@demo2026';
const today = chinaToday();
const year = Number(today.slice(0, 4));
const lastMonth = (() => {
  const m = Number(today.slice(5, 7)) - 1 || 1;
  return `${year}-${String(m).padStart(2, '0')}`;
})();
const monthEnd = (ym: string) => new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).toISOString().slice(0, 10);

interface Target {
  label: string;
  database: Database;
  app: FastifyInstance;
  cookies: Record<string, { name: string; value: string; csrfToken: string }>;
  /** The demo station (鲸园街道): its records, its draft report. */
  stationId: string;
  /** Another station of the same contractor: where the monthly report is generated (and removed again). */
  genStationId: string;
  draftId: string;
  rootCode: string;
  /** A client of the demo station (the generator's first one there). */
  clientId: string;
}

interface Request {
  name: string;
  as: 'demo-city' | 'demo-org' | null;
  method?: 'GET' | 'POST';
  url: (t: Target) => string;
  body?: (t: Target) => unknown;
  /** Undo what the request wrote, so that every round does the same work. */
  after?: (t: Target, response: string) => Promise<void>;
}

const REQUESTS: Request[] = [
  { name: 'client search by name', as: 'demo-city', url: () => `/api/clients?q=${encodeURIComponent('王')}&page=1&pageSize=20` },
  { name: 'clients page 1, filtered', as: 'demo-city', url: () => '/api/clients?riskLevel=high&page=1&pageSize=20' },
  { name: 'records page 1, city-wide', as: 'demo-city', url: () => '/api/service-records?page=1&pageSize=20' },
  { name: 'records of one station-month', as: 'demo-city', url: (t) => `/api/service-records?stationId=${t.stationId}&from=${lastMonth}-01&to=${monthEnd(lastMonth)}&page=1&pageSize=20` },
  { name: 'deadline calendar (year view)', as: 'demo-city', url: () => `/api/calendar?from=${year}-01-01&to=${year}-12-31` },
  { name: 'deadline calendar (month view)', as: 'demo-city', url: () => `/api/calendar?from=${lastMonth}-01&to=${monthEnd(lastMonth)}` },
  { name: 'deadline calendar, one entry opened (a county’s reports of a day)', as: 'demo-city', url: () => `/api/calendar/entries?date=${monthlyPeriod(lastMonth).dueOn.slice(0, 8)}05&kind=report_due&region=371002&limit=20&offset=0` }, // the generator's reports fall due on the 5th
  { name: 'contracts with problems, page 1', as: 'demo-city', url: () => '/api/contracts?withFindings=true&page=1&pageSize=20' },
  // S1 has fewer such contracts than a page of 20: a page of 5 is the same answer size on both, to show the cost per row is flat.
  { name: 'contracts with problems, page of 5', as: 'demo-city', url: () => '/api/contracts?withFindings=true&page=1&pageSize=5' },
  { name: 'public funding summary (anonymous)', as: null, url: () => `/api/public/funding?year=${year}` },
  { name: 'funding overview', as: 'demo-city', url: () => `/api/funding?year=${year}` },
  // S1 has 7 county units, S2 a page of 20 of 142 (and a top 10): five of each on both.
  { name: 'funding overview, 5 counties', as: 'demo-city', url: () => `/api/funding?year=${year}&countiesPageSize=5&chartTop=5` },
  { name: 'staffing compliance', as: 'demo-city', url: () => '/api/compliance/staffing' },
  { name: "a client's service timeline", as: 'demo-city', url: (t) => `/api/service-records?clientId=${t.clientId}&page=1&pageSize=20` },
  // Daily work's other lists, city-wide: a row is a line (no case notes, sessions or attendees).
  { name: 'cases list', as: 'demo-city', url: () => '/api/cases?page=1&pageSize=20' },
  { name: 'groups list', as: 'demo-city', url: () => '/api/groups?page=1&pageSize=20' },
  { name: 'referrals list', as: 'demo-city', url: () => '/api/referrals?page=1&pageSize=20' },
  {
    name: 'monthly report generation', as: 'demo-org', method: 'POST', url: () => '/api/reports',
    body: (t) => ({ kind: 'monthly', month: today.slice(0, 7), stationId: t.genStationId }),
    after: async (t, response) => {
      const id = (JSON.parse(response) as { id?: string }).id;
      if (id) await t.database.db.delete(reports).where(eq(reports.id, id));
    },
  },
  { name: 'coverage dashboard', as: 'demo-city', url: () => '/api/stations/coverage' },
  { name: 'report page with live figures', as: 'demo-city', url: (t) => `/api/reports/${t.draftId}` },
  { name: 'reports list', as: 'demo-city', url: () => `/api/reports?year=${year}&page=1&pageSize=20` },
];

async function open(label: string, url: string): Promise<Target> {
  const key = process.env.SGZ_ENCRYPTION_KEY;
  if (!key) throw new Error('SGZ_ENCRYPTION_KEY: the key S1 and S2 were generated with');
  const cipher = createFieldCipher(parseKey(key));
  const t0 = Date.now();
  const database = await openDatabase({ url });
  process.stdout.write(`${label}: opened and migrated in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const app = await buildApp({ database, cipher, webDir: null });
  await app.ready();
  const cookies: Target['cookies'] = {};
  for (const u of ['demo-city', 'demo-org']) cookies[u] = await loginCookie(app, u, PASSWORD);
  const [station] = await database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  const [other] = await database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002003'));
  const [root] = await database.db.select({ code: regions.code }).from(regions).where(isNull(regions.parentCode)).orderBy(asc(regions.code)).limit(1);
  if (!station || !other || !root) throw new Error(`${label}: not a generated database (demo stations missing)`);
  // Databases generated before the generator set the uuid version nibble hold ids the API refuses: take one it accepts.
  const [client] = (await database.db.execute(sql`SELECT id FROM clients WHERE station_id = ${station.id}
    AND id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab]' ORDER BY id LIMIT 1`) as unknown as { rows: { id: string }[] }).rows;
  if (!client) throw new Error(`${label}: no client at the demo station`);
  const target: Target = { label, database, app, cookies, stationId: station.id, genStationId: other.id, draftId: '', rootCode: root.code, clientId: client.id };
  // The draft whose page shows live figures: this month's briefing of the demo station.
  const month = today.slice(0, 7);
  const [existing] = await database.db.select({ id: reports.id }).from(reports)
    .where(and(eq(reports.kind, 'monthly'), eq(reports.stationId, station.id), eq(reports.periodStart, `${month}-01`)));
  if (existing) target.draftId = existing.id;
  else {
    const org = cookies['demo-org'];
    const res = await app.inject({
      method: 'POST', url: '/api/reports', payload: { kind: 'monthly', month, stationId: station.id },
      cookies: org ? { [org.name]: org.value } : {}, headers: { 'x-csrf-token': org?.csrfToken ?? '' },
    });
    if (res.statusCode !== 200) throw new Error(`${label}: draft report: ${res.statusCode} ${res.body.slice(0, 300)}`);
    target.draftId = (res.json() as { id: string }).id;
  }
  await database.db.execute(sql`DELETE FROM reports WHERE kind = 'monthly' AND station_id = ${other.id} AND period_start = ${`${month}-01`}::date`);
  return target;
}

/** The last answer's size per target and request: a row whose answer grows is told apart from one whose work does. */
const answerBytes = new Map<string, number>();

async function timed(t: Target, r: Request): Promise<number> {
  const c = r.as ? t.cookies[r.as] : undefined;
  const start = performance.now();
  const res = await t.app.inject({
    method: r.method ?? 'GET', url: r.url(t), ...(r.body ? { payload: r.body(t) as object } : {}),
    cookies: c ? { [c.name]: c.value } : {}, headers: c && r.method === 'POST' ? { 'x-csrf-token': c.csrfToken } : {},
  });
  const ms = performance.now() - start;
  if (res.statusCode !== 200) throw new Error(`${t.label} ${r.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  if (r.after) await r.after(t, res.body);
  answerBytes.set(`${t.label}|${r.name}`, Buffer.byteLength(res.body));
  return ms;
}

async function main(): Promise<void> {
  const s1Url = process.env.BENCH_S1_URL;
  const s2Url = process.env.BENCH_S2_URL;
  if (!s1Url || !s2Url) throw new Error('Set BENCH_S1_URL and BENCH_S2_URL to the two generated databases (see the head of scripts/bench-scale.ts)');
  const s1 = await open('S1', s1Url);
  const s2 = await open('S2', s2Url);
  const requests = [...REQUESTS];
  // Dashboards, when the app serves them: the root (province or city) and one county below it.
  if (s1.app.hasRoute({ method: 'GET', url: '/api/dashboards/:regionCode' })) {
    requests.push({ name: `dashboard ${s1.rootCode} (root)`, as: 'demo-city', url: (t) => `/api/dashboards/${t.rootCode}` });
    // S1's root has 7 children, S2's a page of 20 of 142: five children on both.
    requests.push({ name: `dashboard ${s1.rootCode} (root), 5 children`, as: 'demo-city', url: (t) => `/api/dashboards/${t.rootCode}?pageSize=5` });
    requests.push({ name: 'dashboard 371002 (county)', as: 'demo-city', url: () => '/api/dashboards/371002' });
  }
  const chosen = values.only ? requests.filter((r) => r.name.includes(values.only ?? '')) : requests;
  const lines: string[] = [];
  process.stdout.write(`\n${'request (city-wide actor)'.padEnd(38)} ${'S1 min/median ms'.padStart(18)} ${'S2 min/median ms'.padStart(18)}  S2/S1  answer KB S1 → S2\n`);
  for (const r of chosen) {
    try {
      await timed(s1, r);
      await timed(s2, r); // warm-up
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) {
          a.push(await timed(s1, r));
          b.push(await timed(s2, r));
        } else {
          b.push(await timed(s2, r));
          a.push(await timed(s1, r));
        }
      }
      const ratio = median(b) / median(a);
      const f = (xs: number[]) => `${Math.min(...xs).toFixed(0)}/${median(xs).toFixed(0)}`;
      const kb = (t: Target) => ((answerBytes.get(`${t.label}|${r.name}`) ?? 0) / 1024).toFixed(1);
      lines.push(`${r.name.padEnd(38)} ${f(a).padStart(18)} ${f(b).padStart(18)}  ${ratio.toFixed(1).padStart(5)}×  ${`${kb(s1)} → ${kb(s2)}`.padStart(17)}${ratio > 1.5 ? '  > 1.5' : ''}`);
    } catch (err) {
      lines.push(`${r.name.padEnd(38)} failed: ${err instanceof Error ? err.message.slice(0, 160) : String(err)}`);
    }
    process.stdout.write(`${lines.at(-1)}\n`);
  }
  process.stdout.write(`\nRSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB. Goal: S2/S1 ≤ 1.5 for every row.\n`);
  for (const t of [s1, s2]) {
    await t.app.close();
    await t.database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
