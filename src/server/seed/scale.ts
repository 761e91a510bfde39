import { createHash } from 'node:crypto';
import { asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../shared/rules/china-date';
import { TARGET_GROUPS } from '../../shared/rules/clients';
import { creditCodeCheckChar } from '../../shared/rules/credit-code';
import { idNumberCheckChar, sexOf } from '../../shared/rules/id-number';
import type { Db } from '../db/client';
import { seedDemo } from '../db/demo-data';
import { clients, postings, regions, serviceItems, socialWorkers, stations, users } from '../db/schema';
import type { FieldCipher } from '../platform/field-cipher';
import { hashPassword } from '../platform/passwords';
import { regionsForTier } from './regions';
import type { TierSize } from './tiers';
import { rebuildFundingRollups } from '../modules/funding/funding.repo';

export interface ScaleOptions {
  size: TierSize;
  /** Same seed, same data (names, ID numbers, dates, ids); only the ciphertexts' random IVs differ. */
  seed: number;
  /** Password of the demo users and of the per-station worker accounts the generator adds. */
  password: string;
  /** The year of work generated, up to today when it is the current year. */
  year?: number;
  /** First day of work generated (default 1 January of `year`): the demo takes the last 365 days. */
  since?: string;
  /** Encrypted notes for the service records by domain, one picked per record (the demo's words); none by default. */
  recordNotes?: Partial<Record<string, string[]>>;
  log?: (line: string) => void;
}

export interface ScaleSummary {
  stations: number;
  workers: number;
  clients: number;
  serviceRecords: number;
  cases: number;
  groups: number;
  groupSessions: number;
  referrals: number;
  reports: number;
  seconds: number;
}

/**
 * Deterministic uuid of the k-th row of a kind, computed the same way in JS and in SQL: an MD5 with
 * the version (4) and variant (8) nibbles set, so the API's uuid checks accept it.
 */
export const uuidOf = (seed: number, kind: string, k: number | string): string => {
  const m = createHash('md5').update(`${seed}:${kind}:${k}`).digest('hex');
  const h = `${m.slice(0, 12)}4${m.slice(13, 16)}8${m.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
const sqlUuid = (seed: number, kind: string, k: SQL): SQL =>
  sql`overlay(overlay(md5(${`${seed}:${kind}:`} || (${k})::text) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;

/** mulberry32: a small seeded generator, one per row so any row can be made alone. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红建国志宏海波春梅凤云鹏飞晓雯佳怡子涵欣然浩宇思远文博俊杰淑珍德明秀兰玉珍';

function personName(r: () => number): string {
  const given = r() < 0.6 ? GIVEN.charAt(Math.floor(r() * GIVEN.length)) + GIVEN.charAt(Math.floor(r() * GIVEN.length)) : GIVEN.charAt(Math.floor(r() * GIVEN.length));
  return pick(r, [...SURNAMES]) + given;
}

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** Days from 1940-01-01 a client's birth may fall on (ages 6–86), and 1975–1999 for workers. */
const CLIENT_BIRTH_DAYS = 29_200;
const WORKER_BIRTH_DAYS = 9_131;

/**
 * A fictitious ID number that passes GB 11643: the county code as area, the birth day and a
 * sequence chosen so that (area, birth, sequence) is unique for every k (7919 is prime to the
 * day span, so each block of k's covers each day once), and the check character.
 */
function idNumber(area: string, firstDay: string, span: number, k: number, parity: number): string {
  const day = addDays(firstDay, (k * 7919) % span);
  const block = Math.floor(k / span);
  const seq = String((block * 10 + parity) % 1000).padStart(3, '0');
  const first17 = `${area}${day.replaceAll('-', '')}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** INSERT of many rows in one statement, the same on PGlite and PostgreSQL: the rows travel as one JSON document. */
async function bulkInsert(db: Db, table: PgTable | SQL, rows: Record<string, unknown>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  // Named columns only: columns added later keep their defaults.
  const cols = sql.raw(Object.keys(first).map((k) => `"${k}"`).join(', '));
  await db.execute(sql`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(rows)}::jsonb)`);
}

/** A PostgreSQL array literal of plain codes and uuids (drizzle would spread a JS array into a list). */
const pgArray = (list: readonly string[]) => `{${list.join(',')}}`;

const rowsOf = async <T>(db: Db, q: SQL): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

interface StationSlot {
  idx: number;
  id: string;
  path: string;
  townCode: string;
  countyCode: string;
  userId: string;
  orgId: string | null;
  villages: { code: string; path: string }[];
}

/** Refuses anything but a database made for this: a real site must never receive synthetic people. */
async function checkTarget(db: Db): Promise<void> {
  const [c] = await db.select({ n: count() }).from(clients);
  if ((c?.n ?? 0) > 0) throw new Error('The database already holds clients: generate into a new, empty database.');
  const [other] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${users} WHERE ${users.username} NOT LIKE 'demo-%' AND ${users.username} NOT LIKE 'scale-%'`);
  if ((other?.n ?? 0) > 0) throw new Error('The database has users of its own (not demo-* or scale-*): refusing to add synthetic data to a real site.');
}

/**
 * Generates a deterministic synthetic installation: the demo set (users, contractors, contracts,
 * budgets) on the tier's regions, then workers and clients (ID numbers and phones encrypted and
 * blind-indexed like real data, in JS), then cases, groups, referrals, service records and
 * monthly reports inside the database (INSERT … SELECT generate_series), which is what makes
 * the province tier take minutes.
 */
export async function generateScale(db: Db, cipher: FieldCipher, opts: ScaleOptions): Promise<ScaleSummary> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const { size, seed } = opts;
  const today = chinaToday();
  const year = opts.year ?? Number(today.slice(0, 4));
  const yearStart = opts.since ?? `${year}-01-01`;
  const lastDay = `${year}-12-31` < today ? `${year}-12-31` : today;
  const days = Math.round((Date.parse(lastDay) - Date.parse(yearStart)) / DAY_MS) + 1;
  const step = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const result = await fn();
    log(`${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return result;
  };

  const made = { cases: 0, groups: 0, sessions: 0, referrals: 0, reports: 0 };
  await checkTarget(db);
  const towns = await step(`regions for ${size.stations} stations`, () => regionsForTier(db, size));
  await step('demo set (users, contractors, contracts, budgets)', () => seedDemo(db, opts.password, cipher));
  const passwordHash = await hashPassword(opts.password);
  const slots = await step('stations and station accounts', () => stationSlots(db, towns, seed, passwordHash, year));

  await step(`workers up to ${size.workers}`, () => addWorkers(db, cipher, slots, size.workers, seed));
  // The bulk tables load with their roll-up triggers off; the roll-ups are built once, set-based, at the end.
  await setRollupTriggers(db, false);
  try {
    await step(`clients (${size.clients.toLocaleString('en')})`, () => withoutIndexes(db, 'clients', size.clients >= 200_000, log, async () => {
      // Encrypting the next batch (JS) overlaps the insert of the previous one (the server).
      let pending: Promise<void> = Promise.resolve();
      for (let from = 0; from < size.clients; from += 5_000) {
        const to = Math.min(size.clients, from + 5_000);
        const rows = clientRows(cipher, slots, seed, from, to, year);
        await pending;
        pending = bulkInsert(db, clients, rows);
        if (to % 200_000 === 0 || to === size.clients) log(`clients ${to.toLocaleString('en')} / ${size.clients.toLocaleString('en')}`);
      }
      await pending;
    }));
    await generateInDatabase();
  } finally {
    await setRollupTriggers(db, true);
  }
  await step('dashboard roll-ups (dashboard_rollups_rebuild)', () => db.execute(sql`SELECT dashboard_rollups_rebuild()`));
  await step('funding roll-ups (rebuildFundingRollups)', () => rebuildFundingRollups(db));
  await step('ANALYZE', () => db.execute(sql`ANALYZE`));
  const [w] = await db.select({ n: count() }).from(socialWorkers);
  return {
    stations: slots.length, workers: w?.n ?? 0, clients: size.clients, serviceRecords: size.serviceRecords, cases: made.cases, groups: made.groups,
    groupSessions: made.sessions, referrals: made.referrals, reports: made.reports, seconds: Math.round((Date.now() - started) / 1000),
  };

  async function generateInDatabase(): Promise<void> {

  // What follows runs inside the database; the station slots travel once, as a helper table.
  await db.execute(sql`DROP TABLE IF EXISTS scale_slots`);
  await db.execute(sql`CREATE UNLOGGED TABLE scale_slots (idx int PRIMARY KEY, station_id uuid, scope_path text, county_code text, user_id uuid, org_id uuid, n_clients int)`);
  await bulkInsert(db, sql`scale_slots`, slots.map((s) => ({
    idx: s.idx, station_id: s.id, scope_path: s.path, county_code: s.countyCode, user_id: s.userId, org_id: s.orgId,
    n_clients: Math.floor((size.clients - 1 - s.idx) / slots.length) + 1,
  })));
  const S = slots.length;
  const client = (k: SQL) => sqlUuid(seed, 'client', k);
  const ctx: SqlCtx = { seed, S, size, year, yearStart, days, client, recordNotes: opts.recordNotes ?? {} };
  const notes = {
    caseNotes: cipher.encrypt(JSON.stringify({ intakeNote: '（合成数据）入户评估，了解家庭情况', needs: '生活照料、心理支持', goals: '稳定生活，链接资源', results: '', closureReason: '' })),
    reason: cipher.encrypt('（合成数据）需要专业机构进一步服务'),
  };
  made.cases = await step('cases', () => insertCases(db, ctx, notes.caseNotes));
  const grp = await step('groups and sessions', () => insertGroups(db, ctx));
  made.groups = grp.groups;
  made.sessions = grp.sessions;
  made.referrals = await step('partners and referrals', () => insertReferrals(db, ctx, notes.reason));
  const items = await db.select({ code: serviceItems.code, domain: serviceItems.domain }).from(serviceItems).where(eq(serviceItems.excluded, false)).orderBy(asc(serviceItems.code));
  await step(`service records (${size.serviceRecords.toLocaleString('en')})`, () =>
    withoutIndexes(db, 'service_records', size.serviceRecords >= 200_000, log, () => insertServiceRecords(db, ctx, items, log)));
  made.reports = await step('monthly reports', () => insertReports(db, ctx, today));
  await db.execute(sql`DROP TABLE scale_slots`);
  }
}

/** The statement-level roll-up triggers of the bulk tables (0018), off for the load or on again. */
async function setRollupTriggers(db: Db, on: boolean): Promise<void> {
  for (const table of ['clients', 'service_records', 'reports'])
    await db.execute(sql.raw(`ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${table}_rollup_ins`));
}

/**
 * Runs a bulk load with the table's secondary indexes and foreign keys dropped (one sort and one
 * join each afterwards instead of millions of index insertions and key lookups, GIN ones above
 * all); whatever indexes exist come back as they were, built with more memory for the sort.
 */
async function withoutIndexes(db: Db, table: 'clients' | 'service_records', big: boolean, log: (l: string) => void, load: () => Promise<void>): Promise<void> {
  if (!big) return load();
  const saved = await rowsOf<{ kind: string; name: string; def: string }>(db, sql`
    SELECT 'index' AS kind, indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename = ${table} AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = ${table}::regclass)
    UNION ALL SELECT 'fk', conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ${table}::regclass AND contype = 'f'`);
  for (const s of saved)
    await db.execute(sql.raw(s.kind === 'index' ? `DROP INDEX IF EXISTS "${s.name}"` : `ALTER TABLE ${table} DROP CONSTRAINT "${s.name}"`));
  await load();
  // Two at a time on two connections: a GIN build (client_ids: 10 minutes at 20M on a busy
  // machine) runs on one core while the b-trees take the other; the keys come last (adding one
  // locks out CREATE INDEX, so it waits for the builds).
  const order = (s: { kind: string; def: string }) => (s.kind === 'fk' ? 2 : / USING gin /i.test(s.def) ? 0 : 1);
  const queue = [...saved].sort((a, b) => order(a) - order(b));
  const rebuild = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const t = Date.now();
      const def = s.kind === 'index' ? s.def : `ALTER TABLE ${table} ADD CONSTRAINT "${s.name}" ${s.def}`;
      await db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL maintenance_work_mem = '512MB'`);
        await tx.execute(sql.raw(def));
      });
      log(`  rebuilt ${s.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all([rebuild(), rebuild()]);
}

interface SqlCtx {
  seed: number;
  S: number;
  size: TierSize;
  year: number;
  yearStart: string;
  days: number;
  client: (k: SQL) => SQL;
  recordNotes: Partial<Record<string, string[]>>;
}

/** Stations of the tier's towns (the demo made most), a worker account per station, the county's contractor. */
async function stationSlots(db: Db, towns: { code: string; path: string; countyCode: string }[], seed: number, passwordHash: string, year: number): Promise<StationSlot[]> {
  const existing = new Set((await db.select({ townCode: stations.townCode }).from(stations)).map((s) => s.townCode));
  const missing = towns.filter((t) => !existing.has(t.code));
  for (let i = 0; i < missing.length; i += 1000)
    await db.insert(stations).values(missing.slice(i, i + 1000).map((t) => ({
      townCode: t.code, scopePath: t.path, status: 'operating' as const, venueType: 'convenience_center' as const, address: '便民服务中心二楼', openedOn: '2021-06-15',
    }))).onConflictDoNothing();
  const byTown = new Map((await db.select({ id: stations.id, townCode: stations.townCode, path: stations.scopePath }).from(stations)).map((s) => [s.townCode, s]));
  const villages = await db.select({ code: regions.code, path: regions.path, parent: regions.parentCode }).from(regions).where(eq(regions.level, 'village')).orderBy(asc(regions.code));
  const villagesOf = new Map<string, { code: string; path: string }[]>();
  for (const v of villages) if (v.parent) villagesOf.set(v.parent, [...(villagesOf.get(v.parent) ?? []), { code: v.code, path: v.path }]);

  // Each county's contractor: the demo's where it has one, else a synthetic one with a contract for the year.
  const counties = [...new Set(towns.map((t) => t.countyCode))].sort();
  const orgRows = await rowsOf<{ county_code: string; id: string }>(db, sql`SELECT DISTINCT ON (county_code) county_code, id FROM organizations WHERE county_code IS NOT NULL ORDER BY county_code, created_at`);
  const orgOf = new Map(orgRows.map((o) => [o.county_code, o.id]));
  const newOrgs = counties.filter((c) => !orgOf.has(c));
  if (newOrgs.length > 0) {
    const [root] = await db.select({ path: regions.path }).from(regions).where(sql`${regions.parentCode} IS NULL`).limit(1);
    const countyPath = new Map((await db.select({ code: regions.code, path: regions.path }).from(regions).where(eq(regions.level, 'county'))).map((r) => [r.code, r.path]));
    await bulkInsert(db, sql`organizations`, newOrgs.map((c, i) => {
      const base = `52${c}MJA${String(100_000 + i).slice(-6)}`;
      return {
        id: uuidOf(seed, 'org', c), name: `${c}号合成社会工作服务中心`, credit_code: base + (creditCodeCheckChar(base) ?? '0'), kind: 'social_work_org',
        registering_authority: '民政局', registered_on: '2018-05-20', legal_representative: '（合成数据）', contact_name: '', contact_phone: '', address: '',
        service_domains: ['assistance', 'elderly', 'children'], county_code: c, scope_path: countyPath.get(c) ?? root?.path ?? '/', status: 'active',
        status_reason: '', version: 1, created_at: `${year - 1}-12-01T00:00:00Z`, updated_at: `${year - 1}-12-01T00:00:00Z`,
      };
    }));
    for (const c of newOrgs) orgOf.set(c, uuidOf(seed, 'org', c));
    await contractsForCounties(db, newOrgs, orgOf, seed, year, countyPath);
  }

  const slots = towns.flatMap((t, idx) => {
    const st = byTown.get(t.code);
    return st ? [{
      idx, id: st.id, path: st.path, townCode: t.code, countyCode: t.countyCode, userId: uuidOf(seed, 'user', t.code),
      orgId: orgOf.get(t.countyCode) ?? null, villages: villagesOf.get(t.code) ?? [{ code: t.code, path: t.path }],
    }] : [];
  }).map((s, idx) => ({ ...s, idx }));
  for (let i = 0; i < slots.length; i += 1000)
    await db.insert(users).values(slots.slice(i, i + 1000).map((s) => ({
      id: s.userId, username: `scale-w-${s.townCode}`, displayName: `驻站社工 ${s.townCode}`, passwordHash, roles: ['station_worker' as const],
      scopeKind: 'station' as const, scopePath: s.path, stationId: s.id, mustChangePassword: false,
    }))).onConflictDoNothing();
  return slots;
}

/** A performing contract for the year per synthetic county, its stations, and the first instalment paid. */
async function contractsForCounties(db: Db, countyCodes: string[], orgOf: Map<string, string>, seed: number, year: number, countyPath: Map<string, string>): Promise<void> {
  const rows = countyCodes.map((c, i) => ({
    id: uuidOf(seed, 'contract', c), county_code: c, scope_path: countyPath.get(c) ?? '/', procurement_id: null, contractor_org_id: orgOf.get(c),
    number: `${c}-SGZ-${year}-01`, title: `${year}年度镇街社工站服务项目`, content: '镇街社工站驻站服务', starts_on: `${year}-01-01`, ends_on: `${year}-12-31`,
    quantity: '', quality: '', price_fen: 0,
    instalments: [{ label: '首期', dueOn: `${year}-01-31`, amountFen: 0 }, { label: '尾期', dueOn: `${year}-12-31`, amountFen: 0 }],
    rights_duties: '', liability: '', tripartite: '', status: 'performing', status_reason: '', signed_on: `${year - 1}-12-20`, ending_year: null,
    ending_reason: '', history: [], version: 1, created_at: `${year - 1}-12-20T00:00:00Z`, updated_at: `${year - 1}-12-20T00:00:00Z`, idx: i,
  }));
  await bulkInsert(db, sql`contracts`, rows.map(({ idx: _i, ...r }) => r));
  // Price: 160,000 CNY per station; two equal instalments, the first one paid.
  await db.execute(sql`INSERT INTO contract_stations (contract_id, station_id, station_path)
    SELECT k.id, s.id, s.scope_path FROM contracts k JOIN stations s ON s.scope_path LIKE k.scope_path || '%'
    WHERE k.id = ANY(${pgArray(rows.map((r) => r.id))}::uuid[]) ON CONFLICT DO NOTHING`);
  await db.execute(sql`UPDATE contracts k SET price_fen = n.n * 16000000,
      instalments = jsonb_build_array(jsonb_build_object('label','首期','dueOn',${`${year}-01-31`}::text,'amountFen', n.n * 8000000),
                                      jsonb_build_object('label','尾期','dueOn',${`${year}-12-31`}::text,'amountFen', n.n * 8000000))
    FROM (SELECT contract_id, count(*) AS n FROM contract_stations GROUP BY contract_id) n
    WHERE n.contract_id = k.id AND k.id = ANY(${pgArray(rows.map((r) => r.id))}::uuid[])`);
  await db.execute(sql`INSERT INTO contract_payments (contract_id, instalment, paid_on, amount_fen, voucher)
    SELECT id, 0, ${`${year}-01-25`}::date, price_fen / 2, number || '-PZ-001' FROM contracts WHERE id = ANY(${pgArray(rows.map((r) => r.id))}::uuid[])`);
}

async function addWorkers(db: Db, cipher: FieldCipher, slots: StationSlot[], wanted: number, seed: number): Promise<void> {
  const [have] = await db.select({ n: count() }).from(socialWorkers);
  const need = wanted - (have?.n ?? 0);
  const workers: Record<string, unknown>[] = [];
  const posts: Record<string, unknown>[] = [];
  for (let w = 0; w < need; w++) {
    const s = slots[w % slots.length];
    if (!s) break;
    const r = rng(seed * 31 + w);
    // Even sequences: the demo's own workers use odd ones, so the numbers never meet.
    const id = idNumber(s.countyCode.padEnd(6, '0').slice(0, 6), '1975-01-01', WORKER_BIRTH_DAYS, w, 2 * Math.floor(r() * 5));
    const phone = `13${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
    const wid = uuidOf(seed, 'worker', w);
    const startDate = `20${21 + Math.floor(r() * 4)}-0${1 + Math.floor(r() * 9)}-15`;
    workers.push({
      id: wid, name: personName(r), id_number_cipher: cipher.encrypt(id), id_number_index: cipher.index(id), id_number_tail: id.slice(-4),
      birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, sex: sexOf(id), phone_cipher: cipher.encrypt(phone), phone_tail: phone.slice(-4),
      education: r() < 0.7 ? 'bachelor' : 'junior_college', major: r() < 0.6 ? '社会工作' : '社区管理', school: '', graduated_on: null,
      org_id: s.orgId, scope_path: s.path, user_id: null, version: 1, created_at: `${startDate}T02:00:00Z`, updated_at: `${startDate}T02:00:00Z`,
    });
    posts.push({
      id: uuidOf(seed, 'posting', w), worker_id: wid, org_id: s.orgId, station_id: s.id, scope_path: s.path, source: r() < 0.8 ? 'purchased' : 'converted',
      start_date: startDate, end_date: null, end_reason: '', exception_rules: [], exception_reason: '', exception_by: null, created_at: `${startDate}T02:00:00Z`,
    });
  }
  for (let i = 0; i < workers.length; i += 2_000) {
    await bulkInsert(db, socialWorkers, workers.slice(i, i + 2_000));
    await bulkInsert(db, postings, posts.slice(i, i + 2_000));
  }
}

