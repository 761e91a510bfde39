import dayjs from 'dayjs';
import { asc, eq, inArray } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import type { ApplicationStatus } from '../../shared/rules/platform';
import type { Db } from '../db/client';
import { applications, clients, groups, groupSessions, organizations, serviceRecords, stations, users, type WorkflowEvent } from '../db/schema';

/**
 * Departments' applications to use the stations (五（三）): demo-applicant, a municipal department,
 * has one in every state before the city bureau; the accepted one has records and a community
 * activity at 鲸园 that carry it, so its closing report has something to count.
 */
export async function seedApplicationsDemo(db: Db): Promise<void> {
  const byName = async (username: string) => (await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.username, username)))[0];
  const [applicant, city, worker] = await Promise.all([byName('demo-applicant'), byName('demo-city'), byName('demo-worker')]);
  if (!applicant || !city || !worker) return;
  if ((await db.select({ id: applications.id }).from(applications).where(eq(applications.applicantId, applicant.id)).limit(1)).length > 0) return;
  const townStations = await db
    .select({ id: stations.id, townCode: stations.townCode, scopePath: stations.scopePath })
    .from(stations)
    .where(inArray(stations.townCode, ['371002002', '371002003']))
    .orderBy(asc(stations.townCode));
  const jingyuan = townStations.find((s) => s.townCode === '371002002');
  if (!jingyuan) return;
  const today = chinaToday();
  const day = (n: number) => dayjs(today).add(n, 'day').format('YYYY-MM-DD');
  const at = (n: number) => new Date(`${day(n)}T10:00:00+08:00`);
  const event = (n: number, by: string, what: string, comment = ''): WorkflowEvent => ({ at: at(n).toISOString(), by, event: what, comment });
  const common = {
    applicantId: applicant.id, applicantScopePath: '/371000/', decidingLevel: 'city' as const, scopePath: '/371000/',
    stationIds: townStations.map((s) => s.id), contact: '市直部门联络员 0631-5200000',
  };
  const rows: (typeof applications.$inferInsert & { status: ApplicationStatus })[] = [
    {
      ...common, department: '威海市卫生健康委员会', title: '老年人健康知识进社区', status: 'accepted',
      purpose: '依托社工站开展老年人健康宣教、慢病管理知识普及和独居老人探访，每月每站不少于2次。',
      itemCodes: ['EL01', 'EL02'], periodStart: day(-60), periodEnd: day(120), targetPeople: '辖区60岁以上独居、空巢老人',
      fundedBy: '市卫健委健康促进专项经费', providedBy: '驻站社工与家庭医生签约团队',
      submittedBy: applicant.id, submittedAt: at(-70), decidedBy: city.id, decidedAt: at(-65), decisionComment: '请社工站如实记录服务情况',
      history: [event(-72, applicant.name, '起草'), event(-70, applicant.name, '提交'), event(-65, city.name, '同意', '请社工站如实记录服务情况')],
    },
    {
      ...common, department: '共青团威海市委员会', title: '困境儿童暑期关爱', status: 'submitted',
      purpose: '暑期组织困境儿童安全教育和课业辅导。', itemCodes: ['CH04', 'CH06'], periodStart: day(10), periodEnd: day(70),
      targetPeople: '困境儿童、农村留守儿童', fundedBy: '团市委青少年发展基金', providedBy: '驻站社工与青年志愿者',
      submittedBy: applicant.id, submittedAt: at(-2), history: [event(-3, applicant.name, '起草'), event(-2, applicant.name, '提交')],
    },
    {
      ...common, department: '威海市残疾人联合会', title: '残疾人家庭需求评估', status: 'changes_requested',
      purpose: '对困难残疾人家庭开展需求评估。', itemCodes: ['SF02'], periodStart: day(5), periodEnd: day(95),
      targetPeople: '困难残疾人家庭', fundedBy: '市残联', providedBy: '驻站社工',
      submittedBy: applicant.id, submittedAt: at(-8), decidedBy: city.id, decidedAt: at(-6), decisionComment: '请写明每站评估户数和经费标准',
      history: [event(-9, applicant.name, '起草'), event(-8, applicant.name, '提交'), event(-6, city.name, '请修改后重新提交', '请写明每站评估户数和经费标准')],
    },
    {
      ...common, department: '威海市人力资源和社会保障局', title: '社区就业政策宣讲', status: 'refused',
      purpose: '在社工站开展就业政策宣讲。', itemCodes: ['SA11'], periodStart: day(-20), periodEnd: day(40),
      targetPeople: '辖区就业困难人员', fundedBy: '市人社局', providedBy: '人社局工作人员',
      submittedBy: applicant.id, submittedAt: at(-25), decidedBy: city.id, decidedAt: at(-22), decisionComment: '由人社部门工作人员直接宣讲，不需占用社工站专业服务力量',
      history: [event(-26, applicant.name, '起草'), event(-25, applicant.name, '提交'), event(-22, city.name, '不予同意', '由人社部门工作人员直接宣讲，不需占用社工站专业服务力量')],
    },
    {
      ...common, department: '威海市卫生健康委员会', title: '心理健康服务进社区', status: 'draft',
      purpose: '（草稿）', itemCodes: ['SA01'], periodStart: day(30), periodEnd: day(180),
      targetPeople: '有心理疏导需求的居民', fundedBy: '待定', providedBy: '驻站社工', history: [event(0, applicant.name, '起草')],
    },
  ];
  const inserted = await db.insert(applications).values(rows).returning({ id: applications.id, status: applications.status });
  const acceptedId = inserted.find((r) => r.status === 'accepted')?.id;
  if (!acceptedId) return;

  // Work at 鲸园 under the accepted application, with the station's clients where the demo has some.
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, '威海市环翠区阳光社会工作服务中心'));
  const people = (await db.select({ id: clients.id }).from(clients).where(eq(clients.stationId, jingyuan.id)).limit(6)).map((c) => c.id);
  const pick = (i: number, n: number) => (people.length ? Array.from({ length: Math.min(n, people.length) }, (_, k) => people[(i + k) % people.length] ?? '') : []);
  const base = { stationId: jingyuan.id, scopePath: jingyuan.scopePath, domain: 'elderly' as const, recordedBy: worker.id, recordedByOrg: org?.id ?? null, applicationId: acceptedId };
  await db.insert(serviceRecords).values([
    { ...base, date: day(-50), durationMinutes: 90, method: 'community', itemCode: 'EL01', place: '鲸园街道社区活动室', clientIds: pick(0, 4) },
    { ...base, date: day(-35), durationMinutes: 45, method: 'case', itemCode: 'EL02', homeVisit: true, clientIds: pick(1, 1) },
    { ...base, date: day(-20), durationMinutes: 60, method: 'case', itemCode: 'EL02', homeVisit: true, clientIds: pick(2, 1), volunteers: [{ name: '刘志愿', hours: 1 }] },
    { ...base, date: day(-7), durationMinutes: 120, method: 'community', itemCode: 'EL01', place: '鲸园街道社区卫生服务站', clientIds: pick(3, 5) },
  ]);
  const [group] = await db
    .insert(groups)
    .values({ stationId: jingyuan.id, scopePath: jingyuan.scopePath, kind: 'community', name: '老年人健康大讲堂', phase: 'middle', goals: '普及慢病管理知识', applicationId: acceptedId })
    .returning({ id: groups.id });
  if (group)
    await db.insert(groupSessions).values([
      { groupId: group.id, date: day(-40), topic: '高血压的日常管理', clientIds: pick(0, 3), volunteers: [{ name: '刘志愿', hours: 2 }], outcome: '老人掌握家庭血压测量' },
      { groupId: group.id, date: day(-12), topic: '冬季防跌倒', clientIds: pick(2, 4), outcome: '发放防跌倒手册' },
    ]);
}
