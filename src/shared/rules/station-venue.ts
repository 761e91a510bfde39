/** R-STATION-VENUE (二（二）): the kinds of existing premises a station reuses. */
export const VENUE_TYPES = [
  'convenience_center',
  'party_center',
  'civilization_center',
  'community_center',
  'assistance_point',
  'elderly_center',
  'minor_protection',
  'nursing_home',
  'other',
] as const;
export type VenueType = (typeof VENUE_TYPES)[number];

export const VENUE_TYPE_LABELS: Record<VenueType, string> = {
  convenience_center: '便民服务中心',
  party_center: '党群服务中心',
  civilization_center: '新时代文明实践中心（所）',
  community_center: '村（社区）服务中心',
  assistance_point: '社会救助服务站（点）',
  elderly_center: '综合养老服务中心',
  minor_protection: '未成年保护工作站',
  nursing_home: '敬老院',
  other: '其他',
};

export const STATION_STATUSES = ['preparing', 'operating', 'suspended', 'revoked'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];
export const STATION_STATUS_LABELS: Record<StationStatus, string> = {
  preparing: '筹建',
  operating: '运营',
  suspended: '暂停',
  revoked: '撤销',
};

export const PLAQUE_STATES = ['none', 'ordered', 'installed'] as const;
export type PlaqueState = (typeof PLAQUE_STATES)[number];
export const PLAQUE_STATE_LABELS: Record<PlaqueState, string> = {
  none: '未挂牌',
  ordered: '制作中',
  installed: '已挂牌',
};

/**
 * R-STATION-PLAQUE (二（五）): a station not in village/community premises needs both an
 * outdoor and an indoor plaque. Returns the missing plaques in Chinese, empty when compliant.
 */
export function missingPlaques(s: {
  venueType: VenueType;
  outdoorPlaque: PlaqueState;
  indoorPlaque: PlaqueState;
}): string[] {
  if (s.venueType === 'community_center') return [];
  const missing: string[] = [];
  if (s.outdoorPlaque !== 'installed') missing.push('户外标牌');
  if (s.indoorPlaque !== 'installed') missing.push('室内标牌');
  return missing;
}
