import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/procurements';
import * as pub from '../../../shared/contracts/public-site';
import { registerRoute } from '../../platform/routes';
import * as service from './procurements.service';

export function procurementRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listProcurements, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.getProcurement, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createProcurement, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateProcurement, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.publishProcurement, (ctx, { params, body }) => service.publish(ctx, params.id, body.version));
  registerRoute(app, c.awardProcurement, (ctx, { params, body }) => service.award(ctx, params.id, body));
  registerRoute(app, c.cancelProcurement, (ctx, { params, body }) => service.cancel(ctx, params.id, body));
  registerRoute(app, pub.publicProcurements, (ctx, { query }) => service.publicList(ctx, query));
  registerRoute(app, pub.publicProcurement, (ctx, { params }) => service.publicGet(ctx, params.id));
}
