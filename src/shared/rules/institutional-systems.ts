// Clause 二（四）: each county unit keeps five working systems that regulate how its stations run.

export const SYSTEM_RULES = {
  'R-SYS-FIVE': {
    id: 'R-SYS-FIVE',
    clause: '二（四）',
    title: '各区市民政部门建立人员管理、财务管理、服务场所使用管理、文书档案管理、服务对象数据库管理等制度',
  },
} as const;

export const SYSTEM_KINDS = ['personnel', 'finance', 'venue', 'archives', 'client_database'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];
export const SYSTEM_KIND_LABELS: Record<SystemKind, string> = {
  personnel: '人员管理制度',
  finance: '财务管理制度',
  venue: '服务场所使用管理制度',
  archives: '文书档案管理制度',
  client_database: '服务对象数据库管理制度',
};

/**
 * A version's status on a day, read from the dates: 待生效 until its 施行日期, then 现行 until a
 * later version takes effect, then 已被替代. Registering a version effective later leaves the one
 * in force standing until that day.
 */
export type SystemDocumentStatus = 'in_force' | 'pending' | 'superseded';
export const SYSTEM_DOCUMENT_STATUSES = ['in_force', 'pending', 'superseded'] as const;
export const SYSTEM_DOCUMENT_STATUS_LABELS: Record<SystemDocumentStatus, string> = {
  in_force: '现行',
  pending: '待生效',
  superseded: '已被替代',
};

/** A county's standing on one system on a day: a version in force, or none (one effective only later does not count yet). */
export type SystemStanding = 'in_force' | 'missing';
export const SYSTEM_STANDING_LABELS: Record<SystemStanding, string> = {
  in_force: '现行有效',
  missing: '缺失',
};

/** The finding's plain sentence for a county without a version in force; `pending` is one registered to take effect later. */
export function missingSystemMessage(countyName: string, kind: SystemKind, pending?: { version: string; effectiveOn: string } | null): string {
  const what = SYSTEM_KIND_LABELS[kind];
  return pending
    ? `${countyName}的${what}（${pending.version}）自${pending.effectiveOn}起施行，此前没有现行有效的版本`
    : `${countyName}尚未建立${what}，请上传经批准的制度文件`;
}
