import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deadline } from '../../../shared/contracts/calendar';
import { chinaToday } from '../../../shared/rules/china-date';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { calendarItems } from './calendar.testing';

// Done items and those of closed years do not stay red: the demo's 2025 plans and district
// reports were shown as 逾期未完成 although nobody can file a 2025 plan any more.
let t: TestApp;
let city: Session;
let district: Session;
const thisYear = Number(chinaToday().slice(0, 4));
const lastYear = thisYear - 1;

// The city is a wide actor: its grouped entries are opened through the drill-down.
const calendar = (s: Session, from: string, to: string): Promise<Deadline[]> => calendarItems(s, from, to);

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  district = await t.login('demo-district');
}, 120_000);
afterAll(async () => t.close());

describe('deadline states across years', () => {
  it('a closed year’s missed plan and district report are 已过期, not overdue; this year’s missed ones stay overdue', async () => {
    const last = await calendar(city, `${lastYear}-01-01`, `${lastYear}-12-31`);
    const plans = last.filter((d) => d.kind === 'plan_due');
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((d) => d.state === 'expired')).toBe(true);
    expect(last.filter((d) => d.kind === 'district_report_due').every((d) => d.state === 'expired')).toBe(true);
    expect(last.filter((d) => d.state === 'overdue' && d.kind !== 'instalment_due')).toEqual([]);

    const now = await calendar(city, `${thisYear}-03-31`, `${thisYear}-03-31`);
    const missed = now.filter((d) => d.kind === 'plan_due' && d.link === null);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((d) => d.state === 'overdue')).toBe(true);
  });

  it('a closed year’s report submitted late is 已完成（逾期） (late), neither overdue nor expired', async () => {
    const drafted = await district.post('/api/reports', { kind: 'district_annual', countyCode: '371002', year: lastYear });
    expect(drafted.statusCode).toBe(200);
    const r = drafted.json<{ id: string; version: number }>();
    expect((await district.post(`/api/reports/${r.id}/submit`, { version: r.version })).statusCode).toBe(200);
    const items = await calendar(district, `${lastYear}-11-30`, `${lastYear}-11-30`);
    expect(items.find((d) => d.kind === 'district_report_due')).toMatchObject({ state: 'late', link: { type: 'report', id: r.id } });
  });
});
