import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/evaluations';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as service from './evaluations.service';
import * as indicators from './indicators';
import * as supervision from './supervisions.service';

export function evaluationRoutes(app: FastifyInstance): void {
  registerRoute(app, c.getIndicatorSystem, (ctx, { params }) => indicators.get(ctx, params.year));
  registerRoute(app, c.setIndicatorSystem, (ctx, { params, body }) => indicators.set(ctx, params.year, body));
  registerRoute(app, c.listEvaluations, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.getEvaluation, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createEvaluation, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.scoreEvaluation, (ctx, { params, body }) => service.score(ctx, params.id, body));
  registerRoute(app, c.refreshPrefill, (ctx, { params, body }) => service.refreshPrefill(ctx, params.id, body.version));
  registerRoute(app, c.finishEvaluation, (ctx, { params, body }) => service.finish(ctx, params.id, body.version));
  registerRoute(app, c.uploadEvaluationFile, (ctx, { params, query }, _reply, request) => service.uploadFile(ctx, params.id, query.code, request));
  registerRoute(app, c.downloadEvaluationFile, async (ctx, { params }, reply) =>
    sendStoredFile(reply, await service.downloadFile(ctx, params.id, params.fileId)),
  );
  registerRoute(app, c.listSupervisions, (ctx, { query }) => supervision.list(ctx, query));
  registerRoute(app, c.createSupervision, (ctx, { body }) => supervision.create(ctx, body));
  registerRoute(app, c.completeFollowUp, (ctx, { params, body }) => supervision.completeFollowUp(ctx, params.id, body));
}
