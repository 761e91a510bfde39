import { z } from 'zod';
import { route } from './http';

/** Whose workbench: decided by the signed-in user's roles (the first business role wins). */
export const WORKBENCH_PERSONAS = [
  'province', 'city', 'district', 'town', 'org', 'worker', 'evaluator', 'applicant', 'sys_admin', 'sec_admin', 'auditor',
] as const;
export type WorkbenchPersona = (typeof WORKBENCH_PERSONAS)[number];

/** overdue: past its day and not done (red); due: to act on, not late yet; info: to know. */
export const WORKBENCH_SEVERITIES = ['overdue', 'due', 'info'] as const;
export type WorkbenchSeverity = (typeof WORKBENCH_SEVERITIES)[number];

/** The sections a workbench can hold; their headings and empty texts are in the web's locale. */
export const WORKBENCH_SECTIONS = [
  'plans', 'districtReports', 'reportsToReview', 'funding', 'coverageGaps', 'contractsEnding', 'evaluationsInProgress',
  'stationFindings', 'paymentsDue', 'supervisionOverdue', 'applications', 'stationPlansToApprove', 'postsToReview',
  'reportsToRead', 'supervisionToRecord',
  'briefings', 'returnedReports', 'onPost', 'stationPlansToFix',
  'followUps', 'myCases',
  'evaluationsAssigned',
  'auditChain', 'sensitiveReads',
  'passwordChanges', 'lockedAccounts', 'securityPolicy',
] as const;
export type WorkbenchSectionKey = (typeof WORKBENCH_SECTIONS)[number];

export const workbenchItemSchema = z.object({
  kind: z.string(),
  /** What is wrong or waiting, in plain words. */
  title: z.string(),
  /** What clears it. */
  detail: z.string(),
  /** The plan's clause in words (第四部分第（四）条), or null. */
  clause: z.string().nullable(),
  /** The rule id, shown only as a small secondary tag. */
  ruleId: z.string().nullable(),
  severity: z.enum(WORKBENCH_SEVERITIES),
  dueOn: z.string().nullable(),
  count: z.number().int().nullable(),
  /** The web route (with its query) where it is done. */
  link: z.string(),
});
export type WorkbenchItem = z.infer<typeof workbenchItemSchema>;

export const workbenchSectionSchema = z.object({
  key: z.enum(WORKBENCH_SECTIONS),
  /** Every matching item, counted in the database; `items` are the first few of them. */
  total: z.number().int(),
  items: z.array(workbenchItemSchema),
  /** The list with all `total` of them (全部 N 项), when there are more than shown. */
  moreLink: z.string().nullable(),
  /** The menu entry whose badge counts this section, or null (information only). */
  nav: z.string().nullable(),
  /** A place kept for work the platform cannot hold yet (applications): empty, not faked. */
  placeholder: z.boolean(),
});
export type WorkbenchSection = z.infer<typeof workbenchSectionSchema>;

export const workbench = route({
  method: 'GET', path: '/api/workbench', summary: '工作台：本角色在数据范围内的待办事项与菜单计数', tag: 'workbench',
  permission: 'self',
  response: z.object({
    persona: z.enum(WORKBENCH_PERSONAS),
    asOf: z.string(),
    sections: z.array(workbenchSectionSchema),
    /** Menu path → open items (overdue and due) behind it; '/' is the workbench's own total. */
    badges: z.record(z.string(), z.number().int()),
  }),
});
