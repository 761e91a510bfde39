// UI strings of 安全策略 (the security policy page).
// A section of the locale (`m.security`), in its own file so it loads with the pages that use it.

export const zhCNSecurity = {
  title: '安全策略',
  minLength: '密码最小长度',
  minClasses: '密码至少包含字符类别数',
  minClassesHint: '大写字母、小写字母、数字、其他符号四类中至少几类',
  rotationDays: '密码有效期（天）',
  rotationHint: '0 表示不强制定期修改；等保常用 90 天',
  maxFailedLogins: '连续登录失败锁定次数',
  lockMinutes: '锁定时长（分钟）',
  idleMinutes: '无操作超时（分钟）',
  absoluteHours: '会话最长时长（小时）',
  passwordGroup: '密码',
  loginGroup: '登录与会话',
  totpAllRoles: '所有角色均须使用动态口令（双因素认证）',
  totpAllRolesHint: '系统管理员、安全管理员、审计管理员始终须使用动态口令；开启后其他角色在下次登录时绑定。',
  updatedAt: (at: string) => `最近修改：${at}`,
  saved: '安全策略已保存',
};
