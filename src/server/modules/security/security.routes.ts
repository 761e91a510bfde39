import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import * as c from '../../../shared/contracts/security';
import { securityPolicy } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { inTransaction } from '../../platform/context';
import { versionConflict } from '../../platform/errors';
import { registerRoute } from '../../platform/routes';
import { readPolicy, type PolicyRow } from './security.repo';

const dto = (p: PolicyRow) => ({
  minLength: p.minLength,
  minClasses: p.minClasses,
  rotationDays: p.rotationDays,
  maxFailedLogins: p.maxFailedLogins,
  lockMinutes: p.lockMinutes,
  idleMinutes: p.idleMinutes,
  absoluteHours: p.absoluteHours,
  totpAllRoles: p.totpAllRoles,
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
});

export function securityRoutes(app: FastifyInstance): void {
  registerRoute(app, c.getSecurityPolicy, async (ctx) => dto(await readPolicy(ctx.db)));

  registerRoute(app, c.updateSecurityPolicy, async (ctx, { body }) =>
    inTransaction(ctx, async (tx) => {
      const before = await readPolicy(tx.db);
      const { version, ...values } = body;
      const [after] = await tx.db
        .update(securityPolicy)
        .set({ ...values, version: version + 1, updatedAt: new Date() })
        .where(and(eq(securityPolicy.id, 1), eq(securityPolicy.version, version)))
        .returning();
      if (!after) throw versionConflict();
      await writeAudit(tx, {
        action: 'security.policy_update',
        objectType: 'security_policy',
        objectId: '1',
        before: dto(before),
        after: dto(after),
      });
      return dto(after);
    }),
  );
}
