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

/**
 * done: met; late: met after its day; overdue: passed and not met; expired: a closed year's,
 * missed, no longer to be done; upcoming: not yet due.
 */
export const DEADLINE_STATES = ['done', 'late', 'overdue', 'expired', 'upcoming'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/**
 * An actor whose scope holds more than one county, or more than this many stations, gets the
 * calendar grouped per day, kind and child region: one deadline per station-month would make a
 * province's year 18,000 entries (3.9 MB) that nobody reads one by one.
 */
export const WIDE_SCOPE_STATIONS = 50;

/**
 * A grouped calendar keeps one entry per child region while the scope has at most this many (a
 * city's counties, a province's cities); past it, one entry per day and kind for the whole scope,
 * opened as a paged list — so the answer never grows with the number of regions.
 */
export const CALENDAR_REGIONS_SHOWN = 20;

export const deadlineSchema = z.object({
  date: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  title: z.string(),
  state: z.enum(DEADLINE_STATES),
  rule: z.string().nullable(),
  countyShortName: z.string(),
  link: z.object({ type: z.enum(['annual-plan', 'procurement', 'contract', 'report']), id: z.string() }).nullable(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

/** The deadlines of one kind falling on one day in one region just below the actor's scope, counted by state. */
export const deadlineGroupSchema = z.object({
  date: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  /** The child region of the actor's scope (a county for a city, a city for a province); the scope itself for its own deadlines. */
  regionCode: z.string(),
  regionName: z.string(),
  rule: z.string().nullable(),
  total: z.number().int(),
  counts: z.object({ done: z.number().int(), late: z.number().int(), overdue: z.number().int(), expired: z.number().int(), upcoming: z.number().int() }),
});
export type DeadlineGroup = z.infer<typeof deadlineGroupSchema>;

const window = z
  .strictObject({ from: calendarDate, to: calendarDate })
  .refine((q) => q.from <= q.to, { path: ['to'], error: '结束日期不能早于开始日期' });

export const deadlineCalendar = route({
  method: 'GET', path: '/api/calendar', summary: '期限日历（计划、采购、到岗、结算、到期；范围较大时按日、类型和下级区域汇总）', tag: 'calendar',
  permission: 'calendar:read',
  query: window,
  response: z.discriminatedUnion('grouped', [
    z.object({ asOf: z.string(), grouped: z.literal(false), items: z.array(deadlineSchema) }),
    z.object({ asOf: z.string(), grouped: z.literal(true), groups: z.array(deadlineGroupSchema) }),
  ]),
});
export type CalendarAnswer = z.infer<typeof deadlineCalendar.response>;

/** The deadlines behind one grouped entry, paged. */
export const deadlineGroupItems = route({
  method: 'GET', path: '/api/calendar/entries', summary: '期限日历：某日某类某区域的期限明细（分页）', tag: 'calendar',
  permission: 'calendar:read',
  query: z.strictObject({
    date: calendarDate,
    kind: z.enum(DEADLINE_KINDS),
    region: z.string().regex(/^\d{1,12}$/, '区域代码格式不正确'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  }),
  response: z.object({ asOf: z.string(), items: z.array(deadlineSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
});
