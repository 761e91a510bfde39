import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/compliance';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import * as service from './compliance.service';

export function complianceRoutes(app: FastifyInstance): void {
  registerRoute(app, c.staffingCompliance, (ctx, { query }) => service.staffing(ctx, query));
  registerRoute(app, c.exportStaffingFindings, async (ctx, { query }, reply) =>
    sendAttachment(reply, await service.exportXlsx(ctx, query), '人员配备问题清单', 'xlsx'),
  );
  registerRoute(app, c.stationStaffing, (ctx, { params }) => service.station(ctx, params.id));
}
