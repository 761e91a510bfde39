import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, stationBudgets, stationFundingRollups, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let city: Session;
let huancui: Session;
let rongcheng: Session;
let rushan: Session;

interface Item { id: string; name: string; townCode: string; countyCode: string; status: string; openedOn: string | null }

async function stationOf(townCode: string): Promise<{ id: string; version: number }> {
  const [row] = await t.database.db.select().from(stations).where(eq(stations.townCode, townCode));
  if (!row) throw new Error(`no station for ${townCode}`);
  return { id: row.id, version: row.version };
}

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  huancui = await t.login('demo-district');
  rongcheng = await t.userWith('rongcheng.officer', ['district_officer'], { kind: 'county', regionCode: '371082' });
  rushan = await t.userWith('rushan.officer', ['district_officer'], { kind: 'county', regionCode: '371083' });
});
afterAll(() => t.close());

const edit = {
  venueType: 'party_center', address: '鲸园街道党群服务中心三楼', phone: '0631-5200001', openedOn: '2021-11-01',
  outdoorPlaque: 'installed', indoorPlaque: 'installed', equipment: '电脑2台', hostContactName: '张三', hostContactPhone: '13800000000',
};

describe('station directory', () => {
  it('lists all 72 stations for the city, paged, with derived standard names', async () => {
    const res = await city.get('/api/stations?pageSize=20&page=2');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Item[]; total: number }>();
    expect(body.total).toBe(72);
    expect(body.items).toHaveLength(20);
    const all = (await city.get('/api/stations?pageSize=200')).json<{ items: Item[] }>().items;
    expect(new Set(all.map((s) => s.townCode)).size).toBe(72);
    expect(all.find((s) => s.townCode === '371002002')?.name).toBe('环翠区鲸园街道社会工作服务站');
    expect(all.find((s) => s.townCode === '371071004')?.name).toBe('高区怡园街道社会工作服务站');
  });

  it('filters by county unit and status, and sorts', async () => {
    const rs = (await city.get('/api/stations?countyCode=371083&pageSize=200')).json<{ items: Item[]; total: number }>();
    const towns = (await city.get('/api/regions?level=town&parentCode=371083')).json<unknown[]>();
    expect(towns).toHaveLength(15);
    expect(rs.total).toBe(towns.length);
    expect(rs.items.every((s) => s.countyCode === '371083')).toBe(true);
    const preparing = (await city.get('/api/stations?status=preparing&pageSize=200')).json<{ items: Item[] }>().items;
    expect(preparing.length).toBeGreaterThan(0);
    expect(preparing.every((s) => s.status === 'preparing')).toBe(true);
    const sorted = (await city.get('/api/stations?sort=-openedOn&pageSize=200')).json<{ items: Item[] }>().items;
    const dates = sorted.map((s) => s.openedOn).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('searches names and the spellings noted in the reference data', async () => {
    const q = async (term: string) =>
      (await city.get(`/api/stations?q=${encodeURIComponent(term)}`)).json<{ items: Item[] }>().items.map((s) => s.townCode);
    expect(await q('蔄山')).toEqual(['371073113']);
    expect(await q('苘山')).toEqual(['371073113']);
    expect(await q('龙山街道')).toEqual(['371003001']);
    expect(await q('高区')).toHaveLength(3);
    expect(await q('100%')).toEqual([]);
  });

  it('refuses unknown query fields and bad values with field paths', async () => {
    const res = await city.get('/api/stations?pageSize=999&color=red');
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['color', 'pageSize']);
  });

  it('exports the visible list as Excel', async () => {
    const res = await huancui.get('/api/stations/export?status=operating');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('社工站名录');
    const names: string[] = [];
    sheet?.eachRow((row, n) => {
      const v = row.getCell(1).value;
      if (n > 1 && typeof v === 'string' && v.endsWith('社会工作服务站')) names.push(v);
    });
    const visible = (await huancui.get('/api/stations?status=operating&pageSize=200')).json<{ items: Item[] }>().items;
    expect(names.sort()).toEqual(visible.map((s) => s.name).sort());
    expect(names.every((n) => n.startsWith('环翠区'))).toBe(true);
  });

  it('shows coverage per county unit within the scope', async () => {
    const all = (await city.get('/api/stations/coverage')).json();
    expect(all.rule.id).toBe('R-STATION-ONE');
    expect(all.total.towns).toBe(72);
    expect(all.rows).toHaveLength(7);
    const mine = (await huancui.get('/api/stations/coverage')).json();
    expect(mine.rows.map((r: { countyShortName: string }) => r.countyShortName)).toEqual(['环翠区']);
    expect(mine.total.towns).toBe(9);
  });

  it('pages the county units in code order; the total is the whole scope on every page', async () => {
    type Row = { countyCode: string; towns: number; stations: number; operating: number };
    const all = (await city.get('/api/stations/coverage?pageSize=100')).json<{ rows: Row[]; total: Omit<Row, 'countyCode'>; counties: number }>();
    expect(all.counties).toBe(all.rows.length);
    // The total read from the city's own lines equals the units' lines added up.
    for (const k of ['towns', 'stations', 'operating'] as const) expect(all.total[k]).toBe(all.rows.reduce((n, r) => n + r[k], 0));
    const seen: Row[] = [];
    for (let page = 1; page <= Math.ceil(all.counties / 3); page++) {
      const res = await city.get(`/api/stations/coverage?page=${page}&pageSize=3`);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json<{ rows: Row[]; total: Omit<Row, 'countyCode'>; counties: number; page: number; pageSize: number }>();
      expect(p).toMatchObject({ counties: all.counties, page, pageSize: 3, total: all.total });
      expect(p.rows.length).toBeLessThanOrEqual(3);
      seen.push(...p.rows);
    }
    expect(seen).toEqual(all.rows);
    expect(seen.map((r) => r.countyCode)).toEqual([...seen.map((r) => r.countyCode)].sort());
    // A page past the end lists nothing and still says how many units there are.
    const past = (await city.get(`/api/stations/coverage?page=${Math.ceil(all.counties / 3) + 1}&pageSize=3`)).json();
    expect(past).toMatchObject({ rows: [], counties: all.counties, total: all.total });
    expect((await city.get('/api/stations/coverage?pageSize=0')).statusCode).toBe(400);
  });
});

