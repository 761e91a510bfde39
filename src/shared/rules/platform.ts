// Clause 五（三）: the station as a platform other departments may use, on written application.

export const PLATFORM_RULES = {
  'R-PLATFORM-APPLY': {
    id: 'R-PLATFORM-APPLY',
    clause: '五（三）',
    title: '市直部门利用社工站平台开展外延性社会工作服务，向市民政局提出书面申请；区市职能部门、镇（街道）向区市民政部门提出书面申请',
  },
} as const;

export const APPLICATION_STATUSES = ['draft', 'submitted', 'accepted', 'changes_requested', 'refused'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交，待决定',
  accepted: '已同意',
  changes_requested: '需修改',
  refused: '不予同意',
};

export const APPLICATION_DECISIONS = ['accepted', 'changes_requested', 'refused'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];
export const APPLICATION_DECISION_LABELS: Record<ApplicationDecision, string> = {
  accepted: '同意',
  changes_requested: '请修改后重新提交',
  refused: '不予同意',
};

/** Which bureau decides: the city's for a municipal department, the county's for a county department or a town. */
export type DecidingLevel = 'city' | 'county';

/**
 * The deciding bureau of an applicant, from its data scope: a city scope applies to the city
 * bureau (the scope's own path); a county scope to that county's bureau; a town scope to the
 * bureau of the county above it. Null for any other scope (it may not apply).
 */
export function decidingBureau(kind: string, path: string | null): { level: DecidingLevel; path: string } | null {
  if (!path) return null;
  if (kind === 'city') return { level: 'city', path };
  if (kind === 'county') return { level: 'county', path };
  if (kind === 'town') {
    const parts = path.split('/').filter(Boolean);
    if (parts.length < 2) return null;
    return { level: 'county', path: `/${parts.slice(0, -1).join('/')}/` };
  }
  return null;
}

/** True when an application may be chosen for work at a station on a day: accepted, the station named, the day within its period. */
export function applicationInForce(
  a: { status: ApplicationStatus; stationIds: readonly string[]; periodStart: string; periodEnd: string },
  stationId: string,
  date: string,
): boolean {
  return a.status === 'accepted' && a.stationIds.includes(stationId) && a.periodStart <= date && date <= a.periodEnd;
}
