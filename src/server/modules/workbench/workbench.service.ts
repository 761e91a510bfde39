import dayjs from 'dayjs';
import type {
  WorkbenchItem, WorkbenchPersona, WorkbenchSection, WorkbenchSectionKey, WorkbenchSeverity,
} from '../../../shared/contracts/workbench';
import type { Role } from '../../../shared/permissions';
import { RULES, type RuleId } from '../../../shared/rules/catalog';
import { chinaToday } from '../../../shared/rules/china-date';
import { clauseText } from '../../../shared/rules/clause-text';
import { CITY_MIN_FUND_FEN, STATION_MIN_FUND_FEN, formatYuan, onPostDeadline, planDueOn } from '../../../shared/rules/purchase';
import { districtReportPeriod, MONTHLY_DUE_DAY } from '../../../shared/rules/reports';
import { MIN_QUALIFIED_WORKERS } from '../../../shared/rules/staffing';
import { checkpointSignatureValid, CHECKPOINT_EVERY } from '../../platform/audit';
import { actorOf, type Ctx } from '../../platform/context';
import { staffing } from '../compliance/compliance.service';
import { stationStates } from '../contracts/contract-findings';
import { sourceTotal } from '../funding/funding.repo';
import { readPolicy } from '../security/security.repo';
import { coverage } from '../stations/stations.repo';
import * as repo from './workbench.repo';
import * as stationPlansRepo from '../station-plans/station-plans.repo';
import { forWorkbench as applicationsForWorkbench } from '../applications/applications.repo';
import { forWorkbench as publicityForWorkbench } from '../publicity/publicity.repo';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../../../shared/rules/platform';
import { POST_KIND_LABELS } from '../../../shared/rules/publicity';

type Out = { persona: WorkbenchPersona; asOf: string; sections: WorkbenchSection[]; badges: Record<string, number> };

/** The first role of this order decides whose workbench a user sees. */
const PERSONA_OF: [Role, WorkbenchPersona][] = [
  ['city_officer', 'city'], ['province_officer', 'province'], ['district_officer', 'district'], ['town_officer', 'town'],
  ['org_manager', 'org'], ['station_worker', 'worker'], ['evaluator', 'evaluator'], ['dept_applicant', 'applicant'],
  ['sys_admin', 'sys_admin'], ['sec_admin', 'sec_admin'], ['audit_admin', 'auditor'],
];

export function personaOf(roles: readonly Role[]): WorkbenchPersona {
  return PERSONA_OF.find(([role]) => roles.includes(role))?.[1] ?? 'applicant';
}

/** An item citing a rule: the clause in words, the id as a secondary tag. */
function item(
  kind: string, title: string, detail: string, rule: RuleId | null, severity: WorkbenchSeverity, link: string,
  extra: { dueOn?: string | null; count?: number | null } = {},
): WorkbenchItem {
  return {
    kind, title, detail, clause: rule ? clauseText(RULES[rule].clause) : null, ruleId: rule, severity, link,
    dueOn: extra.dueOn ?? null, count: extra.count ?? null,
  };
}

function section(
  key: WorkbenchSectionKey, total: number, items: WorkbenchItem[], nav: string | null, moreLink: string | null,
): WorkbenchSection {
  return { key, total, items: items.slice(0, repo.SHOWN), nav, moreLink: total > Math.min(items.length, repo.SHOWN) ? moreLink : null, placeholder: false };
}

const late = (dueOn: string, today: string): WorkbenchSeverity => (dueOn < today ? 'overdue' : 'due');
const dayText = (d: string) => dayjs(d).format('M月D日');
const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const overdueBy = (d: string, today: string) => dayjs(today).diff(dayjs(d), 'day');

// ---- The sections, each one question answered in the database ----

async function plans(ctx: Ctx, year: number, today: string, forCity: boolean): Promise<WorkbenchSection> {
  const due = planDueOn(year);
  const p = await repo.plansNotFiled(ctx, year);
  const rows = forCity ? p.rows : p.rows.filter((r) => r.status !== 'submitted');
  const items = rows.map((r) => {
    const link = r.planId ? `/annual-plans/${r.planId}` : `/annual-plans?year=${year}`;
    const who = `${r.countyShortName}${year}年度计划`;
    if (r.status === 'submitted')
      return item('plan_submitted', `${who}已报送，等待市民政局备案`, '审阅计划内容，予以备案或退回（退回须写明意见）', 'R-PLAN-DUE', 'due', link, { dueOn: due });
    const state = r.status === 'returned' ? '被退回后尚未重新报送' : r.status === 'draft' ? '尚在编制，未报送' : '尚未编制';
    return item('plan_due', `${who}${state}`, `区市民政部门于${dayText(due)}前将年度计划报市民政局备案后消除`, 'R-PLAN-DUE', late(due, today), link, { dueOn: due });
  });
  return section('plans', forCity ? p.total : rows.length, items, '/annual-plans', `/annual-plans?year=${year}`);
}

