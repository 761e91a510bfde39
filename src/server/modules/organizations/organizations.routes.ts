import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/organizations';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as service from './organizations.service';

export function organizationRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listOrganizations, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.exportOrganizations, async (ctx, { query }, reply) =>
    sendAttachment(reply, await service.exportXlsx(ctx, query), '承接机构', 'xlsx'),
  );
  registerRoute(app, c.getOrganization, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createOrganization, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateOrganization, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.changeOrganizationStatus, (ctx, { params, body }) => service.changeStatus(ctx, params.id, body));
  registerRoute(app, c.uploadOrganizationFile, (ctx, { params }, _reply, request) => service.uploadFile(ctx, params.id, request));
  registerRoute(app, c.downloadOrganizationFile, async (ctx, { params }, reply) =>
    sendStoredFile(reply, await service.downloadFile(ctx, params.id, params.fileId)),
  );
}
