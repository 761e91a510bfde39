import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/test-app';
import { seedSystemsDemo } from './demo-systems';

let t: TestApp;
let city: Session;
beforeAll(async () => {
  t = await createTestApp();
  await seedSystemsDemo(t.database.db);
  city = await t.login('demo-city');
}, 120_000);
afterAll(() => t.close());

it('every county has three to five systems in force and one county is missing some', async () => {
  const m = (await city.get('/api/institutional-systems/completeness')).json<{ counties: { inForce: number }[]; findings: unknown[] }>();
  expect(m.counties.length).toBe(7);
  expect(m.counties.every((c) => c.inForce >= 3 && c.inForce <= 5)).toBe(true);
  expect(m.counties.some((c) => c.inForce < 5)).toBe(true);
  expect(m.findings.length).toBeGreaterThan(0);
  const history = (await city.get('/api/institutional-systems?countyCode=371002&kind=personnel')).json<{ items: { status: string }[] }>().items;
  expect(history.map((d) => d.status)).toEqual(['in_force', 'superseded']);
});