async function districtReports(ctx: Ctx, year: number, today: string): Promise<WorkbenchSection | null> {
  const due = districtReportPeriod(year).dueOn;
  // Shown from two months before 30 November; a closed year's report no longer turns up red.
  if (dayjs(due).subtract(60, 'day').format('YYYY-MM-DD') > today) return null;
  const p = await repo.districtReportsNotSubmitted(ctx, year);
  const items = p.rows.map((r) =>
    item(
      'district_report_due', `${r.countyShortName}${year}年度项目实施情况报告${r.status === 'returned' ? '被退回后尚未重新报送' : r.status === 'draft' ? '已起草，尚未报送' : '尚未起草'}`,
      `区市民政部门于${dayText(due)}前向市民政局报送后消除`, 'R-DISTRICT-REPORT', late(due, today),
      r.reportId ? `/reports/${r.reportId}` : `/reports?kind=district_annual&year=${year}`, { dueOn: due },
    ));
  return section('districtReports', p.total, items, '/reports', `/reports?kind=district_annual&year=${year}`);
}

async function reportsToReview(ctx: Ctx, districtAnnual: boolean): Promise<WorkbenchSection> {
  const p = await repo.reportsAwaitingReview(ctx, districtAnnual);
  const items = p.rows.map((r) =>
    item(
      'report_review', `${r.title}已提交，等待审核`,
      `${r.orgName ?? '区市民政部门'}于${r.submittedAt ? dayText(dayjs(r.submittedAt).format('YYYY-MM-DD')) : ''}提交；打开报告，接收或退回（退回须写明意见）`,
      districtAnnual ? 'R-DISTRICT-REPORT' : 'R-REPORTS', 'due', `/reports/${r.id}`, { dueOn: r.dueOn },
    ));
  return section('reportsToReview', p.total, items, '/reports', districtAnnual ? '/reports?status=submitted&kind=district_annual' : '/reports?status=submitted');
}

async function funding(ctx: Ctx, year: number): Promise<WorkbenchSection> {
  const [p, cityFen] = await Promise.all([repo.stationsUnderfunded(ctx, year), sourceTotal(ctx, year, 'city')]);
  const link = `/funding?year=${year}`;
  const items: WorkbenchItem[] = [];
  const cityShort = cityFen < CITY_MIN_FUND_FEN;
  if (cityShort)
    items.push(item('fund_city', `${year}年度市级专项资金合计${formatYuan(cityFen)}元，低于${formatYuan(CITY_MIN_FUND_FEN)}元`,
      `市级财政追加安排${formatYuan(CITY_MIN_FUND_FEN - cityFen)}元后消除`, 'R-FUND-CITY', 'overdue', link));
  for (const r of p.rows)
    items.push(item('fund_station', `${r.name}${year}年度补助资金${r.budgetFen === 0 ? '尚未安排' : `仅${formatYuan(r.budgetFen)}元`}`,
      `追加安排${formatYuan(STATION_MIN_FUND_FEN - r.budgetFen)}元，使全年不低于${formatYuan(STATION_MIN_FUND_FEN)}元后消除`, 'R-FUND-STATION', 'due', link));
  return section('funding', p.total + (cityShort ? 1 : 0), items, '/funding', link);
}

async function coverageGaps(ctx: Ctx): Promise<WorkbenchSection> {
  // One row per county unit, grouped in the database.
  const rows = (await coverage(ctx)).filter((r) => r.operating < r.towns);
  const items = rows.map((r) =>
    item('coverage', `${r.countyShortName}${r.towns}个镇街中${r.operating}个社工站在运营，还差${r.towns - r.operating}个`,
      '每个镇（街道）设立1个社工站并投入运营后消除', 'R-STATION-ONE', 'due', `/stations?countyCode=${r.countyCode}`, { count: r.towns - r.operating }));
  return section('coverageGaps', rows.length, items, '/stations', '/stations');
}

