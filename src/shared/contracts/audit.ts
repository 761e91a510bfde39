import { z } from 'zod';
import { calendarDate, pageOf, pagingQuery, route } from './http';

function auditChangeSchema() {
  const value = z.object({ text: z.string(), title: z.string().optional() }).nullable();
  return z.object({ field: z.string(), label: z.string(), before: value, after: value });
}

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
  detail: z.string(),
  /** The object by name (station standard name, client's masked name, report title …); null when unknown. */
  objectName: z.string().nullable(),
  /**
   * The logged before/after images as "field: before → after" in Chinese, ids by name
   * (src/shared/audit-labels.ts); the raw JSON is not sent again beside them.
   */
  changes: z.array(auditChangeSchema()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const auditFilter = {
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(64).optional(),
  /** China calendar days, inclusive. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
};

export const listAudit = route({
  method: 'GET',
  path: '/api/audit',
  summary: '审计日志（按用户、操作、对象、时间检索）',
  tag: 'audit',
  permission: 'audit:read',
  query: z.strictObject({ ...pagingQuery, ...auditFilter }),
  response: pageOf(auditEntrySchema),
});

/** At most this many rows per export, newest first; more matching rows are said in the file and in X-Export-Capped. */
export const AUDIT_EXPORT_CAP = 50_000;

export const exportAudit = route({
  method: 'GET',
  path: '/api/audit/export',
  summary: '按当前检索条件导出审计日志（Excel，最多 50,000 条，导出本身记入审计日志）',
  tag: 'audit',
  permission: 'audit:read',
  query: z.strictObject(auditFilter),
});

const auditKind = z.object({ code: z.string(), label: z.string() });
export const listAuditKinds = route({
  method: 'GET',
  path: '/api/audit/kinds',
  summary: '审计日志中出现过的全部操作与对象类型（检索条件的选项）',
  tag: 'audit',
  permission: 'audit:read',
  response: z.object({ actions: z.array(auditKind), objectTypes: z.array(auditKind) }),
});

export const auditCheckpointSchema = z.strictObject({
  id: z.number().int(),
  at: z.string().max(40),
  rowCount: z.number().int().min(0),
  headId: z.number().int().min(0),
  headHash: z.string().max(128),
  firstKeyedId: z.number().int().min(0),
  signature: z.string().max(200),
});
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;

/** The checkpoint export the audit administrator keeps outside the database. */
export const auditCheckpointFileSchema = z.strictObject({
  format: z.literal('sgz-audit-checkpoint/1', { error: '不是 SGZ 审计检查点文件' }),
  /** Ed25519 public key (SPKI, base64) that verifies the signatures. */
  publicKey: z.string().max(200),
  checkpoints: z.array(auditCheckpointSchema).max(100_000),
});
export type AuditCheckpointFile = z.infer<typeof auditCheckpointFileSchema>;

export const auditVerifyReportSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAtId: z.number().int().nullable(),
  /** Rows written before the keyed chain (unkeyed SHA-256), verified as they were. */
  legacyRows: z.number().int(),
  headId: z.number().int().nullable(),
  lastCheckpoint: auditCheckpointSchema.nullable(),
  externalCheckpoint: auditCheckpointSchema.nullable(),
  publicKey: z.string(),
  problems: z.array(
    z.object({
      kind: z.enum(['broken_chain', 'bad_signature', 'checkpoint_mismatch', 'truncated']),
      checkpointId: z.number().int().nullable(),
      source: z.enum(['database', 'file']),
      message: z.string(),
    }),
  ),
});
export type AuditVerifyReport = z.infer<typeof auditVerifyReportSchema>;

export const verifyAudit = route({
  method: 'GET',
  path: '/api/audit/verify',
  summary: '校验审计日志（密钥哈希链与库内检查点）',
  tag: 'audit',
  permission: 'audit:read',
  response: auditVerifyReportSchema,
});

export const verifyAuditAgainstFile = route({
  method: 'POST',
  path: '/api/audit/verify',
  summary: '用导出保存的检查点文件校验审计日志（发现末尾记录被删除）',
  tag: 'audit',
  permission: 'audit:read',
  body: auditCheckpointFileSchema,
  response: auditVerifyReportSchema,
});

export const exportAuditCheckpoints = route({
  method: 'GET',
  path: '/api/audit/checkpoints/export',
  summary: '生成新检查点并导出全部签名检查点（JSON，请保存在数据库之外）',
  tag: 'audit',
  permission: 'audit:read',
});

