import { sql, type SQL } from 'drizzle-orm';
import type { Finding } from '../../../shared/contracts/social-workers';
import {
  CERT_DEADLINE_YEARS,
  certificateDue,
  EDUCATION_LEVELS,
  MIN_QUALIFIED_WORKERS,
  qualifiedBy,
  RELATED_MAJORS,
  STAFF_RULES,
  TRAINING_HOURS_REQUIRED,
  TRAINING_WINDOW_YEARS,
  type StaffRuleId,
  type WorkerQualifications,
} from '../../../shared/rules/staffing';
import { postings, socialWorkers, workerCertificates, workerTrainings } from '../../db/schema';
import { qualified } from '../../db/sql';

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

/** All findings of a station from the workers on post today, and which of them count as qualified. */
export function stationFindings<W extends PostedWorker>(onPost: W[], today: string): { findings: Finding[]; qualified: number; qualifiedWorkers: W[] } {
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
  return { findings, qualified: qualified.length, qualifiedWorkers: qualified };
}

const COLLEGE_OR_ABOVE = EDUCATION_LEVELS.slice(EDUCATION_LEVELS.indexOf('junior_college'));

/**
 * What JavaScript's \s matches (the major test strips it), as literal characters for a PostgreSQL
 * regular expression, whose \s under a C locale is ASCII only: a major typed with a full-width
 * space (社会　工作) counts the same in both.
 */
export const JS_WHITESPACE_CLASS = '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]';

/** isRelatedMajor in SQL, for the worker row `social_workers` of the enclosing query: spaces stripped as in JavaScript. */
export function relatedMajorSql(): SQL {
  const stripped = sql`regexp_replace(${qualified(socialWorkers.major)}, ${JS_WHITESPACE_CLASS}, '', 'g')`;
  return sql.join(RELATED_MAJORS.map((m) => sql`position(${m} in ${stripped}) > 0`), sql` OR `);
}

/**
 * countsAsQualified in SQL, for the worker row `social_workers` of the enclosing query on `today`:
 * a certificate by then; or 大专+ in a related major; or 120 training hours in the five years up to
 * today and not past the three-year certificate deadline from the first posting. Same answers as
 * qualifiedBy + certificateDue (PostgreSQL's month/year arithmetic clamps like dayjs).
 */
export function countsAsQualifiedSql(today: string): SQL {
  const worker = qualified(socialWorkers.id);
  const majors = relatedMajorSql();
  return sql`(EXISTS (SELECT 1 FROM ${workerCertificates} WHERE ${qualified(workerCertificates.workerId)} = ${worker} AND ${qualified(workerCertificates.obtainedOn)} <= ${today}::date)
    OR (${qualified(socialWorkers.education)} IN (${sql.join(COLLEGE_OR_ABOVE.map((e) => sql`${e}`), sql`, `)}) AND (${majors}))
    OR ((SELECT coalesce(sum(${qualified(workerTrainings.hours)}), 0) FROM ${workerTrainings} WHERE ${qualified(workerTrainings.workerId)} = ${worker}
          AND ${qualified(workerTrainings.date)} BETWEEN (${today}::date - interval '${sql.raw(String(TRAINING_WINDOW_YEARS))} years')::date AND ${today}::date) >= ${TRAINING_HOURS_REQUIRED}
      AND ${today}::date <= ((SELECT min(p1.start_date) FROM ${postings} p1 WHERE p1.worker_id = ${worker}) + interval '${sql.raw(String(CERT_DEADLINE_YEARS))} years')::date))`;
}
