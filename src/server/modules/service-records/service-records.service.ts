import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/service-records';
import { chinaToday } from '../../../shared/rules/china-date';
import { clients, files, postings, serviceItems, serviceRecords, socialWorkers } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { userDisplayNames } from '../users/users.repo';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { invalid, notFound, ruleViolation } from '../../platform/errors';
import { ownRecordReadScope, stationRecordScope } from '../../platform/scope';
import { readUpload } from '../../platform/uploads';
import { findCase } from '../cases/cases.service';
import { clientsOpenForWork } from '../clients/clients.repo';
import { stationNames } from '../stations/stations.repo';
import { allowedServiceItems } from '../service-catalogue/service-items';
import { stationFor } from './station-for';
import { findGroup } from './groups.service';
import { assertNoSubcontracting } from '../contracts/subcontracting';
import { cappedCount } from '../../platform/capped-count';
import { assertInForce } from '../applications/applications.service';

type Dto = z.input<typeof c.serviceRecordSchema>;
type Row = typeof serviceRecords.$inferSelect;

const PHOTO_OR_SHEET = ['image/jpeg', 'image/png', 'application/pdf'] as const;

export const recordScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: serviceRecords.scopePath, stationId: serviceRecords.stationId });
/** An organisation keeps reading the records its people made after its contract ends. */
const readScope = (ctx: Ctx) =>
  ownRecordReadScope(ctx, { scopePath: serviceRecords.scopePath, stationId: serviceRecords.stationId, madeByOrg: serviceRecords.recordedByOrg });
const sees = (ctx: Ctx) => ctx.system || (ctx.actor?.permissions.has('client:sensitive') ?? false);

async function dtos(ctx: Ctx, rows: Row[]): Promise<Dto[]> {
  if (rows.length === 0) return [];
  const clientIds = [...new Set(rows.flatMap((r) => r.clientIds))];
  const coWorkerIds = [...new Set(rows.flatMap((r) => r.coWorkerIds))];
  const [clientRows, items, attachments, names, recorderName, coWorkerRows] = await Promise.all([
    clientIds.length ? ctx.db.select({ id: clients.id, name: clients.name }).from(clients).where(inArray(clients.id, clientIds)) : [],
    ctx.db.select({ code: serviceItems.code, name: serviceItems.name }).from(serviceItems),
    ctx.db
      .select({ id: files.id, ownerId: files.ownerId, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt })
      .from(files)
      .where(and(eq(files.ownerType, 'service_record'), inArray(files.ownerId, rows.map((r) => r.id)))),
    stationNames(ctx.db, [...new Set(rows.map((r) => r.stationId))]),
    userDisplayNames(ctx.db, rows.map((r) => r.recordedBy)),
    // Co-workers were checked to be on post at the record's station when it was written.
    coWorkerIds.length
      ? ctx.db.select({ id: socialWorkers.id, name: socialWorkers.name }).from(socialWorkers).where(inArray(socialWorkers.id, coWorkerIds))
      : [],
  ]);
  const coWorkerName = new Map(coWorkerRows.map((w) => [w.id, w.name]));
  const clientName = new Map(clientRows.map((x) => [x.id, x.name]));
  const itemName = new Map(items.map((i) => [i.code, i.name]));
  return rows.map((r) => ({
    id: r.id,
    stationId: r.stationId,
    stationName: names.get(r.stationId) ?? '',
    date: r.date,
    startTime: r.startTime,
    durationMinutes: r.durationMinutes,
    place: r.place,
    method: r.method,
    itemCode: r.itemCode,
    itemName: r.itemCode ? (itemName.get(r.itemCode) ?? r.itemCode) : `其他：${r.otherItem}`,
    domain: r.domain,
    flaggedForReview: r.flaggedForReview,
    review: r.review,
    clients: r.clientIds.map((id) => ({ id, name: clientName.get(id) ?? '' })),
    caseId: r.caseId,
    groupId: r.groupId,
    volunteers: r.volunteers,
    notes: sees(ctx) ? (r.notesCipher ? ctx.cipher.decrypt(r.notesCipher) : '') : null,
    homeVisit: r.homeVisit,
    latitude: r.latitude,
    longitude: r.longitude,
    recordedBy: recorderName.get(r.recordedBy) ?? '',
    coWorkers: r.coWorkerIds.map((id) => ({ id, name: coWorkerName.get(id) ?? '' })),
    attachments: attachments
      .filter((a) => a.ownerId === r.id)
      .map((a) => ({ id: a.id, name: a.name, mime: a.mime, size: a.size, createdAt: a.createdAt.toISOString() })),
    applicationId: r.applicationId,
    createdAt: r.createdAt.toISOString(),
  }));
}