async function contractsEnding(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const p = await repo.contractsToEnd(ctx);
  const year = Number(today.slice(0, 4));
  const items = p.rows.map((r) =>
    item('contract_fail', `${r.title}：${r.endingReason || '年度评估不合格'}，应于${r.endingYear ?? ''}年终止${(r.endingYear ?? year + 1) <= year ? '，尚未终止' : ''}`,
      '登记合同终止（并按合同约定追究责任）后消除', 'R-CONTRACT-FAIL', (r.endingYear ?? year + 1) <= year ? 'overdue' : 'due', `/contracts/${r.id}`));
  return section('contractsEnding', p.total, items, '/contracts', '/contracts?withFindings=true');
}

async function evaluationsOpen(ctx: Ctx, key: 'evaluationsInProgress' | 'evaluationsAssigned'): Promise<WorkbenchSection> {
  const p = await repo.evaluationsUnfinished(ctx);
  const items = p.rows.map((r) =>
    item('evaluation', `${r.contractTitle}${r.year}年度绩效评估尚未完成`, `${r.orgName}；逐项打分并上传佐证材料，完成评估后消除`, 'R-EVAL-YEARLY',
      key === 'evaluationsAssigned' ? 'due' : 'info', `/evaluations/${r.id}`));
  return section(key, p.total, items, key === 'evaluationsAssigned' ? '/evaluations' : null, '/evaluations?status=draft');
}

/**
 * Stations with a staffing finding (the staffing rules, evaluated on the stations in scope by the
 * compliance service), stations no contract in force serves, and stations past their on-post
 * deadline (the organisation has the last in a section of its own).
 */
async function stationFindings(ctx: Ctx, today: string, opts: { operator: boolean; onPost: boolean }): Promise<WorkbenchSection> {
  const [staff, noOperator, onPost] = await Promise.all([
    staffing(ctx, { only: 'findings' }),
    opts.operator ? repo.stationsWithoutOperator(ctx, today) : Promise.resolve({ total: 0, rows: [] }),
    opts.onPost ? onPostLate(ctx, today) : Promise.resolve({ total: 0, items: [] }),
  ]);
  const items: WorkbenchItem[] = [];
  for (const s of noOperator.rows)
    items.push(item('station_operator', `${s.name}今天没有在履行期内的服务合同，没有承接机构运营`, '区市民政部门签订服务合同后消除', 'R-STATION-OPERATOR', 'overdue', `/stations/${s.id}`));
  items.push(...onPost.items);
  for (const s of staff.stations) {
    const [f] = [...s.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'finding' ? -1 : 1));
    if (!f) continue;
    const more = s.findings.length > 1 ? `（共${s.findings.length}项）` : '';
    items.push(item('staffing', `${s.name}：${f.message}${more}`, f.clearBy, f.rule.id as RuleId, f.severity === 'finding' ? 'overdue' : 'due',
      `/compliance?townCode=${s.townCode}&only=findings`, { count: s.findings.length }));
  }
  items.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'overdue' ? -1 : 1));
  return section('stationFindings', noOperator.total + onPost.total + staff.stationsTotal, items, '/compliance', '/compliance?only=findings');
}

/** R-ONPOST-1M: stations of contracts in force whose contractor has too few qualified workers on post. */
async function onPostLate(ctx: Ctx, today: string): Promise<{ total: number; items: WorkbenchItem[] }> {
  const inForce = await repo.contractsInForce(ctx, today);
  if (inForce.length === 0) return { total: 0, items: [] };
  const ids = await repo.contractStationsInScope(ctx, inForce.map((k) => k.id));
  const states = await stationStates(ctx, inForce.map((k) => ({ contract: k, stationIds: ids.get(k.id) ?? [] })), today);
  const items: WorkbenchItem[] = [];
  for (const k of inForce) {
    if (!k.signedOn) continue;
    const deadline = onPostDeadline(k.signedOn);
    for (const s of states.get(k.id) ?? []) {
      if (s.onPostState !== 'due' && s.onPostState !== 'overdue') continue;
      items.push(item('onpost', `${s.name}：具备专业素质的社工在岗${s.qualifiedOnPost}名，不足${MIN_QUALIFIED_WORKERS}名（到岗期限${dayText(deadline)}）`,
        `承接机构为该站安排具备专业素质的社工上岗，达到${MIN_QUALIFIED_WORKERS}名后消除`, 'R-ONPOST-1M', s.onPostState === 'overdue' ? 'overdue' : 'due',
        `/contracts/${k.id}`, { dueOn: deadline }));
    }
  }
  return { total: items.length, items };
}

