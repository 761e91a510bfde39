import { z } from 'zod';
import { ruleRefSchema } from '../errors';
import {
  CONTRACT_STATUSES,
  EVALUATION_GRADES,
  SPENDING_CATEGORIES,
} from '../rules/purchase';
import { calendarDate, idParams, nonEmpty, pageOf, pagingQuery, route, optionalText } from './http';
import { countyCodeSchema, fenAmount, workflowEventSchema, yearSchema } from './money';
import { fileMetaSchema } from './organizations';

export const instalmentSchema = z.strictObject({
  label: nonEmpty('期次名称', 50),
  dueOn: calendarDate,
  amountFen: fenAmount('本期金额'),
});

/** A draft may be incomplete; signing checks R-CONTRACT-CONTENT. Term and stations are checked at once. */
export const contractEditableSchema = z.strictObject({
  title: nonEmpty('合同名称', 200),
  number: optionalText(50),
  contractorOrgId: z.uuid({ error: '请选择承接主体' }),
  procurementId: z.uuid().nullable().default(null),
  stationIds: z.array(z.uuid()).max(100).default([]),
  content: optionalText(10000),
  startsOn: calendarDate.nullable().default(null),
  endsOn: calendarDate.nullable().default(null),
  quantity: optionalText(5000),
  quality: optionalText(5000),
  priceFen: fenAmount('合同价格').default(0),
  instalments: z.array(instalmentSchema).max(24).default([]),
  rightsDuties: optionalText(10000),
  liability: optionalText(5000),
  /** R-CONTRACT-TRI: the tripartite agreement with the towns, if any. */
  tripartite: optionalText(2000),
});
export type ContractEditable = z.input<typeof contractEditableSchema>;

export const contractFindingSchema = z.object({
  rule: ruleRefSchema,
  severity: z.enum(['finding', 'warning']),
  message: z.string(),
  clearBy: z.string(),
});
export type ContractFinding = z.infer<typeof contractFindingSchema>;

export const contractStationSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** R-ONPOST-1M: the contractor's qualified workers on post at the station today. */
  qualifiedOnPost: z.number().int(),
  onPostState: z.enum(['not_signed', 'ok', 'due', 'overdue']),
});

export const contractSummarySchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  countyShortName: z.string(),
  number: z.string(),
  title: z.string(),
  contractor: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  stations: z.array(contractStationSchema),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  priceFen: z.number().int(),
  paidFen: z.number().int(),
  spentFen: z.number().int(),
  status: z.enum(CONTRACT_STATUSES),
  statusReason: z.string(),
  signedOn: z.string().nullable(),
  onPostDeadline: z.string().nullable(),
  endingYear: z.number().int().nullable(),
  endingReason: z.string(),
  findings: z.array(contractFindingSchema),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ContractSummary = z.infer<typeof contractSummarySchema>;

/** A row of the contracts list: the contract without its stations, only how many (its page lists them). */
export const contractListItemSchema = contractSummarySchema.omit({ stations: true }).extend({ stationCount: z.number().int() });
export type ContractListItem = z.infer<typeof contractListItemSchema>;

export const paymentSchema = z.object({
  id: z.string(),
  instalment: z.number().int(),
  paidOn: z.string(),
  amountFen: z.number().int(),
  voucher: z.string(),
  note: z.string(),
  createdAt: z.string(),
});

export const spendingSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  category: z.enum(SPENDING_CATEGORIES),
  spentOn: z.string(),
  amountFen: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
});

export const gradeSchema = z.object({
  year: z.number().int(),
  grade: z.enum(EVALUATION_GRADES),
  source: z.enum(['manual', 'evaluation']),
  note: z.string(),
  createdAt: z.string(),
});

export const contractDetailSchema = contractSummarySchema.extend({
  procurementId: z.string().nullable(),
  content: z.string(),
  quantity: z.string(),
  quality: z.string(),
  instalments: z.array(z.object({ label: z.string(), dueOn: z.string(), amountFen: z.number().int(), paidFen: z.number().int() })),
  rightsDuties: z.string(),
  liability: z.string(),
  tripartite: z.string(),
  /** R-CONTRACT-CONTENT contents still missing (empty: ready to sign). */
  missing: z.array(z.string()),
  payments: z.array(paymentSchema),
  spending: z.array(spendingSchema),
  grades: z.array(gradeSchema),
  files: z.array(fileMetaSchema),
  history: z.array(workflowEventSchema),
});
export type ContractDetail = z.infer<typeof contractDetailSchema>;

export const contractListQuery = z.strictObject({
  ...pagingQuery,
  countyCode: countyCodeSchema.optional(),
  orgId: z.uuid().optional(),
  stationId: z.uuid().optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
  /** Contracts in force on some day of this year. */
  year: yearSchema.optional(),
  q: z.string().trim().max(50).optional(),
  /** Only contracts with an R-ONPOST-1M or R-CONTRACT-FAIL finding. */
  withFindings: z.enum(['true', 'false']).optional(),
});

