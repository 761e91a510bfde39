import dayjs from 'dayjs';
import { chinaDay } from './china-date';

// Clauses 四（四）and 四（五）: what a contractor and a district report, and by when.

export const REPORT_RULES = {
  'R-REPORTS': {
    id: 'R-REPORTS',
    clause: '四（四）',
    title: '承接主体按时向区市民政部门、镇（街道）提交月度工作简报、中期工作报告和终期工作报告',
  },
  'R-DISTRICT-REPORT': {
    id: 'R-DISTRICT-REPORT',
    clause: '四（五）',
    title: '各区市民政部门于每年11月底前向市民政局提交项目实施情况报告',
  },
  'R-START-WORK': {
    id: 'R-START-WORK',
    clause: '四（四）',
    title: '社工到岗后组织开展需求调研，制定服务计划，提供专业服务',
  },
  'R-EVAL-YEARLY': {
    id: 'R-EVAL-YEARLY',
    clause: '四（五）',
    title: '区市民政部门和驻点镇人民政府（街道办事处）共同对项目实施进行全程监督，每年组织项目绩效评估',
  },
  'R-SUPERVISE': { id: 'R-SUPERVISE', clause: '五（四）', title: '对服务过程、质量和成效进行督导和评估' },
} as const;

export const REPORT_KINDS = ['monthly', 'midterm', 'final', 'district_annual'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  monthly: '月度工作简报',
  midterm: '中期工作报告',
  final: '终期工作报告',
  district_annual: '区市项目实施情况报告',
};

export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  accepted: '已接收',
  returned: '已退回',
};

/** The contractor's own words beside the figures. */
export const REPORT_SECTIONS = ['highlights', 'problems', 'nextPlan'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const REPORT_SECTION_LABELS: Record<ReportSection, string> = {
  highlights: '工作亮点',
  problems: '存在问题',
  nextPlan: '下阶段工作计划',
};

/** A monthly briefing is due on the 10th of the following month (set by the city; one constant). */
export const MONTHLY_DUE_DAY = 10;
/** Mid-term and final reports are due 15 days after the end of their period. */
export const REPORT_GRACE_DAYS = 15;

export function monthlyPeriod(month: string): { start: string; end: string; dueOn: string } {
  const first = dayjs(`${month}-01`);
  return {
    start: first.format('YYYY-MM-DD'),
    end: first.endOf('month').format('YYYY-MM-DD'),
    dueOn: first.add(1, 'month').date(MONTHLY_DUE_DAY).format('YYYY-MM-DD'),
  };
}

/** Mid-term: the first half of the contract term; final: the whole term. */
export function contractReportPeriod(kind: 'midterm' | 'final', startsOn: string, endsOn: string): { start: string; end: string; dueOn: string } {
  const days = dayjs(endsOn).diff(dayjs(startsOn), 'day');
  const end = kind === 'midterm' ? dayjs(startsOn).add(Math.floor(days / 2), 'day').format('YYYY-MM-DD') : endsOn;
  return { start: startsOn, end, dueOn: dayjs(end).add(REPORT_GRACE_DAYS, 'day').format('YYYY-MM-DD') };
}

/** R-DISTRICT-REPORT: the year's report is due on 30 November. */
export function districtReportPeriod(year: number): { start: string; end: string; dueOn: string } {
  return { start: `${year}-01-01`, end: `${year}-11-30`, dueOn: `${year}-11-30` };
}

/** On time when first submitted on or before the due day on the China calendar. */
export function reportTimeliness(dueOn: string, firstSubmittedAt: Date | string | null, now: Date): 'on_time' | 'late' | 'pending' | 'overdue' {
  if (firstSubmittedAt !== null) return chinaDay(firstSubmittedAt) <= dueOn ? 'on_time' : 'late';
  return chinaDay(now) <= dueOn ? 'pending' : 'overdue';
}

export const GRADE_THRESHOLDS_DEFAULT = { excellent: 90, good: 80, pass: 60 } as const;
export interface GradeThresholds {
  excellent: number;
  good: number;
  pass: number;
}

/** The grade of a total score (0–100): at or above a threshold earns it. */
export function gradeOf(total: number, t: GradeThresholds): 'excellent' | 'good' | 'pass' | 'fail' {
  if (total >= t.excellent) return 'excellent';
  if (total >= t.good) return 'good';
  if (total >= t.pass) return 'pass';
  return 'fail';
}
