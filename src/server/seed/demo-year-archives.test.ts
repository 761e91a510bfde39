import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveJob } from '../../shared/contracts/archives';
import { chinaToday } from '../../shared/rules/china-date';
import { createTestApp, type TestApp } from '../testing/test-app';
import { seedArchivesDemo } from './demo-year-archives';

let t: TestApp;
const year = Number(chinaToday().slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  await seedArchivesDemo(t.database.db, t.cipher);
}, 120_000);
afterAll(() => t.close());

describe('the demo archives', () => {
  it('hold 鲸园’s last year, built, for the district and the town; this year’s is built when its contractor first looks', async () => {
    const district = await t.login('demo-district');
    const list = (await district.get('/api/archives')).json() as { items: ArchiveJob[] };
    const last = list.items.find((j) => j.year === year - 1);
    expect(last).toMatchObject({ status: 'done', stationName: '环翠区鲸园街道社会工作服务站', requestedByName: expect.any(String) });
    expect((await (await t.login('demo-town')).get(`/api/archives/${last?.id}/download`)).statusCode).toBe(200);

    const org = await t.login('demo-org');
    const own = (await org.get('/api/archives')).json() as { items: ArchiveJob[] };
    // The contractor serves 鲸园 from this year's contract: last year's archive is not its own.
    expect(own.items.filter((j) => j.kind === 'station_year').map((j) => j.year)).toEqual([year]);
    // Its contract's archive, asked for by the district, is its own too.
    expect(own.items.filter((j) => j.kind === 'contract').map((j) => j.status)).toEqual(['done']);
    let job = own.items.find((j) => j.kind === 'station_year');
    for (let i = 0; i < 300 && job?.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await org.get(`/api/archives/${job?.id}`)).json() as ArchiveJob;
    }
    expect(job?.status).toBe('done');
    // Seeding twice adds nothing.
    await seedArchivesDemo(t.database.db, t.cipher);
    expect((await district.get('/api/archives')).json().total).toBe(3);
  });
});