async function findRecord(ctx: Ctx, id: string, access: 'read' | 'write' = 'write'): Promise<Row> {
  const scope = access === 'read' ? readScope(ctx) : recordScope(ctx);
  const [row] = await ctx.db.select().from(serviceRecords).where(and(eq(serviceRecords.id, id), scope)).limit(1);
  if (!row) throw notFound('服务记录');
  return row;
}

export async function list(ctx: Ctx, q: z.output<typeof c.listServiceRecords.query>) {
  const where: SQL[] = [readScope(ctx)];
  if (q.clientId) where.push(sql`${serviceRecords.clientIds} @> ARRAY[${q.clientId}]::uuid[]`);
  if (q.caseId) where.push(eq(serviceRecords.caseId, q.caseId));
  if (q.groupId) where.push(eq(serviceRecords.groupId, q.groupId));
  if (q.stationId) where.push(eq(serviceRecords.stationId, q.stationId));
  if (q.method) where.push(eq(serviceRecords.method, q.method));
  if (q.homeVisit) where.push(eq(serviceRecords.homeVisit, q.homeVisit === 'true'));
  if (q.flagged) where.push(eq(serviceRecords.flaggedForReview, q.flagged === 'true'));
  if (q.from) where.push(gte(serviceRecords.date, q.from));
  if (q.to) where.push(lte(serviceRecords.date, q.to));
  const cond = and(...where);
  const counted = await cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(serviceRecords).where(cond).limit(limit), q);
  const rows = await ctx.db
    .select()
    .from(serviceRecords)
    .where(cond)
    .orderBy(desc(serviceRecords.date), desc(serviceRecords.createdAt), asc(serviceRecords.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await dtos(ctx, rows), ...counted, page: q.page, pageSize: q.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Dto> {
  const [d] = await dtos(ctx, [await findRecord(ctx, id, 'read')]);
  if (!d) throw new Error('no dto');
  return d;
}

/**
 * Social workers (registry persons) on post at the station on the day (through their leaving
 * day), without the signed-in user's own person: the co-workers a record may name.
 */
async function workersOnPost(ctx: Ctx, stationId: string, date: string): Promise<{ id: string; name: string }[]> {
  return ctx.db
    .selectDistinct({ id: socialWorkers.id, name: socialWorkers.name })
    .from(postings)
    .innerJoin(socialWorkers, eq(socialWorkers.id, postings.workerId))
    .where(
      and(
        eq(postings.stationId, stationId),
        lte(postings.startDate, date),
        or(isNull(postings.endDate), gte(postings.endDate, date)),
        or(isNull(socialWorkers.userId), ne(socialWorkers.userId, actorOf(ctx).id)),
      ),
    )
    .orderBy(asc(socialWorkers.name), asc(socialWorkers.id));
}

export async function coWorkerOptions(ctx: Ctx, stationId: string | null, date: string) {
  const station = await stationFor(ctx, stationId);
  return workersOnPost(ctx, station.station.id, date);
}

/** Co-workers must be on post at the record's station on its day; the recorder is not their own co-worker. */
async function checkCoWorkers(ctx: Ctx, stationId: string, date: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const allowed = new Set((await workersOnPost(ctx, stationId, date)).map((w) => w.id));
  const refused = ids.filter((id) => !allowed.has(id));
  if (refused.length === 0) return;
  const [own] = await ctx.db
    .select({ id: socialWorkers.id })
    .from(socialWorkers)
    .where(and(inArray(socialWorkers.id, refused), eq(socialWorkers.userId, actorOf(ctx).id)));
  throw invalid([
    { path: 'coWorkerIds', message: own ? '记录人本人不必再选为同工' : `同工须是服务当天（${date}）在本社工站上岗的社工` },
  ]);
}

export async function create(ctx: Ctx, body: z.output<typeof c.serviceRecordInput>): Promise<Dto> {
  const station = await stationFor(ctx, body.stationId);
  if (body.date > chinaToday()) throw invalid([{ path: 'date', message: '服务日期不能晚于今天' }]);
  let domain = body.domain;
  let flagged = false;
  if (body.itemCode) {
    const [item] = await allowedServiceItems(ctx, [body.itemCode], 'itemCode');
    if (!item) throw invalid([{ path: 'itemCode', message: '服务项目不在目录中' }]);
    domain = item.domain;
  } else {
    if (!body.otherItem) throw invalid([{ path: 'itemCode', message: '请选择服务项目，或填写“其他”项目' }]);
    if (!domain) throw invalid([{ path: 'domain', message: '“其他”项目请选择所属领域' }]);
    // Free-text items are for the district to review (R-SCOPE-EXCLUDED).
    flagged = true;
  }
  const clientIds = new Set(body.clientIds);
  if (body.caseId) {
    const kase = await findCase(ctx, body.caseId).catch(() => undefined);
    if (!kase || kase.stationId !== station.station.id) throw invalid([{ path: 'caseId', message: '未找到该个案' }]);
    if (kase.stage === 'closed') throw invalid([{ path: 'caseId', message: '该个案已结案' }]);
    clientIds.add(kase.clientId);
  }
  if (body.groupId) {
    const group = await findGroup(ctx, body.groupId).catch(() => undefined);
    if (!group || group.stationId !== station.station.id) throw invalid([{ path: 'groupId', message: '未找到该小组或活动' }]);
  }
  await clientsOpenForWork(ctx, [...clientIds], station.station.id, 'clientIds');
  if (body.applicationId) await assertInForce(ctx, body.applicationId, station.station.id, body.date);
  if (body.method === 'case' && clientIds.size === 0) throw invalid([{ path: 'clientIds', message: '个案服务请选择服务对象' }]);
  const coWorkerIds = [...new Set(body.coWorkerIds)];
  await checkCoWorkers(ctx, station.station.id, body.date, coWorkerIds);
  const recorderOrg = await assertNoSubcontracting(ctx, station.station.id, body.date, coWorkerIds);
  return inTransaction(ctx, async (tx) => {
    const actor = actorOf(tx);
    const [row] = await tx.db
      .insert(serviceRecords)
      .values({
        stationId: station.station.id, scopePath: station.station.scopePath, date: body.date, startTime: body.startTime,
        durationMinutes: body.durationMinutes, place: body.place, method: body.method, itemCode: body.itemCode,
        otherItem: body.itemCode ? '' : body.otherItem, domain: domain ?? 'other', flaggedForReview: flagged,
        clientIds: [...clientIds], caseId: body.caseId, groupId: body.groupId, volunteers: body.volunteers,
        notesCipher: body.notes ? tx.cipher.encrypt(body.notes) : null, homeVisit: body.homeVisit,
        latitude: body.latitude, longitude: body.longitude, recordedBy: actor.id, recordedByOrg: recorderOrg, coWorkerIds,
        applicationId: body.applicationId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'record.create', objectType: 'service_record', objectId: row.id,
      after: {
        date: row.date, method: row.method, itemCode: row.itemCode, homeVisit: row.homeVisit, clients: row.clientIds.length, coWorkers: row.coWorkerIds,
        flagged, applicationId: row.applicationId,
      },
    });
    return get(tx, row.id);
  });
}

export async function attach(ctx: Ctx, id: string, request: FastifyRequest) {
  const record = await findRecord(ctx, id);
  const upload = await readUpload(request, PHOTO_OR_SHEET);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(files)
      .values({ ownerType: 'service_record', ownerId: id, scopePath: record.scopePath, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt });
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'record.attach', objectType: 'service_record', objectId: id, after: { fileId: row.id, name: row.name, mime: row.mime, size: row.size } });
    return { ...row, createdAt: row.createdAt.toISOString() };
  });
}

