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
});
export type Me = z.infer<typeof meSchema>;

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
