import { and, asc, between, eq, inArray, lte } from 'drizzle-orm';
import { TEAM_KIND_LABELS, TEAM_STAGE_LABELS } from '../../../shared/rules/volunteers';
import type { Db } from '../../db/client';
import { volunteerServiceRecords, volunteerTeams, volunteers, type ReportFigure } from '../../db/schema';

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The report figures of registered volunteers at the stations in the period (一（二）3, 二（一）5):
 * volunteers who served, hours actually served, and the teams and community organisations the
 * stations cultivate (incubated by the period's end), each with the ids it counts.
 */
export async function volunteerFigureRows(db: Db, stationIds: string[], p: { start: string; end: string }): Promise<ReportFigure[]> {
  if (stationIds.length === 0) return [];
  const [records, teams] = await Promise.all([
    db
      .select({ id: volunteerServiceRecords.id, volunteerId: volunteerServiceRecords.volunteerId, minutes: volunteerServiceRecords.minutes })
      .from(volunteerServiceRecords)
      .where(and(inArray(volunteerServiceRecords.stationId, stationIds), between(volunteerServiceRecords.date, p.start, p.end))),
    db
      .select({ id: volunteerTeams.id })
      .from(volunteerTeams)
      .where(and(inArray(volunteerTeams.stationId, stationIds), lte(volunteerTeams.incubatedOn, p.end))),
  ]);
  const people = [...new Set(records.map((r) => r.volunteerId))];
  const group = '志愿服务';
  return [
    { key: 'volunteers.people', group, label: '参与服务的志愿者', value: people.length, unit: '人', source: 'volunteers', ids: people },
    {
      key: 'volunteers.hours', group, label: '志愿服务时长（志愿服务记录）', unit: '小时', source: 'volunteer_records',
      value: round1(records.reduce((s, r) => s + r.minutes, 0) / 60), ids: records.map((r) => r.id),
    },
    { key: 'volunteers.teams', group, label: '培育的志愿服务队和社区社会组织', value: teams.length, unit: '个', source: 'volunteer_teams', ids: teams.map((t) => t.id) },
  ];
}

export interface DrillRow {
  id: string;
  date: string;
  title: string;
  detail: string;
  link: string | null;
}

/** The rows a volunteer figure counts (report drill-down), oldest first. */
export async function volunteerDrillRows(db: Db, source: string, ids: string[]): Promise<DrillRow[] | null> {
  switch (source) {
    case 'volunteers': {
      const rows = await db.select({ id: volunteers.id, name: volunteers.name, createdAt: volunteers.createdAt }).from(volunteers).where(inArray(volunteers.id, ids)).orderBy(asc(volunteers.name));
      return rows.map((r) => ({ id: r.id, date: r.createdAt.toISOString().slice(0, 10), title: r.name, detail: '志愿者', link: `/volunteers/${r.id}` }));
    }
    case 'volunteer_records': {
      const rows = await db
        .select({ r: volunteerServiceRecords, name: volunteers.name })
        .from(volunteerServiceRecords)
        .innerJoin(volunteers, eq(volunteers.id, volunteerServiceRecords.volunteerId))
        .where(inArray(volunteerServiceRecords.id, ids))
        .orderBy(asc(volunteerServiceRecords.date), asc(volunteerServiceRecords.startTime));
      return rows.map(({ r, name }) => ({
        id: r.id, date: r.date, title: `${name}：${r.content}`, detail: `${r.startTime}–${r.endTime}，${round1(r.minutes / 60)}小时`, link: `/volunteers/${r.volunteerId}`,
      }));
    }
    case 'volunteer_teams': {
      const rows = await db.select().from(volunteerTeams).where(inArray(volunteerTeams.id, ids)).orderBy(asc(volunteerTeams.incubatedOn));
      return rows.map((t) => ({
        id: t.id, date: t.incubatedOn, title: t.name, detail: `${TEAM_KIND_LABELS[t.kind]}，${TEAM_STAGE_LABELS[t.stage]}`, link: `/volunteer-teams`,
      }));
    }
    default:
      return null;
  }
}
