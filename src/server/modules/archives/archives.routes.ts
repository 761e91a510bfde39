import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/archives';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as service from './archives.service';

export function archiveRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listArchives, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.listArchivableContracts, (ctx, { query }) => service.archivableContracts(ctx, query));
  registerRoute(app, c.requestArchive, (ctx, { body }) => service.request(ctx, body));
  registerRoute(app, c.getArchive, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.downloadArchive, async (ctx, { params }, reply) => sendStoredFile(reply, await service.download(ctx, params.id)));
}
