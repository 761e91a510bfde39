import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/stations';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import * as service from './stations.service';

export function stationRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listStations, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.stationCoverage, (ctx, { query }) => service.coverage(ctx, query));
  registerRoute(app, c.exportStations, async (ctx, { query }, reply) =>
    sendAttachment(reply, await service.exportXlsx(ctx, query), '社工站名录', 'xlsx'),
  );
  registerRoute(app, c.getStation, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createStation, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateStation, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.changeStationStatus, (ctx, { params, body }) => service.changeStatus(ctx, params.id, body));
}
