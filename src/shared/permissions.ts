// Permissions are the unit of authorisation; roles are named presets of them.
// The server guards every route with one permission, and the web gates menus and
// buttons with the same strings, so the two cannot drift.

export const PERMISSIONS = [
  'region:read',
  'station:read',
  'station:create',
  'station:update',
  'station:status',
  'station:export',
  'dashboard:read',
  'org:read',
  'org:create',
  'org:update',
  'org:status',
  'worker:read',
  'worker:write',
  'worker:reveal',
  'worker:import',
  'worker:export',
  'posting:write',
  'posting:exception',
  'compliance:read',
  'catalogue:read',
  'catalogue:manage',
  'partner:read',
  'partner:manage',
  'client:read',
  'client:sensitive',
  'client:write',
  'client:reveal',
  'client:export',
  'case:approve',
  'resource:read',
  'resource:write',
  'resource:confirm',
  'record:review',
  'plan:read',
  'plan:write',
  'plan:file',
  'procurement:read',
  'procurement:write',
  'contract:read',
  'contract:write',
  'contract:grade',
  'funding:read',
  'funding:write',
  'calendar:read',
  'report:read',
  'report:write',
  'report:review',
  'evaluation:read',
  'evaluation:configure',
  'evaluation:score',
  'supervision:read',
  'supervision:write',
  'user:read',
  'user:manage',
  'role:read',
  'security:manage',
  'audit:read',
  'volunteer:read',
  'volunteer:write',
  'volunteer:reveal',
  'application:read',
  'application:write',
  'application:decide',
  'publicity:read',
  'publicity:write',
  'publicity:review',
  'system:read',
  'system:write',
  'venue:read',
  'venue:write',
  'archive:read',
  'archive:request',
  'stationplan:read',
  'stationplan:write',
  'stationplan:approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Any logged-in user, whatever their roles (own profile, own password, logout). */
export const SELF = 'self' as const;
export type RoutePermission = Permission | typeof SELF;

export const ROLES = [
  'province_officer',
  'city_officer',
  'district_officer',
  'town_officer',
  'org_manager',
  'station_worker',
  'evaluator',
  'dept_applicant',
  'sys_admin',
  'sec_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** 三员分立: no user may hold two of these, nor mix one with a business role. */
export const ADMIN_ROLES: readonly Role[] = ['sys_admin', 'sec_admin', 'audit_admin'];

export const ROLE_LABELS: Record<Role, string> = {
  province_officer: '省民政厅',
  city_officer: '市民政局',
  district_officer: '区市民政部门',
  town_officer: '镇街',
  org_manager: '承接机构负责人',
  station_worker: '驻站社工',
  evaluator: '评估员',
  dept_applicant: '其他部门申请人',
  sys_admin: '系统管理员',
  sec_admin: '安全管理员',
  audit_admin: '审计管理员',
};

export const PERMISSION_LABELS: Record<Permission, string> = {
  'region:read': '查看行政区划',
  'station:read': '查看社工站',
  'station:create': '新建社工站',
  'station:update': '编辑社工站',
  'station:status': '变更社工站状态',
  'station:export': '导出社工站',
  'dashboard:read': '查看首页统计',
  'org:read': '查看承接机构',
  'org:create': '登记承接机构',
  'org:update': '编辑承接机构',
  'org:status': '变更承接机构状态',
  'worker:read': '查看驻站社工（脱敏）',
  'worker:write': '登记和编辑驻站社工',
  'worker:reveal': '查看完整身份证号和电话（留痕）',
  'worker:import': '批量导入驻站社工',
  'worker:export': '导出驻站社工',
  'posting:write': '安排社工上岗和离岗',
  'posting:exception': '登记上岗例外（须说明理由）',
  'compliance:read': '查看人员配备达标情况',
  'catalogue:read': '查看服务项目目录',
  'catalogue:manage': '维护服务项目目录（标记不得列入事项）',
  'partner:read': '查看资源链接单位',
  'partner:manage': '维护资源链接单位',
  'client:read': '查看服务对象',
  'client:sensitive': '查看服务对象身份证号（脱敏）和个案记录',
  'client:write': '登记和编辑服务对象',
  'client:reveal': '查看服务对象完整身份证号和电话（留痕）',
  'client:export': '导出服务对象（脱敏）',
  'case:approve': '审核个案服务计划和结案',
  'resource:read': '查看慈善资源与需求对接',
  'resource:write': '登记需求和资源、提出对接、登记交付',
  'resource:confirm': '确认资源对接、审核需求公示墙',
  'record:review': '审核“其他”服务项目',
  'plan:read': '查看年度计划',
  'plan:write': '编制和报送年度计划',
  'plan:file': '年度计划备案或退回',
  'procurement:read': '查看采购项目',
  'procurement:write': '登记和公开采购项目',
  'contract:read': '查看服务合同',
  'contract:write': '登记服务合同、付款和支出',
  'contract:grade': '登记合同年度评估等次',
  'funding:read': '查看资金安排和执行',
  'funding:write': '安排社工站年度资金',
  'calendar:read': '查看工作日历',
  'report:read': '查看报告',
  'report:write': '起草和提交报告',
  'report:review': '接收或退回报告',
  'evaluation:read': '查看绩效评估',
  'evaluation:configure': '设置年度评估指标体系',
  'evaluation:score': '评估打分',
  'supervision:read': '查看督导记录',
  'supervision:write': '登记督导记录',
  'user:read': '查看用户',
  'user:manage': '管理用户',
  'role:read': '查看角色',
  'security:manage': '设置安全策略',
  'audit:read': '查阅审计日志',
  'volunteer:read': '查看志愿者、志愿服务记录和志愿服务队（身份证号脱敏）',
  'volunteer:write': '登记志愿者、志愿服务记录和志愿服务队，出具志愿服务记录证明',
  'volunteer:reveal': '查看志愿者完整身份证号和电话（留痕）',
  'application:read': '查看部门使用社工站的申请（申请人仅本人的）',
  'application:write': '起草和提交使用社工站的书面申请',
  'application:decide': '决定使用社工站的申请（同意、退回修改或不予同意）',
  'publicity:read': '查看社工故事、工作动态和服务品牌',
  'publicity:write': '撰写社工故事和工作动态并提交审核，维护本站服务品牌',
  'publicity:review': '审核社工故事和工作动态（发布或退回）',
  'system:read': '查看区市五项制度文件及完备情况',
  'system:write': '上传和修订本区市的五项制度文件',
  'venue:read': '查看社工站服务场所及预约、使用统计',
  'venue:write': '登记服务场所和预约（冲突与开放时间外的预约被拒绝）',
  'archive:read': '查看和下载本人管辖社工站的年度资料归档（下载留痕）',
  'archive:request': '生成社工站年度或合同资料归档（承接机构仅限其承接服务的年度和本机构的合同）',
  'stationplan:read': '查看一站一策服务计划',
  'stationplan:write': '编制和报送一站一策服务计划',
  'stationplan:approve': '审定一站一策服务计划',
};

// "社工+志愿者" (一（二）3): the station's operator and staff keep the register; officers read it.
const volunteersRead: Permission[] = ['volunteer:read'];
const volunteersWork: Permission[] = ['volunteer:read', 'volunteer:write', 'volunteer:reveal'];
const businessRead: Permission[] = ['region:read', 'station:read', 'dashboard:read', 'catalogue:read', 'partner:read'];
const stationAdmin: Permission[] = ['station:create', 'station:update', 'station:status', 'station:export'];
const orgAdmin: Permission[] = ['org:read', 'org:create', 'org:update', 'org:status', 'partner:manage'];
const staffing: Permission[] = ['worker:read', 'worker:write', 'worker:reveal', 'worker:import', 'worker:export', 'posting:write'];
const clientsRead: Permission[] = ['client:read', 'client:sensitive'];
const clientsWork: Permission[] = [...clientsRead, 'client:write', 'client:reveal', 'client:export'];
const purchaseRead: Permission[] = ['plan:read', 'procurement:read', 'contract:read', 'funding:read', 'calendar:read', 'report:read', 'evaluation:read', 'supervision:read'];
const purchaseWork: Permission[] = [...purchaseRead, 'plan:write', 'procurement:write', 'contract:write', 'contract:grade', 'funding:write'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Read-mostly: the province oversees the cities' stations, staffing, purchasing, money, reports
  // and evaluations, and files nothing that belongs to a city or county (no plan filing, report
  // acceptance, catalogue or evaluation set-up). No full ID numbers, phones or case notes
  // (worker:reveal, client:sensitive) and no client lists (client:export): supervision from the
  // province needs figures, not personal files (PIPL, minimum necessary).
  province_officer: [...businessRead, 'station:export', 'org:read', 'worker:read', 'worker:export', 'compliance:read', 'client:read', ...purchaseRead, 'system:read', 'stationplan:read'],
  city_officer: [...businessRead, ...volunteersRead, ...stationAdmin, ...orgAdmin, 'worker:read', 'worker:reveal', 'worker:export', 'compliance:read', 'catalogue:manage', ...clientsRead, 'client:export', ...purchaseRead, 'plan:file', 'report:review', 'evaluation:configure', 'application:read', 'application:decide', 'resource:read', 'system:read', 'publicity:read', 'venue:read', 'stationplan:read', 'archive:read', 'archive:request'],
  district_officer: [...businessRead, ...volunteersWork, ...stationAdmin, ...orgAdmin, ...staffing, 'posting:exception', 'compliance:read', ...clientsWork, 'record:review', ...purchaseWork, 'report:write', 'report:review', 'evaluation:score', 'supervision:write', 'application:read', 'application:decide', 'resource:read', 'resource:write', 'resource:confirm', 'system:read', 'system:write', 'publicity:read', 'publicity:write', 'publicity:review', 'venue:read', 'venue:write', 'stationplan:read', 'stationplan:write', 'stationplan:approve', 'archive:read', 'archive:request'],
  town_officer: [...businessRead, ...volunteersRead, 'station:update', 'station:export', 'org:read', 'worker:read', 'worker:export', 'compliance:read', ...clientsRead, 'client:export', ...purchaseRead, 'evaluation:score', 'supervision:write', 'resource:read', 'resource:confirm', 'system:read', 'publicity:read', 'venue:read', 'stationplan:read', 'archive:read', 'archive:request'],
  org_manager: [...businessRead, ...volunteersWork, 'station:export', 'org:read', 'org:update', ...staffing, 'compliance:read', ...clientsWork, 'case:approve', 'contract:read', 'calendar:read', 'report:read', 'report:write', 'supervision:read', 'resource:read', 'resource:write', 'resource:confirm', 'system:read', 'publicity:read', 'publicity:write', 'venue:read', 'venue:write', 'stationplan:read', 'stationplan:write', 'archive:read', 'archive:request'],
  station_worker: [...businessRead, ...volunteersWork, 'worker:read', 'compliance:read', ...clientsWork, 'resource:read', 'resource:write', 'system:read', 'publicity:read', 'publicity:write', 'venue:read', 'venue:write', 'stationplan:read', 'stationplan:write'],
  // Evaluators see staffing and clients without ID numbers or case notes: no reveal, no client:sensitive.
  evaluator: [...businessRead, 'org:read', 'worker:read', 'compliance:read', 'client:read', ...purchaseRead, 'evaluation:score', 'supervision:write'],
  // Its own applications and their results (五（三）); never clients' personal data.
  dept_applicant: [...businessRead, 'application:read', 'application:write'],
  // Regions are reference data the administrator needs to assign scopes; no business rows.
  sys_admin: ['region:read', 'user:read', 'user:manage', 'role:read'],
  sec_admin: ['security:manage'],
  audit_admin: ['audit:read'],
};

/** The kind of data scope each role is given; admins get none (they read no business data). */
export const SCOPE_KINDS = ['province', 'city', 'county', 'town', 'station', 'org', 'none'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const SCOPE_KIND_LABELS: Record<ScopeKind, string> = {
  province: '全省',
  city: '全市',
  county: '区市',
  town: '镇街',
  station: '社工站',
  org: '承接机构',
  none: '无业务数据',
};

/**
 * The province kind exists only in a province installation (a region of level province). Evaluators
 * and applicants keep city, county and town scopes: evaluations are per county's contract.
 */
export const ROLE_SCOPE_KINDS: Record<Role, readonly ScopeKind[]> = {
  province_officer: ['province'],
  city_officer: ['city'],
  district_officer: ['county'],
  town_officer: ['town'],
  org_manager: ['org'],
  station_worker: ['station'],
  evaluator: ['city', 'county', 'town'],
  dept_applicant: ['city', 'county', 'town'],
  sys_admin: ['none'],
  sec_admin: ['none'],
  audit_admin: ['none'],
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

/** Returns a Chinese reason when the role set breaks separation of duties, else null. */
export function roleSetProblem(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '至少分配一个角色';
  const admins = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admins.length > 1) return '三员分立：系统管理员、安全管理员、审计管理员不得由同一人兼任';
  if (admins.length === 1 && roles.length > 1) return '三员分立：管理员账号不得兼任业务角色';
  return null;
}

/** The scope kinds every role of the set accepts (the intersection). */
export function scopeKindsFor(roles: readonly Role[]): ScopeKind[] {
  return SCOPE_KINDS.filter((k) => roles.every((r) => ROLE_SCOPE_KINDS[r].includes(k)));
}
