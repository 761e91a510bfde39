import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/auth';
import { registerRoute } from '../../platform/routes';
import * as auth from './auth.service';

export function authRoutes(app: FastifyInstance): void {
  registerRoute(app, c.login, (ctx, { body }, reply, request) =>
    auth.login(ctx, request, reply, body.username, body.password),
  );
  registerRoute(app, c.verifySecondFactor, (ctx, { body }, reply, request) =>
    auth.verifySecondFactor(ctx, request, reply, body.pendingToken, body.code),
  );
  registerRoute(app, c.startEnrolment, (ctx, { body }) => auth.startEnrolment(ctx, body.pendingToken));
  registerRoute(app, c.confirmEnrolment, (ctx, { body }, reply, request) =>
    auth.confirmEnrolment(ctx, request, reply, body.pendingToken, body.code),
  );
  registerRoute(app, c.acknowledgeResetNotice, (ctx) => auth.acknowledgeResetNotice(ctx));
  registerRoute(app, c.logout, (ctx, _in, reply) => auth.logout(ctx, reply));
  registerRoute(app, c.me, (ctx) => auth.currentUser(ctx));
  registerRoute(app, c.changePassword, (ctx, { body }) =>
    auth.changeOwnPassword(ctx, body.currentPassword, body.newPassword),
  );
  registerRoute(app, c.updateProfile, (ctx, { body }) => auth.updateOwnProfile(ctx, body.displayName));
}
