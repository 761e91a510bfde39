import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberProblem } from '../../shared/rules/id-number';
import { chinaToday } from '../../shared/rules/china-date';
import { loadDemo, openDatabase } from '../db/setup';
import { createFieldCipher } from '../platform/field-cipher';
import { createTestApp, type TestApp } from '../testing/test-app';
import { rowsOf } from './demo-year-sql';
import { TIERS } from './tiers';

let t: TestApp;
const YEAR = Number(chinaToday().slice(0, 4));
/** What the calendar page asks for its 待办 list: from the start of last year to a month ahead. */
const CALENDAR = `/api/calendar?from=${YEAR - 1}-01-01&to=${YEAR}-12-31`;
const PLANS = `/api/annual-plans?year=${YEAR}`;
const FUNDING = `/api/funding?year=${YEAR}`;
const SPLANS = `/api/station-plans?year=${YEAR}`;

beforeAll(async () => {
  t = await createTestApp({ demoYear: true });
}, 300_000);
afterAll(async () => {
  await t.close();
});

/**
 * What each demo role's menu opens (src/web/app/navigation.tsx by permission), as the list
 * endpoints those pages load. The worker's and organisation's 工作清单 are the case lists it shows.
 */
const MENUS: Record<string, string[]> = {
  'demo-city': [
    '/api/workbench', '/api/dashboards/home', '/api/stations', '/api/organizations', '/api/social-workers', '/api/compliance/staffing',
    '/api/clients', '/api/service-records', '/api/cases', '/api/groups', '/api/referrals', '/api/partners',
    PLANS, '/api/procurements', '/api/contracts', FUNDING, CALENDAR, '/api/reports', '/api/evaluations', '/api/supervisions', '/api/archives', SPLANS,
  ],
  'demo-district': [
    '/api/workbench', '/api/dashboards/home', '/api/stations', '/api/organizations', '/api/social-workers', '/api/compliance/staffing',
    '/api/cases?followUp=overdue', '/api/clients', '/api/service-records', '/api/cases', '/api/groups', '/api/referrals', '/api/partners',
    PLANS, '/api/procurements', '/api/contracts', FUNDING, CALENDAR, '/api/reports', '/api/reports?status=submitted',
    '/api/evaluations', '/api/supervisions', '/api/archives', SPLANS,
  ],
  'demo-town': [
    '/api/workbench', '/api/dashboards/home', '/api/stations', '/api/organizations', '/api/social-workers', '/api/compliance/staffing',
    '/api/clients', '/api/service-records', '/api/cases', '/api/groups', '/api/referrals', '/api/partners',
    PLANS, '/api/procurements', '/api/contracts', FUNDING, CALENDAR, '/api/reports', '/api/evaluations', '/api/supervisions', '/api/archives', SPLANS,
  ],
  'demo-org': [
    '/api/workbench', '/api/dashboards/home', '/api/stations', '/api/organizations', '/api/social-workers', '/api/compliance/staffing',
    '/api/cases?pending=true', '/api/cases?followUp=overdue', '/api/clients', '/api/service-records', '/api/cases', '/api/groups', '/api/referrals', '/api/partners',
    '/api/contracts', CALENDAR, '/api/reports', '/api/reports?status=returned', '/api/supervisions', '/api/archives', SPLANS,
  ],
  'demo-worker': [
    '/api/workbench', '/api/dashboards/home', '/api/stations', '/api/social-workers', '/api/compliance/staffing',
    '/api/cases?mine=true&open=true', '/api/cases?followUp=overdue', '/api/clients', '/api/clients?mine=true', '/api/service-records',
    '/api/cases', '/api/groups', '/api/referrals', '/api/partners', SPLANS,
  ],
  // The evaluator's to-do (unfinished evaluations) is empty: the demo year's evaluations are all finished.
  'demo-evaluator': [
    '/api/dashboards/home', '/api/stations', '/api/organizations', '/api/social-workers', '/api/compliance/staffing',
    '/api/clients', '/api/service-records', '/api/groups', '/api/partners',
    PLANS, '/api/procurements', '/api/contracts', FUNDING, CALENDAR, '/api/reports', '/api/evaluations', '/api/supervisions',
  ],
  // The applicant's workbench lists their own applications to other departments: none in the demo.
  'demo-applicant': ['/api/dashboards/home', '/api/stations', '/api/partners', '/api/service-catalogue'],
  'demo-sysadmin': ['/api/workbench', '/api/users', '/api/roles'],
  'demo-secadmin': ['/api/workbench', '/api/security/policy'],
  'demo-auditor': ['/api/workbench', '/api/audit'],
};

