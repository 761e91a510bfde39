export const ORG_KINDS = ['social_work_org', 'other_legal'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  social_work_org: '社会工作服务机构',
  other_legal: '其他合法主体',
};

export const ORG_STATUSES = ['active', 'suspended', 'barred'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const ORG_STATUS_LABELS: Record<OrgStatus, string> = {
  active: '正常',
  suspended: '暂停',
  barred: '禁入',
};

/** R-SCOPE-DOMAINS: the five service domains of 二（一）. */
export const SERVICE_DOMAINS = ['assistance', 'elderly', 'children', 'social_affairs', 'other'] as const;
export type ServiceDomain = (typeof SERVICE_DOMAINS)[number];
export const SERVICE_DOMAIN_LABELS: Record<ServiceDomain, string> = {
  assistance: '社会救助',
  elderly: '养老服务',
  children: '儿童福利',
  social_affairs: '社会事务',
  other: '其他（基层治理/志愿/慈善）',
};
