import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/service-catalogue';
import { serviceItems } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { inTransaction } from '../../platform/context';
import { notFound, versionConflict } from '../../platform/errors';
import { registerRoute } from '../../platform/routes';

const dto = (r: typeof serviceItems.$inferSelect) => ({
  code: r.code, domain: r.domain, name: r.name, kind: r.kind, excluded: r.excluded, clause: r.clause, note: r.note, version: r.version,
});

// The catalogue is city-wide reference data: no scope applies.
export function serviceCatalogueRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listServiceItems, async (ctx, { query }) => {
    const where: SQL[] = [];
    if (query.domain) where.push(eq(serviceItems.domain, query.domain));
    if (query.includeExcluded === 'false') where.push(eq(serviceItems.excluded, false));
    const rows = await ctx.db.select().from(serviceItems).where(and(...where)).orderBy(asc(serviceItems.sort), asc(serviceItems.code));
    return rows.map(dto);
  });

  registerRoute(app, c.updateServiceItem, (ctx, { params, body }) =>
    inTransaction(ctx, async (tx) => {
      const [before] = await tx.db.select().from(serviceItems).where(eq(serviceItems.code, params.code));
      if (!before) throw notFound('服务项目');
      const [after] = await tx.db
        .update(serviceItems)
        .set({ excluded: body.excluded, note: body.note, version: sql`${serviceItems.version} + 1`, updatedAt: new Date() })
        .where(and(eq(serviceItems.code, params.code), eq(serviceItems.version, body.version)))
        .returning();
      if (!after) throw versionConflict();
      await writeAudit(tx, { action: 'catalogue.update', objectType: 'service_item', objectId: params.code, before: dto(before), after: dto(after) });
      return dto(after);
    }),
  );
}
