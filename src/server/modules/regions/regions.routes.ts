import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/regions';
import { registerRoute } from '../../platform/routes';
import { rootRegion } from './reference-data';
import { listRegions, toRegion } from './regions.repo';

export function regionRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listRegions, async (ctx, { query }) => (await listRegions(ctx.db, query)).map(toRegion));
  registerRoute(app, c.getRegionRoot, async (ctx) => {
    const root = await rootRegion(ctx.db);
    return { code: root.code, name: root.name, level: root.level === 'province' ? ('province' as const) : ('city' as const) };
  });
}