/** Clients k in [from, to): client k belongs to station k mod S, so SQL can find a station's clients without a lookup. */
function clientRows(cipher: FieldCipher, slots: StationSlot[], seed: number, from: number, to: number, year: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let k = from; k < to; k++) {
    const s = slots[k % slots.length];
    if (!s) continue;
    const r = rng(seed * 1_000_003 + k);
    const v = s.villages[k % s.villages.length] ?? { code: s.townCode, path: s.path };
    const id = idNumber(s.countyCode.padEnd(6, '0').slice(0, 6), '1940-01-01', CLIENT_BIRTH_DAYS, k, (k * 3) % 10);
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    const minor = Number(id.slice(6, 10)) > year - 18;
    const phone = r() < 0.8 ? `1${pick(r, ['3', '5', '8'])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}` : null;
    const groups = [...new Set([pick(r, TARGET_GROUPS), ...(r() < 0.3 ? [pick(r, TARGET_GROUPS)] : [])])];
    const u = r();
    const created = `${year - 1 - Math.floor(r() * 3)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}T01:00:00Z`;
    rows.push({
      id: uuidOf(seed, 'client', k), station_id: s.id, scope_path: v.path, village_code: v.code, name: personName(r),
      id_number_cipher: cipher.encrypt(id), id_number_index: cipher.index(id), id_number_tail: id.slice(-4), birth_date: birth, sex: sexOf(id),
      phone_cipher: phone ? cipher.encrypt(phone) : null, phone_tail: phone ? phone.slice(-4) : null, address: `${k % 97 + 1}号`,
      household_cipher: null,
      guardian_cipher: minor ? cipher.encrypt(JSON.stringify({ name: personName(r), relation: '母亲', phone: `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}` })) : null,
      target_groups: groups, risk_level: u < 0.7 ? 'low' : u < 0.9 ? 'medium' : 'high', status: u > 0.98 ? 'closed' : u > 0.95 ? 'paused' : 'active',
      status_reason: u > 0.95 ? '（合成数据）' : '', legal_basis: 'statutory', created_by: s.userId, version: 1, created_at: created, updated_at: created,
    });
  }
  return rows;
}

