import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCountCapForTests } from '../../platform/capped-count';
import { NAME_SEARCH_COUNT_CAP } from './clients.repo';
import { idNumberBornOn } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

// Name search by relevance (exact, then starting with, then containing the keyword), paged without
// duplicates or gaps, scope kept in each group, and capped totals that still page on.
let t: TestApp;
let city: Session;
let rongcheng: Session;
let district: Session;
interface Made {
  id: string;
  name: string;
  inDistrict: boolean;
}
const made: Made[] = [];
let seq = 600;

async function station(s: Session, countyCode: string, not?: string) {
  const list = (await s.get(`/api/stations?pageSize=200&countyCode=${countyCode}`)).json().items as { id: string; townCode: string }[];
  const st = list.find((x) => x.id !== not);
  if (!st) throw new Error(`no station in ${countyCode}`);
  const villages = (await s.get(`/api/regions?level=village&parentCode=${st.townCode}`)).json() as { code: string }[];
  const village = villages[0];
  if (!village) throw new Error(`no village in ${st.townCode}`);
  return { stationId: st.id, villageCode: village.code };
}

async function make(at: { stationId: string; villageCode: string }, name: string, inDistrict: boolean) {
  seq += 1;
  const res = await (inDistrict ? district : rongcheng).post('/api/clients', {
    name, idNumber: idNumberBornOn('1950-01-01', seq), villageCode: at.villageCode, stationId: at.stationId, address: '测试路1号',
    targetGroups: ['left_behind_elderly'], riskLevel: 'low',
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  made.push({ id: res.json().id, name, inDistrict });
}

/** C order (code points), as the index keeps it. */
const byName = (a: Made, b: Made) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function expected(q: string, inDistrictOnly: boolean): string[] {
  const seen = made.filter((m) => m.name.includes(q) && (!inDistrictOnly || m.inDistrict));
  const exact = seen.filter((m) => m.name === q).sort((a, b) => (a.id < b.id ? -1 : 1));
  const starts = seen.filter((m) => m.name !== q && m.name.startsWith(q)).sort(byName);
  const contains = seen.filter((m) => !m.name.startsWith(q)).sort(byName);
  return [...exact, ...starts, ...contains].map((m) => m.id);
}

async function search(s: Session, q: string, page: number, pageSize: number) {
  const res = await s.get(`/api/clients?q=${encodeURIComponent(q)}&page=${page}&pageSize=${pageSize}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { id: string; name: string }[]; total: number; totalCapped: boolean };
}

/** Every page of a search, one after the other, as 下一页 would fetch them. */
async function allPages(s: Session, q: string, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page < 50; page++) {
    const { items } = await search(s, q, page, pageSize);
    ids.push(...items.map((i) => i.id));
    if (items.length < pageSize) break;
  }
  return ids;
}

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  district = await t.login('demo-district'); // 环翠区
  // demo-city reads only: each district files its own clients.
  rongcheng = await t.userWith('rongcheng.search', ['district_officer'], { kind: 'county', regionCode: '371082' });
  const home = await station(city, '371002');
  const neighbour = await station(city, '371002', home.stationId);
  const away = await station(city, '371082'); // 荣成市: outside the district
  // Created out of name order, so no group comes back in creation order by chance.
  for (const [at, name, inDistrict] of [
    [home, '陈璟华', true], [home, '璟丹', true], [away, '璟', false], [home, '璟', true], [home, '安璟', true],
    [neighbour, '璟芳', true], [home, '璟安', true], [away, '甲璟', false], [home, '璟', true], [neighbour, '丁璟', true],
    [home, '璟博', true], [away, '璟甲', false], [home, '白璟', true], [home, '璟华', true], [home, '璟华明', true],
    [home, '璟晨', true], [neighbour, '王璟华', true],
  ] as const)
    await make(at, name, inDistrict);
});
afterAll(() => t.close());

describe('name search by relevance', () => {
  it('lists the exact name first, then names starting with the keyword, then names containing it, within scope', async () => {
    const want = expected('璟', true);
    expect(want).toHaveLength(14);
    const got = await search(district, '璟', 1, 200);
    expect(got.items.map((i) => i.id)).toEqual(want);
    expect(got.items.map((i) => i.name).slice(0, 3)).toEqual(['璟', '璟', '璟丹']);
    expect(got.items.map((i) => i.name)).not.toContain('甲璟');
    expect(got).toMatchObject({ total: 14, totalCapped: false });
    // The city sees the other district's 璟 among the exact matches, 璟甲 among the prefixes.
    expect((await search(city, '璟', 1, 200)).items.map((i) => i.id)).toEqual(expected('璟', false));
  });

  it('orders two-character keywords the same way (the pairs index)', async () => {
    const got = await search(district, '璟华', 1, 200);
    expect(got.items.map((i) => i.name)).toEqual(['璟华', '璟华明', '王璟华', '陈璟华']);
  });

  it('pages across the group boundaries without duplicates or gaps, for the district and the city', async () => {
    for (const size of [1, 2, 3, 5]) {
      expect(await allPages(district, '璟', size)).toEqual(expected('璟', true));
      expect(await allPages(city, '璟', size)).toEqual(expected('璟', false));
    }
    expect((await search(district, '璟', 8, 2)).items).toEqual([]);
  });

  it('keeps the other filters in every group', async () => {
    const home = made.find((m) => m.name === '璟丹');
    const st = (await city.get(`/api/clients/${home?.id}`)).json().stationId as string;
    const got = await search(district, '璟', 1, 200);
    const atHome = (await district.get(`/api/clients?q=${encodeURIComponent('璟')}&stationId=${st}&pageSize=200`)).json().items as { name: string }[];
    expect(atHome.map((i) => i.name)).toEqual(got.items.map((i) => i.name).filter((n) => !['璟芳', '丁璟', '王璟华'].includes(n)));
  });
});

describe('capped totals', () => {
  it('past the cap says so, pages on with 下一页 (the count follows the page), and the search walks the same order', async () => {
    const undo = setCountCapForTests(3);
    try {
      const first = await search(district, '璟', 1, 2);
      expect(first).toMatchObject({ total: 3, totalCapped: true });
      // Page 3 reaches past the cap: it is served, and its total counts up to its end.
      const third = await search(district, '璟', 3, 2);
      expect(third.items).toHaveLength(2);
      expect(third).toMatchObject({ total: 6, totalCapped: true });
      // The last page is exact again: the count saw every row.
      const last = await search(district, '璟', 7, 2);
      expect(last.items).toHaveLength(2);
      expect(last).toMatchObject({ total: 14, totalCapped: false });
      // More contains-matches than the cap: that group is walked in name order — same answer.
      expect(await allPages(district, '璟', 2)).toEqual(expected('璟', true));
      expect(await allPages(city, '璟', 3)).toEqual(expected('璟', false));
    } finally {
      undo();
    }
  });

  it('a plain list (no keyword) pages past the cap too', async () => {
    const exact = (await district.get('/api/clients?pageSize=2')).json();
    expect(exact.totalCapped).toBe(false);
    const undo = setCountCapForTests(3);
    try {
      const page3 = (await district.get('/api/clients?pageSize=2&page=3')).json();
      expect(page3.items).toHaveLength(2);
      expect(page3).toMatchObject({ total: 6, totalCapped: true });
      const lastPage = Math.ceil(exact.total / 2);
      const last = (await district.get(`/api/clients?pageSize=2&page=${lastPage}`)).json();
      expect(last).toMatchObject({ total: exact.total, totalCapped: false });
    } finally {
      undo();
    }
  });
});

describe('a name search counts no further than it needs', () => {
  it('stops at the search cap where a plain list of the same clients counts them all', async () => {
    const at = await station(city, '371002');
    const before = (await district.get(`/api/clients?stationId=${at.stationId}&pageSize=1`)).json().total as number;
    for (let i = 0; i <= NAME_SEARCH_COUNT_CAP; i++) await make(at, `瑀${String.fromCharCode(0x4e00 + i)}`, true);
    const found = await search(district, '瑀', 1, 20);
    expect(found.items).toHaveLength(20);
    expect(found).toMatchObject({ total: NAME_SEARCH_COUNT_CAP, totalCapped: true });
    const listed = (await district.get(`/api/clients?stationId=${at.stationId}&pageSize=1`)).json();
    expect(listed).toMatchObject({ total: before + NAME_SEARCH_COUNT_CAP + 1, totalCapped: false });
    // The last page is exact: it counts up to its own end.
    const last = await search(district, '瑀', 6, 20);
    expect(last.items).toHaveLength(1);
    expect(last).toMatchObject({ total: NAME_SEARCH_COUNT_CAP + 1, totalCapped: false });
  });
});