describe('data scope', () => {
  it('a 荣成市 officer can neither see nor change a 乳山市 station (404)', async () => {
    const target = await stationOf('371083100'); // 夏村镇, 乳山市
    expect((await rushan.get(`/api/stations/${target.id}`)).statusCode).toBe(200);
    const seen = await rongcheng.get(`/api/stations/${target.id}`);
    expect(seen.statusCode).toBe(404);
    const changed = await rongcheng.patch(`/api/stations/${target.id}`, { ...edit, version: target.version });
    expect(changed.statusCode).toBe(404);
    const status = await rongcheng.post(`/api/stations/${target.id}/status`, { version: target.version, status: 'suspended', reason: '测试' });
    expect(status.statusCode).toBe(404);
    const list = (await rongcheng.get('/api/stations?pageSize=200')).json<{ items: Item[] }>().items;
    expect(list.every((s) => s.countyCode === '371082')).toBe(true);
    expect(list).toHaveLength(22);
    expect((await stationOf('371083100')).version).toBe(target.version);
  });

  it('a town officer sees only their station, an organisation only the stations it runs', async () => {
    const town = (await (await t.login('demo-town')).get('/api/stations')).json<{ items: Item[] }>().items;
    expect(town.map((s) => s.townCode)).toEqual(['371002002']);
    const org = (await (await t.login('demo-org')).get('/api/stations?pageSize=100')).json<{ items: Item[] }>().items;
    expect(org).toHaveLength(9);
    expect(org.every((s) => s.countyCode === '371002')).toBe(true);
    const worker = (await (await t.login('demo-worker')).get('/api/stations')).json<{ items: Item[] }>().items;
    expect(worker.map((s) => s.townCode)).toEqual(['371002002']);
  });

  it('an unknown id is 404 like an out-of-scope one', async () => {
    const res = await city.get('/api/stations/11111111-1111-4111-8111-111111111111');
    expect(res.statusCode).toBe(404);
  });
});

