import { z } from 'zod';
import { calendarDate, route } from './http';

export const DEADLINE_KINDS = [
  'plan_due',
  'procurement_deadline',
  'onpost_due',
  'instalment_due',
  'contract_end',
  'ending_year',
  'report_due',
  'district_report_due',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  plan_due: '年度计划报送',
  procurement_deadline: '采购截止',
  onpost_due: '社工到岗期限',
  instalment_due: '合同结算',
  contract_end: '合同到期',
  ending_year: '合同终止（评估不合格）',
  report_due: '报告提交',
  district_report_due: '区市年度报告报送',
};

export const deadlineSchema = z.object({
  date: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  title: z.string(),
  /**
   * done: met; late: met after its day; overdue: passed and not met; expired: a closed year's,
   * missed, no longer to be done; upcoming: not yet due.
   */
  state: z.enum(['done', 'late', 'overdue', 'expired', 'upcoming']),
  rule: z.string().nullable(),
  countyShortName: z.string(),
  link: z.object({ type: z.enum(['annual-plan', 'procurement', 'contract', 'report']), id: z.string() }).nullable(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const deadlineCalendar = route({
  method: 'GET', path: '/api/calendar', summary: '期限日历（计划、采购、到岗、结算、到期）', tag: 'calendar',
  permission: 'calendar:read',
  query: z
    .strictObject({ from: calendarDate, to: calendarDate })
    .refine((q) => q.from <= q.to, { path: ['to'], error: '结束日期不能早于开始日期' }),
  response: z.object({ asOf: z.string(), items: z.array(deadlineSchema) }),
});