async function paymentsDue(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const p = await repo.instalmentsDue(ctx, `${today.slice(0, 4)}-01-01`, dayjs(today).add(30, 'day').format('YYYY-MM-DD'));
  const items = p.rows.map((r) =>
    item('instalment', `${r.title}：${r.label}应于${dayText(r.dueOn)}结算，尚欠${formatYuan(r.amountFen - r.paidFen)}元`,
      '按合同约定付款并登记付款记录后消除', 'R-FUND-USE', late(r.dueOn, today), `/contracts/${r.contractId}`, { dueOn: r.dueOn }));
  return section('paymentsDue', p.total, items, '/contracts', '/calendar');
}

async function supervisionOverdue(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const p = await repo.supervisionFollowUpsOverdue(ctx, today);
  const items = p.rows.map((r) =>
    item('supervision_follow_up', `${r.stationName}：督导整改“${r.followUp}”应于${r.due ? dayText(r.due) : ''}完成，已逾期${r.due ? overdueBy(r.due, today) : 0}天`,
      '整改完成后在督导记录中登记完成日期', 'R-SUPERVISE', 'overdue', `/supervisions?stationId=${r.stationId}&open=true`, { dueOn: r.due }));
  return section('supervisionOverdue', p.total, items, '/supervisions', '/supervisions?open=true');
}

const APPLICATION_NEXT: Record<ApplicationStatus, string> = {
  draft: '填写完整后提交',
  changes_requested: '按意见修改后重新提交',
  submitted: '等待民政部门决定',
  accepted: '社工站按申请开展服务；打开可看服务完成情况',
  refused: '可查看答复',
};

/**
 * 五（三）: the applicant's own applications and their states; for the city's and a county's bureau,
 * the applications filed with it that wait for its decision.
 */
async function applications(ctx: Ctx, which: 'mine' | 'toDecide'): Promise<WorkbenchSection> {
  const p = await applicationsForWorkbench(ctx, which, repo.SHOWN);
  if (which === 'toDecide') {
    const items = p.rows.map((r) =>
      item('application_decide', `${r.department}申请“${r.title}”，等待决定`,
        `${r.submittedAt ? dayText(dayjs(r.submittedAt).format('YYYY-MM-DD')) : ''}提交；打开申请，同意、退回修改或不予同意（后两者须写明理由）`,
        'R-PLATFORM-APPLY', 'due', `/applications/${r.id}`));
    return section('applications', p.total, items, '/applications', '/applications?toDecide=true');
  }
  const items = p.rows.map((r) =>
    item('application', `“${r.title}”${APPLICATION_STATUS_LABELS[r.status]}${r.status === 'changes_requested' && r.decisionComment ? `：${r.decisionComment}` : ''}`,
      `${r.periodStart}至${r.periodEnd}；${APPLICATION_NEXT[r.status]}`, 'R-PLATFORM-APPLY',
      r.status === 'draft' || r.status === 'changes_requested' ? 'due' : 'info', `/applications/${r.id}`));
  return section('applications', p.total, items, null, '/applications');
}

async function reportsToRead(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const p = await repo.reportsSubmittedSince(ctx, dayjs(today).subtract(30, 'day').toDate());
  const items = p.rows.map((r) =>
    item('report_read', `${r.title}`, `${r.orgName ?? ''}于${r.submittedAt ? dayText(dayjs(r.submittedAt).format('YYYY-MM-DD')) : ''}提交，请阅知`, 'R-REPORTS', 'info', `/reports/${r.id}`));
  return section('reportsToRead', p.total, items, '/reports', '/reports');
}

async function supervisionToRecord(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const since = dayjs(today).subtract(90, 'day').format('YYYY-MM-DD');
  const p = await repo.stationsNotSupervisedSince(ctx, since);
  const items = p.rows.map((r) =>
    item('supervision_due', `${r.name}近三个月没有督导记录`, '走访督导，登记督导记录（发现的问题和整改要求）后消除', 'R-SUPERVISE', 'due', `/supervisions?stationId=${r.id}`));
  return section('supervisionToRecord', p.total, items, '/supervisions', '/supervisions');
}

