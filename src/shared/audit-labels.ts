/**
 * How an audit row reads to a person: Chinese names for actions, object types and the fields
 * of the logged before/after images, and enum values through the same label maps the pages use.
 * Server (list and export) and web share it, so the screen and the .xlsx say the same thing.
 * Unknown codes fall back to the raw code: a new kind of entry is shown, never hidden.
 */
import { AUDIT_ACTIONS } from './contracts/audit';
import { ROLE_LABELS, SCOPE_KIND_LABELS } from './permissions';
import { chinaDateTime } from './rules/china-date';
import { CASE_STAGE_LABELS, GROUP_PHASE_LABELS, REFERRAL_STATUS_LABELS, SERVICE_METHOD_LABELS } from './rules/case-work';
import { CLIENT_STATUS_LABELS, CONSENT_KIND_LABELS, LEGAL_BASIS_LABELS, RISK_LEVEL_LABELS, TARGET_GROUP_LABELS } from './rules/clients';
import { ORG_KIND_LABELS, ORG_STATUS_LABELS, SERVICE_DOMAIN_LABELS } from './rules/organizations';
import { PARTNER_KIND_LABELS } from './rules/partners';
import {
  CONTRACT_STATUS_LABELS, EVALUATION_GRADE_LABELS, FUND_SOURCE_LABELS, PLAN_STATUS_LABELS, PROCUREMENT_STATUS_LABELS,
  PURCHASE_METHOD_LABELS, SPENDING_CATEGORY_LABELS,
} from './rules/purchase';
import { REPORT_KIND_LABELS, REPORT_STATUS_LABELS } from './rules/reports';
import { CERTIFICATE_LABELS, EDUCATION_LABELS, STAFF_SOURCE_LABELS } from './rules/staffing';
import { PLAQUE_STATE_LABELS, STATION_STATUS_LABELS, VENUE_TYPE_LABELS } from './rules/station-venue';

type Labels = Readonly<Record<string, string>>;

export const AUDIT_OBJECT_TYPE_LABELS: Labels = {
  station: '社工站', user: '用户', security_policy: '安全策略', social_worker: '驻站社工', client: '服务对象',
  report: '报告', contract: '服务合同', organization: '承接机构', procurement: '采购项目', evaluation: '绩效评估',
  annual_plan: '年度计划', service_record: '服务记录', group: '小组/社区活动', supervision: '督导记录', referral: '转介',
  partner: '资源链接单位', case: '个案', service_item: '服务项目', region: '区域', indicator_system: '评估指标体系',
  audit_log: '审计日志', database: '数据库', dashboard: '驾驶舱',
  resource_need: '资源需求', resource_offer: '慈善资源', resource_match: '资源对接',
  volunteer: '志愿者', volunteer_team: '志愿服务队/社区社会组织', volunteer_certificate: '志愿服务记录证明',
  application: '使用社工站的申请',
};

export const auditActionLabel = (code: string): string => (AUDIT_ACTIONS as Labels)[code] ?? code;
export const auditObjectTypeLabel = (code: string): string => AUDIT_OBJECT_TYPE_LABELS[code] ?? code;

