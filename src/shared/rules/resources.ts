import type { RuleRef } from '../errors';

// 慈善资源与需求对接 (二（一）5: 慈善捐赠、慈善资源、志愿服务供需对接; 五（三）: 宣传部门统筹志愿者队伍).

export const RESOURCE_RULES = {
  'R-RESOURCES-WISH': {
    id: 'R-RESOURCES-WISH',
    clause: '二（一）5',
    title: '尊重捐赠人意愿：定向捐赠只能对接到其指定的领域、服务对象类别、社工站或需求',
  },
  'R-RESOURCES-DELIVERY': {
    id: 'R-RESOURCES-DELIVERY',
    clause: '二（一）5',
    title: '资源交付须有交付记录和凭证（照片或收据）；交付数量和金额不超过资源所余；需求凭交付记录关闭',
  },
  'R-RESOURCES-CONSENT': {
    id: 'R-RESOURCES-CONSENT',
    clause: '二（一）5；个人信息保护法第二十三条',
    title: '对接中向捐赠方提供服务对象的任何信息，须先取得服务对象（或监护人）的共享同意',
  },
  'R-RESOURCES-PUBLIC': {
    id: 'R-RESOURCES-PUBLIC',
    clause: '五（三）；个人信息保护法第二十五条',
    title: '需求公示墙经社工站审核后公开，不含服务对象姓名、身份证号、电话、住址；照片须经同意',
  },
} as const satisfies Record<string, RuleRef>;

export const RESOURCE_KINDS = ['money', 'goods', 'service', 'venue', 'volunteer_time'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  money: '资金',
  goods: '物资',
  service: '服务',
  venue: '场地',
  volunteer_time: '志愿服务时间',
};

/** The unit a quantity of a kind is counted in (money is in fen, shown in yuan). */
export const RESOURCE_KIND_UNITS: Record<ResourceKind, string> = {
  money: '元',
  goods: '件',
  service: '小时',
  venue: '小时',
  volunteer_time: '小时',
};

export const DONOR_KINDS = ['individual', 'charity', 'enterprise', 'partner', 'volunteer'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];
export const DONOR_KIND_LABELS: Record<DonorKind, string> = {
  individual: '爱心人士',
  charity: '慈善组织',
  enterprise: '爱心企业',
  partner: '部门和群团组织',
  volunteer: '志愿者',
};

export const NEED_SOURCES = ['client', 'case', 'community'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];
export const NEED_SOURCE_LABELS: Record<NeedSource, string> = { client: '服务对象', case: '个案', community: '社区' };

export const NEED_STATUSES = ['open', 'matched', 'met', 'cancelled'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = { open: '待对接', matched: '已对接', met: '已满足', cancelled: '已撤销' };

export const MATCH_STATUSES = ['proposed', 'confirmed', 'delivered', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const MATCH_STATUS_LABELS: Record<MatchStatus, string> = { proposed: '待确认', confirmed: '已确认', delivered: '已交付', rejected: '已退回' };

export const PUBLIC_STATES = ['none', 'pending', 'published'] as const;
export type PublicState = (typeof PUBLIC_STATES)[number];
export const PUBLIC_STATE_LABELS: Record<PublicState, string> = { none: '不公开', pending: '待审核公开', published: '已公开' };

/** The donor's wish (定向): any field left null is open. */
export interface DonorWish {
  domain: string | null;
  targetGroup: string | null;
  stationId: string | null;
  needId: string | null;
}

export interface WishNeed {
  id: string;
  domain: string;
  targetGroups: readonly string[];
  stationId: string;
}

/** Why a need falls outside the donor's wish, or null when the match respects it (R-RESOURCES-WISH). */
export function wishProblem(wish: DonorWish, need: WishNeed): string | null {
  if (wish.needId && wish.needId !== need.id) return '该资源定向用于另一项需求';
  if (wish.stationId && wish.stationId !== need.stationId) return '该资源定向用于另一个社工站';
  if (wish.domain && wish.domain !== need.domain) return '该资源定向用于另一服务领域';
  if (wish.targetGroup && !need.targetGroups.includes(wish.targetGroup)) return '该资源定向用于另一类服务对象';
  return null;
}

// The check of public text is shared with publicity (五（五）): one place for what identifies a client.
export { personalDataIn } from './personal-data';
