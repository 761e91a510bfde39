import dayjs from 'dayjs';
import { asc, eq, like } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import { planDueOn } from '../../shared/rules/purchase';
import { seedEvaluationDemo } from '../modules/evaluations/evaluations.demo';
import { seedFundingDemo } from '../modules/funding/funding.demo';
import type { Db } from './client';
import {
  annualPlans,
  annualPlanVersions,
  contractPayments,
  contracts,
  contractSpending,
  contractStations,
  procurements,
  regions,
  stations,
  users,
  type PlanSnapshot,
} from './schema';

const PLAN_TEXT = {
  goals: '实现镇街社工站全覆盖，每站配备不少于2名专业社工，面向困难群众、老年人、困境儿童等开展专业服务',
  purchaseMethod: 'public_tender' as const,
  contentSchedule: '1—2月编制计划并报备；3月组织政府采购；4月签订合同、社工进驻；5—12月开展服务；11月绩效评估',
  qualityStandards: '服务对象满意度不低于90%；个案服务符合MZ/T 094-2017流程',
  quantityStandards: '每站每月入户走访不少于30户，小组活动不少于2次，社区活动不少于1次',
  evaluationPlan: '委托第三方评估机构年度评估，区市民政部门和镇街共同参与',
};

/** An instant on a China calendar day, never later than now (a demo loaded early in a year stays true). */
function at(day: string, now: Date): Date {
  const t = new Date(`${day}T10:00:00+08:00`);
  return t < now ? t : now;
}

/**
 * The purchase cycle of the demo year for 环翠区 and its neighbours: plans in each state the
 * city must watch, a published and awarded procurement, a contract in force with payments and
 * spending, and every station's budget. 鲸园 keeps one qualified worker, so R-ONPOST-1M shows.
 */
export async function seedPurchaseDemo(db: Db, orgOfCounty: ReadonlyMap<string, string | null>): Promise<void> {
  const demoOrgId = orgOfCounty.get('371002') ?? null;
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const now = new Date();
  await seedFundingDemo(db, year);
  await seedFundingDemo(db, year - 1);
  if (!demoOrgId) return;

  const counties = await db.select().from(regions).where(eq(regions.level, 'county')).orderBy(asc(regions.code));
  const [district] = await db.select().from(users).where(eq(users.username, 'demo-district'));
  const [city] = await db.select().from(users).where(eq(users.username, 'demo-city'));
  const stationsOf = (path: string) =>
    db.select({ id: stations.id, scopePath: stations.scopePath }).from(stations).where(like(stations.scopePath, `${path}%`)).orderBy(asc(stations.townCode));

  // 环翠区 filed on time, 文登区 submitted late, 荣成市 returned, 乳山市 drafting; the rest have none yet.
  const states: Record<string, { status: 'filed' | 'submitted' | 'returned' | 'draft'; submitted: string | null; comment: string }> = {
    '371002': { status: 'filed', submitted: `${year}-03-20`, comment: '' },
    '371003': { status: 'submitted', submitted: `${year}-04-03`, comment: '' },
    '371082': { status: 'returned', submitted: `${year}-03-28`, comment: '请补充各站点的数量标准和绩效评估方式' },
    '371083': { status: 'draft', submitted: null, comment: '' },
  };
  for (const county of counties) {
    const state = states[county.code];
    if (!state) continue;
    const stationIds = (await stationsOf(county.path)).map((s) => s.id);
    const content: PlanSnapshot = { ...PLAN_TEXT, budgetFen: stationIds.length * 15_000_000, stationIds };
    const submittedAt = state.submitted ? at(state.submitted, now) : null;
    const [plan] = await db
      .insert(annualPlans)
      .values({
        countyCode: county.code, scopePath: county.path, year, status: state.status, content, firstSubmittedAt: submittedAt,
        lastComment: state.comment,
        history: [{ at: (submittedAt ?? now).toISOString(), by: `${county.shortName}民政局`, event: state.status === 'draft' ? '编制草稿' : '报送市民政局', comment: '' }],
      })
      .onConflictDoNothing()
      .returning();
    if (!plan || !submittedAt) continue;
    const decided = state.status === 'filed' || state.status === 'returned';
    await db.insert(annualPlanVersions).values({
      planId: plan.id, number: 1, content, submittedAt, submittedBy: county.code === '371002' ? (district?.id ?? null) : null,
      decision: decided ? (state.status as 'filed' | 'returned') : null, decisionComment: state.comment,
      decidedAt: decided ? at(planDueOn(year), now) : null, decidedBy: decided ? (city?.id ?? null) : null,
    });
  }

  const huancui = counties.find((k) => k.code === '371002');
  if (!huancui) return;
  const hc = await stationsOf(huancui.path);
  const stationIds = hc.map((s) => s.id);
  const priceFen = stationIds.length * 15_000_000;
  const firstFen = (priceFen / 10) * 6;
  const [proc] = await db
    .insert(procurements)
    .values({
      countyCode: huancui.code, scopePath: huancui.path, year, title: `环翠区${year}年镇街社会工作服务站运营项目`, stationIds,
      itemCodes: ['SA01', 'SA02'], standards: PLAN_TEXT.quantityStandards, requirements: '依法登记的社会工作服务机构，具备相应社会工作服务能力和条件',
      method: 'public_tender', budgetFen: priceFen, announcedOn: `${year}-03-05`,
      deadlineOn: `${year}-03-26`, status: 'awarded', publishedAt: at(`${year}-03-05`, now), contractorOrgId: demoOrgId,
      awardedOn: `${year}-03-30`, awardFen: priceFen,
    })
    .returning();
  const signedOn = `${year}-04-10` <= today ? `${year}-04-10` : today;
  const [contract] = await db
    .insert(contracts)
    .values({
      countyCode: huancui.code, scopePath: huancui.path, procurementId: proc?.id ?? null, contractorOrgId: demoOrgId,
      number: `HCMZ-${year}-SGZ-01`, title: `环翠区${year}年镇街社工站服务合同`, content: '困难群众帮扶、老年人服务、困境儿童关爱保护、社会支持网络构建等专业服务',
      startsOn: signedOn, endsOn: `${year}-12-31`, quantity: PLAN_TEXT.quantityStandards, quality: PLAN_TEXT.qualityStandards, priceFen,
      instalments: [
        { label: '首期（合同签订后）', dueOn: dayjs(signedOn).add(15, 'day').format('YYYY-MM-DD'), amountFen: firstFen },
        { label: '尾期（评估合格后）', dueOn: `${year}-12-20`, amountFen: priceFen - firstFen },
      ],
      rightsDuties: '甲方按期支付服务费并监督指导；乙方按人员配备要求招聘驻站社工，按合同提供服务并接受评估',
      liability: '乙方未在合同签订1个月内安排社工到岗的，按日扣减服务费；严禁转包',
      tripartite: '与各镇街另行签订三方协议，明确镇街提供场所和办公设施设备',
      status: 'performing', signedOn,
      history: [{ at: at(signedOn, now).toISOString(), by: '环翠区民政局 李主任', event: '签订合同', comment: `签订日期 ${signedOn}` }],
    })
    .returning();
  if (!contract) return;
  await db.insert(contractStations).values(hc.map((s) => ({ contractId: contract.id, stationId: s.id, stationPath: s.scopePath })));
  const firstDue = contract.instalments[0];
  if (firstDue && firstDue.dueOn <= today)
    await db.insert(contractPayments).values({ contractId: contract.id, instalment: 0, paidOn: firstDue.dueOn, amountFen: firstDue.amountFen, voucher: `HC-PZ-${year}-001`, recordedBy: district?.id ?? null });
  const spentOn = dayjs(signedOn).add(1, 'month').format('YYYY-MM-DD');
  if (spentOn <= today)
    await db.insert(contractSpending).values(
      hc.flatMap((s, i) => [
        { contractId: contract.id, stationId: s.id, category: 'staff' as const, spentOn, amountFen: 4_800_000 + i * 10_000, recordedBy: district?.id ?? null },
        { contractId: contract.id, stationId: s.id, category: 'activities' as const, spentOn, amountFen: 1_200_000 + i * 5_000, recordedBy: district?.id ?? null },
      ]),
    );
  await seedNeighbourContracts(db, counties, orgOfCounty, year, today, now);
  await seedEvaluationDemo(db);
}