/** Rows a list answer holds: an array, `items`, or for the workbench and dashboards the lines they show. */
function rowsIn(url: string, body: unknown): number {
  if (Array.isArray(body)) return body.length;
  // The workbench: the to-dos its sections count, not the sections themselves.
  if (url === '/api/workbench') return ((body as { sections?: { total: number }[] }).sections ?? []).reduce((n, x) => n + x.total, 0);
  // A dashboard: the service records of its region this year.
  if (url.startsWith('/api/dashboards/')) return (body as { total?: { figures?: { records?: number } } }).total?.figures?.records ?? 0;
  if (typeof body !== 'object' || body === null) return 0;
  const o = body as Record<string, unknown>;
  for (const key of ['items', 'rows', 'stations', 'children', 'groups']) {
    const v = o[key];
    if (Array.isArray(v)) return v.length;
  }
  // A single object (the security policy) shows as one.
  return url.startsWith('/api/security/') ? 1 : 0;
}

describe('the demo year: every page of every demo role has something to show', () => {
  for (const [username, urls] of Object.entries(MENUS))
    it(`${username}: ${urls.length} pages`, async () => {
      const s = await t.login(username);
      const empty: string[] = [];
      for (const url of urls) {
        const res = await s.get(url);
        expect(res.statusCode, `${username} ${url}: ${res.body.slice(0, 300)}`).toBe(200);
        if (rowsIn(url, res.json()) < 1) empty.push(`${url} → ${res.body.slice(0, 160)}`);
      }
      expect(empty, `${username} opens empty pages`).toEqual([]);
    });
});

describe('npm start', () => {
  it('loads the year with the demo on a fresh store (loadDemo), once', async () => {
    const database = await openDatabase({ dataDir: null });
    try {
      const cipher = createFieldCipher(randomBytes(32));
      expect((await loadDemo(database, 'Sgz@demo2026', cipher)).seeded).toBe(true);
      const [n] = await rowsOf<{ clients: number; records: number }>(database.db,
        sql`SELECT (SELECT count(*)::int FROM clients) AS clients, (SELECT count(*)::int FROM service_records) AS records`);
      // The small demo may bring a few rows of its own.
      expect(n?.clients).toBeGreaterThanOrEqual(TIERS.demo.clients);
      expect(n?.records).toBeGreaterThanOrEqual(TIERS.demo.serviceRecords);
      expect((await loadDemo(database, 'Sgz@demo2026', cipher)).seeded).toBe(false);
    } finally {
      await database.close();
    }
  }, 180_000);
});

