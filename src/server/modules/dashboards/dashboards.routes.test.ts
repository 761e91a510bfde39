import ExcelJS from 'exceljs';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardLinks } from '../../../shared/contracts/dashboard-links';
import type { Dashboard, Figures } from '../../../shared/contracts/dashboards';
import { chinaToday } from '../../../shared/rules/china-date';
import { auditLog, dashboardRollupPending, dashboardRollups, postings, stations } from '../../db/schema';
import { idNumberBornOn, XLSX_MIME } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let worker: Session;
let district: Session;
let city: Session;
let jingyuan: string;
let village: string;
/** An active client of the worker's station, made in the first test. */
let activeClient = '';
const today = chinaToday();
const year = Number(today.slice(0, 4));

const dash = async (s: Session, code: string, y = year) => {
  const res = await s.get(`/api/dashboards/${code}?year=${y}`);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json<Dashboard>();
};
const townRow = (d: Dashboard, code: string) => {
  const row = d.children.find((c) => c.code === code);
  if (!row) throw new Error(`no row ${code}`);
  return row;
};
const minus = (a: Figures, b: Figures) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Figures] - b[k as keyof Figures]]));
const daysAgo = (n: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
  district = await t.login('demo-district');
  city = await t.login('demo-city');
  const [row] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  if (!row) throw new Error('no station');
  jingyuan = row.id;
  village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
});
afterAll(() => t.close());

