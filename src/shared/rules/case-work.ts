/** Case work stages after MZ/T 094-2017 (个案社会工作服务指南), in their only allowed order. */
export const CASE_STAGES = ['intake', 'assessment', 'planning', 'intervention', 'evaluation', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
export const CASE_STAGE_LABELS: Record<CaseStage, string> = {
  intake: '接案',
  assessment: '预估',
  planning: '计划',
  intervention: '介入',
  evaluation: '评估',
  closed: '结案',
};

/** What a case waits for: the plan and the closure take effect only when approved. */
export const CASE_APPROVALS = ['plan', 'closure'] as const;
export type CaseApproval = (typeof CASE_APPROVALS)[number];
export const CASE_APPROVAL_LABELS: Record<CaseApproval, string> = { plan: '服务计划', closure: '结案' };

export const CASE_RULES = {
  'R-FOUR-EYES': {
    id: 'R-FOUR-EYES',
    clause: '五（四）',
    title: '加强监督：提交审核的服务计划、结案或报告，须由提交人以外的另一人审核（双人复核）',
  },
  'R-CASE-ORDER': {
    id: 'R-CASE-ORDER',
    clause: 'MZ/T 094-2017',
    title: '个案工作按接案、预估、计划、介入、评估、结案的顺序开展；服务计划和结案须经审核',
  },
} as const;

/** The next stage, or null at the end. */
export function nextStage(stage: CaseStage): CaseStage | null {
  return CASE_STAGES[CASE_STAGES.indexOf(stage) + 1] ?? null;
}

/**
 * Why moving from `from` to `to` is not allowed (Chinese), or null. Only the next stage is
 * allowed (介入 is never asked for: approving the plan enters it); a returned plan may be
 * submitted again.
 */
export function stageChangeProblem(from: CaseStage, to: CaseStage, pending: CaseApproval | null): string | null {
  if (pending) return `正在等待${CASE_APPROVAL_LABELS[pending]}审核，审核后才能继续`;
  if (from === 'closed') return '个案已结案';
  // A returned plan is revised and submitted again.
  if (from === 'planning' && to === 'planning') return null;
  const next = nextStage(from);
  if (to !== next) return `当前阶段为“${CASE_STAGE_LABELS[from]}”，下一步应为“${next ? CASE_STAGE_LABELS[next] : ''}”，不能直接进入“${CASE_STAGE_LABELS[to]}”`;
  return null;
}

/** MZ/T 095-2017 group work phases (小组工作). */
export const GROUP_PHASES = ['preparing', 'beginning', 'middle', 'ending', 'closed'] as const;
export type GroupPhase = (typeof GROUP_PHASES)[number];
export const GROUP_PHASE_LABELS: Record<GroupPhase, string> = {
  preparing: '准备期',
  beginning: '开始期',
  middle: '中期',
  ending: '后期',
  closed: '结束',
};

export const SERVICE_METHODS = ['case', 'group', 'community'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = { case: '个案', group: '小组', community: '社区' };

export const REFERRAL_STATUSES = ['pending', 'accepted', 'completed', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  pending: '待回复',
  accepted: '已接收',
  completed: '已完成',
  declined: '未接收',
};