/** h(i, salt): a deterministic pseudo-random non-negative bigint per row, inside PostgreSQL. */
const h = (seed: number, i: SQL, salt: number) => sql`abs(hashint8extended((${i})::bigint, ${seed * 7 + salt}::bigint))`;

async function insertCases(db: Db, c: SqlCtx, notesCipher: string): Promise<number> {
  const n = Math.floor(c.size.clients / c.size.clientsPerCase);
  const i = sql`g.i`;
  const k = sql`(g.i * ${c.size.clientsPerCase})`;
  await db.execute(sql`INSERT INTO cases (id, client_id, station_id, scope_path, worker_id, stage, notes_cipher, next_follow_up, opened_on, closed_on, history, created_at)
    SELECT ${sqlUuid(c.seed, 'case', i)}, ${c.client(k)}, s.station_id, s.scope_path, s.user_id,
      (ARRAY['intake','assessment','planning','intervention','evaluation','closed'])[(1 + ${h(c.seed, i, 1)} % 6)::int],
      ${notesCipher}, ${c.yearStart}::date + (${h(c.seed, i, 2)} % ${c.days})::int + 14, ${c.yearStart}::date + (${h(c.seed, i, 3)} % ${c.days})::int,
      NULL, '[]'::jsonb, ${c.yearStart}::timestamptz + make_interval(days => (${h(c.seed, i, 3)} % ${c.days})::int)
    FROM generate_series(0, ${n - 1}::int) g(i) JOIN scale_slots s ON s.idx = ${k} % ${c.S}`);
  await db.execute(sql`UPDATE cases SET closed_on = opened_on + 60, next_follow_up = NULL WHERE stage = 'closed' AND closed_on IS NULL`);
  return n;
}

