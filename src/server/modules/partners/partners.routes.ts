import { and, asc, count, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import * as c from '../../../shared/contracts/partners';
import { partners, regions } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { invalid, notFound, versionConflict } from '../../platform/errors';
import { registerRoute } from '../../platform/routes';
import { likeContains, pathInScope } from '../../platform/scope';

/**
 * A county's partner directory serves everyone working in that county (towns and stations
 * under it) and those above it (the city); organisations see it too: these are public bodies.
 */
function partnerScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  if (scope.kind === 'org') return sql`true`;
  if (!scope.path) return sql`false`;
  return or(sql`${scope.path} LIKE ${partners.scopePath} || '%'`, like(partners.scopePath, `${scope.path}%`)) ?? sql`false`;
}

type Row = typeof partners.$inferSelect & { countyShortName: string };

const dto = (r: Row) => ({
  id: r.id, countyCode: r.countyCode, countyShortName: r.countyShortName, kind: r.kind, name: r.name,
  contactName: r.contactName, contactPhone: r.contactPhone, address: r.address, services: r.services,
  active: r.active, version: r.version, updatedAt: r.updatedAt.toISOString(),
});

const select = (ctx: Ctx) =>
  ctx.db
    .select({ partner: partners, countyShortName: regions.shortName })
    .from(partners)
    .innerJoin(regions, eq(regions.code, partners.countyCode))
    .$dynamic();

async function find(ctx: Ctx, id: string): Promise<Row | undefined> {
  const [r] = await select(ctx).where(and(eq(partners.id, id), partnerScope(ctx))).limit(1);
  return r ? { ...r.partner, countyShortName: r.countyShortName } : undefined;
}

async function list(ctx: Ctx, q: z.output<typeof c.listPartners.query>) {
  const where: SQL[] = [partnerScope(ctx)];
  if (q.kind) where.push(eq(partners.kind, q.kind));
  if (q.countyCode) where.push(eq(partners.countyCode, q.countyCode));
  if (q.active) where.push(eq(partners.active, q.active === 'true'));
  if (q.q) {
    const term = likeContains(q.q);
    const m = or(ilike(partners.name, term), ilike(partners.services, term), ilike(partners.contactName, term));
    if (m) where.push(m);
  }
  const cond = and(...where);
  const [n] = await ctx.db.select({ n: count() }).from(partners).where(cond);
  const rows = await select(ctx).where(cond).orderBy(asc(partners.countyCode), asc(partners.kind), asc(partners.name), asc(partners.id))
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { items: rows.map((r) => dto({ ...r.partner, countyShortName: r.countyShortName })), total: n?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export function partnerRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listPartners, (ctx, { query }) => list(ctx, query));

  registerRoute(app, c.getPartner, async (ctx, { params }) => {
    const r = await find(ctx, params.id);
    if (!r) throw notFound('资源链接单位');
    return dto(r);
  });

  registerRoute(app, c.createPartner, async (ctx, { body }) => {
    const [county] = await ctx.db.select().from(regions).where(and(eq(regions.code, body.countyCode), eq(regions.level, 'county')));
    // Officers keep their own county's directory.
    if (!county || !pathInScope(ctx, county.path))
      throw invalid([{ path: 'countyCode', message: '未找到该区市，或不在您的管辖范围内' }]);
    return inTransaction(ctx, async (tx) => {
      const [row] = await tx.db.insert(partners).values({ ...body, scopePath: county.path }).returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, { action: 'partner.create', objectType: 'partner', objectId: row.id, after: row });
      return dto({ ...row, countyShortName: county.shortName });
    });
  });

  registerRoute(app, c.updatePartner, (ctx, { params, body }) =>
    inTransaction(ctx, async (tx) => {
      const before = await find(tx, params.id);
      if (!before || !pathInScope(tx, before.scopePath)) throw notFound('资源链接单位');
      const { version, ...values } = body;
      const [after] = await tx.db
        .update(partners)
        .set({ ...values, version: sql`${partners.version} + 1`, updatedAt: new Date() })
        .where(and(eq(partners.id, params.id), eq(partners.version, version)))
        .returning();
      if (!after) throw versionConflict();
      await writeAudit(tx, { action: 'partner.update', objectType: 'partner', objectId: params.id, before, after });
      return dto({ ...after, countyShortName: before.countyShortName });
    }),
  );
}
