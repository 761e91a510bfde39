import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { organizations, stations } from '../../db/schema';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let district: Session;
let town: Session;
let worker: Session;
let wendeng: Session;
let hc: string[];
let demoOrg: string;
const today = chinaToday();
const year = Number(today.slice(0, 4));

const project = (over: Record<string, unknown> = {}) => ({
  countyCode: '371002',
  year,
  title: '环翠区镇街社会工作服务站运营项目',
  stationIds: hc.slice(0, 4),
  itemCodes: ['SA01', 'SA02'],
  standards: '每站配备不少于2名专业社工',
  requirements: '依法登记的社会工作服务机构',
  method: 'public_tender',
  budgetFen: 60_000_000,
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
  town = await t.login('demo-town');
  worker = await t.login('demo-worker');
  wendeng = await t.userWith('wendeng.proc', ['district_officer'], { kind: 'county', regionCode: '371003' });
  hc = (await t.database.db.select({ id: stations.id }).from(stations).where(like(stations.scopePath, '/371000/371002/%')).orderBy(asc(stations.townCode))).map((r) => r.id);
  const [org] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  demoOrg = org?.id ?? '';
});
afterAll(() => t.close());

describe('procurement (R-PROC-PUBLIC, R-SCOPE-EXCLUDED)', () => {
  it('refuses catalogue items that may not be station work, naming the rule', async () => {
    const res = await district.post('/api/procurements', project({ itemCodes: ['SA01', 'EX01'] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule).toMatchObject({ id: 'R-SCOPE-EXCLUDED', clause: '二（一）' });
    expect(res.json().error.message).toContain('保密事项');
    const unknown = await district.post('/api/procurements', project({ itemCodes: ['ZZ99'] }));
    expect(unknown.statusCode).toBe(400);
  });

  it('is drafted, published for everyone to see without a login, and its result recorded', async () => {
    const draft = await district.post('/api/procurements', project());
    expect(draft.statusCode).toBe(200);
    const p = draft.json();
    expect(p.items.map((i: { name: string }) => i.name)).toEqual(['心理疏导', '照料护理']);
    // A draft is not public.
    expect((await t.anon('GET', `/api/public/procurements/${p.id}`)).statusCode).toBe(404);
    // Awarding needs publication first.
    expect((await district.post(`/api/procurements/${p.id}/award`, { version: p.version, contractorOrgId: demoOrg, awardedOn: today, awardFen: 1 })).statusCode).toBe(409);

    const published = await district.post(`/api/procurements/${p.id}/publish`, { version: p.version });
    expect(published.json()).toMatchObject({ status: 'published', announcedOn: today });
    const pub = await t.anon('GET', `/api/public/procurements/${p.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      title: '环翠区镇街社会工作服务站运营项目', countyShortName: '环翠区', method: 'public_tender', publishedOn: today,
      standards: '每站配备不少于2名专业社工', requirements: '依法登记的社会工作服务机构', contractor: null,
    });
    expect(pub.json().items.map((i: { name: string }) => i.name)).toEqual(['心理疏导', '照料护理']);

    const awarded = await district.post(`/api/procurements/${p.id}/award`, {
      version: published.json().version, contractorOrgId: demoOrg, awardedOn: today, awardFen: 58_800_000,
    });
    expect(awarded.json()).toMatchObject({ status: 'awarded', contractor: { name: DEMO_ORG_NAME }, awardFen: 58_800_000 });
    const list = (await t.anon('GET', `/api/public/procurements?year=${year}`)).json();
    const shown = list.items.find((i: { id: string }) => i.id === p.id);
    expect(shown.contractor).toMatchObject({ name: DEMO_ORG_NAME });
    expect(Object.keys(shown)).not.toContain('version');
  });

  it('publishing needs the facts the public page shows', async () => {
    const draft = await district.post('/api/procurements', project({ standards: '', title: '缺标准的项目' }));
    const res = await district.post(`/api/procurements/${draft.json().id}/publish`, { version: draft.json().version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-PROC-PUBLIC');
    expect(res.json().error.message).toContain('服务标准');
  });

  it('a barred organisation cannot be the contractor', async () => {
    const [barred] = await t.database.db
      .insert(organizations)
      .values({ name: '被禁入机构', creditCode: '52371002MJ7777777X', status: 'barred', scopePath: '/371000/371002/', countyCode: '371002' })
      .returning({ id: organizations.id });
    const draft = await district.post('/api/procurements', project({ title: '待定项目' }));
    const pub = await district.post(`/api/procurements/${draft.json().id}/publish`, { version: draft.json().version });
    const res = await district.post(`/api/procurements/${draft.json().id}/award`, {
      version: pub.json().version, contractorOrgId: barred?.id, awardedOn: today, awardFen: 1,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-BUY-ROLES');
  });

  it('scope: another unit sees none of it; the town reads its unit’s projects; a station worker has no access', async () => {
    const mine = (await district.get('/api/procurements')).json();
    expect(mine.total).toBeGreaterThanOrEqual(3);
    expect((await wendeng.get('/api/procurements')).json().total).toBe(0);
    const [first] = mine.items;
    // A list line: the picker's station ids, not the project's texts or names looked up per page.
    expect(first.stationIds.length).toBeGreaterThan(0);
    for (const heavy of ['standards', 'requirements', 'stations', 'items']) expect(first).not.toHaveProperty(heavy);
    expect((await wendeng.get(`/api/procurements/${first.id}`)).statusCode).toBe(404);
    expect((await town.get(`/api/procurements/${first.id}`)).statusCode).toBe(200);
    expect((await town.post('/api/procurements', project())).statusCode).toBe(403);
    expect((await worker.get('/api/procurements')).statusCode).toBe(403);
    // Filters and search.
    expect((await district.get('/api/procurements?status=awarded')).json().items.every((i: { status: string }) => i.status === 'awarded')).toBe(true);
    expect((await district.get(`/api/procurements?q=${encodeURIComponent('缺标准')}`)).json().total).toBe(1);
  });
});
