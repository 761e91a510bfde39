import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceItemProblems } from '../../../shared/rules/service-scope';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { loadCatalogue } from './catalogue-data';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Item { code: string; domain: string; name: string; excluded: boolean; version: number }

describe('service catalogue (R-SCOPE-DOMAINS, R-SCOPE-EXCLUDED)', () => {
  it('ships the items of 二（一）1–5 in five domains, with the excluded matters marked', async () => {
    const s = await t.login('demo-worker');
    const items = (await s.get('/api/service-catalogue')).json<Item[]>();
    expect(new Set(items.map((i) => i.domain))).toEqual(new Set(['assistance', 'elderly', 'children', 'social_affairs', 'other']));
    for (const name of ['心理疏导', '家计调查', '精神慰藉', '监护评估', '精神障碍社区康复', '教育矫治', '慈善资源对接'])
      expect(items.map((i) => i.name)).toContain(name);
    expect(items.filter((i) => i.excluded).length).toBeGreaterThanOrEqual(3);
    const usable = (await s.get('/api/service-catalogue?includeExcluded=false')).json<Item[]>();
    expect(usable.every((i) => !i.excluded)).toBe(true);
    const children = (await s.get('/api/service-catalogue?domain=children')).json<Item[]>();
    expect(children.map((i) => i.name)).toContain('家庭随访');
  });

  it('names excluded and unknown items for the modules that check them', async () => {
    const s = await t.login('demo-city');
    const items = (await s.get('/api/service-catalogue')).json<Item[]>();
    const ex = items.find((i) => i.excluded);
    const { excluded, unknown } = serviceItemProblems(['SA01', ex?.code ?? '', 'ZZ99'], items.map((i) => ({ ...i, domain: i.domain as 'other' })));
    expect(excluded.map((i) => i.code)).toEqual([ex?.code]);
    expect(unknown).toEqual(['ZZ99']);
  });

  it('lets the city mark an item excluded, audited, and a reload keeps the mark', async () => {
    const s = await t.login('demo-city');
    const item = (await s.get('/api/service-catalogue')).json<Item[]>().find((i) => i.code === 'SA12');
    const res = await s.patch('/api/service-catalogue/SA12', { version: item?.version, excluded: true, note: '本市由镇街直接开展' });
    expect(res.statusCode).toBe(200);
    expect(res.json().excluded).toBe(true);
    await loadCatalogue(t.database.db);
    const after = (await s.get('/api/service-catalogue')).json<Item[]>().find((i) => i.code === 'SA12');
    expect(after?.excluded).toBe(true);
    const stale = await s.patch('/api/service-catalogue/SA12', { version: item?.version, excluded: false });
    expect(stale.statusCode).toBe(409);
    expect((await (await t.login('demo-district')).patch('/api/service-catalogue/SA12', { version: 2, excluded: false })).statusCode).toBe(403);
  });
});