async function briefings(ctx: Ctx, orgId: string, today: string): Promise<WorkbenchSection> {
  const fromDue = `${today.slice(0, 4)}-01-01`;
  const [missing, drafts] = await Promise.all([
    repo.briefingsNeverDrafted(ctx, orgId, today, fromDue),
    repo.draftsDueBetween(ctx, fromDue, dayjs(today).add(15, 'day').format('YYYY-MM-DD')),
  ]);
  const items = [
    ...missing.rows.map((r) =>
      item('briefing_missing', `${r.title}${monthText(r.month)}工作简报尚未起草`, `生成简报草稿、填写并提交后消除（每月${MONTHLY_DUE_DAY}日前提交上月简报）`,
        'R-REPORTS', late(r.dueOn, today), '/reports?kind=monthly', { dueOn: r.dueOn })),
    ...drafts.rows.map((r) =>
      item('report_draft', `${r.title}尚未提交`, `完善文字、上传须附材料后于${dayText(r.dueOn)}前提交`, 'R-REPORTS', late(r.dueOn, today), `/reports/${r.id}`, { dueOn: r.dueOn })),
  ].sort((a, b) => ((a.dueOn ?? '') < (b.dueOn ?? '') ? -1 : 1));
  return section('briefings', missing.total + drafts.total, items, '/reports', '/reports');
}

async function returnedReports(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const p = await repo.reportsReturned(ctx);
  const items = p.rows.map((r) =>
    item('report_returned', `${r.title}被退回${r.lastComment ? `：${r.lastComment}` : ''}`, '按退回意见修改后重新提交', 'R-REPORTS', late(r.dueOn, today), `/reports/${r.id}`, { dueOn: r.dueOn }));
  return section('returnedReports', p.total, items, '/reports', '/reports?status=returned');
}

async function stationPlansToApprove(ctx: Ctx): Promise<WorkbenchSection> {
  // Not the officer's own submissions (R-FOUR-EYES): the same toReviewBy as the list's 待我审定.
  const p = await stationPlansRepo.plansForWorkbench(ctx, 'toReview', repo.SHOWN);
  const items = p.rows.map((r) =>
    item('station_plan_submitted', `${r.stationName}${r.year}年服务计划已报送，等待审定`, '审阅服务内容、目标和需求调研报告，予以审定或退回（退回须写明理由；报送人本人不能审定）', 'R-STATION-PLAN', 'due', `/station-plans/${r.id}`));
  return section('stationPlansToApprove', p.total, items, '/station-plans', '/station-plans?status=submitted&toReview=true');
}

/** 五（五）: stories and news submitted by the county's stations, waiting for its review (not the officer's own: R-FOUR-EYES). */
async function postsToReview(ctx: Ctx): Promise<WorkbenchSection> {
  const p = await publicityForWorkbench(ctx, repo.SHOWN);
  const items = p.rows.map((r) =>
    item('post_submitted', `${r.stationName}提交的${POST_KIND_LABELS[r.kind]}“${r.title}”等待审核`, '核对内容和照片（不得出现服务对象姓名、身份证号、电话；露脸照片须有同意在案），予以发布或退回', 'R-PUBLICITY-REVIEW', 'due', `/publicity/${r.id}`));
  return section('postsToReview', p.total, items, '/publicity', '/publicity?toReview=true');
}

async function stationPlansToFix(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const year = Number(today.slice(0, 4));
  const [returned, missing] = await Promise.all([
    stationPlansRepo.plansForWorkbench(ctx, 'returned', repo.SHOWN),
    stationPlansRepo.missingPlans(ctx, year, today, repo.SHOWN, 0, true),
  ]);
  const items = [
    ...returned.rows.map((r) =>
      item('station_plan_returned', `${r.stationName}${r.year}年服务计划被退回${r.lastComment ? `：${r.lastComment}` : ''}`, '按退回理由修改后重新报送区市民政部门审定', 'R-STATION-PLAN', 'due', `/station-plans/${r.id}`)),
    ...missing.rows.map((r) =>
        item('station_plan_missing', `${r.stationName}${year}年服务计划${r.status ? '尚未审定' : '尚未编制'}`, '完成需求调研，上传需求调研报告和服务计划并报送审定后消除', 'R-START-WORK', 'overdue',
          r.planId ? `/station-plans/${r.planId}` : `/station-plans?year=${year}`)),
  ];
  return section('stationPlansToFix', returned.total + missing.total, items, '/station-plans', `/station-plans?year=${year}`);
}

