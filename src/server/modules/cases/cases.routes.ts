import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/cases';
import { registerRoute } from '../../platform/routes';
import * as service from './cases.service';

export function caseRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listCases, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.getCase, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.openCase, (ctx, { body }) => service.open(ctx, body));
  registerRoute(app, c.advanceCase, (ctx, { params, body }) => service.advance(ctx, params.id, body));
  registerRoute(app, c.decideCase, (ctx, { params, body }) => service.decide(ctx, params.id, body));
  registerRoute(app, c.setFollowUp, (ctx, { params, body }) => service.followUp(ctx, params.id, body));
}