export const listContracts = route({
  method: 'GET', path: '/api/contracts', summary: '服务合同列表', tag: 'contracts',
  permission: 'contract:read', query: contractListQuery, response: pageOf(contractListItemSchema),
});

export const getContract = route({
  method: 'GET', path: '/api/contracts/:id', summary: '服务合同详情', tag: 'contracts',
  permission: 'contract:read', params: idParams, response: contractDetailSchema,
});

export const createContract = route({
  method: 'POST', path: '/api/contracts', summary: '登记服务合同（草稿）', tag: 'contracts',
  permission: 'contract:write', body: contractEditableSchema.extend({ countyCode: countyCodeSchema }),
  response: contractDetailSchema,
});

export const updateContract = route({
  method: 'PATCH', path: '/api/contracts/:id', summary: '修改服务合同（签订前）', tag: 'contracts',
  permission: 'contract:write', params: idParams, body: contractEditableSchema.extend({ version: z.number().int() }),
  response: contractDetailSchema,
});

export const signContract = route({
  method: 'POST', path: '/api/contracts/:id/sign', summary: '登记合同签订（R-CONTRACT-CONTENT、R-CONTRACT-TERM）', tag: 'contracts',
  permission: 'contract:write', params: idParams,
  body: z.strictObject({ version: z.number().int(), signedOn: calendarDate }),
  response: contractDetailSchema,
});

export const changeContractStatus = route({
  method: 'POST', path: '/api/contracts/:id/status', summary: '合同开始履行、终止或到期', tag: 'contracts',
  permission: 'contract:write', params: idParams,
  body: z.strictObject({
    version: z.number().int(),
    status: z.enum(['performing', 'terminated', 'expired']),
    reason: nonEmpty('原因', 500),
  }),
  response: contractDetailSchema,
});

export const recordPayment = route({
  method: 'POST', path: '/api/contracts/:id/payments', summary: '登记向承接主体付款（按期）', tag: 'contracts',
  permission: 'contract:write', params: idParams,
  body: z.strictObject({
    instalment: z.number().int().min(0),
    paidOn: calendarDate,
    amountFen: fenAmount('付款金额').refine((v) => v > 0, { error: '付款金额须大于0' }),
    voucher: optionalText(100),
    note: optionalText(500),
  }),
  response: contractDetailSchema,
});

export const recordSpending = route({
  method: 'POST', path: '/api/contracts/:id/spending', summary: '登记合同资金支出（按站点和类别）', tag: 'contracts',
  permission: 'contract:write', params: idParams,
  body: z.strictObject({
    stationId: z.uuid({ error: '请选择社工站' }),
    category: z.enum(SPENDING_CATEGORIES, { error: '请选择支出类别' }),
    spentOn: calendarDate,
    amountFen: fenAmount('支出金额').refine((v) => v > 0, { error: '支出金额须大于0' }),
    note: optionalText(500),
  }),
  response: contractDetailSchema,
});

export const recordGrade = route({
  method: 'POST', path: '/api/contracts/:id/grades', summary: '登记合同年度评估等次（R-CONTRACT-FAIL）', tag: 'contracts',
  permission: 'contract:grade', params: idParams,
  body: z.strictObject({
    year: yearSchema,
    grade: z.enum(EVALUATION_GRADES, { error: '请选择评估等次' }),
    note: optionalText(1000),
  }),
  response: contractDetailSchema,
});

/** multipart/form-data with one `file` field: the signed contract or the tripartite agreement (PDF/图片/Word). */
export const uploadContractFile = route({
  method: 'POST', path: '/api/contracts/:id/files', summary: '上传合同文本或三方协议', tag: 'contracts',
  permission: 'contract:write', params: idParams, response: fileMetaSchema,
});

export const downloadContractFile = route({
  method: 'GET', path: '/api/contracts/:id/files/:fileId', summary: '下载合同文件', tag: 'contracts',
  permission: 'contract:read', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
});

/** R-EVAL-USE: what a purchaser sees about an organisation before giving it a new contract. */
export const contractorRecord = route({
  method: 'GET', path: '/api/organizations/:id/contract-record', summary: '承接机构履约记录（合同和评估等次）', tag: 'contracts',
  permission: 'contract:read', params: idParams,
  response: z.object({
    contracts: z.array(contractSummarySchema.pick({ id: true, title: true, countyShortName: true, startsOn: true, endsOn: true, status: true, endingYear: true })),
    grades: z.array(gradeSchema.extend({ contractId: z.string(), contractTitle: z.string() })),
    /** The latest grade is 不合格: shown as a warning when a new contract is considered. */
    lastFailed: z.boolean(),
  }),
});