export async function attachment(ctx: Ctx, id: string, fileId: string) {
  await findRecord(ctx, id, 'read');
  const [file] = await ctx.db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerType, 'service_record'), eq(files.ownerId, id)));
  if (!file) throw notFound('附件');
  return file;
}

/**
 * The district decides on a free-text item: acceptable work clears the flag; one that is in fact
 * excluded (R-SCOPE-EXCLUDED) stays flagged with the finding.
 */
export async function review(ctx: Ctx, id: string, body: { acceptable: boolean; note: string }): Promise<Dto> {
  const record = await findRecord(ctx, id);
  if (!record.itemCode && !record.flaggedForReview && record.review)
    throw invalid([{ path: 'note', message: '该记录已审核' }]);
  if (record.itemCode) throw invalid([{ path: 'note', message: '目录内项目无需审核' }]);
  const verdict = body.acceptable ? `可列入：${body.note}` : `属于不得列入事项（R-SCOPE-EXCLUDED）：${body.note}`;
  return inTransaction(ctx, async (tx) => {
    await tx.db.update(serviceRecords).set({ flaggedForReview: !body.acceptable, review: verdict }).where(eq(serviceRecords.id, id));
    await writeAudit(tx, { action: 'record.review', objectType: 'service_record', objectId: id, detail: verdict });
    return get(tx, id);
  });
}
