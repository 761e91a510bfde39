import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { RouteContract } from '../../shared/contracts/http';
import type { RoutePermission } from '../../shared/permissions';
import { AppError } from './errors';
import { csrfMatches } from './session';
import type { Ctx } from './context';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    public?: boolean;
  }
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<C extends RouteContract> {
  params: Out<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
}

/** A handler gets the context and the parsed input; file downloads set headers on reply. */
export type Handler<C extends RouteContract> = (
  ctx: Ctx,
  input: RouteInput<C>,
  reply: FastifyReply,
  request: FastifyRequest,
) => Promise<C['response'] extends z.ZodType ? z.input<C['response']> : Buffer>;

/** Routes a user who must change their password may still use. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/password']);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default: authentication, forced password change, permission and CSRF, in that order.
 * One global hook reads the matched route's declared config, so a route added outside
 * registerRoute is guarded by what it declares. It runs on request, before the body is parsed
 * or validated: an anonymous or unpermitted caller learns nothing about the input shape.
 */
export function installGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    // The not-found handler answers 404 (or the single-page app) to everyone.
    if (request.is404) return;
    const config = request.routeOptions.config;
    if (config.public === true) return;
    const actor = request.ctx.actor;
    if (!actor) {
      const expired = request.sessionExpired;
      throw new AppError(
        'UNAUTHENTICATED',
        expired === 'idle' ? '长时间未操作，会话已过期，请重新登录' : expired === 'absolute' ? '会话已到期，请重新登录' : '请先登录',
      );
    }
    if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? ''))
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改密码');
    if (config.permission !== 'self' && (!config.permission || !actor.permissions.has(config.permission)))
      throw new AppError('FORBIDDEN', '您没有执行此操作的权限');
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(actor, request))
      throw new AppError('CSRF_FAILED', '请求校验失败，请刷新页面后重试');
  });
}

export function registerRoute<C extends RouteContract>(app: FastifyInstance, contract: C, handler: Handler<C>): void {
  if (!contract.public && !contract.permission)
    throw new Error(`${contract.method} ${contract.path} declares neither a permission nor public`);
  app.withTypeProvider<ZodTypeProvider>().route({
    method: contract.method,
    url: contract.path,
    config: { permission: contract.permission, public: contract.public === true },
    schema: {
      summary: contract.summary,
      tags: [contract.tag],
      ...(contract.params && { params: contract.params }),
      ...(contract.query && { querystring: contract.query }),
      ...(contract.body && { body: contract.body }),
      ...(contract.response && { response: { 200: contract.response } }),
    },
    handler: async (request, reply) => {
      const input = {
        params: request.params,
        query: request.query,
        body: request.body,
      } as RouteInput<C>;
      return handler(request.ctx, input, reply, request);
    },
  });
}

/**
 * The server refuses to start when any route, ours or a plugin's, declares neither a
 * permission nor public access.
 */
export function enforceRouteDeclarations(app: FastifyInstance): void {
  const seen: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    seen.push(route);
  });
  app.addHook('onReady', async () => {
    const bad = seen.filter((r) => !r.config?.public && !r.config?.permission);
    if (bad.length > 0) {
      const list = bad.map((r) => `${String(r.method)} ${r.url}`).join(', ');
      throw new Error(`Routes without a declared permission or public access: ${list}`);
    }
  });
}

/** Marks every route a plugin registers in this encapsulated context as public (static files, API docs). */
export function markPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, public: true };
  });
}
