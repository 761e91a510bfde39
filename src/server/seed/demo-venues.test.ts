import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/test-app';
import { seedVenuesDemo } from './demo-venues';

let t: TestApp;
let city: Session;
beforeAll(async () => {
  t = await createTestApp();
  await seedVenuesDemo(t.database.db);
  city = await t.login('demo-city');
}, 120_000);
afterAll(() => t.close());

it('rooms at three stations, bookings without clashes, counted per month', async () => {
  const rooms = (await city.get('/api/venues/rooms')).json<{ items: { stationId: string }[] }>().items;
  expect(new Set(rooms.map((r) => r.stationId)).size).toBe(3);
  const usage = (await city.get('/api/venues/usage')).json<{ items: { hours: number }[] }>().items;
  expect(usage.length).toBeGreaterThan(3);
  expect(usage.every((u) => u.hours > 0)).toBe(true);
});
