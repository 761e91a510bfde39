import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
type Doc = { id: string; status: string; version: string; countyCode: string; file: { name: string } | null; supersededAt: string | null };
type Matrix = {
  total: number;
  findingsTotal: number;
  counties: { code: string; name: string; inForce: number; systems: { kind: string; standing: string; current: { version: string } | null }[] }[];
  findings: { countyCode: string; kind: string; standing: string; rule: string; message: string }[];
};

async function registered(s: Session, over: Record<string, unknown> = {}): Promise<Doc> {
  const res = await s.post('/api/institutional-systems', doc(over));
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json<Doc>();
}
const matrix = async (s: Session) => (await s.get('/api/institutional-systems/completeness')).json<Matrix>();
const standing = (m: Matrix, county: string, kind: string) => m.counties.find((c) => c.code === county)?.systems.find((x) => x.kind === kind)?.standing;

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
  });

  it('a new version supersedes the one in force and keeps it in the history', async () => {
    const v1 = await registered(huancui, { kind: 'venue', version: 'v1' });
    const v2 = await registered(huancui, { kind: 'venue', version: 'v2' });
    const history = (await huancui.get('/api/institutional-systems?countyCode=371002&kind=venue')).json<{ items: Doc[] }>().items;
    expect(history.map((d) => [d.version, d.status])).toEqual([['v2', 'in_force'], ['v1', 'superseded']]);
    expect(history[1]?.supersededAt).not.toBeNull();
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
