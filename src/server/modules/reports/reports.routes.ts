import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/reports';
import type { ReportDetail } from '../../../shared/contracts/reports';
import { writeAuditAlone } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import { figureRows } from './report-drilldown';
import { reportDocx, reportXlsx } from './report-document';
import * as service from './reports.service';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function exported(ctx: Ctx, id: string, format: 'docx' | 'xlsx'): Promise<ReportDetail> {
  const report = (await service.get(ctx, id, { compare: false })) as ReportDetail; // the document shows no comparison
  await writeAuditAlone(ctx, { action: 'report.export', objectType: 'report', objectId: id, detail: `${report.title}（${format}）` });
  return report;
}

export function reportRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listReports, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.getReport, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.draftReport, (ctx, { body }) => service.draft(ctx, body));
  registerRoute(app, c.updateReport, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.submitReport, (ctx, { params, body }) => service.submit(ctx, params.id, body.version));
  registerRoute(app, c.reviewReport, (ctx, { params, body }) => service.review(ctx, params.id, body));
  registerRoute(app, c.reportFigureRows, (ctx, { params }) => figureRows(ctx, params.id, params.key));
  registerRoute(app, c.exportReportDocx, async (ctx, { params }, reply) => {
    const r = await exported(ctx, params.id, 'docx');
    return sendAttachment(reply, await reportDocx(r, r.orgName ?? `${r.countyShortName}民政局`), r.title, 'docx', DOCX_TYPE);
  });
  registerRoute(app, c.exportReportXlsx, async (ctx, { params }, reply) => {
    const r = await exported(ctx, params.id, 'xlsx');
    return sendAttachment(reply, await reportXlsx(r), r.title, 'xlsx');
  });
  registerRoute(app, c.uploadReportFile, (ctx, { params, query }, _reply, request) => service.uploadFile(ctx, params.id, query.kind, request));
  registerRoute(app, c.downloadReportFile, async (ctx, { params }, reply) => sendStoredFile(reply, await service.downloadFile(ctx, params.id, params.fileId)));
}
