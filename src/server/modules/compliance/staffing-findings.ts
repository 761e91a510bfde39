import type { Finding } from '../../../shared/contracts/social-workers';
import {
  certificateDue,
  MIN_QUALIFIED_WORKERS,
  qualifiedBy,
  STAFF_RULES,
  type StaffRuleId,
  type WorkerQualifications,
} from '../../../shared/rules/staffing';

export interface PostedWorker {
  workerId: string;
  name: string;
  quals: WorkerQualifications;
  firstPostingDate: string;
  exceptionRules: readonly StaffRuleId[];
  exceptionReason: string;
}

const person = (w: PostedWorker) => ({ workerId: w.workerId, name: w.name });

/** Has professional quality today and is not past the certificate deadline (R-STAFF-MIN counts these). */
export function countsAsQualified(w: PostedWorker, today: string): boolean {
  return qualifiedBy(w.quals, today) !== null && certificateDue(w.quals, w.firstPostingDate, today).state !== 'overdue';
}

/** R-STAFF-CERT3Y and recorded exceptions of one worker on post. */
export function workerFindings(w: PostedWorker, today: string): Finding[] {
  const out: Finding[] = [];
  const due = certificateDue(w.quals, w.firstPostingDate, today);
  if (due.state !== 'ok')
    out.push({
      rule: STAFF_RULES['R-STAFF-CERT3Y'],
      severity: due.state === 'overdue' ? 'finding' : 'warning',
      message:
        due.state === 'overdue'
          ? `${w.name}仅凭培训取得专业素质，应于${due.deadline}前取得职业水平证书，已逾期${-due.daysLeft}天`
          : `${w.name}仅凭培训取得专业素质，应于${due.deadline}前取得职业水平证书，还剩${due.daysLeft}天`,
      people: [person(w)],
      clearBy: '登记其取得的全国社会工作者职业水平证书',
    });
  for (const rule of w.exceptionRules)
    out.push({
      rule: STAFF_RULES[rule],
      severity: 'finding',
      message: `${w.name}不符合本项要求，经区市民政部门例外批准上岗：${w.exceptionReason}`,
      people: [person(w)],
      clearBy: '该社工满足本项要求，或离岗',
    });
  return out;
}

/** All findings of a station from the workers on post today. */
export function stationFindings(onPost: PostedWorker[], today: string): { findings: Finding[]; qualified: number } {
  const qualified = onPost.filter((w) => countsAsQualified(w, today));
  const findings: Finding[] = [];
  if (qualified.length < MIN_QUALIFIED_WORKERS) {
    const missing = MIN_QUALIFIED_WORKERS - qualified.length;
    findings.push({
      rule: STAFF_RULES['R-STAFF-MIN'],
      severity: 'finding',
      message: `在岗具备社会工作专业素质的社工${qualified.length}名，不足${MIN_QUALIFIED_WORKERS}名`,
      people: onPost.filter((w) => !qualified.includes(w)).map(person),
      clearBy: `再安排${missing}名具备社会工作专业素质的社工上岗`,
    });
  }
  for (const w of onPost) findings.push(...workerFindings(w, today));
  return { findings, qualified: qualified.length };
}
