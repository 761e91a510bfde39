import type { RuleRef } from '../errors';
import { fullYearsOn } from './id-number';

/** R-SCOPE-TARGETS (二（一）1–4): the groups a client may belong to; several may apply. */
export const TARGET_GROUPS = [
  'dibao', 'dibao_edge', 'tekun', 'temporary_aid', 'tekun_elderly_institutional', 'tekun_elderly_dispersed',
  'left_behind_elderly', 'children_in_difficulty', 'left_behind_children', 'orphan', 'de_facto_orphan',
  'disabled_in_difficulty', 'mental_disorder', 'vagrant', 'other',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
  dibao: '低保',
  dibao_edge: '低保边缘',
  tekun: '特困',
  temporary_aid: '临时救助对象',
  tekun_elderly_institutional: '特困供养老年人（集中）',
  tekun_elderly_dispersed: '特困供养老年人（分散）',
  left_behind_elderly: '留守老人',
  children_in_difficulty: '困境儿童',
  left_behind_children: '农村留守儿童',
  orphan: '孤儿',
  de_facto_orphan: '事实无人抚养儿童',
  disabled_in_difficulty: '困难残疾人',
  mental_disorder: '精神障碍患者',
  vagrant: '流浪乞讨人员（含返乡、易走失）',
  other: '其他',
};

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

export const CLIENT_STATUSES = ['active', 'paused', 'closed'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export const CLIENT_STATUS_LABELS: Record<ClientStatus, string> = { active: '在册', paused: '暂停', closed: '注销' };

/** PIPL: the legal basis of processing; statutory duty (法定职责) unless stated otherwise. */
export const LEGAL_BASES = ['statutory', 'consent'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  statutory: '履行法定职责（个人信息保护法第十三条第三项）',
  consent: '取得个人同意',
};

// sharing: what the station may tell a donor about the client when matching a resource (R-RESOURCES-CONSENT).
export const CONSENT_KINDS = ['sensitive', 'guardian', 'sharing'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export const CONSENT_KIND_LABELS: Record<ConsentKind, string> = {
  sensitive: '敏感个人信息单独同意',
  guardian: '监护人同意（不满十四周岁）',
  sharing: '同意向资源提供方共享信息（慈善资源对接）',
};

export const CLIENT_RULES = {
  'R-SCOPE-TARGETS': { id: 'R-SCOPE-TARGETS', clause: '二（一）1–4', title: '各领域服务对象' },
  'R-CLIENT-CLOSED': {
    id: 'R-CLIENT-CLOSED',
    clause: '二（四）',
    title: '服务对象数据库管理：已注销的服务对象不再登记新的服务、个案、小组出勤或转介；恢复在册须说明原因并留痕',
  },
  'R-PIPL-MINOR': {
    id: 'R-PIPL-MINOR',
    clause: '个人信息保护法第三十一条',
    title: '处理不满十四周岁未成年人个人信息的，应当取得其父母或者其他监护人的同意',
  },
} as const satisfies Record<string, RuleRef>;

/** Under 14 full years on the day: a guardian must consent (PIPL art. 31). */
export function needsGuardianConsent(birthDate: string, onDate: string): boolean {
  return fullYearsOn(birthDate, onDate) < 14;
}

/** Minors (under 18) need a guardian on record. */
export function isMinor(birthDate: string, onDate: string): boolean {
  return fullYearsOn(birthDate, onDate) < 18;
}