/**
 * The other county units' contractors serve their stations under a yearly contract in force
 * (who serves a station is the contract in force, nothing else); 临港区 is still procuring.
 */
async function seedNeighbourContracts(
  db: Db,
  counties: (typeof regions.$inferSelect)[],
  orgOfCounty: ReadonlyMap<string, string | null>,
  year: number,
  today: string,
  now: Date,
): Promise<void> {
  const startsOn = `${year}-01-01`;
  const signedOn = `${year - 1}-12-20` <= today ? `${year - 1}-12-20` : today;
  for (const county of counties) {
    const orgId = orgOfCounty.get(county.code);
    if (!orgId || county.code === '371002') continue;
    const served = await db
      .select({ id: stations.id, scopePath: stations.scopePath })
      .from(stations)
      .where(like(stations.scopePath, `${county.path}%`))
      .orderBy(asc(stations.townCode));
    if (served.length === 0) continue;
    const priceFen = served.length * 15_000_000;
    const [k] = await db
      .insert(contracts)
      .values({
        countyCode: county.code, scopePath: county.path, contractorOrgId: orgId,
        number: `${county.code}-${year}-SGZ-01`, title: `${county.shortName}${year}年镇街社工站服务合同`,
        content: '困难群众帮扶、老年人服务、困境儿童关爱保护、社会支持网络构建等专业服务',
        startsOn, endsOn: `${year}-12-31`, quantity: PLAN_TEXT.quantityStandards, quality: PLAN_TEXT.qualityStandards, priceFen,
        instalments: [
          { label: '首期（合同签订后）', dueOn: `${year}-01-15`, amountFen: priceFen / 2 },
          { label: '尾期（评估合格后）', dueOn: `${year}-12-20`, amountFen: priceFen / 2 },
        ],
        rightsDuties: '甲方按期支付服务费并监督指导；乙方按人员配备要求招聘驻站社工，按合同提供服务并接受评估',
        liability: '乙方未在合同签订1个月内安排社工到岗的，按日扣减服务费；严禁转包',
        tripartite: '与各镇街另行签订三方协议',
        status: 'performing', signedOn,
        history: [{ at: at(signedOn, now).toISOString(), by: `${county.shortName}民政局`, event: '签订合同', comment: `签订日期 ${signedOn}` }],
      })
      .returning({ id: contracts.id });
    if (!k) continue;
    await db.insert(contractStations).values(served.map((s) => ({ contractId: k.id, stationId: s.id, stationPath: s.scopePath })));
    // The first instalment was paid on time; the second waits for the year-end evaluation.
    if (`${year}-01-15` <= today)
      await db.insert(contractPayments).values({ contractId: k.id, instalment: 0, paidOn: `${year}-01-15`, amountFen: priceFen / 2, voucher: `${county.code}-PZ-${year}-001` });
  }
}
