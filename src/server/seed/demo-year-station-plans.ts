import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import { IN_FORCE_STATUSES } from '../platform/station-operator';
import { DEMO_TOWN } from './demo-year-sql';
import { isCumulative, monthClosed, planMonths, type StationPlanMeasure } from '../../shared/rules/station-plans';
import { monthlyActuals } from '../modules/station-plans/station-plans.repo';
import type { Db } from '../db/client';
import { contracts, contractStations, files, regions, serviceItems, stationPlans, stationPlanVersions, stations, users } from '../db/schema';

const DUTIES = [
  '以困难群众、留守老年人、困境儿童为重点，开展走访摸排、建立服务台账；',
  '链接镇街、村居和社会资源，开展个案帮扶、小组活动和社区活动；',
  '协助镇街做好社会救助对象的需求评估和跟进服务，培育本地志愿服务队伍。',
].join('');

/** A one-page PDF, enough to stand for the needs survey and the service plan the demo attaches. */
function demoPdf(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%${title}\n%%EOF\n`);
}

/**
 * 一站一策 of the demo: a plan for each station of 环翠区 for this year under its contract, drafted
 * by the organisation and set by the district — most approved, 竹岛 awaiting approval, one returned
 * with a reason, and 鲸园 whose targets its records fall far short of; the others' targets are the
 * most their own months allow without a finding.
 */
export async function seedStationPlansDemo(db: Db): Promise<void> {
  if ((await db.select({ id: stationPlans.id }).from(stationPlans).limit(1)).length > 0) return;
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const [county] = await db.select({ path: regions.path }).from(regions).where(eq(regions.code, '371002'));
  if (!county) return;
  const [org] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-org'));
  const [district] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-district'));
  if (!org || !district) return;
  const rows = await db
    .select({ id: stations.id, scopePath: stations.scopePath, townCode: stations.townCode, contractId: contracts.id, orgId: contracts.contractorOrgId, startsOn: contracts.startsOn, endsOn: contracts.endsOn })
    .from(stations)
    .innerJoin(contractStations, eq(contractStations.stationId, stations.id))
    .innerJoin(contracts, eq(contracts.id, contractStations.contractId))
    .where(
      and(
        like(stations.scopePath, `${county.path}%`),
        inArray(contracts.status, [...IN_FORCE_STATUSES]),
        sql`${contracts.startsOn} <= ${today}::date AND ${contracts.endsOn} >= ${today}::date`,
      ),
    )
    .orderBy(asc(stations.townCode));
  const items = await db.select({ code: serviceItems.code }).from(serviceItems).where(eq(serviceItems.excluded, false)).orderBy(asc(serviceItems.code));
  const codes = items.map((i) => i.code);
  const seen = new Set<string>();
  for (const [i, s] of rows.entries()) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const firstMonth = s.startsOn?.startsWith(`${year}-`) ? Number(s.startsOn.slice(5, 7)) : 1;
    const lastMonth = s.endsOn?.startsWith(`${year}-`) ? Number(s.endsOn.slice(5, 7)) : 12;
    const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
    const [pace] = (await db.execute(sql`
      SELECT greatest(1, (date_trunc('month', ${today}::date)::date - ${from}::date) / 30) AS months,
        (SELECT count(*) FROM service_records WHERE station_id = ${s.id} AND date >= ${from}::date AND date < date_trunc('month', ${today}::date)) AS records,
        (SELECT count(*) FROM service_records WHERE station_id = ${s.id} AND date >= ${from}::date AND date < date_trunc('month', ${today}::date) AND home_visit) AS visits,
        (SELECT count(*) FROM group_sessions gs JOIN groups g ON g.id = gs.group_id WHERE g.station_id = ${s.id} AND gs.date >= ${from}::date AND gs.date < date_trunc('month', ${today}::date)) AS sessions,
        (SELECT count(*) FROM cases WHERE station_id = ${s.id} AND opened_on >= ${from}::date AND opened_on < date_trunc('month', ${today}::date)) AS cases
    `) as unknown as { rows: { months: number; records: number; visits: number; sessions: number; cases: number }[] }).rows;
    const months = Number(pace?.months ?? 1);
    const perMonth = (n: unknown) => Number(n ?? 0) / months;
    // 鲸园 (the demo worker's station) gets targets three times its pace (at least 20 records and 10 visits a month).
    const short = s.townCode === DEMO_TOWN;
    // The others: the most their own judged months allow without a finding (a month at exactly half
    // is none), never above their pace, so the demo's only station below target is 鲸园.
    const judged = await judgedMonths(db, s.id, year, firstMonth + (s.startsOn?.startsWith(`${year}-`) ? 1 : 0), today);
    const safe = (measure: StationPlanMeasure, pace: number) => {
      if (judged.length === 0) return Math.floor(pace);
      let running = 0;
      let most = Math.floor(pace);
      judged.forEach((m, k) => {
        running += m[measure];
        // belowTarget's test (actual·2·months-per-period < target·months), solved for the target.
        most = Math.min(most, isCumulative(measure) ? Math.floor((running * 2 * PER[measure]) / (k + 1)) : m[measure] * 2);
      });
      return Math.max(0, most);
    };
    const targets = short
      ? {
          targetRecords: Math.max(20, Math.ceil(perMonth(pace?.records) * 3)), targetHomeVisits: Math.max(10, Math.ceil(perMonth(pace?.visits) * 3)),
          targetGroupSessions: Math.floor(perMonth(pace?.sessions) * 3), targetCasesOpened: Math.floor(perMonth(pace?.cases) * 12),
        }
      : {
          targetRecords: safe('records', perMonth(pace?.records)), targetHomeVisits: safe('homeVisits', perMonth(pace?.visits)),
          targetGroupSessions: safe('groupSessions', perMonth(pace?.sessions) * 3), targetCasesOpened: safe('casesOpened', perMonth(pace?.cases) * 12),
        };
    const status = s.townCode === '371002003' ? 'submitted' : i === rows.length - 1 && rows.length > 3 ? 'returned' : 'approved';
    const itemCodes = codes.length ? [0, 3, 7, 11, 15].map((k) => codes[(k + i) % codes.length] ?? '').filter(Boolean) : [];
    const content = { itemCodes: [...new Set(itemCodes)], duties: DUTIES, targets: { records: targets.targetRecords, homeVisits: targets.targetHomeVisits, groupSessions: targets.targetGroupSessions, casesOpened: targets.targetCasesOpened } };
    const submittedAt = new Date(`${from}T10:00:00+08:00`);
    submittedAt.setDate(submittedAt.getDate() + 20);
    const decidedAt = new Date(submittedAt.getTime() + 3 * 86_400_000);
    const history = [
      { at: new Date(submittedAt.getTime() - 5 * 86_400_000).toISOString(), by: '阳光社工中心 王敏', event: '编制服务计划', comment: '' },
      { at: submittedAt.toISOString(), by: '阳光社工中心 王敏', event: '报送区市民政部门审定', comment: '' },
      ...(status === 'approved' ? [{ at: decidedAt.toISOString(), by: '环翠区民政局 李主任', event: '区市民政部门审定', comment: '' }] : []),
      ...(status === 'returned' ? [{ at: decidedAt.toISOString(), by: '环翠区民政局 李主任', event: '区市民政部门退回', comment: '需求调研覆盖的村居太少，请补充后重新报送' }] : []),
    ];
    const [plan] = await db
      .insert(stationPlans)
      .values({
        stationId: s.id, scopePath: s.scopePath, year, contractId: s.contractId, orgId: s.orgId, firstMonth, lastMonth, status,
        itemCodes: content.itemCodes, duties: DUTIES, ...targets,
        lastComment: status === 'returned' ? '需求调研覆盖的村居太少，请补充后重新报送' : '',
        approvedAt: status === 'approved' ? decidedAt : null, history, createdBy: org.id, createdAt: submittedAt, updatedAt: status === 'submitted' ? submittedAt : decidedAt,
      })
      .returning({ id: stationPlans.id });
    if (!plan) continue;
    await db.insert(stationPlanVersions).values({
      planId: plan.id, number: 1, content, submittedAt, submittedBy: org.id,
      decision: status === 'submitted' ? null : status, decisionComment: status === 'returned' ? '需求调研覆盖的村居太少，请补充后重新报送' : '',
      decidedAt: status === 'submitted' ? null : decidedAt, decidedBy: status === 'submitted' ? null : district.id,
    });
    await db.insert(files).values(
      (['needs_survey', 'service_plan'] as const).map((kind) => {
        const name = kind === 'needs_survey' ? `${year}年需求调研报告.pdf` : `${year}年服务计划.pdf`;
        const content = demoPdf(name);
        return {
          ownerType: `station_plan:${kind}`, ownerId: plan.id, scopePath: s.scopePath, orgId: s.orgId, name, mime: 'application/pdf',
          size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, uploadedBy: org.id, createdAt: submittedAt,
        };
      }),
    );
  }
}

const PER: Record<StationPlanMeasure, number> = { records: 1, homeVisits: 1, groupSessions: 3, casesOpened: 12 };

/** The station's counts per closed month from the first judged month, as the plan's progress counts them. */
async function judgedMonths(db: Db, stationId: string, year: number, fromMonth: number, today: string) {
  const months = planMonths(year, fromMonth, 12).filter((m) => monthClosed(m, today));
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return [];
  const counts = await monthlyActuals(db, stationId, `${first}-01`, `${last}-${new Date(year, Number(last.slice(5, 7)), 0).getDate()}`);
  return months.map((m) => counts.get(m) ?? { records: 0, homeVisits: 0, groupSessions: 0, casesOpened: 0 });
}