/** Field names of the logged images, shared by every object type unless overridden below. */
const FIELD_LABELS: Labels = {
  name: '名称', title: '标题', number: '编号', status: '状态', statusReason: '状态原因', reason: '原因', kind: '类别',
  version: '版本', updatedAt: '修改时间', createdAt: '创建时间', year: '年度', note: '备注', notes: '备注', comment: '意见',
  stationId: '社工站', stationIds: '社工站', orgId: '机构', organizationId: '机构', contractorId: '承接机构',
  contractId: '服务合同', clientId: '服务对象', clientIds: '服务对象', userId: '用户', workerId: '社工', caseId: '个案',
  reportId: '报告', partnerId: '资源链接单位', fileId: '文件', postingId: '上岗记录', procurementId: '采购项目',
  countyCode: '区市', townCode: '镇街', villageCode: '村居', regionCode: '区域',
  venueType: '场所类型', venueOther: '其他场所说明', address: '地址', phone: '电话', openedOn: '启用日期',
  outdoorPlaque: '室外标牌', indoorPlaque: '室内标识', equipment: '设施设备', hostContactName: '镇街联系人',
  hostContactPhone: '镇街联系电话',
  username: '用户名', displayName: '姓名', roles: '角色', scope: '数据范围', disabled: '停用',
  minLength: '密码最短长度', minClasses: '字符种类', rotationDays: '密码有效期（天）', maxFailedLogins: '失败次数上限',
  lockMinutes: '锁定时长（分钟）', idleMinutes: '空闲超时（分钟）', absoluteHours: '会话最长（小时）', totpForAll: '所有角色均须动态口令',
  targetGroups: '服务对象类别', riskLevel: '风险等级', legalBasis: '处理依据', givenOn: '同意日期', relation: '关系',
  education: '学历', major: '专业', level: '等级', source: '人员来源', hours: '学时', date: '日期', startOn: '开始日期',
  endOn: '结束日期', startsOn: '开始日期', endsOn: '结束日期', signedOn: '签订日期', dueOn: '到期日', doneOn: '完成日期',
  creditCode: '统一社会信用代码', legalRepresentative: '法定代表人', contactName: '联系人', contactPhone: '联系电话',
  registeredBy: '登记机关', foundedOn: '成立日期', domains: '服务领域', serviceDomains: '服务领域',
  method: '方式', budgetFen: '预算（元）', awardFen: '中标金额（元）', priceFen: '合同金额（元）', amountFen: '金额（元）',
  category: '类别', grade: '等次', total: '总分', stage: '阶段', phase: '阶段', followUpDone: '跟进完成',
  followUpDueOn: '跟进期限', topic: '主题', findings: '发现的问题', supervisor: '督导', content: '内容', sections: '报告内容',
  exceptionRules: '例外规则', itemCode: '服务项目', itemCodes: '服务项目', excluded: '不列入社工站服务', duration: '时长',
  periodStart: '期间开始', periodEnd: '期间结束', row: '表格行', id: '编号', count: '条数', scores: '评分',
};

const FIELD_LABELS_BY_TYPE: Readonly<Record<string, Labels>> = {
  client: { name: '姓名' },
  volunteer: { name: '姓名' },
  social_worker: { name: '姓名' },
  partner: { kind: '单位类别' },
  organization: { kind: '机构类型' },
  report: { kind: '报告类型' },
  contract: { method: '购买方式' },
  procurement: { method: '采购方式' },
  service_record: { method: '服务方式' },
};

/** Enum values: by field, and for the ambiguous fields (status, kind, method) by object type too. */
const VALUE_LABELS: Readonly<Record<string, Labels>> = {
  venueType: VENUE_TYPE_LABELS, outdoorPlaque: PLAQUE_STATE_LABELS, indoorPlaque: PLAQUE_STATE_LABELS,
  roles: ROLE_LABELS, targetGroups: TARGET_GROUP_LABELS, riskLevel: RISK_LEVEL_LABELS, legalBasis: LEGAL_BASIS_LABELS,
  education: EDUCATION_LABELS, level: CERTIFICATE_LABELS, source: STAFF_SOURCE_LABELS, domains: SERVICE_DOMAIN_LABELS,
  serviceDomains: SERVICE_DOMAIN_LABELS, grade: EVALUATION_GRADE_LABELS, stage: CASE_STAGE_LABELS, phase: GROUP_PHASE_LABELS,
  category: SPENDING_CATEGORY_LABELS,
};
const VALUE_LABELS_BY_TYPE: Readonly<Record<string, Readonly<Record<string, Labels>>>> = {
  station: { status: STATION_STATUS_LABELS },
  client: { status: CLIENT_STATUS_LABELS, kind: CONSENT_KIND_LABELS },
  organization: { status: ORG_STATUS_LABELS, kind: ORG_KIND_LABELS },
  contract: { status: CONTRACT_STATUS_LABELS, method: PURCHASE_METHOD_LABELS, source: FUND_SOURCE_LABELS },
  procurement: { status: PROCUREMENT_STATUS_LABELS, method: PURCHASE_METHOD_LABELS },
  annual_plan: { status: PLAN_STATUS_LABELS },
  report: { status: REPORT_STATUS_LABELS, kind: REPORT_KIND_LABELS },
  referral: { status: REFERRAL_STATUS_LABELS },
  partner: { kind: PARTNER_KIND_LABELS },
  service_record: { method: SERVICE_METHOD_LABELS },
  user: { kind: SCOPE_KIND_LABELS },
};

