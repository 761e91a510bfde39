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

/** A county's standing on one system: a document in force, only superseded ones (none now in force), or none at all. */
export type SystemStanding = 'in_force' | 'superseded_only' | 'missing';
export const SYSTEM_STANDING_LABELS: Record<SystemStanding, string> = {
  in_force: '现行有效',
  superseded_only: '仅有已废止版本',
  missing: '缺失',
};

/**
 * The standing of a system from its documents: in force when one is effective on `today`
 * and not superseded; a document effective later does not count yet.
 */
export function systemStanding(docs: readonly { status: 'in_force' | 'superseded'; effectiveOn: string }[], today: string): SystemStanding {
  if (docs.some((d) => d.status === 'in_force' && d.effectiveOn <= today)) return 'in_force';
  // A version approved but effective only later leaves the system missing until that day.
  return docs.some((d) => d.status === 'superseded') ? 'superseded_only' : 'missing';
}

/** The finding's plain sentence for a county missing a system. */
export function missingSystemMessage(countyName: string, kind: SystemKind, standing: SystemStanding): string {
  const what = SYSTEM_KIND_LABELS[kind];
  return standing === 'superseded_only'
    ? `${countyName}的${what}已废止，目前没有现行有效的版本，请上传新版本`
    : `${countyName}尚未建立${what}，请上传经批准的制度文件`;
}
