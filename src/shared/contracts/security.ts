import { z } from 'zod';
import { route } from './http';

export const securityPolicySchema = z.object({
  minLength: z.number().int().min(8, { error: '不少于 8 位' }).max(64),
  minClasses: z.number().int().min(1).max(4),
  /** 0 = no forced rotation (the default); 等保 sites commonly set 90. */
  rotationDays: z.number().int().min(0).max(365),
  maxFailedLogins: z.number().int().min(3).max(10),
  lockMinutes: z.number().int().min(5).max(1440),
  idleMinutes: z.number().int().min(5).max(120),
  absoluteHours: z.number().int().min(1).max(24),
  /** TOTP for every role (always required of the three administrators). */
  totpAllRoles: z.boolean(),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const getSecurityPolicy = route({
  method: 'GET',
  path: '/api/security/policy',
  summary: '安全策略',
  tag: 'security',
  permission: 'security:manage',
  response: securityPolicySchema.extend({ version: z.number().int(), updatedAt: z.string() }),
});

export const updateSecurityPolicy = route({
  method: 'PUT',
  path: '/api/security/policy',
  summary: '修改安全策略',
  tag: 'security',
  permission: 'security:manage',
  body: securityPolicySchema.extend({ version: z.number().int() }).strict(),
  response: securityPolicySchema.extend({ version: z.number().int(), updatedAt: z.string() }),
});