describe('editing a station', () => {
  it('saves the editable fields, bumps the version and audits before and after', async () => {
    const s = await stationOf('371002002');
    const town = await t.login('demo-town');
    const res = await town.patch(`/api/stations/${s.id}`, { ...edit, version: s.version });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.address).toBe(edit.address);
    expect(body.version).toBe(s.version + 1);
    expect(body.findings).toEqual([]);
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'station.update' AND ${auditLog.objectId} = ${s.id}`);
    expect((row?.after as { address: string }).address).toBe(edit.address);
    expect(row?.actorName).toBe('demo-town');
  });

  it('refuses a stale version with 409 and overwrites nothing', async () => {
    const s = await stationOf('371002001');
    expect((await huancui.patch(`/api/stations/${s.id}`, { ...edit, address: '第一次', version: s.version })).statusCode).toBe(200);
    const stale = await huancui.patch(`/api/stations/${s.id}`, { ...edit, address: '第二次', version: s.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await huancui.get(`/api/stations/${s.id}`)).json().address).toBe('第一次');
  });

  it('marks bad fields, refuses mass assignment of status or town, writes nothing', async () => {
    const s = await stationOf('371002003');
    const before = (await huancui.get(`/api/stations/${s.id}`)).json();
    const bad = await huancui.patch(`/api/stations/${s.id}`, {
      ...edit, version: s.version, address: '', phone: 'abc', openedOn: '2021-02-30', status: 'revoked', townCode: '371083100',
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['address', 'openedOn', 'phone', 'status', 'townCode']);
    const other = await huancui.patch(`/api/stations/${s.id}`, { ...edit, venueType: 'other', venueOther: '', version: s.version });
    expect(other.json().error.details.fields).toEqual([{ path: 'venueOther', message: '场所类型为“其他”时请说明场所' }]);
    expect((await huancui.get(`/api/stations/${s.id}`)).json()).toEqual(before);
  });

  it('reports the plaque rule as a finding', async () => {
    const s = await stationOf('371002011');
    const res = await huancui.patch(`/api/stations/${s.id}`, { ...edit, outdoorPlaque: 'none', version: s.version });
    expect(res.json().findings[0].rule.id).toBe('R-STATION-PLAQUE');
    expect(res.json().findings[0].message).toContain('户外标牌');
  });

  it('a worker may read but not edit the station', async () => {
    const s = await stationOf('371002002');
    const worker = await t.login('demo-worker');
    expect((await worker.get(`/api/stations/${s.id}`)).statusCode).toBe(200);
    expect((await worker.patch(`/api/stations/${s.id}`, { ...edit, version: s.version })).statusCode).toBe(403);
  });
});

describe('station status and creation', () => {
  it('changes status with a reason, audited; sets the opening date when it starts operating', async () => {
    const s = await stationOf('371073107'); // a preparing station in 临港区
    const res = await city.post(`/api/stations/${s.id}/status`, { version: s.version, status: 'operating', reason: '场所验收合格' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('operating');
    expect(res.json().openedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const same = await city.post(`/api/stations/${s.id}/status`, { version: res.json().version, status: 'operating', reason: 'x' });
    expect(same.statusCode).toBe(400);
    const noReason = await city.post(`/api/stations/${s.id}/status`, { version: res.json().version, status: 'suspended', reason: ' ' });
    expect(noReason.json().error.details.fields[0].path).toBe('reason');
  });

  it('R-STATION-ONE: a second station for a town is refused with the rule, in the database too', async () => {
    const res = await city.post('/api/stations', { ...edit, townCode: '371002002' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-STATION-ONE');
    expect(res.json().error.message).toContain('二（三）');
    await expect(
      t.database.db.insert(stations).values({ townCode: '371002002', scopePath: '/x/', venueType: 'other', address: 'x' }),
    ).rejects.toThrow();
  });

  it('creates a station for a town that has none, only within scope', async () => {
    const s = await stationOf('371073112'); // 汪疃镇, still preparing, nobody posted
    // The demo set budgets every station (and keeps its funding roll-up); a town without a station has neither.
    await t.database.db.delete(stationBudgets).where(eq(stationBudgets.stationId, s.id));
    await t.database.db.delete(stationFundingRollups).where(eq(stationFundingRollups.stationId, s.id));
    await t.database.db.delete(stations).where(eq(stations.id, s.id));
    const outside = await rongcheng.post('/api/stations', { ...edit, townCode: '371073112' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.fields[0].path).toBe('townCode');
    const created = await city.post('/api/stations', { ...edit, townCode: '371073112' });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ name: '临港区汪疃镇社会工作服务站', status: 'preparing', version: 1 });
  });
});