describe('dashboards read roll-ups that agree with the records', () => {
  it('counts the clients and service records made through the API, in the town, its county and the city', async () => {
    const catalogue = (await worker.get('/api/service-catalogue')).json() as { code: string; excluded: boolean; domain: string }[];
    const childItem = catalogue.find((i) => !i.excluded && i.domain === 'children');
    if (!childItem) throw new Error('no children item');
    const before = { town: await dash(worker, 'home'), county: await dash(district, 'home'), city: await dash(city, 'home') };

    const clients: { id: string; groups: string[] }[] = [];
    for (const [i, groups] of [['tekun_elderly_dispersed', 'dibao'], ['left_behind_children']].entries()) {
      const minor = i === 1
        ? { guardian: { name: '王芳', relation: '母亲', phone: '13600003333' }, consents: [{ kind: 'guardian', givenBy: '王芳', relation: '母亲', givenOn: today }] }
        : {};
      const res = await worker.post('/api/clients', {
        name: `看板${i}`, idNumber: idNumberBornOn(i === 0 ? '1945-03-03' : `${year - 9}-06-06`, 700 + i), villageCode: village, targetGroups: groups, ...minor,
      });
      expect(res.statusCode, res.body).toBe(200);
      clients.push({ id: res.json().id, groups: groups as string[] });
    }
    const [elder, child] = clients;
    if (!elder || !child) throw new Error('clients not made');
    activeClient = elder.id;
    const inputs = [
      { date: today, durationMinutes: 45, itemCode: 'EL02', clientIds: [elder.id], homeVisit: true, volunteers: [{ name: '李志愿', hours: 1.5 }] },
      { date: today, durationMinutes: 90, itemCode: childItem.code, clientIds: [child.id, elder.id], homeVisit: false, volunteers: [] },
      { date: daysAgo(12), durationMinutes: 30, itemCode: 'EL02', clientIds: [elder.id], homeVisit: true, volunteers: [{ name: '王志愿', hours: 2 }, { name: '赵志愿', hours: 0.5 }] },
    ];
    for (const r of inputs) {
      const res = await worker.post('/api/service-records', { method: 'case', notes: '看板测试', ...r });
      expect(res.statusCode, res.body).toBe(200);
    }

    // Expected changes, computed from the inputs alone.
    const mine = inputs.filter((r) => r.date.startsWith(String(year)));
    const expected = {
      clients: 2,
      clientsActive: 2,
      records: mine.length,
      persons: mine.reduce((n, r) => n + r.clientIds.length, 0),
      homeVisits: mine.filter((r) => r.homeVisit).length,
      volunteerTimes: mine.reduce((n, r) => n + r.volunteers.length, 0),
      volunteerHours: mine.reduce((n, r) => n + r.volunteers.reduce((h, v) => h + v.hours, 0), 0),
    };
    const after = { town: await dash(worker, 'home'), county: await dash(district, 'home'), city: await dash(city, 'home') };
    expect(minus(after.town.total.figures, before.town.total.figures)).toMatchObject(expected);
    expect(after.town.total.figures.hours - before.town.total.figures.hours).toBeCloseTo(mine.reduce((n, r) => n + r.durationMinutes, 0) / 60, 1);
    expect(minus(after.county.total.figures, before.county.total.figures)).toMatchObject(expected);
    expect(minus(townRow(after.county, '371002002').figures, townRow(before.county, '371002002').figures)).toMatchObject(expected);
    expect(minus(townRow(after.city, '371002').figures, townRow(before.city, '371002').figures)).toMatchObject(expected);
    // Another county's row did not move.
    expect(townRow(after.city, '371003').figures).toEqual(townRow(before.city, '371003').figures);

    // By month: each record in the month of its date.
    for (const m of after.town.months) {
      const inMonth = mine.filter((r) => r.date.startsWith(m.month));
      const was = before.town.months.find((x) => x.month === m.month);
      expect(m.records - (was?.records ?? 0)).toBe(inMonth.length);
      expect(m.homeVisits - (was?.homeVisits ?? 0)).toBe(inMonth.filter((r) => r.homeVisit).length);
    }
    // By domain and target group.
    const delta = (d: Dashboard, list: 'domains' | 'targetGroups', key: string) => d[list].find((x) => x.key === key)?.value ?? 0;
    expect(delta(after.town, 'domains', 'children') - delta(before.town, 'domains', 'children')).toBe(mine.filter((r) => r.itemCode === childItem.code).length);
    expect(delta(after.town, 'domains', 'elderly') - delta(before.town, 'domains', 'elderly')).toBe(mine.filter((r) => r.itemCode === 'EL02').length);
    expect(delta(after.town, 'targetGroups', 'dibao') - delta(before.town, 'targetGroups', 'dibao')).toBe(1);
    expect(delta(after.town, 'targetGroups', 'left_behind_children') - delta(before.town, 'targetGroups', 'left_behind_children')).toBe(1);

    // Each figure opens the list it counts: the list's total is the figure.
    const county = townRow(after.county, '371002002');
    expect(dashboardLinks(county, year).records).toBe(`/records?stationId=${jingyuan}&from=${year}-01-01&to=${year}-12-31`);
    const listed = (await district.get(`/api/service-records?stationId=${jingyuan}&from=${year}-01-01&to=${year}-12-31`)).json();
    expect(listed.total).toBe(county.figures.records);
    const clientsListed = (await district.get(`/api/clients?stationId=${jingyuan}&targetGroup=dibao`)).json();
    expect(clientsListed.total).toBe(after.town.targetGroups.find((g) => g.key === 'dibao')?.value);
    expect(after.town.targetGroups.find((g) => g.key === 'dibao')?.link).toBe('/clients?targetGroup=dibao');
  });

  it('moves a client between target groups and statuses when it is edited', async () => {
    const res = await worker.post('/api/clients', {
      name: '看板改', idNumber: idNumberBornOn('1950-01-01', 733), villageCode: village, targetGroups: ['orphan'],
    });
    const c = res.json();
    const before = await dash(worker, 'home');
    const edited = await worker.patch(`/api/clients/${c.id}`, { name: c.name, villageCode: village, targetGroups: ['vagrant'], version: c.version });
    expect(edited.statusCode, edited.body).toBe(200);
    const closed = await worker.post(`/api/clients/${c.id}/status`, { version: edited.json().version, status: 'closed', reason: '迁出' });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = await dash(worker, 'home');
    const tg = (d: Dashboard, k: string) => d.targetGroups.find((g) => g.key === k)?.value ?? 0;
    expect(tg(after, 'orphan') - tg(before, 'orphan')).toBe(-1);
    expect(tg(after, 'vagrant') - tg(before, 'vagrant')).toBe(1);
    expect(after.total.figures.clients).toBe(before.total.figures.clients);
    expect(after.total.figures.clientsActive - before.total.figures.clientsActive).toBe(-1);
  });

  it('refreshes incrementally: a new record changes only its station-month, once', async () => {
    const snapshot = async () =>
      new Map(
        (await t.database.db.select().from(dashboardRollups)).map((r): [string, number] => [`${r.tier}|${r.scopePath}|${r.period}|${r.measure}`, r.value]),
      );
    const clientId = activeClient;
    const before = await snapshot();
    const res = await worker.post('/api/service-records', { method: 'case', date: today, durationMinutes: 20, itemCode: 'EL02', clientIds: [clientId], notes: 'x' });
    expect(res.statusCode).toBe(200);
    const after = await snapshot();
    const changed = [...after.entries()].filter(([k, v]) => before.get(k) !== v);
    const [path] = (await t.database.db.select({ p: stations.scopePath }).from(stations).where(eq(stations.id, jingyuan))).map((r) => r.p);
    expect(changed.length).toBeGreaterThan(0);
    const month = today.slice(0, 7);
    const county = path?.replace(/[^/]+\/$/, '');
    // Its station's month, and the same month's county sum (tier 1) that city views read.
    for (const [k] of changed) expect(k.startsWith(`0|${path}|${month}|`) || k.startsWith(`1|${county}|${month}|`), k).toBe(true);
    for (const tier of [`0|${path}`, `1|${county}`]) {
      const records = `${tier}|${month}|records`;
      expect((after.get(records) ?? 0) - (before.get(records) ?? 0)).toBe(1);
      const minutes = `${tier}|${month}|minutes`;
      expect((after.get(minutes) ?? 0) - (before.get(minutes) ?? 0)).toBe(20);
    }
    // Reading the dashboard twice changes nothing and counts nothing twice.
    const a = await dash(worker, 'home');
    const b = await dash(worker, 'home');
    expect(b.total.figures).toEqual(a.total.figures);
  });

  it('rebuilding from the sources gives the same roll-ups the triggers kept', async () => {
    const rows = async () =>
      (await t.database.db.select().from(dashboardRollups).where(sql`${dashboardRollups.value} <> 0`))
        .map((r) => `${r.tier}|${r.scopePath}|${r.period}|${r.measure}|${r.value}`)
        .sort();
    // Tier 2 as the triggers and reads keep it: the pending deltas folded in.
    await t.database.db.execute(sql`SELECT dashboard_rollups_fold()`);
    const kept = await rows();
    expect(kept.some((r) => r.startsWith('2|/371000/|'))).toBe(true);
    await t.database.db.execute(sql`SELECT dashboard_rollups_rebuild()`);
    expect(await rows()).toEqual(kept);
    expect((await t.database.db.select().from(dashboardRollupPending)).length).toBe(0);
  });

  it('agrees with the staffing compliance page, and follows a posting that ends', async () => {
    const compare = async () => {
      const d = await dash(district, 'home');
      // Every station of the county on one page, so the per-rule counts can be made from them.
      const c = (await district.get('/api/compliance/staffing?pageSize=200')).json();
      expect(c.stations).toHaveLength(c.total.stations);
      expect(d.total.figures.staffedStations).toBe(c.total.stations);
      expect(d.total.figures.compliantStations).toBe(c.total.compliant);
      expect(d.total.figures.findings).toBe(c.total.findings);
      const byRule = new Map<string, number>();
      for (const s of c.stations as { findings: { rule: { id: string }; severity: string }[] }[])
        for (const f of s.findings) if (f.severity === 'finding') byRule.set(f.rule.id, (byRule.get(f.rule.id) ?? 0) + 1);
      expect(Object.fromEntries(d.findingsByRule.map((f) => [f.key, f.value]))).toEqual(Object.fromEntries(byRule));
      return { d, c };
    };
    const { c } = await compare();
    const ok = (c.stations as { stationId: string; compliant: boolean; qualifiedOnPost: number }[]).find((s) => s.compliant && s.qualifiedOnPost === 2);
    if (!ok) throw new Error('no compliant station with two qualified workers');
    const [posting] = await t.database.db.select({ id: postings.id }).from(postings).where(and(eq(postings.stationId, ok.stationId), isNull(postings.endDate)));
    if (!posting) throw new Error('no posting');
    const ended = await district.post(`/api/postings/${posting.id}/end`, { endDate: today, reason: '调离' });
    expect(ended.statusCode, ended.body).toBe(200);
    const { d } = await compare();
    expect(d.children.find((r) => r.stationId === ok.stationId)?.figures.compliantStations).toBe(0);
  });

  it('matches the funding overview and the reports list', async () => {
    const d = await dash(district, 'home');
    const f = (await district.get(`/api/funding?year=${year}`)).json();
    expect(d.total.figures.budgetFen).toBe(f.total.budgetFen);
    expect(d.total.figures.spentFen).toBe(f.total.spentFen);
    expect(d.total.figures.paidFen).toBe(f.total.paidFen);
    const all = (await district.get(`/api/reports?year=${year}`)).json();
    const late = (await district.get(`/api/reports?year=${year}&late=true`)).json();
    expect(d.total.figures.reports).toBe(all.total);
    expect(d.total.figures.reportsLate).toBe(late.total);
    expect(dashboardLinks(d.total, year).reportsLate).toBe(`/reports?year=${year}&late=true`);
  });
});

