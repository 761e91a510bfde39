import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/users';
import { ADMIN_ROLES, PERMISSIONS, ROLE_LABELS, ROLE_PERMISSIONS, ROLE_SCOPE_KINDS, ROLES } from '../../../shared/permissions';
import { registerRoute } from '../../platform/routes';
import { availableScopeKinds } from '../regions/reference-data';
import * as service from './users.service';

export function userRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listUsers, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.orgOptions, (ctx) => service.orgOptions(ctx));
  registerRoute(app, c.createUser, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateUser, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.resetUserPassword, (ctx, { params, body }) => service.resetPassword(ctx, params.id, body.newPassword));
  registerRoute(app, c.setUserStatus, (ctx, { params, body }) => service.setStatus(ctx, params.id, body.status));
  registerRoute(app, c.unlockUser, (ctx, { params }) => service.unlock(ctx, params.id));
  registerRoute(app, c.listRoles, async (ctx) => {
    // A role whose only scope is the province has none to take in a city installation.
    const kinds = await availableScopeKinds(ctx.db);
    return ROLES.filter((role) => ROLE_SCOPE_KINDS[role].some((k) => kinds.includes(k))).map((role) => ({
      role,
      label: ROLE_LABELS[role],
      permissions: PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].includes(p)),
      scopeKinds: ROLE_SCOPE_KINDS[role].filter((k) => kinds.includes(k)),
      admin: ADMIN_ROLES.includes(role),
    }));
  });
}
