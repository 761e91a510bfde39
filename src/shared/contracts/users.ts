import { z } from 'zod';
import { PERMISSIONS, ROLES, SCOPE_KINDS } from '../permissions';
import { scopeSchema } from './auth';
import { idParams, pageOf, pagingQuery, route } from './http';

export const USER_STATUSES = ['active', 'disabled'] as const;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  scope: scopeSchema,
  status: z.enum(USER_STATUSES),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const scopeInputSchema = z.strictObject({
  kind: z.enum(SCOPE_KINDS),
  /** city/county/town: that region's code; station: the code of the station's town. */
  regionCode: z.string().regex(/^\d{6,9}$/).nullable().default(null),
  orgId: z.uuid().nullable().default(null),
});

const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, { error: '用户名为3–32位字母、数字、下划线、点或连字符，以字母开头' });

export const listUsers = route({
  method: 'GET',
  path: '/api/users',
  summary: '用户列表',
  tag: 'users',
  permission: 'user:read',
  query: z.strictObject({
    ...pagingQuery,
    q: z.string().trim().max(50).optional(),
    role: z.enum(ROLES).optional(),
    status: z.enum(USER_STATUSES).optional(),
  }),
  response: pageOf(userSchema),
});

export const createUser = route({
  method: 'POST',
  path: '/api/users',
  summary: '新建用户（首次登录须修改密码）',
  tag: 'users',
  permission: 'user:manage',
  body: z.strictObject({
    username: usernameSchema,
    displayName: z.string().trim().min(1, { error: '请填写姓名' }).max(50),
    roles: z.array(z.enum(ROLES)).min(1, { error: '至少分配一个角色' }),
    scope: scopeInputSchema,
    initialPassword: z.string().min(1, { error: '请设置初始密码' }).max(256),
  }),
  response: userSchema,
});

export const updateUser = route({
  method: 'PATCH',
  path: '/api/users/:id',
  summary: '修改用户姓名、角色与数据范围',
  tag: 'users',
  permission: 'user:manage',
  params: idParams,
  body: z.strictObject({
    version: z.number().int(),
    displayName: z.string().trim().min(1, { error: '请填写姓名' }).max(50),
    roles: z.array(z.enum(ROLES)).min(1, { error: '至少分配一个角色' }),
    scope: scopeInputSchema,
  }),
  response: userSchema,
});

export const resetUserPassword = route({
  method: 'POST',
  path: '/api/users/:id/reset-password',
  summary: '重置密码（下次登录须修改）',
  tag: 'users',
  permission: 'user:manage',
  params: idParams,
  body: z.strictObject({ newPassword: z.string().min(1, { error: '请输入新密码' }).max(256) }),
  response: userSchema,
});

export const setUserStatus = route({
  method: 'POST',
  path: '/api/users/:id/status',
  summary: '启用或停用用户（停用即结束其会话）',
  tag: 'users',
  permission: 'user:manage',
  params: idParams,
  body: z.strictObject({ status: z.enum(USER_STATUSES) }),
  response: userSchema,
});

export const unlockUser = route({
  method: 'POST',
  path: '/api/users/:id/unlock',
  summary: '解除登录锁定',
  tag: 'users',
  permission: 'user:manage',
  params: idParams,
  response: userSchema,
});

export const orgOptions = route({
  method: 'GET',
  path: '/api/users/org-options',
  summary: '可分配的承接机构（仅名称）',
  tag: 'users',
  permission: 'user:manage',
  response: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const listRoles = route({
  method: 'GET',
  path: '/api/roles',
  summary: '角色及其权限',
  tag: 'users',
  permission: 'role:read',
  response: z.array(
    z.object({
      role: z.enum(ROLES),
      label: z.string(),
      permissions: z.array(z.enum(PERMISSIONS)),
      scopeKinds: z.array(z.enum(SCOPE_KINDS)),
      admin: z.boolean(),
    }),
  ),
});