describe('dashboards at province size: totals from the region’s own rows, children paged', () => {
  const one = async (q: ReturnType<typeof sql>) => Number(((await t.database.db.execute(q)) as unknown as { rows: { n: string | number }[] }).rows[0]?.n ?? 0);

  it('a city’s totals equal counts made from the raw rows, per county too', async () => {
    const d = await dash(city, 'home', year);
    const records = sql`FROM service_records r JOIN stations s ON s.id = r.station_id WHERE r.date BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date`;
    expect(d.total.figures.records).toBe(await one(sql`SELECT count(*) AS n ${records}`));
    expect(d.total.figures.hours).toBeCloseTo((await one(sql`SELECT coalesce(sum(r.duration_minutes), 0) AS n ${records}`)) / 60, 1);
    expect(d.total.figures.homeVisits).toBe(await one(sql`SELECT count(*) AS n ${records} AND r.home_visit`));
    expect(d.total.figures.clients).toBe(await one(sql`SELECT count(*) AS n FROM clients c JOIN stations s ON s.id = c.station_id`));
    expect(d.total.figures.stations).toBe(await one(sql`SELECT count(*) AS n FROM stations WHERE status <> 'revoked'`));
    const county = townRow(d, '371002');
    expect(county.figures.records).toBe(await one(sql`SELECT count(*) AS n ${records} AND s.scope_path LIKE '/371000/371002/%'`));
    // Each month from the city's own rows.
    for (const m of d.months)
      expect(m.records, m.month).toBe(await one(sql`SELECT count(*) AS n ${records} AND to_char(r.date, 'YYYY-MM') = ${m.month}`));
  });

  it('a write appends deltas for the city and province rows; a dashboard read folds them in, counting once', async () => {
    const tier2 = async () => one(sql`SELECT coalesce(sum(value), 0) AS n FROM dashboard_rollups WHERE tier = 2 AND scope_path = '/371000/' AND measure = 'records'`);
    const pending = async () => one(sql`SELECT coalesce(sum(value), 0) AS n FROM dashboard_rollup_pending WHERE scope_path = '/371000/' AND measure = 'records'`);
    const before = await dash(city, 'home');
    const folded = await tier2();
    expect(await pending()).toBe(0);
    const res = await worker.post('/api/service-records', { method: 'case', date: today, durationMinutes: 15, itemCode: 'EL02', clientIds: [activeClient], notes: 'x' });
    expect(res.statusCode, res.body).toBe(200);
    // The writer did not touch the city's row (no lock shared by every writer of the city).
    expect(await tier2()).toBe(folded);
    expect(await pending()).toBe(1);
    const after = await dash(city, 'home');
    expect(after.total.figures.records - before.total.figures.records).toBe(1);
    expect(await tier2()).toBe(folded + 1);
    expect(await pending()).toBe(0);
    expect((await dash(city, 'home')).total.figures.records).toBe(after.total.figures.records);
  });

  it('a write that finds deltas older than five minutes folds the backlog, so no view meets more than a few minutes of writes', async () => {
    const tier2 = async () => one(sql`SELECT coalesce(sum(value), 0) AS n FROM dashboard_rollups WHERE tier = 2 AND scope_path = '/371000/' AND measure = 'records'`);
    const pending = async () => one(sql`SELECT count(*) AS n FROM dashboard_rollup_pending`);
    const record = () => worker.post('/api/service-records', { method: 'case', date: today, durationMinutes: 15, itemCode: 'EL02', clientIds: [activeClient], notes: 'x' });
    await dash(city, 'home');
    const folded = await tier2();
    expect((await record()).statusCode).toBe(200);
    expect(await pending()).toBeGreaterThan(0);
    expect(await tier2()).toBe(folded);
    // Nobody looked for a while: the next write folds what waits, its own deltas with it.
    await t.database.db.execute(sql`UPDATE dashboard_rollup_pending SET created_at = now() - interval '6 minutes'`);
    expect((await record()).statusCode).toBe(200);
    expect(await pending()).toBe(0);
    expect(await tier2()).toBe(folded + 2);
  });

  it('pages and sorts the children by any figure: all pages together are every child once, in order, with the rest summed', async () => {
    const codes = ((await t.database.db.execute(sql`SELECT code FROM regions WHERE parent_code = '371000' ORDER BY code`)) as unknown as { rows: { code: string }[] }).rows.map((r) => r.code);
    expect(codes.length).toBeGreaterThan(2);
    const full = await dash(city, 'home');
    for (const [sort, order] of [['records', 'desc'], ['stations', 'asc'], ['spentFen', 'desc'], ['reportsLate', 'desc'], ['code', 'asc']] as const) {
      const seen: Dashboard['children'] = [];
      for (let page = 1; page <= Math.ceil(codes.length / 2); page++) {
        const res = await city.get(`/api/dashboards/home?year=${year}&sort=${sort}&order=${order}&page=${page}&pageSize=2`);
        expect(res.statusCode, res.body).toBe(200);
        const d = res.json<Dashboard>();
        expect(d.children.length).toBeLessThanOrEqual(2);
        expect(d.childrenPage).toMatchObject({ total: codes.length, page, pageSize: 2, sort, order });
        const figure = sort === 'code' ? 'records' : sort;
        expect(d.childrenPage.others.figure).toBe(figure);
        expect(d.childrenPage.others.count).toBe(codes.length - d.children.length);
        // The rest, summed: the total less this page (a city has no lines of its own for these).
        const onPage = d.children.reduce((n, c) => n + c.figures[figure], 0);
        expect(d.childrenPage.others.value).toBeCloseTo(full.total.figures[figure] - onPage, 2);
        // The totals do not depend on the page.
        expect(d.total.figures).toEqual(full.total.figures);
        seen.push(...d.children);
      }
      expect(seen.map((c) => c.code).sort()).toEqual(codes);
      const keys = seen.map((c) => (sort === 'code' ? c.code : c.figures[sort]));
      const ordered = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys).toEqual(order === 'asc' ? ordered : ordered.reverse());
      // A child's figures are the same on any page and in any order.
      for (const c of seen) expect(c.figures).toEqual(townRow(full, c.code).figures);
    }
    expect((await city.get('/api/dashboards/home?sort=nope')).statusCode).toBe(400);
  });

  it('a page in code order reads nothing of the children off the page: the rest is the total less the page', async () => {
    const page = async () => (await city.get(`/api/dashboards/home?year=${year}&page=2&pageSize=2`)).json<Dashboard>();
    const before = await page();
    expect(before.children.map((c) => c.code)).not.toContain('371002');
    // A line under 371002 (off this page) that the city's own rows do not hold: were the children
    // off the page read (every child's lines, ∝ the children), "其余" would count it.
    const bump = (n: number) => t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('sgz.rollup_rebuild', 'on', true)`);
      await tx.execute(sql`INSERT INTO dashboard_rollups (tier, scope_path, station_id, period, measure, value)
        VALUES (1, '/371000/371002/', NULL, ${`${year}-01`}, 'records', ${n})
        ON CONFLICT (tier, scope_path, period, measure) DO UPDATE SET value = dashboard_rollups.value + excluded.value`);
    });
    await bump(1000);
    try {
      const after = await page();
      expect(after.childrenPage.others).toEqual(before.childrenPage.others);
      expect(after.childrenPage.others.value).toBe(after.total.figures.records - after.children.reduce((n, c) => n + c.figures.records, 0));
      expect(after.children).toEqual(before.children);
    } finally {
      await bump(-1000);
    }
  });
});

describe('dashboards: scope, drill-down and export', () => {
  it('drills city → county → town, and a district sees only its county', async () => {
    const top = await dash(city, 'home');
    expect(top.region.code).toBe('371000');
    expect(top.children.map((c) => c.code)).toContain('371002');
    expect(top.total.figures.towns).toBe(top.children.reduce((n, c) => n + c.figures.towns, 0));
    const county = await dash(city, '371002');
    expect(county.breadcrumb.map((b) => b.code)).toEqual(['371000', '371002']);
    expect(county.children.every((c) => c.level === 'town')).toBe(true);
    expect(county.total.figures.stations).toBe(9);
    const town = await dash(city, '371002002');
    expect(town.children).toEqual([]);
    expect(town.region.stationId).toBe(jingyuan);
    expect(town.months).toHaveLength(12);

    const mine = await dash(district, 'home');
    expect(mine.region.code).toBe('371002');
    expect(mine.breadcrumb.map((b) => b.code)).toEqual(['371002']);
    expect((await district.get('/api/dashboards/371003')).statusCode).toBe(404);
    expect((await district.get('/api/dashboards/371000')).statusCode).toBe(404);
    expect((await district.get('/api/dashboards/371003001')).statusCode).toBe(404);
    expect((await worker.get('/api/dashboards/371002001')).statusCode).toBe(404);
  });

  it('shows an organisation the stations it serves, nothing else', async () => {
    const org = await t.login('demo-org');
    const top = await dash(org, 'home');
    expect(top.children.map((c) => c.code)).toEqual(['371002']);
    const county = await dash(org, '371002');
    expect(county.total.figures.stations).toBe(9);
    expect((await org.get('/api/dashboards/371003')).statusCode).toBe(404);
    // Its figures are its stations': the county's payments are not among them.
    expect(county.total.figures.paidFen).toBe(0);
  });

  it('answers 401, 403 and 400', async () => {
    expect((await t.anon('GET', '/api/dashboards/home')).statusCode).toBe(401);
    const admin = await t.login('demo-sysadmin').catch(() => null);
    if (admin) expect((await admin.get('/api/dashboards/home')).statusCode).toBe(403);
    const bad = await city.get('/api/dashboards/abc');
    expect(bad.statusCode).toBe(400);
    expect((await city.get('/api/dashboards/home?year=1999')).statusCode).toBe(400);
  });

  it('exports the dashboard as a workbook, audited', async () => {
    const res = await district.get(`/api/dashboards/home/export?year=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('区划');
    const names = [] as string[];
    sheet?.eachRow((r) => names.push(String(r.getCell(1).value)));
    expect(names).toContain('鲸园街道');
    expect(names).toContain('环翠区合计');
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'dashboard.export'));
    expect(audit?.objectId).toBe('371002');
  });
});

