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
