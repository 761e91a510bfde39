import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/audit';
import { chinaToday } from '../../../shared/rules/china-date';
import { checkpointFile, verifyAuditChain, writeAudit, writeCheckpoint } from '../../platform/audit';
import { inTransaction } from '../../platform/context';
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
  registerRoute(app, c.verifyAudit, (ctx) => verifyAuditChain(ctx.db, ctx.cipher));
  registerRoute(app, c.verifyAuditAgainstFile, (ctx, { body }) => verifyAuditChain(ctx.db, ctx.cipher, body));
  registerRoute(app, c.exportAuditCheckpoints, async (ctx, _input, reply) => {
    // The export is audited, and the fresh checkpoint covers that very row.
    const file = await inTransaction(ctx, async (tx) => {
      await writeAudit(tx, { action: 'audit.checkpoint_export', objectType: 'audit_log', objectId: 'checkpoints' });
      await writeCheckpoint(tx.db, tx.cipher);
      return checkpointFile(tx.db, tx.cipher);
    });
    void reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="sgz-audit-checkpoints-${chinaToday()}.json"`);
    return Buffer.from(JSON.stringify(file, null, 2));
  });
}
