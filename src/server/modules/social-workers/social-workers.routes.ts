import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/social-workers';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import { readUpload, XLSX_ONLY } from '../../platform/uploads';
import { exportXlsx } from './social-workers.export';
import * as importer from './social-workers.import';
import * as postingsService from './postings.service';
import * as service from './social-workers.service';

export function socialWorkerRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listWorkers, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.exportWorkers, async (ctx, { query }, reply) =>
    sendAttachment(reply, await exportXlsx(ctx, query), '驻站社工', 'xlsx'),
  );
  registerRoute(app, c.importTemplate, async (_ctx, _in, reply) =>
    sendAttachment(reply, await importer.template(), '驻站社工导入模板', 'xlsx'),
  );
  registerRoute(app, c.importWorkers, async (ctx, { query }, _reply, request) => {
    const upload = await readUpload(request, XLSX_ONLY);
    return importer.importWorkers(ctx, upload.content, query.mode, query.dryRun);
  });
  registerRoute(app, c.importWorkersReport, async (ctx, _in, reply, request) => {
    const upload = await readUpload(request, XLSX_ONLY);
    return sendAttachment(reply, await importer.reportWorkbook(ctx, upload.content), '导入校验报告', 'xlsx');
  });
  registerRoute(app, c.getWorker, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createWorker, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateWorker, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.addCertificate, (ctx, { params, body }) => service.addCertificate(ctx, params.id, body));
  registerRoute(app, c.removeCertificate, (ctx, { params }) => service.removeCertificate(ctx, params.id, params.childId));
  registerRoute(app, c.addTraining, (ctx, { params, body }) => service.addTraining(ctx, params.id, body));
  registerRoute(app, c.removeTraining, (ctx, { params }) => service.removeTraining(ctx, params.id, params.childId));
  registerRoute(app, c.revealWorkerField, (ctx, { params, body }) => service.reveal(ctx, params.id, body.field));
  registerRoute(app, c.createWorkerAccount, (ctx, { params, body }) => service.createAccount(ctx, params.id, body));
  registerRoute(app, c.createPosting, (ctx, { body }) => postingsService.create(ctx, body));
  registerRoute(app, c.endPosting, (ctx, { params, body }) => postingsService.end(ctx, params.id, body));
}
