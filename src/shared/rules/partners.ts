/** R-RESOURCES (二（二）): departments and mass organisations whose resources stations link. */
export const PARTNER_KINDS = ['justice', 'health', 'hrss', 'education', 'union', 'youth_league', 'women', 'disabled', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  justice: '司法',
  health: '卫生健康',
  hrss: '人力资源和社会保障',
  education: '教育',
  union: '工会',
  youth_league: '团委',
  women: '妇联',
  disabled: '残联',
  other: '其他',
};
