import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/service-records';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as groups from './groups.service';
import * as referrals from './referrals.service';
import * as records from './service-records.service';

export function serviceRecordRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listServiceRecords, (ctx, { query }) => records.list(ctx, query));
  registerRoute(app, c.createServiceRecord, (ctx, { body }) => records.create(ctx, body));
  registerRoute(app, c.coWorkerOptions, (ctx, { query }) => records.coWorkerOptions(ctx, query.stationId ?? null, query.date));
  registerRoute(app, c.getServiceRecord, (ctx, { params }) => records.get(ctx, params.id));
  registerRoute(app, c.reviewServiceRecord, (ctx, { params, body }) => records.review(ctx, params.id, body));
  registerRoute(app, c.uploadServiceRecordFile, (ctx, { params }, _reply, request) => records.attach(ctx, params.id, request));
  registerRoute(app, c.downloadServiceRecordFile, async (ctx, { params }, reply) =>
    sendStoredFile(reply, await records.attachment(ctx, params.id, params.fileId)),
  );
  registerRoute(app, c.listGroups, (ctx, { query }) => groups.list(ctx, query));
  registerRoute(app, c.getGroup, (ctx, { params }) => groups.get(ctx, params.id));
  registerRoute(app, c.createGroup, (ctx, { body }) => groups.create(ctx, body));
  registerRoute(app, c.addGroupSession, (ctx, { params, body }) => groups.addSession(ctx, params.id, body));
  registerRoute(app, c.setGroupPhase, (ctx, { params, body }) => groups.setPhase(ctx, params.id, body));
  registerRoute(app, c.listReferrals, (ctx, { query }) => referrals.list(ctx, query));
  registerRoute(app, c.createReferral, (ctx, { body }) => referrals.create(ctx, body));
  registerRoute(app, c.updateReferral, (ctx, { params, body }) => referrals.update(ctx, params.id, body));
}
