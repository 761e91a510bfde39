import type { FastifyInstance } from 'fastify';
import { health } from '../../../shared/contracts/system';
import type { DriverName } from '../../db/client';
import { registerRoute } from '../../platform/routes';

export function systemRoutes(app: FastifyInstance, driver: DriverName): void {
  registerRoute(app, health, async (ctx) => {
    await ctx.db.execute('SELECT 1');
    return { status: 'ok' as const, database: driver, version: '0.1.0' };
  });
}
