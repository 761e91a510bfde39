import { and, between, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, SERVICE_METHOD_LABELS, SERVICE_METHODS } from '../../../shared/rules/case-work';
import { TARGET_GROUPS, TARGET_GROUP_LABELS } from '../../../shared/rules/clients';
import { SERVICE_DOMAINS, SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { cases, clients, groups, groupSessions, postings, referrals, serviceItems, serviceRecords, type ReportFigure } from '../../db/schema';
import { volunteerFigureRows } from '../volunteers/volunteer-figures';
import type { Db } from '../../db/client';
import { resourceFigureRows } from '../resources/resource-figures';

export interface Period {
  start: string;
  end: string;
}

const unique = (ids: Iterable<string>) => [...new Set(ids)];
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Every figure a report shows, counted from the records of the stations in the period, each with
 * the ids of what it counts so a reader can drill down (and a frozen report keeps them).
 * A fixed handful of queries whatever the period's size.
 */
export async function computeFigures(db: Db, stationIds: string[], p: Period): Promise<ReportFigure[]> {
  if (stationIds.length === 0) return [];
  const [records, opened, closed, sessions, refs, started, ended, items] = await Promise.all([
    db
      .select({
        id: serviceRecords.id, method: serviceRecords.method, domain: serviceRecords.domain, itemCode: serviceRecords.itemCode,
        otherItem: serviceRecords.otherItem, homeVisit: serviceRecords.homeVisit, minutes: serviceRecords.durationMinutes,
        clientIds: serviceRecords.clientIds, volunteers: serviceRecords.volunteers,
      })
      .from(serviceRecords)
      .where(and(inArray(serviceRecords.stationId, stationIds), between(serviceRecords.date, p.start, p.end))),
    db.select({ id: cases.id }).from(cases).where(and(inArray(cases.stationId, stationIds), between(cases.openedOn, p.start, p.end))),
    db.select({ id: cases.id }).from(cases).where(and(inArray(cases.stationId, stationIds), isNotNull(cases.closedOn), between(cases.closedOn, p.start, p.end))),
    db
      .select({ id: groupSessions.id, kind: groups.kind, clientIds: groupSessions.clientIds, volunteers: groupSessions.volunteers })
      .from(groupSessions)
      .innerJoin(groups, eq(groups.id, groupSessions.groupId))
      .where(and(inArray(groups.stationId, stationIds), between(groupSessions.date, p.start, p.end))),
    db.select({ id: referrals.id, status: referrals.status }).from(referrals).where(and(inArray(referrals.stationId, stationIds), between(referrals.referredOn, p.start, p.end))),
    db.select({ id: postings.id }).from(postings).where(and(inArray(postings.stationId, stationIds), between(postings.startDate, p.start, p.end))),
    db.select({ id: postings.id }).from(postings).where(and(inArray(postings.stationId, stationIds), isNotNull(postings.endDate), gte(postings.endDate, p.start), lte(postings.endDate, p.end))),
    db.select({ code: serviceItems.code, name: serviceItems.name }).from(serviceItems),
  ]);

  const servedIds = unique(records.flatMap((r) => r.clientIds));
  const served = servedIds.length
    ? await db.select({ id: clients.id, targetGroups: clients.targetGroups }).from(clients).where(inArray(clients.id, servedIds))
    : [];

  const out: ReportFigure[] = [];
  const add = (f: Omit<ReportFigure, 'unit' | 'source'> & Partial<Pick<ReportFigure, 'unit' | 'source'>>) =>
    out.push({ unit: '次', source: 'service_records', ...f });

  add({ key: 'clients.served', group: '服务对象', label: '服务对象（人）', value: servedIds.length, unit: '人', source: 'clients', ids: servedIds });
  for (const d of SERVICE_DOMAINS) {
    const ids = unique(records.filter((r) => r.domain === d).flatMap((r) => r.clientIds));
    add({ key: `clients.domain.${d}`, group: '服务对象（按领域）', label: SERVICE_DOMAIN_LABELS[d], value: ids.length, unit: '人', source: 'clients', ids });
  }
  for (const g of TARGET_GROUPS) {
    const ids = served.filter((c) => c.targetGroups.includes(g)).map((c) => c.id);
    if (ids.length) add({ key: `clients.group.${g}`, group: '服务对象（按类别）', label: TARGET_GROUP_LABELS[g], value: ids.length, unit: '人', source: 'clients', ids });
  }

  add({ key: 'records.total', group: '服务记录', label: '服务记录', value: records.length, ids: records.map((r) => r.id) });
  add({
    key: 'records.hours', group: '服务记录', label: '服务时长', unit: '小时',
    value: round1(records.reduce((s, r) => s + r.minutes, 0) / 60), ids: records.map((r) => r.id),
  });
  const visits = records.filter((r) => r.homeVisit);
  add({ key: 'records.visits', group: '服务记录', label: '入户走访', value: visits.length, ids: visits.map((r) => r.id) });
  for (const m of SERVICE_METHODS) {
    const ids = records.filter((r) => r.method === m).map((r) => r.id);
    add({ key: `records.method.${m}`, group: '服务记录（按方式）', label: SERVICE_METHOD_LABELS[m], value: ids.length, ids });
  }
  const itemName = new Map(items.map((i) => [i.code, i.name]));
  const byItem = new Map<string, string[]>();
  for (const r of records) {
    const key = r.itemCode ?? `other:${r.otherItem}`;
    byItem.set(key, [...(byItem.get(key) ?? []), r.id]);
  }
  for (const [code, ids] of [...byItem.entries()].sort((a, b) => b[1].length - a[1].length))
    add({
      key: `records.item.${code}`, group: '服务记录（按项目）',
      label: code.startsWith('other:') ? `其他：${code.slice(6)}` : (itemName.get(code) ?? code), value: ids.length, ids,
    });

  add({ key: 'cases.opened', group: '个案', label: '新开个案', value: opened.length, unit: '个', source: 'cases', ids: opened.map((c) => c.id) });
  add({ key: 'cases.closed', group: '个案', label: '结案', value: closed.length, unit: '个', source: 'cases', ids: closed.map((c) => c.id) });

  const groupIds = sessions.filter((s) => s.kind === 'group').map((s) => s.id);
  const communityIds = sessions.filter((s) => s.kind === 'community').map((s) => s.id);
  add({ key: 'sessions.group', group: '小组和社区活动', label: '小组活动', value: groupIds.length, unit: '节', source: 'group_sessions', ids: groupIds });
  add({ key: 'sessions.community', group: '小组和社区活动', label: '社区活动', value: communityIds.length, unit: '场', source: 'group_sessions', ids: communityIds });
  add({
    key: 'sessions.attendance', group: '小组和社区活动', label: '参与服务对象', value: sessions.reduce((s, x) => s + x.clientIds.length, 0),
    unit: '人次', source: 'group_sessions', ids: sessions.map((s) => s.id),
  });

  const hoursOf = (v: { hours: number }[]) => v.reduce((h, x) => h + x.hours, 0);
  const withVolunteers = records.filter((r) => r.volunteers.length > 0);
  const sessionsWithVolunteers = sessions.filter((x) => x.volunteers.length > 0);
  add({
    key: 'volunteers.records', group: '志愿服务', label: '志愿服务时长（服务记录）', unit: '小时',
    value: round1(withVolunteers.reduce((s, r) => s + hoursOf(r.volunteers), 0)), ids: withVolunteers.map((r) => r.id),
  });
  add({
    key: 'volunteers.sessions', group: '志愿服务', label: '志愿服务时长（小组和社区活动）', unit: '小时', source: 'group_sessions',
    value: round1(sessionsWithVolunteers.reduce((s, x) => s + hoursOf(x.volunteers), 0)), ids: sessionsWithVolunteers.map((x) => x.id),
  });

  // Registered volunteers (社工+志愿者, 一（二）3): people, hours actually served, teams cultivated.
  out.push(...(await volunteerFigureRows(db, stationIds, p)));

  // Charity resources matched to needs (二（一）5): needs met, money, goods and hours mobilised.
  out.push(...(await resourceFigureRows(db, stationIds, p)));

  add({ key: 'referrals.total', group: '转介和资源链接', label: '转介', value: refs.length, unit: '次', source: 'referrals', ids: refs.map((r) => r.id) });
  for (const s of REFERRAL_STATUSES) {
    const ids = refs.filter((r) => r.status === s).map((r) => r.id);
    if (ids.length) add({ key: `referrals.${s}`, group: '转介和资源链接', label: REFERRAL_STATUS_LABELS[s], value: ids.length, unit: '次', source: 'referrals', ids });
  }

  add({ key: 'staff.started', group: '人员变动', label: '社工上岗', value: started.length, unit: '人', source: 'postings', ids: started.map((x) => x.id) });
  add({ key: 'staff.ended', group: '人员变动', label: '社工离岗', value: ended.length, unit: '人', source: 'postings', ids: ended.map((x) => x.id) });
  return out;
}