/** Action names as written to the log; the audit page offers them as a filter. */
export const AUDIT_ACTIONS = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'auth.profile_update': '修改本人资料',
  'auth.totp_enrol': '绑定动态口令',
  'auth.totp_failed': '动态口令验证失败',
  'auth.recovery_code_used': '使用恢复码登录',
  'auth.totp_reset': '重置动态口令',
  'auth.reset_notice_ack': '确认密码重置提示',
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
  'dashboard.export': '导出驾驶舱统计',
  'catalogue.update': '修改服务项目目录',
  'partner.create': '登记资源链接单位',
  'partner.update': '编辑资源链接单位',
  'client.create': '登记服务对象',
  'client.update': '编辑服务对象',
  'client.status': '变更服务对象状态',
  'client.consent': '记录同意',
  'client.reveal': '查看服务对象完整敏感信息',
  'client.export': '导出服务对象',
  'client.import': '批量导入服务对象',
  'volunteer.create': '登记志愿者',
  'volunteer.update': '编辑志愿者',
  'volunteer.reveal': '查看志愿者完整敏感信息',
  'volunteer.record': '记录志愿服务',
  'volunteer.certificate': '出具志愿服务记录证明',
  'volunteer.certificate_print': '打印志愿服务记录证明',
  'volunteer_team.create': '登记志愿服务队/社区社会组织',
  'volunteer_team.update': '编辑志愿服务队/社区社会组织',
  'case.open': '接案',
  'case.change': '个案阶段或审核',
  'record.create': '记录服务',
  'record.attach': '上传服务附件',
  'record.review': '审核“其他”服务项目',
  'plan.create': '编制年度计划',
  'plan.update': '修改年度计划',
  'plan.submit': '报送年度计划',
  'plan.review': '年度计划备案或退回',
  'procurement.create': '登记采购项目',
  'procurement.update': '修改采购项目',
  'procurement.publish': '公开采购项目',
  'procurement.award': '登记采购结果',
  'procurement.cancel': '取消采购项目',
  'contract.create': '登记服务合同',
  'contract.update': '修改服务合同',
  'contract.sign': '登记合同签订',
  'contract.status': '变更合同状态',
  'contract.payment': '登记合同付款',
  'contract.spending': '登记合同支出',
  'contract.grade': '登记合同评估等次',
  'contract.file_upload': '上传合同文件',
  'funding.budget': '安排社工站年度资金',
  'report.create': '起草报告',
  'report.update': '修改报告',
  'report.submit': '提交报告',
  'report.review': '接收或退回报告',
  'report.file_upload': '上传报告附件',
  'report.export': '导出报告',
  'evaluation.configure': '设置评估指标体系',
  'evaluation.create': '开始绩效评估',
  'evaluation.score': '评估打分',
  'evaluation.finish': '完成绩效评估（确定等次）',
  'evaluation.file_upload': '上传评估佐证材料',
  'supervision.create': '登记督导记录',
  'supervision.update': '更新督导跟进',
  'group.create': '新建小组/社区活动',
  'group.session': '记录小组/社区活动',
  'group.phase': '小组阶段变更',
  'referral.create': '转介',
  'referral.update': '更新转介状态',
  'resource.need.create': '登记资源需求',
  'resource.need.met': '需求已满足',
  'resource.need.cancel': '撤销资源需求',
  'resource.need.public-request': '提交需求公示文字',
  'resource.need.public-return': '退回需求公示文字',
  'resource.need.publish': '审核公开需求公示',
  'resource.need.unpublish': '撤下需求公示',
  'resource.offer.create': '登记慈善资源',
  'resource.match.propose': '提出资源对接',
  'resource.match.confirm': '确认资源对接',
  'resource.match.reject': '退回资源对接',
  'resource.match.proof': '上传交付凭证',
  'resource.delivery': '登记资源交付',
  'audit.checkpoint_export': '导出审计检查点',
  'audit.export': '导出审计日志',
  'system.backup': '备份数据库',
  'system.restore': '从备份恢复数据库',
  'application.create': '起草使用社工站的申请',
  'application.update': '修改使用社工站的申请',
  'application.submit': '提交使用社工站的申请',
  'application.decide': '决定使用社工站的申请',
  'application.export': '导出书面申请或答复',
  'system_document.create': '登记五项制度文件（新版本替代现行版本）',
  'system_document.file': '上传五项制度文件正文',
  'venue.room.create': '登记服务场所',
  'venue.booking.create': '预约服务场所',
  'venue.booking.cancel': '取消服务场所预约',
  'publicity.create': '撰写社工故事或工作动态',
  'publicity.update': '修改社工故事或工作动态',
  'publicity.photo': '上传宣传稿件照片',
  'publicity.submit': '提交宣传稿件审核',
  'publicity.publish': '审核发布宣传稿件',
  'publicity.return': '退回宣传稿件',
  'publicity.brand': '登记服务品牌',
  'publicity.brand.update': '修改服务品牌',
  'station_plan.create': '编制社工站一站一策服务计划',
  'station_plan.update': '修改社工站服务计划',
  'station_plan.submit': '报送社工站服务计划审定',
  'station_plan.review': '审定或退回社工站服务计划',
  'station_plan.file_upload': '上传需求调研报告或服务计划',
  'archive.request': '申请生成资料归档',
  'archive.download': '下载资料归档',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
