import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regions } from '../../db/schema';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { loadReferenceData } from './reference-data';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface R { code: string; name: string; shortName: string; level: string; path: string; parentCode: string | null }

describe('Weihai regions', () => {
  it('holds the city, seven county-level units and 72 towns with materialised paths', async () => {
    const s = await t.login('demo-city');
    const all = (await s.get('/api/regions')).json<R[]>();
    expect(all.filter((r) => r.level === 'city').map((r) => r.name)).toEqual(['威海市']);
    const counties = all.filter((r) => r.level === 'county');
    expect(counties.map((r) => r.shortName)).toEqual(['环翠区', '文登区', '高区', '经区', '临港区', '荣成市', '乳山市']);
    const towns = all.filter((r) => r.level === 'town');
    expect(towns).toHaveLength(72);
    expect(towns.filter((r) => r.name.endsWith('街道'))).toHaveLength(24);
    const jingyuan = towns.find((r) => r.code === '371002002');
    expect(jingyuan).toMatchObject({ name: '鲸园街道', path: '/371000/371002/371002002/', parentCode: '371002' });
  });

  it('holds the 2,726 villages and communities under their towns, matching the NBS counts', async () => {
    const s = await t.login('demo-city');
    const villages = (await s.get('/api/regions?level=village&parentCode=371002002')).json<R[]>();
    expect(villages).toHaveLength(16); // 鲸园街道: 16 居委会
    expect(villages.every((v) => v.path.startsWith('/371000/371002/371002002/'))).toBe(true);
    expect(villages[0]?.shortName).not.toMatch(/居委会$/);
  });

  it('finds towns by their other spellings', async () => {
    const s = await t.login('demo-city');
    const find = async (q: string) => (await s.get(`/api/regions?level=town&q=${encodeURIComponent(q)}`)).json<R[]>().map((r) => r.code);
    expect(await find('蔄山镇')).toEqual(['371073113']);
    expect(await find('天福街道')).toEqual(['371003002']);
  });

  it('loads idempotently', async () => {
    await loadReferenceData(t.database.db);
    await loadReferenceData(t.database.db);
    expect(await t.database.db.$count(regions)).toBe(1 + 7 + 72 + 2726);
  });
});