async function insertGroups(db: Db, c: SqlCtx): Promise<{ groups: number; sessions: number }> {
  const gi = sql`(s.idx * ${c.size.groupsPerStation} + g.j)`;
  await db.execute(sql`INSERT INTO groups (id, station_id, scope_path, kind, name, phase, goals, created_at)
    SELECT ${sqlUuid(c.seed, 'group', gi)}, s.station_id, s.scope_path, CASE WHEN g.j % 2 = 0 THEN 'group' ELSE 'community' END,
      (ARRAY['长者健康互助小组','困境儿童成长小组','邻里守望社区活动','残疾人康复支持小组'])[1 + g.j % 4],
      (ARRAY['beginning','middle','ending','closed'])[(1 + ${h(c.seed, gi, 4)} % 4)::int], '（合成数据）', ${c.yearStart}::timestamptz
    FROM scale_slots s CROSS JOIN generate_series(0, ${c.size.groupsPerStation - 1}::int) g(j)`);
  const si = sql`((s.idx * ${c.size.groupsPerStation} + g.j) * ${c.size.sessionsPerGroup} + n.m)`;
  // Attendance: 4–8 clients of the station; volunteers with their hours.
  await db.execute(sql`INSERT INTO group_sessions (id, group_id, date, topic, client_ids, volunteers, outcome, created_at)
    SELECT ${sqlUuid(c.seed, 'session', si)}, ${sqlUuid(c.seed, 'group', gi)}, ${c.yearStart}::date + (${h(c.seed, si, 5)} % ${c.days})::int,
      '第' || (n.m + 1) || '次活动',
      ARRAY(SELECT ${c.client(sql`s.idx + ${c.S} * ((${h(c.seed, si, 6)} + x) % s.n_clients)`)} FROM generate_series(1, 4 + (${h(c.seed, si, 7)} % 5)::int) x),
      jsonb_build_array(jsonb_build_object('name', '志愿者' || (n.m + 1), 'hours', 2)), '', ${c.yearStart}::timestamptz
    FROM scale_slots s CROSS JOIN generate_series(0, ${c.size.groupsPerStation - 1}::int) g(j) CROSS JOIN generate_series(0, ${c.size.sessionsPerGroup - 1}::int) n(m)`);
  return { groups: c.S * c.size.groupsPerStation, sessions: c.S * c.size.groupsPerStation * c.size.sessionsPerGroup };
}