export const auditFieldLabel = (objectType: string, field: string): string =>
  FIELD_LABELS_BY_TYPE[objectType]?.[field] ?? FIELD_LABELS[field] ?? field;

/**
 * Fields the audit view never shows: ciphertexts, blind indexes, hashes, secrets and ID-number
 * fragments. The auditor reads who changed what, not the protected values themselves.
 */
const HIDDEN_FIELD = /cipher|idnumber|index$|hash|secret|password|token|tail$|recovery/i;
export const isHiddenAuditField = (field: string): boolean => HIDDEN_FIELD.test(field);

/** A person's name as masked lists show it: surname, stars, last character (刘*兰, 王*). */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One shown value; `title` holds what was shortened (an unknown id), for a tooltip. */
export interface AuditValue {
  text: string;
  title?: string;
}
export interface AuditChange {
  field: string;
  label: string;
  before: AuditValue | null;
  after: AuditValue | null;
}
/** The names of the objects a page's rows refer to, by id (clients already masked). */
export type AuditNames = ReadonlyMap<string, string>;

/** Every UUID a value holds (top level and nested), to resolve their names in one query per type. */
export function collectUuids(value: unknown, into: Set<string>): void {
  if (isUuid(value)) into.add(value);
  else if (Array.isArray(value)) for (const v of value) collectUuids(v, into);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (!isHiddenAuditField(k)) collectUuids(v, into);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(objectType: string, field: string, value: unknown, names: AuditNames): string | AuditValue {
  if (value === null || value === undefined || value === '') return '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return field.endsWith('Fen') ? (value / 100).toFixed(2) : String(value);
  if (isUuid(value)) {
    const name = names.get(value);
    return name ?? { text: `${value.slice(0, 8)}…`, title: value };
  }
  if (typeof value === 'string') {
    const labels = VALUE_LABELS_BY_TYPE[objectType]?.[field] ?? VALUE_LABELS[field];
    if (labels?.[value]) return labels[value];
    if (objectType === 'client' && field === 'name') return maskPersonName(value);
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return chinaDateTime(value);
    return value;
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => flat(text(objectType, field, v, names)));
    return parts.length ? parts.join('、') : '（无）';
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([k]) => !isHiddenAuditField(k))
      .map(([k, v]) => `${auditFieldLabel(objectType, k)}：${flat(text(objectType, k, v, names))}`)
      .join('；');
  }
  return String(value);
}
const flat = (v: string | AuditValue): string => (typeof v === 'string' ? v : v.text);

export function formatAuditValue(objectType: string, field: string, value: unknown, names: AuditNames): AuditValue {
  const v = text(objectType, field, value, names);
  return typeof v === 'string' ? { text: v } : v;
}

/**
 * The logged images as "field: before → after" in Chinese: only fields that changed, hidden
 * fields left out, ids shown by name. A list image (report sections, scores) is one field.
 */
export function describeAuditChanges(objectType: string, before: unknown, after: unknown, names: AuditNames): AuditChange[] {
  const b = before ?? null;
  const a = after ?? null;
  if (b === null && a === null) return [];
  if ((b !== null && !isRecord(b)) || (a !== null && !isRecord(a))) {
    const field = 'content';
    return [{
      field, label: auditFieldLabel(objectType, field),
      before: b === null ? null : formatAuditValue(objectType, field, b, names),
      after: a === null ? null : formatAuditValue(objectType, field, a, names),
    }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter(
    (k) => !isHiddenAuditField(k) && k !== 'version' && k !== 'updatedAt',
  );
  const changes: AuditChange[] = [];
  for (const k of keys) {
    const bv = b?.[k];
    const av = a?.[k];
    if (b !== null && a !== null && JSON.stringify(bv) === JSON.stringify(av)) continue;
    changes.push({
      field: k,
      label: auditFieldLabel(objectType, k),
      before: b === null ? null : formatAuditValue(objectType, k, bv, names),
      after: a === null ? null : formatAuditValue(objectType, k, av, names),
    });
  }
  return changes;
}

/** The changes as one line of text, for the export. */
export const auditChangesText = (changes: readonly AuditChange[]): string =>
  changes
    .map((c) =>
      c.before && c.after ? `${c.label}：${c.before.text} → ${c.after.text}` : `${c.label}：${(c.after ?? c.before)?.text ?? ''}`,
    )
    .join('\n');