describe('coverage and staffing are roll-up lines that agree with the raw tables', () => {
  type Raw = { path: string; towns: number; stations: number; operating: number; staffed: number; compliant: number; findings: number };
  const rowsOf = async <T>(q: ReturnType<typeof sql>) => ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
  const MEASURES = { towns: 'towns', stations: 'stations', operating: 'operating', staffed: 'staffed', compliant: 'compliant', findings: 'staff_findings' } as const;

  /**
   * The city and each county unit: the lines at its own path (all tiers and pending deltas) equal
   * the counts made from regions, stations and the live stations' staffing rows; so do the city's
   * dashboard (total, children, findings per rule) and the coverage card. Returns the city's counts.
   */
  const agree = async (): Promise<Raw> => {
    const d = await dash(city, 'home'); // refreshes the staffing rows first
    const live = sql`FROM dashboard_station_staffing d JOIN stations s ON s.id = d.station_id WHERE s.status <> 'revoked' AND s.scope_path LIKE c.path || '%'`;
    const raw = await rowsOf<Raw>(sql`SELECT c.path,
        (SELECT count(*)::int FROM regions r WHERE r.level = 'town' AND r.path LIKE c.path || '%') AS towns,
        (SELECT count(*)::int FROM stations s WHERE s.status <> 'revoked' AND s.scope_path LIKE c.path || '%') AS stations,
        (SELECT count(*)::int FROM stations s WHERE s.status = 'operating' AND s.scope_path LIKE c.path || '%') AS operating,
        (SELECT count(*)::int ${live}) AS staffed,
        (SELECT count(*) FILTER (WHERE d.compliant)::int ${live}) AS compliant,
        (SELECT coalesce(sum((SELECT sum(v::int) FROM jsonb_each_text(d.findings) AS f(k, v))), 0)::int ${live}) AS findings
      FROM regions c WHERE c.code = '371000' OR c.parent_code = '371000' ORDER BY c.path`);
    const lines = await rowsOf<{ path: string; measure: string; value: number }>(sql`SELECT scope_path AS path, measure, sum(value)::float8 AS value FROM (
        SELECT scope_path, measure, value FROM dashboard_rollups WHERE tier IN (0, 1, 2) AND period = ''
        UNION ALL SELECT scope_path, measure, value FROM dashboard_rollup_pending WHERE period = ''
      ) x WHERE scope_path IN (SELECT path FROM regions WHERE code = '371000' OR parent_code = '371000') GROUP BY 1, 2`);
    const line = (path: string, measure: string) => lines.find((l) => l.path === path && l.measure === measure)?.value ?? 0;
    for (const r of raw)
      for (const [k, m] of Object.entries(MEASURES)) expect(line(r.path, m), `${r.path} ${m}`).toBe(r[k as keyof typeof MEASURES]);

    const cityRaw = raw.find((r) => r.path === '/371000/');
    if (!cityRaw) throw new Error('no city');
    const figures = (f: Figures) => ({
      towns: f.towns, stations: f.stations, operating: f.operating, staffed: f.staffedStations, compliant: f.compliantStations, findings: f.findings,
    });
    const { path: _p, ...cityCounts } = cityRaw;
    expect(figures(d.total.figures)).toEqual(cityCounts);
    for (const c of d.children) {
      const r = raw.find((x) => x.path === `/371000/${c.code}/`);
      const { path: _q, ...counts } = r ?? cityRaw;
      expect(figures(c.figures), c.code).toEqual(counts);
    }
    const byRule = await rowsOf<{ rule: string; n: number }>(sql`SELECT f.k AS rule, sum(f.v::int)::int AS n
      FROM dashboard_station_staffing d JOIN stations s ON s.id = d.station_id CROSS JOIN LATERAL jsonb_each_text(d.findings) AS f(k, v)
      WHERE s.status <> 'revoked' GROUP BY 1 HAVING sum(f.v::int) > 0`);
    expect(Object.fromEntries(d.findingsByRule.map((f) => [f.key, f.value]))).toEqual(Object.fromEntries(byRule.map((r) => [r.rule, r.n])));
    for (const [k] of lines.filter((l) => l.path === '/371000/' && l.measure.startsWith('staff_finding:')).map((l) => [l.measure.slice(14), l.value] as const))
      expect(line('/371000/', `staff_finding:${k}`)).toBe(byRule.find((r) => r.rule === k)?.n ?? 0);

    const coverage = (await city.get('/api/stations/coverage')).json<{ rows: { countyCode: string; towns: number; stations: number; operating: number }[] }>();
    expect(coverage.rows.map((r) => ({ path: `/371000/${r.countyCode}/`, towns: r.towns, stations: r.stations, operating: r.operating }))).toEqual(
      raw.filter((r) => r.path !== '/371000/' && r.towns > 0).map((r) => ({ path: r.path, towns: r.towns, stations: r.stations, operating: r.operating })),
    );
    return cityRaw;
  };

  it('agree as the demo stands', async () => {
    const c = await agree();
    expect(c.towns).toBe(72);
    expect(c.staffed).toBe(c.stations);
  });

  it('follow a station revoked: one station, one staffed station fewer, its findings gone', async () => {
    const before = await agree();
    const [target] = await rowsOf<{ id: string; version: number }>(sql`SELECT s.id, s.version FROM stations s
      JOIN dashboard_station_staffing d ON d.station_id = s.id WHERE s.status = 'operating' AND s.scope_path LIKE '/371000/371002/%' ORDER BY s.town_code LIMIT 1`);
    if (!target) throw new Error('no operating station');
    const res = await city.post(`/api/stations/${target.id}/status`, { version: target.version, status: 'revoked', reason: '撤销（测试）' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await agree();
    expect(after.stations).toBe(before.stations - 1);
    expect(after.operating).toBe(before.operating - 1);
    expect(after.staffed).toBe(before.staffed - 1);
    expect(after.towns).toBe(before.towns);
  });

  it('on a new day recompute the live stations only: a revoked station’s row stays as it was', async () => {
    const [revoked] = await rowsOf<{ id: string }>(sql`SELECT d.station_id AS id FROM dashboard_station_staffing d
      JOIN stations s ON s.id = d.station_id WHERE s.status = 'revoked' AND NOT d.stale LIMIT 1`);
    if (!revoked) throw new Error('no revoked station (the test above revokes one)');
    // As if the rows were computed yesterday.
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET as_of = as_of - 1`);
    await dash(city, 'home');
    const rows = await rowsOf<{ id: string; as_of: string; live: boolean }>(sql`SELECT station_id AS id, as_of::text, live FROM dashboard_station_staffing`);
    const today = chinaToday();
    expect(rows.filter((r) => r.live).every((r) => r.as_of === today)).toBe(true);
    expect(rows.find((r) => r.id === revoked.id)?.as_of).not.toBe(today);
    await agree();
  });

  it('follow a station deleted and one created (its staffing row made with it)', async () => {
    const before = await agree();
    const [s] = await rowsOf<{ id: string }>(sql`SELECT id FROM stations WHERE town_code = '371073112'`); // 汪疃镇, preparing, nobody posted
    if (!s) throw new Error('no station');
    await t.database.db.execute(sql`DELETE FROM station_budgets WHERE station_id = ${s.id}`);
    await t.database.db.execute(sql`DELETE FROM station_funding_rollups WHERE station_id = ${s.id}`);
    await t.database.db.delete(stations).where(eq(stations.id, s.id));
    const gone = await agree();
    expect(gone.stations).toBe(before.stations - 1);
    expect(gone.staffed).toBe(before.staffed - 1);
    const created = await city.post('/api/stations', {
      venueType: 'party_center', address: '汪疃镇党群服务中心', phone: '0631-5200001', openedOn: '2021-11-01', outdoorPlaque: 'installed',
      indoorPlaque: 'installed', equipment: '电脑2台', hostContactName: '张三', hostContactPhone: '13800000000', townCode: '371073112',
    });
    expect(created.statusCode, created.body).toBe(200);
    const [row] = await rowsOf<{ stale: boolean; live: boolean }>(sql`SELECT stale, live FROM dashboard_station_staffing WHERE station_id = ${created.json().id}`);
    expect(row).toEqual({ stale: true, live: true });
    const back = await agree();
    expect(back.stations).toBe(before.stations);
    expect(back.staffed).toBe(before.staffed);
  });

  it('follow a posting that ends', async () => {
    await agree();
    const [posting] = await rowsOf<{ id: string; station: string }>(sql`SELECT p.id, p.station_id AS station FROM postings p JOIN stations s ON s.id = p.station_id
      WHERE p.end_date IS NULL AND p.start_date <= ${today}::date AND s.status = 'operating' AND s.scope_path LIKE '/371000/371002/%' ORDER BY s.town_code, p.id LIMIT 1`);
    if (!posting) throw new Error('no posting');
    const onPost = async () => Number((await rowsOf<{ n: number }>(sql`SELECT on_post AS n FROM dashboard_station_staffing WHERE station_id = ${posting.station}`))[0]?.n);
    const was = await onPost();
    const ended = await district.post(`/api/postings/${posting.id}/end`, { endDate: today, reason: '调离' });
    expect(ended.statusCode, ended.body).toBe(200);
    await agree();
    // The station's row was recomputed (and its lines moved with it: agree above).
    expect(await onPost()).toBe(was - 1);
  });

  it('a staffing row marked stale touches no roll-up row (no county-row lock for an invalidation)', async () => {
    await agree();
    await t.database.db.execute(sql`SELECT dashboard_rollups_fold()`);
    const [row] = await rowsOf<{ id: string; county: string }>(sql`SELECT d.station_id AS id, regexp_replace(d.scope_path, '[^/]+/$', '') AS county
      FROM dashboard_station_staffing d WHERE d.live AND NOT d.stale ORDER BY d.station_id LIMIT 1`);
    if (!row) throw new Error('no staffing row');
    const versions = async () => rowsOf<{ v: string }>(sql`SELECT measure || ':' || xmin::text AS v FROM dashboard_rollups
      WHERE tier = 1 AND scope_path = ${row.county} AND period = '' AND (measure IN ('staffed', 'compliant') OR measure LIKE 'staff_finding%') ORDER BY 1`);
    const before = await versions();
    expect(before.length).toBeGreaterThan(0);
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET stale = true WHERE station_id = ${row.id}`);
    expect(await versions()).toEqual(before);
    expect((await t.database.db.select().from(dashboardRollupPending)).length).toBe(0);
    await agree();
  });

  it('are rebuilt as the triggers kept them, and the staffing rows survive a rebuild', async () => {
    const count = async () => Number((await rowsOf<{ n: number }>(sql`SELECT count(*)::int AS n FROM dashboard_station_staffing`))[0]?.n);
    const staffingRows = await count();
    const lines = async () =>
      (await t.database.db.select().from(dashboardRollups).where(sql`${dashboardRollups.value} <> 0 AND ${dashboardRollups.period} = ''`))
        .map((r) => `${r.tier}|${r.scopePath}|${r.measure}|${r.value}`)
        .sort();
    await agree();
    await t.database.db.execute(sql`SELECT dashboard_rollups_fold()`);
    const kept = await lines();
    for (const m of ['towns', 'stations', 'operating', 'staffed', 'compliant']) expect(kept.some((l) => l.startsWith(`2|/371000/|${m}|`)), m).toBe(true);
    await t.database.db.execute(sql`SELECT dashboard_rollups_rebuild()`);
    expect(await lines()).toEqual(kept);
    expect(await count()).toBe(staffingRows);
    await agree();
  });
});
