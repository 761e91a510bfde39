import dayjs from 'dayjs';
import type { RuleRef } from '../errors';
import { fullYearsOn } from './id-number';

/** Education levels, lowest first (R-STAFF-EDU needs 大专 or higher). */
export const EDUCATION_LEVELS = ['junior_high', 'senior_high', 'junior_college', 'bachelor', 'master', 'doctor'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  junior_high: '初中',
  senior_high: '高中/中专',
  junior_college: '大专',
  bachelor: '本科',
  master: '硕士',
  doctor: '博士',
};

export const CERTIFICATE_LEVELS = ['assistant', 'social_worker', 'senior'] as const;
export type CertificateLevel = (typeof CERTIFICATE_LEVELS)[number];
export const CERTIFICATE_LABELS: Record<CertificateLevel, string> = {
  assistant: '助理社会工作师',
  social_worker: '社会工作师',
  senior: '高级社会工作师',
};

export const STAFF_SOURCES = ['purchased', 'dedicated_post', 'converted'] as const;
export type StaffSource = (typeof STAFF_SOURCES)[number];
export const STAFF_SOURCE_LABELS: Record<StaffSource, string> = {
  purchased: '政府购买服务',
  dedicated_post: '设置社工岗位',
  converted: '社区工作者转化',
};

/** 二（三）: "相关专业主要是社会学、社会政策、民政管理、社区管理等专业". */
export const RELATED_MAJORS = ['社会工作', '社会学', '社会政策', '民政管理', '社区管理'] as const;

export const STAFF_RULES = {
  'R-STAFF-MIN': { id: 'R-STAFF-MIN', clause: '二（三）', title: '每个社工站配备不少于2名具有社会工作专业素质的社工' },
  'R-STAFF-AGE': { id: 'R-STAFF-AGE', clause: '二（三）', title: '驻站社工要求年龄45周岁以下' },
  'R-STAFF-EDU': { id: 'R-STAFF-EDU', clause: '二（三）', title: '驻站社工要求大专及以上学历' },
  'R-STAFF-QUAL': {
    id: 'R-STAFF-QUAL',
    clause: '二（三）',
    title: '具备社会工作专业素质：持证，或社会工作及相关专业大专及以上学历，或近五年累计不少于120小时专业培训',
  },
  'R-STAFF-CERT3Y': {
    id: 'R-STAFF-CERT3Y',
    clause: '二（三）',
    title: '仅凭培训取得专业素质的，从事驻站社工工作3年内应考取全国社会工作者职业水平证书',
  },
  'R-STAFF-SOURCE': {
    id: 'R-STAFF-SOURCE',
    clause: '二（三）',
    title: '通过政府购买服务、设置社工岗位或社区工作者转化等途径配备',
  },
} as const satisfies Record<string, RuleRef>;
export type StaffRuleId = keyof typeof STAFF_RULES;

/** R-STAFF-MIN: qualified workers on post per station. */
export const MIN_QUALIFIED_WORKERS = 2;
export const TRAINING_HOURS_REQUIRED = 120;
export const TRAINING_WINDOW_YEARS = 5;
export const MAX_AGE = 45;
export const CERT_DEADLINE_YEARS = 3;
export const CERT_WARNING_DAYS = 180;

export interface WorkerQualifications {
  birthDate: string;
  education: EducationLevel;
  major: string;
  certificates: readonly { level: CertificateLevel; obtainedOn: string }[];
  trainings: readonly { date: string; hours: number }[];
}

export type QualifiedBy = 'certificate' | 'major' | 'training';
export const QUALIFIED_BY_LABELS: Record<QualifiedBy, string> = {
  certificate: '持全国社会工作者职业水平证书',
  major: '社会工作及相关专业大专以上学历',
  training: '近五年累计120小时以上专业培训',
};

export interface RuleBreach {
  rule: StaffRuleId;
  message: string;
}

export function isRelatedMajor(major: string): boolean {
  const m = major.replace(/\s/g, '');
  return RELATED_MAJORS.some((r) => m.includes(r));
}

const atLeastCollege = (e: EducationLevel) => EDUCATION_LEVELS.indexOf(e) >= EDUCATION_LEVELS.indexOf('junior_college');

/** Training hours within the five years up to and including the day (both ends inclusive). */
export function trainingHoursInWindow(trainings: WorkerQualifications['trainings'], onDate: string): number {
  const from = dayjs(onDate).subtract(TRAINING_WINDOW_YEARS, 'year').format('YYYY-MM-DD');
  return trainings.filter((t) => t.date >= from && t.date <= onDate).reduce((sum, t) => sum + t.hours, 0);
}

/** How the worker has professional quality on a day, best first; null when not at all. */
export function qualifiedBy(w: WorkerQualifications, onDate: string): QualifiedBy | null {
  if (w.certificates.some((c) => c.obtainedOn <= onDate)) return 'certificate';
  if (atLeastCollege(w.education) && isRelatedMajor(w.major)) return 'major';
  if (trainingHoursInWindow(w.trainings, onDate) >= TRAINING_HOURS_REQUIRED) return 'training';
  return null;
}

/**
 * R-STAFF-AGE, R-STAFF-EDU and R-STAFF-QUAL on the posting date. Empty when the posting may go
 * ahead; otherwise each breach with a plain-Chinese reason.
 */
export function postingBreaches(w: WorkerQualifications, postingDate: string): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const age = fullYearsOn(w.birthDate, postingDate);
  if (age > MAX_AGE)
    breaches.push({ rule: 'R-STAFF-AGE', message: `该社工在上岗日已满${age}周岁，超过“${MAX_AGE}周岁以下”的要求` });
  if (!atLeastCollege(w.education))
    breaches.push({ rule: 'R-STAFF-EDU', message: `该社工学历为${EDUCATION_LABELS[w.education]}，低于“大专及以上”的要求` });
  if (!qualifiedBy(w, postingDate)) {
    const hours = trainingHoursInWindow(w.trainings, postingDate);
    breaches.push({
      rule: 'R-STAFF-QUAL',
      message: `该社工在上岗日不具备社会工作专业素质：无职业水平证书，专业不属于社会工作及相关专业，近五年培训累计${hours}小时（不足${TRAINING_HOURS_REQUIRED}小时）`,
    });
  }
  return breaches;
}

/** The day by which a worker qualified only by training must hold a certificate. */
export function certificateDeadline(firstPostingDate: string): string {
  return dayjs(firstPostingDate).add(CERT_DEADLINE_YEARS, 'year').format('YYYY-MM-DD');
}

export type CertificateDue = { state: 'ok' } | { state: 'warning' | 'overdue'; deadline: string; daysLeft: number };

/**
 * R-STAFF-CERT3Y for a worker first posted on `firstPostingDate`, seen on `today`: a warning from
 * 180 days before the deadline, overdue from the day after it. Any certificate clears it (a late
 * one too: the worker is qualified from then on).
 */
export function certificateDue(w: WorkerQualifications, firstPostingDate: string, today: string): CertificateDue {
  const deadline = certificateDeadline(firstPostingDate);
  if (w.certificates.some((c) => c.obtainedOn <= today)) return { state: 'ok' };
  if (atLeastCollege(w.education) && isRelatedMajor(w.major)) return { state: 'ok' };
  const daysLeft = dayjs(deadline).diff(dayjs(today), 'day');
  if (daysLeft < 0) return { state: 'overdue', deadline, daysLeft };
  if (daysLeft <= CERT_WARNING_DAYS) return { state: 'warning', deadline, daysLeft };
  return { state: 'ok' };
}
