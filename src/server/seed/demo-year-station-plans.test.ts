import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../shared/rules/china-date';
import { createTestApp, type Session, type TestApp } from '../testing/test-app';
import { seedStationPlansDemo } from './demo-year-station-plans';

type Json = Record<string, unknown>;
let t: TestApp;
let district: Session;
let demoOrg: Session;
const year = Number(chinaToday().slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  await seedStationPlansDemo(t.database.db);
  district = await t.login('demo-district');
  demoOrg = await t.login('demo-org');
}, 120_000);
afterAll(() => t.close());

describe('一站一策: the demo and the workbench', () => {
  it('the district lists 环翠区 plans of the year, with the organisation and one awaiting approval', async () => {
    const list = (await district.get(`/api/station-plans?year=${year}&pageSize=50`)).json();
    expect(list.total).toBe(9);
    expect(list.items.every((r: Json) => r.orgName === '威海市环翠区阳光社会工作服务中心')).toBe(true);
    expect(new Set(list.items.map((r: Json) => r.status))).toEqual(new Set(['approved', 'submitted', 'returned']));
    const submitted = (await district.get(`/api/station-plans?year=${year}&status=submitted`)).json();
    // One station's records fall far short of its targets.
    // The contract starts on 10 April (or today if earlier): April is the on-post month, judged from May.
    const below = (await district.get(`/api/station-plans?year=${year}&belowTarget=true`)).json();
    const judged = chinaToday() >= `${year}-06-01`;
    expect(below.items.map((r: Json) => r.stationName)).toEqual(judged ? ['环翠区鲸园街道社会工作服务站'] : []);
    if (judged) {
      const plan = (await district.get(`/api/station-plans/${below.items[0].id}`)).json();
      const records = plan.findingList.find((f: Json) => f.measure === 'records');
      expect(records.months[0]).toBe(`${year}-05`);
    }
    expect(submitted.total).toBe(1);
    const wb = (await district.get('/api/workbench')).json();
    const section = wb.sections.find((s: Json) => s.key === 'stationPlansToApprove');
    expect(section.total).toBe(1);
    expect(section.items[0].link).toBe(`/station-plans/${submitted.items[0].id}`);
  });

  it('the organisation sees its returned plan on its workbench', async () => {
    const wb = (await demoOrg.get('/api/workbench')).json();
    const section = wb.sections.find((s: Json) => s.key === 'stationPlansToFix');
    expect(section.items.some((i: Json) => i.kind === 'station_plan_returned')).toBe(true);
  });
});
