import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/funding';
import { publicFunding } from '../../../shared/contracts/public-site';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import * as service from './funding.service';

export function fundingRoutes(app: FastifyInstance): void {
  registerRoute(app, c.fundingOverview, (ctx, { query }) => service.overview(ctx, query));
  registerRoute(app, c.exportFunding, async (ctx, { query }, reply) =>
    sendAttachment(reply, await service.exportXlsx(ctx, query), `资金安排与执行-${query.year}`, 'xlsx'),
  );
  registerRoute(app, c.setStationBudget, (ctx, { params, body }) => service.setBudget(ctx, params.id, params.year, body));
  registerRoute(app, publicFunding, (ctx, { query }) => service.publicSummary(ctx, query));
}
