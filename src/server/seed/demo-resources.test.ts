import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataIn } from '../../shared/rules/resources';
import { createTestApp, type TestApp } from '../testing/test-app';
import { rowsOf } from './demo-year-sql';
import { seedResourcesDemo } from './demo-resources';

let t: TestApp;

// On the demo year, so the client needs find 鲸园's clients as loadDemo gives them.
beforeAll(async () => {
  t = await createTestApp({ demoYear: true });
  await seedResourcesDemo(t.database.db, t.cipher);
  await seedResourcesDemo(t.database.db, t.cipher); // a second run adds nothing
}, 300_000);
afterAll(() => t.close());

describe('the charity resources demo', () => {
  it('holds needs at every stage, and each offer’s held and delivered amounts add up from its matches and deliveries', async () => {
    const worker = await t.login('demo-worker');
    const needs = (await worker.get('/api/resource-needs?pageSize=50')).json();
    expect(needs.items.map((n: { status: string }) => n.status).sort()).toEqual(['matched', 'met', 'open', 'open', 'open']);
    const [bad] = await rowsOf<{ n: number }>(t.database.db, sql`
      SELECT count(*)::int AS n FROM resource_offers o
      WHERE o.reserved <> (SELECT coalesce(sum(quantity), 0) FROM resource_matches m WHERE m.offer_id = o.id AND m.status <> 'rejected')
         OR o.delivered <> (SELECT coalesce(sum(quantity), 0) FROM resource_deliveries d WHERE d.offer_id = o.id)`);
    expect(bad?.n).toBe(0);
    const [unproven] = await rowsOf<{ n: number }>(t.database.db, sql`
      SELECT count(*)::int AS n FROM resource_needs n WHERE n.status = 'met' AND NOT EXISTS (SELECT 1 FROM resource_deliveries d WHERE d.need_id = n.id)`);
    expect(unproven?.n).toBe(0);
    // One match waits for a second person: the organisation manager may confirm it.
    const manager = await t.login('demo-org');
    const pending = needs.items.find((n: { title: string }) => n.title === '行动不便老人上门体检');
    const detail = (await manager.get(`/api/resource-needs/${pending.id}`)).json();
    expect(detail.matches[0]).toMatchObject({ status: 'proposed', proposedByName: '驻站社工 陈晓' });
    // It is a client's need, shared with the doctor with the client's consent.
    expect(detail.need).toMatchObject({ source: 'client', clientConsent: true });
    expect(detail.matches[0].sharesClient).toBe(true);
  });

  it('shows the reviewed open needs and the thanks on the public wall, with no personal data', async () => {
    const wall = (await t.anon('GET', '/api/public/resource-wall')).json();
    expect(wall.needs).toHaveLength(2);
    expect(wall.thanks.map((x: { donorName: string }) => x.donorName)).toEqual(['海之韵食品公司']);
    for (const text of [...wall.needs.map((n: { text: string }) => n.text), ...wall.thanks.map((x: { needText: string }) => x.needText)])
      expect(personalDataIn(text, { name: null, address: null })).toEqual([]);
  });
});
