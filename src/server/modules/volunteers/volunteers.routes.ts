import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/volunteers';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import * as certificates from './certificates';
import * as service from './volunteers.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function volunteerRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listVolunteers, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.getVolunteer, (ctx, { params }) => service.view(ctx, params.id));
  registerRoute(app, c.createVolunteer, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateVolunteer, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.revealVolunteerField, (ctx, { params, body }) => service.reveal(ctx, params.id, body.field));
  registerRoute(app, c.listVolunteerRecords, (ctx, { query }) => service.listRecords(ctx, query));
  registerRoute(app, c.createVolunteerRecord, (ctx, { params, body }) => service.createRecord(ctx, params.id, body));
  registerRoute(app, c.listVolunteerSources, (ctx, { query }) => service.sources(ctx, query));
  registerRoute(app, c.recordFromActivity, (ctx, { body }) => service.recordFromActivity(ctx, body));
  registerRoute(app, c.listTeams, (ctx, { query }) => service.listTeams(ctx, query));
  registerRoute(app, c.getTeam, (ctx, { params }) => service.getTeam(ctx, params.id));
  registerRoute(app, c.createTeam, (ctx, { body }) => service.createTeam(ctx, body));
  registerRoute(app, c.updateTeam, (ctx, { params, body }) => service.updateTeam(ctx, params.id, body));
  registerRoute(app, c.issueCertificate, (ctx, { params, body }) => certificates.issue(ctx, params.id, body));
  registerRoute(app, c.listCertificates, (ctx, { query }) => certificates.list(ctx, query));
  registerRoute(app, c.printCertificate, async (ctx, { params }, reply) => {
    const doc = await certificates.print(ctx, params.id);
    return sendAttachment(reply, doc.content, doc.name, 'docx', DOCX);
  });
  registerRoute(app, c.volunteerTotals, (ctx, { query }) => service.totals(ctx, query));
}
