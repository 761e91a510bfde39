import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/dashboards';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import * as service from './dashboards.service';

export function dashboardRoutes(app: FastifyInstance): void {
  registerRoute(app, c.getDashboard, (ctx, { params, query }) => service.dashboard(ctx, params.regionCode, query));
  registerRoute(app, c.exportDashboard, async (ctx, { params, query }, reply) =>
    sendAttachment(reply, await service.exportXlsx(ctx, params.regionCode, query.year), '驾驶舱', 'xlsx'),
  );
}
