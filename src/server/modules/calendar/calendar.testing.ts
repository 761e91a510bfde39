import { expect } from 'vitest';
import { DEADLINE_STATES, type CalendarAnswer, type Deadline, type DeadlineGroup } from '../../../shared/contracts/calendar';
import type { Session } from '../../testing/test-app';

export async function calendarAnswer(s: Session, from: string, to: string): Promise<CalendarAnswer> {
  const res = await s.get(`/api/calendar?from=${from}&to=${to}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json<CalendarAnswer>();
}

/** Every deadline behind a grouped entry, read through the drill-down 100 at a time. */
export async function entriesOf(s: Session, g: DeadlineGroup): Promise<Deadline[]> {
  const out: Deadline[] = [];
  for (let offset = 0; ; offset += 100) {
    const res = await s.get(`/api/calendar/entries?date=${g.date}&kind=${g.kind}&region=${g.regionCode}&limit=100&offset=${offset}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const page = res.json<{ items: Deadline[]; total: number }>();
    expect(page.total).toBe(g.total);
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total) break;
  }
  return out;
}

/**
 * The deadlines an actor sees one by one: the itemised answer, or for a wide actor every group
 * opened through the drill-down — whose items must match the group's counts by state.
 */
export async function calendarItems(s: Session, from: string, to: string): Promise<Deadline[]> {
  const answer = await calendarAnswer(s, from, to);
  if (!answer.grouped) return answer.items;
  const items: Deadline[] = [];
  for (const g of answer.groups) {
    const entries = await entriesOf(s, g);
    expect(entries).toHaveLength(g.total);
    for (const state of DEADLINE_STATES) expect(entries.filter((d) => d.state === state).length, `${g.date} ${g.kind} ${g.regionCode} ${state}`).toBe(g.counts[state]);
    expect(entries.every((d) => d.date === g.date && d.kind === g.kind)).toBe(true);
    items.push(...entries);
  }
  return items;
}
