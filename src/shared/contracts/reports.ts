import { z } from 'zod';
import { REPORT_KINDS, REPORT_SECTIONS, REPORT_STATUSES } from '../rules/reports';
import { idParams, pageOf, pagingQuery, route } from './http';
import { countyCodeSchema, workflowEventSchema, yearSchema } from './money';
import { fileMetaSchema } from './organizations';

export const REPORT_TIMELINESS = ['on_time', 'late', 'pending', 'overdue'] as const;

export const FIGURE_SOURCES = ['service_records', 'cases', 'group_sessions', 'referrals', 'postings', 'clients', 'volunteers', 'volunteer_records', 'volunteer_teams', 'resource_needs', 'resource_deliveries', 'none'] as const;

/** One number of a report; `key` opens the drill-down of the records it counts. */
export const figureSchema = z.object({
  key: z.string(),
  label: z.string(),
  group: z.string(),
  value: z.number(),
  unit: z.string(),
  source: z.enum(FIGURE_SOURCES),
});
export type Figure = z.infer<typeof figureSchema>;

export const reportSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  stationId: z.string().nullable(),
  contractId: z.string().nullable(),
  orgName: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
  status: z.enum(REPORT_STATUSES),
  timeliness: z.enum(REPORT_TIMELINESS),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

const sectionsSchema = z.object(
  Object.fromEntries(REPORT_SECTIONS.map((s) => [s, z.string()])) as Record<(typeof REPORT_SECTIONS)[number], z.ZodString>,
);

export const reportDetailSchema = reportSummarySchema.extend({
  sections: sectionsSchema,
  /** Frozen at submission; live while a draft. */
  figures: z.array(figureSchema),
  findings: z.array(z.object({ rule: z.string(), message: z.string() })),
  frozen: z.boolean(),
  computedAt: z.string(),
  /** For a frozen report: today's figures where they differ from the frozen ones. */
  changedSince: z.array(z.object({ key: z.string(), label: z.string(), frozen: z.number(), live: z.number() })),
  lastComment: z.string(),
  history: z.array(workflowEventSchema),
  files: z.array(fileMetaSchema.extend({ kind: z.enum(['needs_survey', 'service_plan', 'other']) })),
  /** What submitting still needs (R-START-WORK attachments for mid-term and final reports). */
  missing: z.array(z.string()),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const reportListQuery = z.strictObject({
  ...pagingQuery,
  kind: z.enum(REPORT_KINDS).optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  year: yearSchema.optional(),
  countyCode: countyCodeSchema.optional(),
  stationId: z.uuid().optional(),
  contractId: z.uuid().optional(),
  /** Late or overdue only. */
  late: z.enum(['true', 'false']).optional(),
});

export const listReports = route({
  method: 'GET', path: '/api/reports', summary: '报告列表（简报、中期、终期、区市年度报告）', tag: 'reports',
  permission: 'report:read', query: reportListQuery, response: pageOf(reportSummarySchema),
});

export const getReport = route({
  method: 'GET', path: '/api/reports/:id', summary: '报告详情（冻结数据与当前数据对比）', tag: 'reports',
  permission: 'report:read', params: idParams, response: reportDetailSchema,
});

/**
 * Drafts a report from the records: a monthly briefing for a station (`stationId`) or a contract
 * (`contractId`) and a month; a mid-term or final report for a contract; the district's annual
 * report for a county unit and year.
 */
export const draftReport = route({
  method: 'POST', path: '/api/reports', summary: '从业务记录生成报告草稿', tag: 'reports',
  permission: 'report:write',
  body: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('monthly'),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式 YYYY-MM' }),
      stationId: z.uuid().nullable().default(null),
      contractId: z.uuid().nullable().default(null),
    }),
    z.strictObject({ kind: z.enum(['midterm', 'final']), contractId: z.uuid({ error: '请选择合同' }) }),
    z.strictObject({ kind: z.literal('district_annual'), countyCode: countyCodeSchema, year: yearSchema }),
  ]),
  response: reportDetailSchema,
});

export const updateReport = route({
  method: 'PATCH', path: '/api/reports/:id', summary: '修改报告文字部分（草稿或退回后）', tag: 'reports',
  permission: 'report:write', params: idParams,
  body: z.strictObject({
    version: z.number().int(),
    sections: z.strictObject(
      Object.fromEntries(REPORT_SECTIONS.map((s) => [s, z.string().trim().max(10000, { error: '不超过 10000 字' })])) as Record<
        (typeof REPORT_SECTIONS)[number],
        z.ZodString
      >,
    ),
  }),
  response: reportDetailSchema,
});

export const submitReport = route({
  method: 'POST', path: '/api/reports/:id/submit', summary: '提交报告（数据冻结）', tag: 'reports',
  permission: 'report:write', params: idParams, body: z.strictObject({ version: z.number().int() }), response: reportDetailSchema,
});

export const reviewReport = route({
  method: 'POST', path: '/api/reports/:id/review', summary: '接收或退回报告', tag: 'reports',
  permission: 'report:review', params: idParams,
  body: z
    .strictObject({ version: z.number().int(), decision: z.enum(['accepted', 'returned']), comment: z.string().trim().max(2000).default('') })
    .refine((b) => b.decision === 'accepted' || b.comment.length > 0, { path: ['comment'], error: '退回须填写意见' }),
  response: reportDetailSchema,
});

export const reportFigureRows = route({
  method: 'GET', path: '/api/reports/:id/figures/:key', summary: '数字穿透：该数字统计的记录', tag: 'reports',
  permission: 'report:read', params: z.strictObject({ id: z.uuid(), key: z.string().max(80) }),
  response: z.object({
    figure: figureSchema,
    rows: z.array(z.object({ id: z.string(), date: z.string(), title: z.string(), detail: z.string(), link: z.string().nullable() })),
  }),
});

export const exportReportDocx = route({
  method: 'GET', path: '/api/reports/:id/docx', summary: '导出报告（公文格式 .docx）', tag: 'reports',
  permission: 'report:read', params: idParams,
});

export const exportReportXlsx = route({
  method: 'GET', path: '/api/reports/:id/xlsx', summary: '导出报告数据表（.xlsx）', tag: 'reports',
  permission: 'report:read', params: idParams,
});

/** multipart/form-data, one `file` field; `kind` says what it is (R-START-WORK: 需求调研、服务计划). */
export const uploadReportFile = route({
  method: 'POST', path: '/api/reports/:id/files', summary: '上传报告附件（需求调研报告、服务计划等）', tag: 'reports',
  permission: 'report:write', params: idParams,
  query: z.strictObject({ kind: z.enum(['needs_survey', 'service_plan', 'other']).default('other') }),
  response: fileMetaSchema,
});

export const downloadReportFile = route({
  method: 'GET', path: '/api/reports/:id/files/:fileId', summary: '下载报告附件', tag: 'reports',
  permission: 'report:read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});
