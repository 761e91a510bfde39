import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/clients';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import { readUpload, XLSX_ONLY } from '../../platform/uploads';
import * as importer from './clients.import';
import * as service from './clients.service';

export function clientRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listClients, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.exportClients, async (ctx, { query }, reply) =>
    sendAttachment(reply, await service.exportXlsx(ctx, query), '服务对象', 'xlsx'),
  );
  registerRoute(app, c.clientImportTemplate, async (_ctx, _in, reply) =>
    sendAttachment(reply, await importer.template(), '服务对象导入模板', 'xlsx'),
  );
  registerRoute(app, c.importClients, async (ctx, { query }, _reply, request) => {
    const upload = await readUpload(request, XLSX_ONLY);
    return importer.importClients(ctx, upload.content, query);
  });
  registerRoute(app, c.importClientsReport, async (ctx, { query }, reply, request) => {
    const upload = await readUpload(request, XLSX_ONLY);
    return sendAttachment(reply, await importer.reportWorkbook(ctx, upload.content, query.stationId), '服务对象导入校验报告', 'xlsx');
  });
  registerRoute(app, c.clientDuplicates, (ctx, { query }) => service.duplicates(ctx, query.name, query.birthDate));
  registerRoute(app, c.getClient, (ctx, { params }) => service.view(ctx, params.id));
  registerRoute(app, c.clientAccessLog, (ctx, { params, query }) => service.accessLog(ctx, params.id, query.page, query.pageSize));
  registerRoute(app, c.createClient, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateClient, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.changeClientStatus, (ctx, { params, body }) => service.changeStatus(ctx, params.id, body));
  registerRoute(app, c.addClientConsent, (ctx, { params, body }) => service.addConsent(ctx, params.id, body));
  registerRoute(app, c.revealClientField, (ctx, { params, body }) => service.reveal(ctx, params.id, body.field));
}
