import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/annual-plans';
import { registerRoute } from '../../platform/routes';
import * as service from './annual-plans.service';

export function annualPlanRoutes(app: FastifyInstance): void {
  registerRoute(app, c.planOverview, (ctx, { query }) => service.overview(ctx, query.year));
  registerRoute(app, c.getPlan, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createPlan, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updatePlan, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.submitPlan, (ctx, { params, body }) => service.submit(ctx, params.id, body.version));
  registerRoute(app, c.reviewPlan, (ctx, { params, body }) => service.review(ctx, params.id, body));
}
