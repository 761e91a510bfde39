import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/test-app';
import { seedApplicationsDemo } from './demo-applications';

let t: TestApp;
let applicant: Session;

beforeAll(async () => {
  t = await createTestApp();
  await seedApplicationsDemo(t.database.db);
  applicant = await t.login('demo-applicant');
}, 120_000);
afterAll(() => t.close());

describe('the applications demo', () => {
  it('gives demo-applicant an application in every state, the accepted one with work counted against it', async () => {
    const list = (await applicant.get('/api/applications?pageSize=50')).json<{ items: { id: string; status: string }[] }>();
    expect(list.items.map((i) => i.status).sort()).toEqual(['accepted', 'changes_requested', 'draft', 'refused', 'submitted']);
    const accepted = list.items.find((i) => i.status === 'accepted');
    const detail = (await applicant.get(`/api/applications/${accepted?.id}`)).json();
    expect(detail.closingReport).toMatchObject({ records: 4, homeVisits: 2, hours: 5.3, groupSessions: 2 });
    // The city bureau has one to decide; loading twice adds nothing.
    expect((await (await t.login('demo-city')).get('/api/applications?toDecide=true')).json().total).toBe(1);
    await seedApplicationsDemo(t.database.db);
    expect((await applicant.get('/api/applications')).json().total).toBe(5);
  });
});