async function onPost(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const { total, items } = await onPostLate(ctx, today);
  return section('onPost', total, items, '/contracts', '/contracts?withFindings=true');
}

async function followUps(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const p = await repo.myOpenCases(ctx, actorOf(ctx).id, today);
  const items = p.rows.map((r) => {
    const d = r.nextFollowUp ?? today;
    return item('follow_up', `${r.clientName}：${d < today ? `个案跟进已逾期${overdueBy(d, today)}天` : '今天应跟进'}`, '跟进后记一笔服务记录，并设下次跟进日期',
      null, late(d, today), `/cases/${r.id}`, { dueOn: d });
  });
  return section('followUps', p.total, items, '/worklist', '/worklist');
}

async function myCases(ctx: Ctx): Promise<WorkbenchSection> {
  const p = await repo.myOpenCases(ctx, actorOf(ctx).id, null);
  const items = p.rows.map((r) =>
    item('case', `${r.clientName}的个案`, r.nextFollowUp ? `下次跟进：${dayText(r.nextFollowUp)}` : '尚未设下次跟进日期', null, 'info', `/cases/${r.id}`));
  return section('myCases', p.total, items, null, '/worklist');
}

async function auditChain(ctx: Ctx): Promise<WorkbenchSection> {
  const { checkpoint, rowsAfter } = await repo.auditChainHead(ctx);
  if (!checkpoint)
    return section('auditChain', 1, [item('audit_chain', `尚无签名检查点，日志共${rowsAfter}条`, '在审计日志页校验完整性，并导出检查点保存在系统之外', null, 'due', '/audit')], null, null);
  const valid = checkpointSignatureValid(ctx.cipher, {
    id: checkpoint.id, at: checkpoint.at.toISOString(), rowCount: checkpoint.rowCount, headId: checkpoint.headId,
    headHash: checkpoint.headHash, firstKeyedId: checkpoint.firstKeyedId, signature: checkpoint.signature,
  });
  const title = valid
    ? `最近的检查点签于${dayjs(checkpoint.at).format('YYYY-MM-DD HH:mm')}，记载${checkpoint.rowCount}条；其后新增${rowsAfter}条`
    : `检查点 #${checkpoint.id} 的签名无效（被伪造或篡改）`;
  const severity: WorkbenchSeverity = !valid ? 'overdue' : rowsAfter > CHECKPOINT_EVERY ? 'due' : 'info';
  return section('auditChain', 1, [item('audit_chain', title, '在审计日志页校验全部记录的哈希链，并定期导出检查点保存在系统之外', null, severity, '/audit')], severity === 'info' ? null : '/audit', null);
}

const OBJECT_LABELS: Record<string, string> = { client: '服务对象', worker: '驻站社工', station: '社工站', org: '承接机构', report: '报告', organization: '承接机构' };

async function sensitiveReads(ctx: Ctx, today: string): Promise<WorkbenchSection> {
  const since = dayjs(today).subtract(7, 'day').toDate();
  const p = await repo.sensitiveReadsSince(ctx, since);
  const items = p.rows.map((r) => {
    const [object = '', verb = ''] = r.action.split('.');
    const what = verb === 'reveal' ? `查看了${OBJECT_LABELS[object] ?? object}的完整身份证号或电话` : `导出了${OBJECT_LABELS[object] ?? object}名单`;
    return item('sensitive_read', `${r.actorName}${what}`, `${dayjs(r.at).format('YYYY-MM-DD HH:mm')}${r.detail ? `　${r.detail}` : ''}`, null, 'info', `/audit?action=${encodeURIComponent(r.action)}`);
  });
  return section('sensitiveReads', p.total, items, null, '/audit');
}

async function usersSection(ctx: Ctx, which: 'must_change' | 'locked'): Promise<WorkbenchSection> {
  const p = await repo.usersWhere(ctx, which);
  const items = p.rows.map((r) =>
    which === 'locked'
      ? item('user_locked', `${r.displayName}（${r.username}）因多次登录失败被锁定`, `${r.lockedUntil ? dayjs(r.lockedUntil).format('HH:mm') : ''}自动解锁；确认是本人后可在用户管理中解锁`, null, 'due', `/users?q=${encodeURIComponent(r.username)}`)
      : item('user_must_change', `${r.displayName}（${r.username}）尚未修改初始密码`, '本人首次登录修改密码后消除', null, 'info', `/users?q=${encodeURIComponent(r.username)}`));
  return section(which === 'locked' ? 'lockedAccounts' : 'passwordChanges', p.total, items, which === 'locked' ? '/users' : null, '/users');
}

