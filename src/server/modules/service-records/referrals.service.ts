import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/service-records';
import { clients, partners, referrals } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { invalid, notFound, versionConflict } from '../../platform/errors';
import { stationRecordScope } from '../../platform/scope';
import { clientsOpenForWork } from '../clients/clients.repo';
import { cappedCount } from '../../platform/capped-count';

type Dto = z.input<typeof c.referralSchema>;

const referralScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: referrals.scopePath, stationId: referrals.stationId });
const sees = (ctx: Ctx) => ctx.system || (ctx.actor?.permissions.has('client:sensitive') ?? false);

function select(ctx: Ctx) {
  return ctx.db
    .select({ r: referrals, clientName: clients.name, partnerName: partners.name, partnerKind: partners.kind })
    .from(referrals)
    .innerJoin(clients, eq(clients.id, referrals.clientId))
    .innerJoin(partners, eq(partners.id, referrals.partnerId))
    .$dynamic();
}

type Joined = { r: typeof referrals.$inferSelect; clientName: string; partnerName: string; partnerKind: Dto['partnerKind'] };

const dto = (ctx: Ctx, x: Joined): Dto => ({
  id: x.r.id, clientId: x.r.clientId, clientName: x.clientName, partnerId: x.r.partnerId, partnerName: x.partnerName,
  partnerKind: x.partnerKind, reason: sees(ctx) ? ctx.cipher.decrypt(x.r.reasonCipher) : null, status: x.r.status,
  referredOn: x.r.referredOn, outcome: x.r.outcome, version: x.r.version,
});

async function find(ctx: Ctx, id: string): Promise<Joined> {
  const [row] = await select(ctx).where(and(eq(referrals.id, id), referralScope(ctx))).limit(1);
  if (!row) throw notFound('转介记录');
  return row;
}

export async function list(ctx: Ctx, q: z.output<typeof c.listReferrals.query>) {
  const where: SQL[] = [referralScope(ctx)];
  if (q.clientId) where.push(eq(referrals.clientId, q.clientId));
  if (q.status) where.push(eq(referrals.status, q.status));
  const cond = and(...where);
  const counted = await cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(referrals).where(cond).limit(limit), q);
  const rows = await select(ctx).where(cond).orderBy(desc(referrals.referredOn), asc(referrals.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { items: rows.map((x) => dto(ctx, x)), ...counted, page: q.page, pageSize: q.pageSize };
}

export async function create(ctx: Ctx, body: z.output<typeof c.createReferral.body>): Promise<Dto> {
  const [client] = await clientsOpenForWork(ctx, [body.clientId], null, 'clientId');
  if (!client) throw invalid([{ path: 'clientId', message: '未找到该服务对象' }]);
  const [partner] = await ctx.db.select().from(partners).where(eq(partners.id, body.partnerId));
  // A partner of the client's own county unit.
  if (!partner || !client.scopePath.startsWith(partner.scopePath) || !partner.active)
    throw invalid([{ path: 'partnerId', message: '请选择本区市在用的资源链接单位' }]);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(referrals)
      .values({
        clientId: client.id, stationId: client.stationId, scopePath: client.scopePath, partnerId: partner.id,
        reasonCipher: tx.cipher.encrypt(body.reason), referredOn: body.referredOn,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'referral.create', objectType: 'referral', objectId: row.id, after: { clientId: client.id, partner: partner.name } });
    return dto(tx, await find(tx, row.id));
  });
}

export async function update(ctx: Ctx, id: string, body: z.output<typeof c.updateReferral.body>): Promise<Dto> {
  return inTransaction(ctx, async (tx) => {
    const before = await find(tx, id);
    const [after] = await tx.db
      .update(referrals)
      .set({ status: body.status, outcome: body.outcome, version: sql`${referrals.version} + 1` })
      .where(and(eq(referrals.id, id), eq(referrals.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'referral.update', objectType: 'referral', objectId: id, before: { status: before.r.status }, after: { status: after.status } });
    return dto(tx, await find(tx, id));
  });
}
