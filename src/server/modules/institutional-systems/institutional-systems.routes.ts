import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/institutional-systems';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as service from './institutional-systems.service';

export function institutionalSystemRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listSystemDocuments, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.systemCompleteness, (ctx, { query }) => service.completeness(ctx, query));
  registerRoute(app, c.getSystemDocument, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createSystemDocument, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.uploadSystemFile, (ctx, { params }, _reply, request) => service.attachFile(ctx, params.id, request));
  registerRoute(app, c.downloadSystemFile, async (ctx, { params }, reply) => sendStoredFile(reply, await service.file(ctx, params.id)));
}