async function securityPolicy(ctx: Ctx): Promise<WorkbenchSection> {
  const p = await readPolicy(ctx.db);
  const items = [
    item('policy_password', `密码至少${p.minLength}位、含${p.minClasses}类字符；${p.rotationDays ? `每${p.rotationDays}天更换` : '不强制定期更换'}`, '在安全策略页调整', null, 'info', '/security'),
    item('policy_lock', `连续${p.maxFailedLogins}次登录失败锁定${p.lockMinutes}分钟；空闲${p.idleMinutes}分钟或登录${p.absoluteHours}小时后会话结束`, '在安全策略页调整', null, 'info', '/security'),
    item('policy_totp', p.totpAllRoles ? '所有用户登录须使用动态口令（TOTP）' : '仅三类管理员登录须使用动态口令（TOTP）', '在安全策略页调整', null, 'info', '/security'),
  ];
  return section('securityPolicy', items.length, items, null, null);
}

// ---- Whose workbench ----

// The sections of a workbench are independent: asked together (one connection on PGlite queues them anyway).
async function sectionsOf(ctx: Ctx, persona: WorkbenchPersona, today: string): Promise<(WorkbenchSection | null)[]> {
  const year = Number(today.slice(0, 4));
  switch (persona) {
    case 'city':
    case 'province':
      return Promise.all([
        reportsToReview(ctx, true), districtReports(ctx, year, today), plans(ctx, year, today, true),
        funding(ctx, year), coverageGaps(ctx), contractsEnding(ctx, today), evaluationsOpen(ctx, 'evaluationsInProgress'),
        persona === 'city' ? applications(ctx, 'toDecide') : null,
      ]);
    case 'district':
      return Promise.all([
        reportsToReview(ctx, false), plans(ctx, year, today, false), districtReports(ctx, year, today),
        stationFindings(ctx, today, { operator: true, onPost: true }), paymentsDue(ctx, today), supervisionOverdue(ctx, today), applications(ctx, 'toDecide'),
        stationPlansToApprove(ctx), postsToReview(ctx),
      ]);
    case 'town':
      return Promise.all([
        stationFindings(ctx, today, { operator: true, onPost: true }), reportsToRead(ctx, today), supervisionOverdue(ctx, today),
        supervisionToRecord(ctx, today),
      ]);
    case 'org': {
      const orgId = actorOf(ctx).scope.orgId;
      return Promise.all([
        orgId ? briefings(ctx, orgId, today) : null, returnedReports(ctx, today), onPost(ctx, today),
        stationFindings(ctx, today, { operator: false, onPost: false }), stationPlansToFix(ctx, today),
      ]);
    }
    case 'worker':
      return Promise.all([followUps(ctx, today), myCases(ctx)]);
    case 'evaluator':
      return Promise.all([evaluationsOpen(ctx, 'evaluationsAssigned')]);
    case 'applicant':
      return Promise.all([applications(ctx, 'mine')]);
    case 'auditor':
      return Promise.all([auditChain(ctx), sensitiveReads(ctx, today)]);
    case 'sys_admin':
      return Promise.all([usersSection(ctx, 'locked'), usersSection(ctx, 'must_change')]);
    case 'sec_admin':
      return Promise.all([securityPolicy(ctx)]);
  }
}

/** The signed-in user's to-do list, computed from the data in scope on the China calendar day. */
export async function workbench(ctx: Ctx): Promise<Out> {
  const today = chinaToday();
  const persona = personaOf(actorOf(ctx).roles);
  const sections = (await sectionsOf(ctx, persona, today)).filter((s): s is WorkbenchSection => s !== null);
  const badges: Record<string, number> = {};
  for (const s of sections) {
    if (!s.nav || s.total === 0) continue;
    badges[s.nav] = (badges[s.nav] ?? 0) + s.total;
    badges['/'] = (badges['/'] ?? 0) + s.total;
  }
  return { persona, asOf: today, sections, badges };
}
