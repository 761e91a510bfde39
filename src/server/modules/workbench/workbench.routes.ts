import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/workbench';
import { registerRoute } from '../../platform/routes';
import { workbench } from './workbench.service';

export function workbenchRoutes(app: FastifyInstance): void {
  registerRoute(app, c.workbench, (ctx) => workbench(ctx));
}
