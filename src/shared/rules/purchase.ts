import dayjs from 'dayjs';
import { chinaDay } from './china-date';

// Parts 三 and 四 of the plan: who buys, the annual plan, procurement, the contract and its term.

export const PURCHASE_RULES = {
  'R-BUY-ROLES': {
    id: 'R-BUY-ROLES',
    clause: '三（一）（二）',
    title: '购买主体为区市民政部门，承接主体为依法登记成立、具备相应能力和条件的社会工作服务机构等合法主体',
  },
  'R-STATION-OPERATOR': {
    id: 'R-STATION-OPERATOR',
    clause: '三（三）',
    title: '社工站通过政府购买社会工作服务项目方式实施：由在履行期内的服务合同的承接主体运营',
  },
  'R-PLAN-DUE': {
    id: 'R-PLAN-DUE',
    clause: '四（一）',
    title: '各区市民政部门每年3月31日前将社工站项目年度计划报市民政部门备案；计划包含项目目标、预算和购买方式、内容和进度、站点质量和数量标准、绩效评估',
  },
  'R-PROC-PUBLIC': {
    id: 'R-PROC-PUBLIC',
    clause: '四（二）',
    title: '公开购买社工站项目信息，包括服务内容、服务标准、服务要求、购买方式、承接主体等',
  },
  'R-CONTRACT-CONTENT': {
    id: 'R-CONTRACT-CONTENT',
    clause: '四（三）',
    title: '服务合同应明确服务的内容、期限、数量、质量、价格，资金结算方式，双方权利义务事项和违约责任',
  },
  'R-CONTRACT-TERM': { id: 'R-CONTRACT-TERM', clause: '四（三）', title: '政府购买服务合同履行期限最长不超过3年' },
  'R-CONTRACT-FAIL': {
    id: 'R-CONTRACT-FAIL',
    clause: '四（三）',
    title: '承接主体上年绩效评估不合格的，次年终止政府购买服务合同',
  },
  'R-CONTRACT-TRI': {
    id: 'R-CONTRACT-TRI',
    clause: '四（三）',
    title: '区市民政部门、镇人民政府（街道办事处）、承接主体可另行签订相关协议，明确三方权责',
  },
  'R-NO-SUBCONTRACT': { id: 'R-NO-SUBCONTRACT', clause: '五（四）', title: '严禁转包' },
  'R-ONPOST-1M': {
    id: 'R-ONPOST-1M',
    clause: '四（四）',
    title: '承接主体在服务合同签订1个月内将培训合格的社工安排到岗',
  },
  'R-FUND-STATION': {
    id: 'R-FUND-STATION',
    clause: '五（二）',
    title: '每个社工站每年补助资金原则上不低于15万元',
  },
  'R-FUND-CITY': { id: 'R-FUND-CITY', clause: '五（二）', title: '市级财政每年安排不少于186万元专项资金进行补助' },
  'R-FUND-USE': {
    id: 'R-FUND-USE',
    clause: '五（四）',
    title: '资金在规定范围和渠道内使用，公开透明、全程可追溯',
  },
  'R-EVAL-USE': {
    id: 'R-EVAL-USE',
    clause: '五（四）',
    title: '评估结果作为下一年度购买服务预算安排和承接主体选择的重要依据',
  },
} as const;
export type PurchaseRuleId = keyof typeof PURCHASE_RULES;

// ---- Annual plans (R-PLAN-DUE) ----

export const PLAN_STATUSES = ['draft', 'submitted', 'filed', 'returned'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  filed: '已备案',
  returned: '已退回',
};

/** The contents 四（一） requires, in the plan's words. */
export const PLAN_CONTENT_LABELS = {
  goals: '项目目标',
  budgetFen: '项目预算',
  purchaseMethod: '购买方式',
  contentSchedule: '项目内容和进度',
  qualityStandards: '服务站点质量标准',
  quantityStandards: '服务站点数量标准',
  evaluationPlan: '绩效评估',
  stationIds: '覆盖的社工站',
} as const;
export type PlanContentKey = keyof typeof PLAN_CONTENT_LABELS;

export interface PlanContent {
  goals: string;
  budgetFen: number;
  purchaseMethod: PurchaseMethod | null;
  contentSchedule: string;
  qualityStandards: string;
  quantityStandards: string;
  evaluationPlan: string;
  stationIds: readonly string[];
}

