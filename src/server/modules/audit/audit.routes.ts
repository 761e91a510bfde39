import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/audit';
import { chinaToday } from '../../../shared/rules/china-date';
import { checkpointFile, flushAudit, verifyAuditChain, writeAudit, writeCheckpoint } from '../../platform/audit';
import { inTransaction } from '../../platform/context';
import { sendAttachment } from '../../platform/download';
import { registerRoute } from '../../platform/routes';
import * as service from './audit.service';

export function auditRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listAudit, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.listAuditKinds, (ctx) => service.kinds(ctx));
  registerRoute(app, c.exportAudit, async (ctx, { query }, reply) => {
    const { content, total, exported } = await service.exportXlsx(ctx, query);
    // The cap is said in the answer too, not only inside the file.
    void reply.header('X-Export-Total', String(total)).header('X-Export-Capped', total > exported ? 'true' : 'false');
    return sendAttachment(reply, content, '审计日志', 'xlsx');
  });
  registerRoute(app, c.verifyAudit, (ctx) => verifyAuditChain(ctx.db, ctx.cipher));
  registerRoute(app, c.verifyAuditAgainstFile, (ctx, { body }) => verifyAuditChain(ctx.db, ctx.cipher, body));
  registerRoute(app, c.exportAuditCheckpoints, async (ctx, _input, reply) => {
    // The export is audited, and the fresh checkpoint covers that very row.
    const file = await inTransaction(ctx, async (tx) => {
      await writeAudit(tx, { action: 'audit.checkpoint_export', objectType: 'audit_log', objectId: 'checkpoints' });
      await flushAudit(tx);
      await writeCheckpoint(tx.db, tx.cipher);
      return checkpointFile(tx.db, tx.cipher);
    });
    void reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="sgz-audit-checkpoints-${chinaToday()}.json"`);
    return Buffer.from(JSON.stringify(file, null, 2));
  });
}
