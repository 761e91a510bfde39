import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { chinaToday } from '../../../shared/rules/china-date';
import { multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let city: Session;
let huancui: Session; // demo-district, 环翠区
let wendeng: Session; // 文登区 officer
let town: Session; // 鲸园街道
let worker: Session;
let applicant: Session;

const today = chinaToday();
const doc = (over: Record<string, unknown> = {}) => ({
  kind: 'personnel', title: '社工站人员管理制度', version: '2026年第1版', effectiveOn: today, approvedBy: '区民政局局长办公会',
  approvedOn: today, note: '', ...over,
});
type Doc = { id: string; status: string; version: string; countyCode: string; file: { name: string } | null; supersededOn: string | null };
type Ref = { version: string; effectiveOn: string } | null;
type Matrix = {
  total: number;
  findingsTotal: number;
  counties: { code: string; name: string; inForce: number; systems: { kind: string; standing: string; current: Ref; pending: Ref }[] }[];
  findings: { countyCode: string; kind: string; standing: string; rule: string; message: string }[];
};

async function registered(s: Session, over: Record<string, unknown> = {}): Promise<Doc> {
  const res = await s.post('/api/institutional-systems', doc(over));
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json<Doc>();
}
const matrix = async (s: Session) => (await s.get('/api/institutional-systems/completeness')).json<Matrix>();
const cell = (m: Matrix, county: string, kind: string) => m.counties.find((c) => c.code === county)?.systems.find((x) => x.kind === kind);
const standing = (m: Matrix, county: string, kind: string) => cell(m, county, kind)?.standing;
const day = (n: number) => dayjs(today).add(n, 'day').format('YYYY-MM-DD');
const history = async (s: Session, county: string, kind: string, status = '') =>
  (await s.get(`/api/institutional-systems?countyCode=${county}&kind=${kind}${status ? `&status=${status}` : ''}`)).json<{ items: Doc[] }>().items;
const pdf = (name: string) => multipartFile(name, Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'), 'application/pdf');

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  huancui = await t.login('demo-district');
  town = await t.login('demo-town');
  worker = await t.login('demo-worker');
  applicant = await t.login('demo-applicant');
  wendeng = await t.userWith('wd.systems', ['district_officer'], { kind: 'county', regionCode: '371003' });
}, 120_000);
afterAll(() => t.close());