/** The required contents still missing; a plan is submitted only when this is empty. */
export function missingPlanContents(p: PlanContent): PlanContentKey[] {
  const missing: PlanContentKey[] = [];
  const blank = (s: string) => s.trim() === '';
  if (blank(p.goals)) missing.push('goals');
  if (p.budgetFen <= 0) missing.push('budgetFen');
  if (!p.purchaseMethod) missing.push('purchaseMethod');
  if (blank(p.contentSchedule)) missing.push('contentSchedule');
  if (blank(p.qualityStandards)) missing.push('qualityStandards');
  if (blank(p.quantityStandards)) missing.push('quantityStandards');
  if (blank(p.evaluationPlan)) missing.push('evaluationPlan');
  if (p.stationIds.length === 0) missing.push('stationIds');
  return missing;
}

/** 31 March of the plan year. */
export function planDueOn(year: number): string {
  return `${year}-03-31`;
}

export const PLAN_TIMELINESS = ['on_time', 'late', 'pending', 'overdue'] as const;
export type PlanTimeliness = (typeof PLAN_TIMELINESS)[number];
export const PLAN_TIMELINESS_LABELS: Record<PlanTimeliness, string> = {
  on_time: '按时报送',
  late: '逾期报送',
  pending: '未到期',
  overdue: '逾期未报',
};

/**
 * R-PLAN-DUE, on the China calendar: the first submission decides. 23:59 on 31 March (China
 * time) is on time, 00:00 on 1 April is late; lateness is shown, never refused.
 */
export function planTimeliness(year: number, firstSubmittedAt: Date | string | null, now: Date): PlanTimeliness {
  const due = planDueOn(year);
  if (firstSubmittedAt !== null) return chinaDay(firstSubmittedAt) <= due ? 'on_time' : 'late';
  return chinaDay(now) <= due ? 'pending' : 'overdue';
}

// ---- Procurement (R-PROC-PUBLIC) ----

export const PURCHASE_METHODS = [
  'public_tender',
  'invited_tender',
  'competitive_negotiation',
  'competitive_consultation',
  'single_source',
  'inquiry',
  'framework',
] as const;
export type PurchaseMethod = (typeof PURCHASE_METHODS)[number];
export const PURCHASE_METHOD_LABELS: Record<PurchaseMethod, string> = {
  public_tender: '公开招标',
  invited_tender: '邀请招标',
  competitive_negotiation: '竞争性谈判',
  competitive_consultation: '竞争性磋商',
  single_source: '单一来源',
  inquiry: '询价',
  framework: '框架协议',
};

export const PROCUREMENT_STATUSES = ['draft', 'published', 'awarded', 'cancelled'] as const;
export type ProcurementStatus = (typeof PROCUREMENT_STATUSES)[number];
export const PROCUREMENT_STATUS_LABELS: Record<ProcurementStatus, string> = {
  draft: '草稿',
  published: '已公开',
  awarded: '已确定承接主体',
  cancelled: '已取消',
};

// ---- Contracts (R-CONTRACT-*, R-ONPOST-1M) ----

export const MAX_CONTRACT_YEARS = 3;

/**
 * The last day a contract starting on `startsOn` may run (R-CONTRACT-TERM): three years from
 * 2025-01-01 end on 2027-12-31. Counted from the day before the start so that a start on
 * 29 February ends on 28 February (the month's last day when there is no corresponding day).
 */
export function maxContractEnd(startsOn: string): string {
  return dayjs(startsOn).subtract(1, 'day').add(MAX_CONTRACT_YEARS, 'year').format('YYYY-MM-DD');
}

/** Why a term is not allowed, in plain Chinese, or null. */
export function contractTermProblem(startsOn: string, endsOn: string): { rule: 'R-CONTRACT-TERM' | null; message: string } | null {
  if (endsOn < startsOn) return { rule: null, message: '合同终止日期不能早于起始日期' };
  const last = maxContractEnd(startsOn);
  if (endsOn > last)
    return {
      rule: 'R-CONTRACT-TERM',
      message: `合同期限超过${MAX_CONTRACT_YEARS}年：自${startsOn}起最长至${last}，所填终止日期为${endsOn}`,
    };
  return null;
}

/** R-ONPOST-1M: one calendar month after signing (31 January → 28/29 February). */
export function onPostDeadline(signedOn: string): string {
  return dayjs(signedOn).add(1, 'month').format('YYYY-MM-DD');
}

export const CONTRACT_STATUSES = ['draft', 'signed', 'performing', 'terminated', 'expired'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: '草稿',
  signed: '已签订',
  performing: '履行中',
  terminated: '已终止',
  expired: '已到期',
};

