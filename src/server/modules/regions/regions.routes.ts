import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/regions';
import { registerRoute } from '../../platform/routes';
import { listRegions, toRegion } from './regions.repo';

export function regionRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listRegions, async (ctx, { query }) => (await listRegions(ctx.db, query)).map(toRegion));
}
