import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveJob } from '../../shared/contracts/archives';
import { chinaToday } from '../../shared/rules/china-date';
import { archiveJobs } from '../db/schema';
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
  it('build only 鲸园’s last year at start-up; the contract’s and this year’s wait for the builder', async () => {
    // Read before any request: a list or a poll starts the builder.
    const jobs = await t.database.db
      .select({ year: archiveJobs.year, contractId: archiveJobs.contractId, status: archiveJobs.status, fileId: archiveJobs.fileId })
      .from(archiveJobs);
    expect(jobs.filter((j) => j.status === 'done').map((j) => j.year)).toEqual([year - 1]);
    const contract = jobs.filter((j) => j.contractId !== null);
    expect(contract.map((j) => [j.status, j.fileId])).toEqual([['queued', null]]);
    expect(jobs.filter((j) => j.contractId === null && j.year === year).map((j) => j.status)).toEqual(['queued']);
  });

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
    // Its contract's archive, asked for by the district, is its own too, and is built once looked at.
    const contract = own.items.filter((j) => j.kind === 'contract');
    expect(contract.length).toBe(1);
    let built = contract[0];
    for (let i = 0; i < 600 && built?.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      built = (await org.get(`/api/archives/${built?.id}`)).json() as ArchiveJob;
    }
    expect(built?.status).toBe('done');
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