async function insertReferrals(db: Db, c: SqlCtx, reasonCipher: string): Promise<number> {
  await db.execute(sql`INSERT INTO partners (id, county_code, scope_path, kind, name, contact_name, services)
    SELECT DISTINCT ON (s.county_code) ${sqlUuid(c.seed, 'partner', sql`s.county_code`)}, s.county_code, r.path, 'hospital', r.name || '人民医院', '（合成数据）', '医疗救治、康复'
    FROM scale_slots s JOIN regions r ON r.code = s.county_code ORDER BY s.county_code ON CONFLICT DO NOTHING`);
  const n = Math.floor(c.size.clients / c.size.clientsPerReferral);
  const i = sql`g.i`;
  const k = sql`(g.i * ${c.size.clientsPerReferral} + 1)`;
  await db.execute(sql`INSERT INTO referrals (id, client_id, station_id, scope_path, partner_id, reason_cipher, status, referred_on, outcome, created_at)
    SELECT ${sqlUuid(c.seed, 'referral', i)}, cl.id, cl.station_id, cl.scope_path, ${sqlUuid(c.seed, 'partner', sql`s.county_code`)}, ${reasonCipher},
      (ARRAY['pending','accepted','completed','declined'])[(1 + ${h(c.seed, i, 8)} % 4)::int], ${c.yearStart}::date + (${h(c.seed, i, 9)} % ${c.days})::int, '', ${c.yearStart}::timestamptz
    FROM generate_series(0, ${n - 1}::int) g(i) JOIN scale_slots s ON s.idx = ${k} % ${c.S} JOIN clients cl ON cl.id = ${c.client(k)}
    WHERE ${k} < ${c.size.clients}`);
  return n;
}