describe('the demo year: what it holds', () => {
  it('has a few hundred clients with valid, encrypted, fictitious ID numbers in every domain and most target groups', async () => {
    const [c] = await rowsOf<{ n: number; groups: number }>(t.database.db, sql`SELECT count(*)::int AS n,
      (SELECT count(DISTINCT g)::int FROM clients CROSS JOIN unnest(target_groups) g) AS groups FROM clients`);
    expect(c?.n).toBeGreaterThanOrEqual(200);
    expect(c?.groups).toBeGreaterThanOrEqual(13);
    const sample = await rowsOf<{ id_number_cipher: string }>(t.database.db, sql`SELECT id_number_cipher FROM clients ORDER BY id LIMIT 20`);
    for (const r of sample) {
      expect(r.id_number_cipher).not.toMatch(/^\d{17}[\dX]$/);
      expect(idNumberProblem(t.cipher.decrypt(r.id_number_cipher), chinaToday())).toBeNull();
    }
    const [d] = await rowsOf<{ n: number }>(t.database.db, sql`SELECT count(DISTINCT domain)::int AS n FROM service_records`);
    expect(d?.n).toBe(5);
  });

  it('covers a year up to today, with home visits, volunteers and Chinese notes', async () => {
    const today = chinaToday();
    const [r] = await rowsOf<{ first: string; last: string; visits: number; volunteered: number }>(t.database.db, sql`SELECT min(date)::text AS first, max(date)::text AS last,
      count(*) FILTER (WHERE home_visit)::int AS visits, count(*) FILTER (WHERE volunteers <> '[]'::jsonb)::int AS volunteered FROM service_records`);
    expect(r?.last).toBe(today);
    expect(Date.parse(today) - Date.parse(r?.first ?? today)).toBeGreaterThanOrEqual(360 * 86_400_000);
    expect(r?.visits).toBeGreaterThan(0);
    expect(r?.volunteered).toBeGreaterThan(0);
    const w = await t.login('demo-worker');
    const list = (await w.get('/api/service-records?pageSize=5')).json<{ items: { id: string }[] }>();
    const first = list.items[0];
    expect(first).toBeDefined();
    const one = (await w.get(`/api/service-records/${first?.id}`)).json<{ notes: string | null }>();
    expect(one.notes ?? '').toMatch(/[\u4e00-\u9fa5]{6,}/);
    expect(one.notes ?? '').not.toMatch(/合成数据/);
  });

  it('reads as the demo’s own: nothing the generator marks as synthetic is left', async () => {
    const [left] = await rowsOf<{ n: number }>(t.database.db, sql`SELECT
      (SELECT count(*) FROM organizations o WHERE o::text LIKE '%合成%') + (SELECT count(*) FROM contracts k WHERE k::text LIKE '%合成%')
      + (SELECT count(*) FROM clients c WHERE c.status_reason LIKE '%合成%') + (SELECT count(*) FROM groups g WHERE g::text LIKE '%合成%')
      + (SELECT count(*) FROM partners p WHERE p::text LIKE '%合成%') + (SELECT count(*) FROM reports r WHERE r.sections::text LIKE '%合成%')
      + (SELECT count(*) FROM users u WHERE u.username LIKE 'scale-%') AS n`);
    expect(Number(left?.n)).toBe(0);
  });

  it('has cases in every stage, with the plan and the closure waiting for approval', async () => {
    const rows = await rowsOf<{ stage: string; pending: string | null; n: number }>(t.database.db,
      sql`SELECT stage, pending_approval AS pending, count(*)::int AS n FROM cases GROUP BY 1, 2`);
    const has = (stage: string, pending: string | null) => rows.some((r) => r.stage === stage && r.pending === pending && r.n > 0);
    expect(has('intake', null)).toBe(true);
    expect(has('assessment', null)).toBe(true);
    expect(has('planning', 'plan')).toBe(true);
    expect(has('intervention', null)).toBe(true);
    expect(has('evaluation', 'closure')).toBe(true);
    expect(has('closed', null)).toBe(true);
  });

  it('gives 陈晓 a follow-up due today and open cases, and the organisation plans to approve', async () => {
    const w = await t.login('demo-worker');
    const mine = (await w.get('/api/cases?mine=true&open=true&pageSize=50')).json<{ items: { id: string; nextFollowUp: string | null }[] }>();
    expect(mine.items.length).toBeGreaterThanOrEqual(5);
    expect(mine.items.some((c) => c.nextFollowUp === chinaToday())).toBe(true);
    const o = await t.login('demo-org');
    const pending = (await o.get('/api/cases?pending=true')).json<{ items: unknown[] }>();
    expect(pending.items.length).toBeGreaterThan(0);
  });

  it('has briefings submitted on time and late, and one returned with a reason and resubmitted', async () => {
    const [b] = await rowsOf<{ on_time: number; late: number }>(t.database.db, sql`SELECT
      count(*) FILTER (WHERE (first_submitted_at AT TIME ZONE 'Asia/Shanghai')::date <= due_on)::int AS on_time,
      count(*) FILTER (WHERE (first_submitted_at AT TIME ZONE 'Asia/Shanghai')::date > due_on)::int AS late FROM reports WHERE kind = 'monthly'`);
    expect(b?.on_time).toBeGreaterThan(0);
    expect(b?.late).toBeGreaterThan(0);
    const d = await t.login('demo-district');
    const submitted = (await d.get('/api/reports?status=submitted&pageSize=100')).json<{ items: { id: string }[] }>();
    const details = await Promise.all(submitted.items.map(async (r) => (await d.get(`/api/reports/${r.id}`)).json<{ history: { event: string; comment: string }[]; lastComment: string; changedSince: unknown[] }>()));
    const resubmitted = details.find((r) => r.history.some((h) => h.event === '退回'));
    expect(resubmitted?.lastComment).toMatch(/请/);
    expect(resubmitted?.history.map((h) => h.event)).toEqual(['从业务记录生成草稿', '提交', '退回', '提交']);
    // The frozen figures are what the records say: nothing shows as changed since submission.
    expect(details.every((r) => r.changedSince.length === 0)).toBe(true);
  });

  it('has a finished evaluation per contract in force, exactly one 不合格, and that contract is marked (R-CONTRACT-FAIL)', async () => {
    const rows = await rowsOf<{ grade: string; status: string; ending_year: number | null }>(t.database.db, sql`SELECT e.grade, e.status, k.ending_year
      FROM contracts k LEFT JOIN evaluations e ON e.contract_id = k.id WHERE k.status IN ('signed', 'performing')`);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => r.status === 'finished')).toBe(true);
    const failed = rows.filter((r) => r.grade === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.ending_year).toBe(Number(chinaToday().slice(0, 4)) + 1);
    expect(rows.filter((r) => r.ending_year !== null)).toHaveLength(1);
    const city = await t.login('demo-city');
    const wb = (await city.get('/api/workbench')).body;
    expect(wb).toContain('R-CONTRACT-FAIL');
  });

  it('has supervision with exactly one follow-up overdue', async () => {
    const [s] = await rowsOf<{ n: number; overdue: number }>(t.database.db, sql`SELECT count(*)::int AS n,
      count(*) FILTER (WHERE follow_up_done IS NULL AND follow_up_due < ${chinaToday()}::date)::int AS overdue FROM supervisions`);
    expect(s?.n).toBeGreaterThan(10);
    expect(s?.overdue).toBe(1);
  });
});