/** The moves a contract may make after signing (signing itself has its own checks). */
export const CONTRACT_TRANSITIONS: Record<ContractStatus, readonly ContractStatus[]> = {
  draft: [],
  signed: ['performing', 'terminated'],
  performing: ['terminated', 'expired'],
  terminated: [],
  expired: [],
};

/** A contract in force binds its stations (on-post deadline, no subcontracting). */
export const CONTRACT_IN_FORCE: readonly ContractStatus[] = ['signed', 'performing'];

export const CONTRACT_CONTENT_LABELS = {
  content: '服务内容',
  term: '服务期限',
  quantity: '服务数量',
  quality: '服务质量',
  priceFen: '合同价格',
  settlement: '资金结算方式',
  rightsDuties: '双方权利义务',
  liability: '违约责任',
  stations: '服务的社工站',
} as const;
export type ContractContentKey = keyof typeof CONTRACT_CONTENT_LABELS;

export interface Instalment {
  label: string;
  dueOn: string;
  amountFen: number;
}

export interface ContractContent {
  content: string;
  startsOn: string | null;
  endsOn: string | null;
  quantity: string;
  quality: string;
  priceFen: number;
  instalments: readonly Instalment[];
  rightsDuties: string;
  liability: string;
  stationIds: readonly string[];
}

/** R-CONTRACT-CONTENT: the required contents a contract lacks (signing needs none missing). */
export function missingContractContents(c: ContractContent): ContractContentKey[] {
  const missing: ContractContentKey[] = [];
  const blank = (s: string) => s.trim() === '';
  if (blank(c.content)) missing.push('content');
  if (!c.startsOn || !c.endsOn) missing.push('term');
  if (blank(c.quantity)) missing.push('quantity');
  if (blank(c.quality)) missing.push('quality');
  if (c.priceFen <= 0) missing.push('priceFen');
  if (c.instalments.length === 0) missing.push('settlement');
  if (blank(c.rightsDuties)) missing.push('rightsDuties');
  if (blank(c.liability)) missing.push('liability');
  if (c.stationIds.length === 0) missing.push('stations');
  return missing;
}

/** The instalments must add up to the price, to the fen. */
export function instalmentProblem(priceFen: number, instalments: readonly Instalment[]): string | null {
  if (instalments.length === 0) return null;
  const sum = instalments.reduce((s, i) => s + i.amountFen, 0);
  return sum === priceFen ? null : `各期结算金额合计${formatYuan(sum)}元，与合同价格${formatYuan(priceFen)}元不一致`;
}

export const EVALUATION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];
export const EVALUATION_GRADE_LABELS: Record<EvaluationGrade, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

// ---- Money (R-FUND-*) ----

export const FUND_SOURCES = ['province', 'city', 'county', 'social'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];
export const FUND_SOURCE_LABELS: Record<FundSource, string> = {
  province: '省级困难群众救助资金',
  city: '市级专项资金',
  county: '区市财政',
  social: '社会资金',
};

export const SPENDING_CATEGORIES = ['staff', 'activities', 'training', 'office', 'publicity', 'other'] as const;
export type SpendingCategory = (typeof SPENDING_CATEGORIES)[number];
export const SPENDING_CATEGORY_LABELS: Record<SpendingCategory, string> = {
  staff: '人员经费',
  activities: '服务活动经费',
  training: '培训督导经费',
  office: '办公运行经费',
  publicity: '宣传经费',
  other: '其他',
};

/** R-FUND-STATION: 150,000 CNY a station a year, in fen. */
export const STATION_MIN_FUND_FEN = 15_000_000;
/** R-FUND-CITY: 1,860,000 CNY of city special funds a year, in fen. */
export const CITY_MIN_FUND_FEN = 186_000_000;

/** Money is kept in integer fen; shown as yuan with two decimals and thousands separators. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** A yuan amount as typed ("150000", "1,860,000.5") to fen, or null when it is not money. */
export function yuanToFen(text: string): number | null {
  const t = text.replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole = '0', frac = ''] = t.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return t.startsWith('-') ? -fen : fen;
}

/** Spent ÷ budget as a percentage with one decimal, or null without a budget. */
export function executionRate(spentFen: number, budgetFen: number): number | null {
  return budgetFen > 0 ? Math.round((spentFen / budgetFen) * 1000) / 10 : null;
}