/**
 * The bulk of the data, made where it lives (the caller drops the indexes for it). An INSERT …
 * SELECT runs on one server core, so two chunks go at once on two connections: each row depends
 * only on its number, so the content is the same whatever the order.
 */
async function insertServiceRecords(db: Db, c: SqlCtx, items: { code: string; domain: string }[], log: (l: string) => void): Promise<void> {
  const codes = items.map((x) => x.code);
  const domains = items.map((x) => x.domain);
  const CHUNK = 500_000;
  const chunks: number[] = [];
  for (let from = 0; from < c.size.serviceRecords; from += CHUNK) chunks.push(from);
  let done = 0;
  const worker = async () => {
    for (let from = chunks.shift(); from !== undefined; from = chunks.shift()) {
      await insertRecordChunk(from, Math.min(c.size.serviceRecords, from + CHUNK) - 1);
      done += Math.min(CHUNK, c.size.serviceRecords - from);
      if (done % 2_000_000 === 0 || done === c.size.serviceRecords) log(`service records ${done.toLocaleString('en')} / ${c.size.serviceRecords.toLocaleString('en')}`);
    }
  };
  await Promise.all([worker(), worker()]);

  async function insertRecordChunk(from: number, to: number): Promise<void> {
    const i = sql`g.i`;
    const it = sql`(1 + ${h(c.seed, i, 11)} % ${codes.length})::int`;
    const notes = sql`(${JSON.stringify(c.recordNotes)}::jsonb -> (${pgArray(domains)}::text[])[${it}])`;
    await db.execute(sql`INSERT INTO service_records (id, station_id, scope_path, date, start_time, duration_minutes, place, method, item_code, domain,
        client_ids, volunteers, home_visit, recorded_by, recorded_by_org, created_at, notes_cipher)
      SELECT ${sqlUuid(c.seed, 'record', i)}, s.station_id, s.scope_path, ${c.yearStart}::date + (${h(c.seed, i, 10)} % ${c.days})::int,
        lpad((8 + ${h(c.seed, i, 12)} % 9)::text, 2, '0') || ':00', 30 + (${h(c.seed, i, 13)} % 8)::int * 15,
        CASE WHEN ${h(c.seed, i, 14)} % 3 = 0 THEN '服务对象家中' ELSE '社工站' END,
        CASE WHEN ${h(c.seed, i, 15)} % 10 < 8 THEN 'case' WHEN ${h(c.seed, i, 15)} % 10 = 8 THEN 'group' ELSE 'community' END,
        (${pgArray(codes)}::text[])[${it}], (${pgArray(domains)}::text[])[${it}],
        ARRAY[${c.client(sql`s.idx + ${c.S} * (${h(c.seed, i, 16)} % s.n_clients)`)}],
        CASE WHEN ${h(c.seed, i, 17)} % 20 = 0 THEN '[{"name":"志愿者","hours":2}]'::jsonb ELSE '[]'::jsonb END,
        ${h(c.seed, i, 14)} % 3 = 0, s.user_id, s.org_id,
        ${c.yearStart}::timestamptz + make_interval(days => (${h(c.seed, i, 10)} % ${c.days})::int, hours => 10),
        ${notes} ->> (${h(c.seed, i, 18)} % greatest(1, jsonb_array_length(coalesce(${notes}, '[]'::jsonb))))::int
      FROM generate_series(${from}::int, ${to}::int) g(i) JOIN scale_slots s ON s.idx = g.i % ${c.S}`);
  }
}

