import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/audit';
import { verifyAuditChain } from '../../platform/audit';
import { registerRoute } from '../../platform/routes';
import { listAudit } from './audit.repo';

export function auditRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listAudit, async (ctx, { query }) => {
    const { rows, total } = await listAudit(ctx.db, query);
    return {
      items: rows.map((r) => ({
        id: r.id, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, ip: r.ip,
        action: r.action, objectType: r.objectType, objectId: r.objectId, result: r.result,
        before: r.before, after: r.after, detail: r.detail,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
  registerRoute(app, c.verifyAudit, (ctx) => verifyAuditChain(ctx.db));
}
