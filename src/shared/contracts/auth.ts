import { z } from 'zod';
import { PERMISSIONS, ROLES, SCOPE_KINDS } from '../permissions';
import { okResponse, route } from './http';

export const scopeSchema = z.object({
  kind: z.enum(SCOPE_KINDS),
  /** Region code of the scope (city, county or town); null for org and none. */
  regionCode: z.string().nullable(),
  /** Human label: "威海市", "环翠区", "鲸园街道", the organisation's name … */
  label: z.string(),
  orgId: z.string().nullable(),
  stationId: z.string().nullable(),
});
export type Scope = z.infer<typeof scopeSchema>;

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.enum(PERMISSIONS)),
  scope: scopeSchema,
  mustChangePassword: z.boolean(),
  /** Echo this in the X-CSRF-Token header on every state-changing request. */
  csrfToken: z.string(),
  idleMinutes: z.number().int(),
  /** The composition rules in force, for live hints while a password is typed. */
  passwordPolicy: z.object({ minLength: z.number().int(), minClasses: z.number().int() }),
  /** An administrator reset this user's password and the user has not acknowledged it yet. */
  passwordReset: z.object({ at: z.string(), by: z.string() }).nullable(),
});
export type Me = z.infer<typeof meSchema>;

/**
 * The password was right and a second factor is due: `verify` (a code from the authenticator
 * app or a recovery code) or `enrol` (first login of a user who must use TOTP). The pending
 * token can do nothing else and expires in a few minutes.
 */
export const secondFactorSchema = z.object({
  secondFactor: z.enum(['verify', 'enrol']),
  pendingToken: z.string(),
  expiresAt: z.string(),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorSchema>;

const pendingToken = z.string().min(1).max(100);
/** Six digits from the app, or a recovery code (XXXXX-XXXXX). */
const otpCode = z.string().trim().min(1, { error: '请输入动态口令' }).max(32);

export const login = route({
  method: 'POST',
  path: '/api/auth/login',
  summary: '登录',
  tag: 'auth',
  public: true,
  body: z.strictObject({
    username: z.string().trim().min(1, { error: '请输入用户名' }).max(64),
    password: z.string().min(1, { error: '请输入密码' }).max(256),
  }),
  /** The user, or the second-factor step when TOTP is required of them. */
  response: z.union([meSchema, secondFactorSchema]),
});

export const verifySecondFactor = route({
  method: 'POST',
  path: '/api/auth/totp',
  summary: '登录第二步：动态口令或恢复码',
  tag: 'auth',
  public: true,
  body: z.strictObject({ pendingToken, code: otpCode }),
  response: meSchema,
});

export const startEnrolment = route({
  method: 'POST',
  path: '/api/auth/totp/enrolment',
  summary: '绑定动态口令：密钥与二维码',
  tag: 'auth',
  public: true,
  body: z.strictObject({ pendingToken }),
  response: z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() }),
});

export const confirmEnrolment = route({
  method: 'POST',
  path: '/api/auth/totp/enrolment/confirm',
  summary: '绑定动态口令：输入第一个口令确认，返回一次性恢复码',
  tag: 'auth',
  public: true,
  body: z.strictObject({ pendingToken, code: otpCode }),
  /** recoveryCodes are shown this once; only their keyed hashes are kept. */
  response: meSchema.extend({ recoveryCodes: z.array(z.string()) }),
});

export const acknowledgeResetNotice = route({
  method: 'POST',
  path: '/api/auth/reset-notice',
  summary: '确认已知晓密码被重置',
  tag: 'auth',
  permission: 'self',
  response: meSchema,
});

export const logout = route({
  method: 'POST',
  path: '/api/auth/logout',
  summary: '退出登录',
  tag: 'auth',
  permission: 'self',
  response: okResponse,
});

export const me = route({
  method: 'GET',
  path: '/api/auth/me',
  summary: '当前用户',
  tag: 'auth',
  permission: 'self',
  response: meSchema,
});

export const changePassword = route({
  method: 'POST',
  path: '/api/auth/password',
  summary: '修改本人密码',
  tag: 'auth',
  permission: 'self',
  body: z.strictObject({
    currentPassword: z.string().min(1, { error: '请输入当前密码' }).max(256),
    newPassword: z.string().min(1, { error: '请输入新密码' }).max(256),
  }),
  response: meSchema,
});

export const updateProfile = route({
  method: 'PATCH',
  path: '/api/auth/profile',
  summary: '修改本人资料',
  tag: 'auth',
  permission: 'self',
  body: z.strictObject({ displayName: z.string().trim().min(1, { error: '请填写姓名' }).max(50) }),
  response: meSchema,
});
