import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/station-plans';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as service from './station-plans.service';

export function stationPlanRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listStationPlans, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.missingStationPlans, (ctx, { query }) => service.missing(ctx, query));
  registerRoute(app, c.getStationPlan, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createStationPlan, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateStationPlan, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.submitStationPlan, (ctx, { params, body }) => service.submit(ctx, params.id, body.version));
  registerRoute(app, c.reviewStationPlan, (ctx, { params, body }) => service.review(ctx, params.id, body));
  registerRoute(app, c.uploadStationPlanFile, (ctx, { params, query }, _reply, request) => service.uploadFile(ctx, params.id, query.kind, request));
  registerRoute(app, c.downloadStationPlanFile, async (ctx, { params }, reply) => sendStoredFile(reply, await service.downloadFile(ctx, params.id, params.fileId)));
}
