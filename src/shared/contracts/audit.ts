import { z } from 'zod';
import { calendarDate, pageOf, pagingQuery, route } from './http';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  ip: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  result: z.enum(['ok', 'fail']),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAudit = route({
  method: 'GET',
  path: '/api/audit',
  summary: '审计日志（按用户、操作、对象、时间检索）',
  tag: 'audit',
  permission: 'audit:read',
  query: z.strictObject({
    ...pagingQuery,
    actor: z.string().trim().max(64).optional(),
    action: z.string().trim().max(64).optional(),
    objectType: z.string().trim().max(64).optional(),
    objectId: z.string().trim().max(64).optional(),
    /** China calendar days, inclusive. */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  }),
  response: pageOf(auditEntrySchema),
});

export const verifyAudit = route({
  method: 'GET',
  path: '/api/audit/verify',
  summary: '校验审计日志哈希链是否完整',
  tag: 'audit',
  permission: 'audit:read',
  response: z.object({ ok: z.boolean(), checked: z.number().int(), brokenAtId: z.number().int().nullable() }),
});

/** Action names as written to the log; the audit page offers them as a filter. */
export const AUDIT_ACTIONS = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'auth.profile_update': '修改本人资料',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.roles_change': '变更角色或数据范围',
  'user.password_reset': '重置密码',
  'user.status': '启用/停用用户',
  'user.unlock': '解除锁定',
  'station.create': '新建社工站',
  'station.update': '编辑社工站',
  'station.status': '变更社工站状态',
  'station.export': '导出社工站名录',
  'security.policy_update': '修改安全策略',
  'org.create': '登记承接机构',
  'org.update': '编辑承接机构',
  'org.status': '变更承接机构状态',
  'org.file_upload': '上传机构材料',
  'org.export': '导出承接机构',
  'worker.create': '登记驻站社工',
  'worker.update': '编辑驻站社工',
  'worker.certificate': '变更证书记录',
  'worker.training': '变更培训记录',
  'worker.reveal': '查看完整敏感信息',
  'worker.account': '开通社工账号',
  'worker.import': '批量导入驻站社工',
  'worker.export': '导出驻站社工',
  'posting.create': '安排上岗',
  'posting.exception': '登记上岗例外',
  'posting.end': '离岗',
  'compliance.export': '导出人员配备问题',
  'catalogue.update': '修改服务项目目录',
  'partner.create': '登记资源链接单位',
  'partner.update': '编辑资源链接单位',
  'client.create': '登记服务对象',
  'client.update': '编辑服务对象',
  'client.status': '变更服务对象状态',
  'client.consent': '记录同意',
  'client.reveal': '查看服务对象完整敏感信息',
  'client.export': '导出服务对象',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