/**
 * A monthly briefing per station for each month before this one: accepted, the last month
 * submitted (some late), a few returned; every one in `bigSnapshotEvery` carries a frozen
 * snapshot of realistic size (figures with the ids they count), the rest small snapshots.
 */
async function insertReports(db: Db, c: SqlCtx, today: string): Promise<number> {
  const months = c.year < Number(today.slice(0, 4)) ? 12 : Number(today.slice(5, 7)) - 1;
  if (months < 1) return 0;
  const ri = sql`(s.idx * 12 + m.m)`;
  const ids = (fig: number) =>
    sql`(SELECT jsonb_agg(${sqlUuid(c.seed, `snap${fig}`, sql`(${ri})::bigint * 100000 + x`)}) FROM generate_series(1, ${c.size.snapshotIdsPerFigure}::int) x)`;
  const figure = (key: string, label: string, source: string, fig: number, big: SQL) => sql`jsonb_build_object('key', ${key}::text, 'label', ${label}::text,
    'group', '服务'::text, 'value', CASE WHEN ${big} THEN ${c.size.snapshotIdsPerFigure} ELSE 0 END, 'unit', '次'::text, 'source', ${source}::text,
    'ids', CASE WHEN ${big} THEN ${ids(fig)} ELSE '[]'::jsonb END)`;
  const big = sql`(${ri} % ${c.size.bigSnapshotEvery} = 0)`;
  const periodStart = sql`make_date(${c.year}, m.m, 1)`;
  const status = sql`CASE WHEN m.m = ${months} THEN 'submitted' WHEN ${h(c.seed, ri, 20)} % 25 = 0 THEN 'returned' ELSE 'accepted' END`;
  const submittedAt = sql`(${periodStart} + interval '1 month' + make_interval(days => 2 + (${h(c.seed, ri, 21)} % 6)::int, hours => 9))`;
  await db.execute(sql`INSERT INTO reports (id, kind, county_code, scope_path, station_id, contract_id, org_id, title, period_start, period_end, due_on,
      status, sections, snapshot, first_submitted_at, submitted_at, last_comment, history, created_at, updated_at)
    SELECT ${sqlUuid(c.seed, 'report', ri)}, 'monthly', s.county_code, s.scope_path, s.station_id, cs.contract_id, s.org_id,
      r.name || '社工站' || ${c.year} || '年' || m.m || '月工作简报', ${periodStart}, (${periodStart} + interval '1 month - 1 day')::date,
      (${periodStart} + interval '1 month 4 days')::date, ${status},
      jsonb_build_object('summary', '本月开展入户走访、个案跟进和小组活动（合成数据）。', 'next', '下月继续做好困难群众走访。'),
      jsonb_build_object('computedAt', to_char(${submittedAt}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'findings', '[]'::jsonb,
        'figures', jsonb_build_array(${figure('records', '服务记录', 'service_records', 1, big)}, ${figure('clients', '服务对象', 'clients', 2, big)})),
      ${submittedAt}, ${submittedAt}, '', '[]'::jsonb, ${periodStart} + interval '1 month', ${submittedAt}
    FROM scale_slots s CROSS JOIN generate_series(1, ${months}::int) m(m)
      JOIN regions r ON r.code = (SELECT town_code FROM stations WHERE id = s.station_id)
      LEFT JOIN LATERAL (SELECT contract_id FROM contract_stations WHERE station_id = s.station_id LIMIT 1) cs ON true
    WHERE s.org_id IS NOT NULL
    ON CONFLICT DO NOTHING`);
  const [n] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM reports WHERE kind = 'monthly'`);
  return n?.n ?? 0;
}
