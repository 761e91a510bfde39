import dayjs from 'dayjs';
import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { onPostDeadline } from '../../../shared/rules/purchase';
import { organizations, stations } from '../../db/schema';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { endDemoContracts } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { calendarItems } from './calendar.testing';

let t: TestApp;
let city: Session;
let district: Session;
let contractId = '';
const today = chinaToday();
const signedOn = dayjs(today).subtract(40, 'day').format('YYYY-MM-DD');
const secondDue = dayjs(today).add(20, 'day').format('YYYY-MM-DD');

interface Item { date: string; kind: string; state: string; rule: string | null; link: { id: string } | null; title: string }
// The city is a wide actor: its grouped entries are opened through the drill-down.
const calendar = async (s: Session, from: string, to: string): Promise<Item[]> => calendarItems(s, from, to);

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  district = await t.login('demo-district');
  await endDemoContracts(district);
  const [org] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  const [jy] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  const others = await t.database.db.select({ id: stations.id }).from(stations).where(like(stations.scopePath, '/371000/371002/%')).orderBy(asc(stations.townCode)).limit(3);
  const created = await district.post('/api/contracts', {
    countyCode: '371002', title: '日历测试合同', contractorOrgId: org?.id, stationIds: [jy?.id, ...others.map((o) => o.id).filter((id) => id !== jy?.id)].slice(0, 2),
    content: '服务', startsOn: signedOn, endsOn: dayjs(signedOn).add(60, 'day').format('YYYY-MM-DD'), quantity: '数量', quality: '质量',
    priceFen: 200, instalments: [{ label: '首期', dueOn: signedOn, amountFen: 100 }, { label: '二期', dueOn: secondDue, amountFen: 100 }],
    rightsDuties: '权利义务', liability: '违约责任',
  });
  contractId = created.json().id;
  const signed = await district.post(`/api/contracts/${contractId}/sign`, { version: created.json().version, signedOn });
  expect(signed.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('deadline calendar', () => {
  it('lists the on-post deadline (missed), instalments (paid or not) and the contract end, each linked and with its rule', async () => {
    const items = await calendar(district, dayjs(signedOn).subtract(1, 'day').format('YYYY-MM-DD'), dayjs(today).add(90, 'day').format('YYYY-MM-DD'));
    const mine = items.filter((i) => i.link?.id === contractId);
    const onPost = mine.find((i) => i.kind === 'onpost_due');
    // 鲸园 has one qualified worker of the contractor: the deadline passed unmet.
    expect(onPost).toMatchObject({ date: onPostDeadline(signedOn), state: 'overdue', rule: 'R-ONPOST-1M' });
    const first = mine.find((i) => i.kind === 'instalment_due' && i.title.includes('首期'));
    expect(first?.state).toBe('overdue');
    expect(mine.find((i) => i.kind === 'instalment_due' && i.title.includes('二期'))).toMatchObject({ date: secondDue, state: 'upcoming' });
    expect(mine.find((i) => i.kind === 'contract_end')?.state).toBe('upcoming');
    // Paying the first instalment marks it done.
    await district.post(`/api/contracts/${contractId}/payments`, { instalment: 0, paidOn: today, amountFen: 100 });
    const again = await calendar(district, signedOn, signedOn);
    expect(again.find((i) => i.link?.id === contractId && i.kind === 'instalment_due')?.state).toBe('done');
    // Sorted by date.
    const dates = items.map((i) => i.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('shows the 31 March plan deadline of every unit in scope (R-PLAN-DUE)', async () => {
    const year = Number(today.slice(0, 4)) + 1;
    const items = await calendar(city, `${year}-03-01`, `${year}-04-30`);
    const plans = items.filter((i) => i.kind === 'plan_due');
    expect(plans).toHaveLength(7);
    expect(plans.every((p) => p.date === `${year}-03-31` && p.state === 'upcoming')).toBe(true);
    expect((await calendar(district, `${year}-03-01`, `${year}-04-30`)).filter((i) => i.kind === 'plan_due')).toHaveLength(1);
  });

  it('shows the 30 November district report deadline (R-DISTRICT-REPORT) and drafted reports’ due dates', async () => {
    const year = Number(today.slice(0, 4)) + 1;
    const items = await calendar(city, `${year}-11-01`, `${year}-12-31`);
    const due = items.filter((i) => i.kind === 'district_report_due');
    expect(due).toHaveLength(7);
    expect(due.every((d) => d.date === `${year}-11-30` && d.rule === 'R-DISTRICT-REPORT' && d.state === 'upcoming')).toBe(true);
    const drafted = await district.post('/api/reports', { kind: 'district_annual', countyCode: '371002', year });
    expect(drafted.statusCode).toBe(200);
    const linked = (await calendar(district, `${year}-11-01`, `${year}-12-31`)).find((i) => i.kind === 'district_report_due');
    expect(linked?.link).toEqual({ type: 'report', id: drafted.json().id });
  });

  it('returns exactly the deadlines within the window and nothing outside it', async () => {
    const onPost = onPostDeadline(signedOn);
    const end = dayjs(signedOn).add(60, 'day').format('YYYY-MM-DD');
    const kinds = async (from: string, to: string) => {
      const items = await calendar(district, from, to);
      expect(items.every((i) => i.date >= from && i.date <= to)).toBe(true);
      return items.filter((i) => i.link?.id === contractId).map((i) => i.kind).sort();
    };
    expect(await kinds(onPost, onPost)).toEqual(['onpost_due']);
    expect(await kinds(signedOn, signedOn)).toEqual(['instalment_due']);
    expect(await kinds(end, end)).toEqual(end === secondDue ? ['contract_end', 'instalment_due'] : ['contract_end']);
    expect(await kinds(dayjs(signedOn).add(1, 'day').format('YYYY-MM-DD'), dayjs(onPost).subtract(1, 'day').format('YYYY-MM-DD'))).toEqual([]);
    expect(await kinds(dayjs(end).add(1, 'day').format('YYYY-MM-DD'), dayjs(end).add(400, 'day').format('YYYY-MM-DD'))).toEqual([]);
  });

  it('refuses a window that ends before it starts', async () => {
    const res = await city.get('/api/calendar?from=2026-05-01&to=2026-04-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('to');
  });
});