describe('five institutional systems (R-SYS-FIVE)', () => {
  it('needs a session and the permission; only a county officer registers documents', async () => {
    expect((await t.anon('GET', '/api/institutional-systems/completeness')).statusCode).toBe(401);
    expect((await applicant.get('/api/institutional-systems/completeness')).statusCode).toBe(403);
    expect((await city.post('/api/institutional-systems', doc())).statusCode).toBe(403);
    expect((await town.post('/api/institutional-systems', doc())).statusCode).toBe(403);
  });

  it('refuses a bad document with field paths', async () => {
    const res = await huancui.post('/api/institutional-systems', doc({ kind: 'other', title: '', effectiveOn: '2020-01-01' }));
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'title']));
  });

  it('the city sees every county × five systems, with a finding naming the clause for each missing one', async () => {
    const before = await matrix(city);
    expect(before.counties.length).toBeGreaterThanOrEqual(7);
    expect(before.counties.every((c) => c.systems.length === 5)).toBe(true);
    expect(standing(before, '371002', 'finance')).toBe('missing');
    const f = before.findings.find((x) => x.countyCode === '371002' && x.kind === 'finance');
    expect(f).toMatchObject({ rule: 'R-SYS-FIVE', standing: 'missing' });
    expect(f?.message).toContain('环翠区尚未建立财务管理制度');
    expect(before.findings).toHaveLength(before.counties.length * 5 - before.counties.reduce((n, c) => n + c.inForce, 0));

    await registered(huancui, { kind: 'finance', title: '社工站项目资金管理办法' });
    const after = await matrix(city);
    expect(standing(after, '371002', 'finance')).toBe('in_force');
    expect(after.findings.some((x) => x.countyCode === '371002' && x.kind === 'finance')).toBe(false);
    expect(after.counties.find((c) => c.code === '371002')?.inForce).toBe((before.counties.find((c) => c.code === '371002')?.inForce ?? 0) + 1);
  });

  it('a document effective only later does not yet count as in force', async () => {
    const later = '2099-01-01';
    await registered(wendeng, { kind: 'archives', approvedOn: today, effectiveOn: later });
    const m = await matrix(city);
    expect(standing(m, '371003', 'archives')).toBe('missing');
    // Shown waiting beside the gap, and the finding says when it takes effect.
    expect(cell(m, '371003', 'archives')?.pending).toMatchObject({ effectiveOn: later });
    expect(m.findings.find((f) => f.countyCode === '371003' && f.kind === 'archives')?.message).toContain(`自${later}起施行`);
  });

  it('a version effective later waits (待生效) beside the one in force, which stands until that day', async () => {
    const v1 = await registered(wendeng, { kind: 'venue', version: '现行版', approvedOn: day(-30), effectiveOn: day(-30) });
    const v2 = await registered(wendeng, { kind: 'venue', version: '修订版', effectiveOn: day(30) });
    expect(v2.status).toBe('pending');
    const m = await matrix(city);
    expect(standing(m, '371003', 'venue')).toBe('in_force');
    expect(cell(m, '371003', 'venue')).toMatchObject({ current: { version: '现行版' }, pending: { version: '修订版', effectiveOn: day(30) } });
    expect(m.findings.some((f) => f.countyCode === '371003' && f.kind === 'venue')).toBe(false);
    expect((await history(city, '371003', 'venue')).map((d) => [d.version, d.status, d.supersededOn])).toEqual([['修订版', 'pending', null], ['现行版', 'in_force', null]]);
    expect((await history(city, '371003', 'venue', 'pending')).map((d) => d.id)).toEqual([v2.id]);
    expect((await history(city, '371003', 'venue', 'in_force')).map((d) => d.id)).toEqual([v1.id]);
    expect(await history(city, '371003', 'venue', 'superseded')).toEqual([]);
    expect((await wendeng.get(`/api/institutional-systems/${v1.id}`)).json().status).toBe('in_force');
  });

  it('on a day, the latest version effective by then stands and the earlier ones are superseded from the day it took effect', async () => {
    await registered(wendeng, { kind: 'finance', version: '2025版', approvedOn: day(-60), effectiveOn: day(-60) });
    await registered(wendeng, { kind: 'finance', version: '2026版', approvedOn: day(-60), effectiveOn: day(-10) });
    expect((await history(city, '371003', 'finance')).map((d) => [d.version, d.status, d.supersededOn])).toEqual([['2026版', 'in_force', null], ['2025版', 'superseded', day(-10)]]);
    expect(cell(await matrix(city), '371003', 'finance')?.current?.version).toBe('2026版');
    // A version taking effect before the latest registered would be superseded the moment it is registered: refused.
    const back = await wendeng.post('/api/institutional-systems', doc({ kind: 'finance', version: '补登版', approvedOn: day(-60), effectiveOn: day(-20) }));
    expect(back.statusCode).toBe(422);
    expect(back.json().error.details.rule).toMatchObject({ id: 'R-SYS-FIVE', clause: '二（四）' });
    expect(back.json().error.message).toContain(`已登记2026版，自${day(-10)}起施行`);
    expect(back.json().error.message).toContain('R-SYS-FIVE，二（四）');
    expect((await history(city, '371003', 'finance')).map((d) => d.version)).toEqual(['2026版', '2025版']);
  });

  it('the text can be attached later to the version in force and to one waiting, not to a superseded one', async () => {
    const now = await registered(wendeng, { kind: 'client_database', version: '现行版' });
    const next = await registered(wendeng, { kind: 'client_database', version: '下一版', effectiveOn: day(10) });
    for (const d of [now, next]) {
      const f = pdf(`${d.version}.pdf`);
      const up = await wendeng.request('POST', `/api/institutional-systems/${d.id}/file`, f.payload, f.headers);
      expect(up.statusCode).toBe(200);
      expect(up.json()).toMatchObject({ status: d.status, file: { name: `${d.version}.pdf` } });
    }
    expect((await history(city, '371003', 'client_database')).map((d) => d.file?.name)).toEqual(['下一版.pdf', '现行版.pdf']);
  });

  it('a new version supersedes the one in force and keeps it in the history', async () => {
    const v1 = await registered(huancui, { kind: 'venue', version: 'v1' });
    const v2 = await registered(huancui, { kind: 'venue', version: 'v2' });
    const history = (await huancui.get('/api/institutional-systems?countyCode=371002&kind=venue')).json<{ items: Doc[] }>().items;
    expect(history.map((d) => [d.version, d.status])).toEqual([['v2', 'in_force'], ['v1', 'superseded']]);
    expect(history[1]?.supersededOn).toBe(today);
    expect((await huancui.get(`/api/institutional-systems/${v1.id}`)).json().status).toBe('superseded');
    expect((await matrix(city)).counties.find((c) => c.code === '371002')?.systems.find((s) => s.kind === 'venue')?.current?.version).toBe('v2');
    // The superseded version's text may no longer be changed.
    const pdf = multipartFile('v1.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'), 'application/pdf');
    expect((await huancui.request('POST', `/api/institutional-systems/${v1.id}/file`, pdf.payload, pdf.headers)).statusCode).toBe(409);
    expect(v2.status).toBe('in_force');
  });

  it('two new versions registered at once leave exactly one in force', async () => {
    await registered(huancui, { kind: 'client_database', version: 'v0' });
    const results = await Promise.all([
      huancui.post('/api/institutional-systems', doc({ kind: 'client_database', version: 'a' })),
      huancui.post('/api/institutional-systems', doc({ kind: 'client_database', version: 'b' })),
    ]);
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    const all = (await huancui.get('/api/institutional-systems?countyCode=371002&kind=client_database')).json<{ items: Doc[] }>().items;
    expect(all.filter((d) => d.status === 'in_force')).toHaveLength(1);
    expect(all.length).toBe(1 + results.filter((r) => r.statusCode === 200).length);
  });

  it('attaches the document text through the files module and serves it as an attachment', async () => {
    const d = await registered(huancui, { kind: 'archives' });
    const pdf = multipartFile('文书档案管理制度.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'), 'application/pdf');
    const up = await huancui.request('POST', `/api/institutional-systems/${d.id}/file`, pdf.payload, pdf.headers);
    expect(up.statusCode).toBe(200);
    expect(up.json().file.name).toBe('文书档案管理制度.pdf');
    const down = await city.get(`/api/institutional-systems/${d.id}/file`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-disposition']).toContain('attachment');
    // Another county may neither replace the text nor read it.
    expect((await wendeng.request('POST', `/api/institutional-systems/${d.id}/file`, pdf.payload, pdf.headers)).statusCode).toBe(404);
    expect((await wendeng.get(`/api/institutional-systems/${d.id}/file`)).statusCode).toBe(404);
  });

  it('scope: a county reads and writes its own only; its towns and stations read it; the city reads all', async () => {
    const wd = await registered(wendeng, { kind: 'personnel', title: '文登区社工站人员管理制度' });
    expect((await huancui.get(`/api/institutional-systems/${wd.id}`)).statusCode).toBe(404);
    expect((await town.get(`/api/institutional-systems/${wd.id}`)).statusCode).toBe(404);
    expect((await city.get(`/api/institutional-systems/${wd.id}`)).statusCode).toBe(200);
    const hc = await registered(huancui, { kind: 'personnel', title: '环翠区社工站人员管理制度' });
    expect((await town.get(`/api/institutional-systems/${hc.id}`)).statusCode).toBe(200);
    expect((await worker.get(`/api/institutional-systems/${hc.id}`)).statusCode).toBe(200);
    // The county's and the town's matrix: their own county only.
    for (const s of [huancui, town, worker]) expect((await matrix(s)).counties.map((c) => c.code)).toEqual(['371002']);
    expect((await matrix(wendeng)).counties.map((c) => c.code)).toEqual(['371003']);
    const townList = (await town.get('/api/institutional-systems')).json<{ items: Doc[] }>().items;
    expect(townList.length).toBeGreaterThan(0);
    expect(townList.every((d) => d.countyCode === '371002')).toBe(true);
  });

  it('the matrix comes a page of counties at a time; the count of missing systems covers the whole scope', async () => {
    const all = await matrix(city);
    const page = async (n: number) => (await city.get(`/api/institutional-systems/completeness?pageSize=3&page=${n}`)).json<Matrix>();
    const pages = await Promise.all([1, 2, 3].map(page));
    expect(pages[0]?.counties).toHaveLength(3);
    expect(pages[0]?.total).toBe(all.counties.length);
    expect(pages.flatMap((p) => p.counties.map((c) => c.code))).toEqual(all.counties.map((c) => c.code).slice(0, 9));
    // The findings are the page's; findingsTotal counts them all, as the full matrix shows them.
    expect(pages[0]?.findings.every((f) => pages[0]?.counties.some((c) => c.code === f.countyCode))).toBe(true);
    expect(pages.map((p) => p.findingsTotal)).toEqual(pages.map(() => all.findings.length));
    expect(all.findingsTotal).toBe(all.findings.length);
    expect((await city.get('/api/institutional-systems/completeness?pageSize=1000')).statusCode).toBe(400);
  });

  it('the document list is paged and filtered by county, system and status', async () => {
    await registered(huancui, { kind: 'finance', version: 'p1' });
    await registered(huancui, { kind: 'finance', version: 'p2' });
    type Page = { items: Doc[]; total: number };
    const first = (await city.get('/api/institutional-systems?countyCode=371002&pageSize=2')).json<Page>();
    const second = (await city.get('/api/institutional-systems?countyCode=371002&pageSize=2&page=2')).json<Page>();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(2);
    expect(second.items.map((d) => d.id)).not.toContain(first.items[0]?.id);
    expect([...first.items, ...second.items].every((d) => d.countyCode === '371002')).toBe(true);
    const superseded = (await city.get('/api/institutional-systems?countyCode=371002&kind=finance&status=superseded')).json<Page>();
    expect(superseded.items.length).toBeGreaterThan(0);
    expect(superseded.items.every((d) => d.status === 'superseded')).toBe(true);
    const wd = (await wendeng.get('/api/institutional-systems?countyCode=371002')).json<Page>();
    expect(wd).toMatchObject({ items: [], total: 0 });
  });
});
