import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/applications';
import type { Application } from '../../../shared/contracts/applications';
import { writeAuditAlone } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { sendAttachment } from '../../platform/download';
import { AppError } from '../../platform/errors';
import { registerRoute } from '../../platform/routes';
import { applicationDocx, applicationTitle, replyDocx, replyTitle } from './application-document';
import * as service from './applications.service';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function exported(ctx: Ctx, id: string, what: string): Promise<Application> {
  const a = (await service.get(ctx, id)) as Application;
  if (what === 'reply' && (a.status === 'draft' || a.status === 'submitted')) throw new AppError('CONFLICT', '民政部门尚未作出决定，没有答复');
  await writeAuditAlone(ctx, { action: 'application.export', objectType: 'application', objectId: id, detail: `${a.title}（${what === 'reply' ? '答复' : '书面申请'} docx）` });
  return a;
}

export function applicationRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listApplications, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.applicationsInForce, (ctx, { query }) => service.inForce(ctx, query.stationId ?? null, query.date));
  registerRoute(app, c.getApplication, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createApplication, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateApplication, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.submitApplication, (ctx, { params, body }) => service.submit(ctx, params.id, body.version));
  registerRoute(app, c.decideApplication, (ctx, { params, body }) => service.decide(ctx, params.id, body));
  registerRoute(app, c.applicationDocx, async (ctx, { params }, reply) => {
    const a = await exported(ctx, params.id, 'application');
    return sendAttachment(reply, await applicationDocx(a), applicationTitle(a), 'docx', DOCX_TYPE);
  });
  registerRoute(app, c.replyDocx, async (ctx, { params }, reply) => {
    const a = await exported(ctx, params.id, 'reply');
    return sendAttachment(reply, await replyDocx(a), replyTitle(a), 'docx', DOCX_TYPE);
  });
}
