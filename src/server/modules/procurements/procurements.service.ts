import { and, asc, count, desc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/procurements';
import { chinaDay, chinaToday } from '../../../shared/rules/china-date';
import { PROCUREMENT_STATUS_LABELS } from '../../../shared/rules/purchase';
import { organizations, procurements, regions, serviceItems } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { likeContains, regionOrAncestorScope } from '../../platform/scope';
import { allowedServiceItems } from '../service-catalogue/service-items';
import { purchaserCounty, stationsOfCounty } from '../regions/county-scope';
import { stationNames } from '../stations/stations.repo';

type Row = typeof procurements.$inferSelect;
type Editable = z.output<typeof c.procurementEditableSchema>;
type Dto = z.input<typeof c.procurementSchema>;
type Line = z.input<typeof c.procurementLineSchema>;
type Query = z.output<typeof c.procurementListQuery>;

const columns = { p: procurements, countyShortName: regions.shortName, org: { id: organizations.id, name: organizations.name, creditCode: organizations.creditCode } };
type Joined = { p: Row; countyShortName: string; org: { id: string; name: string; creditCode: string } | null };

function base(ctx: Ctx) {
  return ctx.db
    .select(columns)
    .from(procurements)
    .innerJoin(regions, eq(regions.code, procurements.countyCode))
    .leftJoin(organizations, eq(organizations.id, procurements.contractorOrgId))
    .$dynamic();
}

/** Names of stations and catalogue items for many projects in two queries. */
async function dtos(ctx: Ctx, rows: Joined[]): Promise<Dto[]> {
  const stationIds = [...new Set(rows.flatMap((r) => r.p.stationIds))];
  const codes = [...new Set(rows.flatMap((r) => r.p.itemCodes))];
  const [names, items] = await Promise.all([
    stationNames(ctx.db, stationIds),
    codes.length
      ? ctx.db.select({ code: serviceItems.code, name: serviceItems.name, domain: serviceItems.domain }).from(serviceItems).where(inArray(serviceItems.code, codes))
      : Promise.resolve([]),
  ]);
  const itemByCode = new Map(items.map((i) => [i.code, i]));
  return rows.map(({ p, countyShortName, org }) => ({
    id: p.id,
    countyCode: p.countyCode,
    countyShortName,
    year: p.year,
    title: p.title,
    stationIds: p.stationIds,
    stations: p.stationIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    items: p.itemCodes.map((code) => itemByCode.get(code) ?? { code, name: code, domain: 'other' }),
    otherItems: p.otherItems,
    standards: p.standards,
    requirements: p.requirements,
    method: p.method,
    budgetFen: p.budgetFen,
    announcedOn: p.announcedOn,
    deadlineOn: p.deadlineOn,
    status: p.status,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    contractor: org,
    awardedOn: p.awardedOn,
    awardFen: p.awardFen,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  }));
}

const lineOf = ({ p, countyShortName, org }: Joined): Line => ({
  id: p.id, countyCode: p.countyCode, countyShortName, year: p.year, title: p.title, stationIds: p.stationIds, method: p.method,
  budgetFen: p.budgetFen, status: p.status, contractor: org, awardFen: p.awardFen, version: p.version, updatedAt: p.updatedAt.toISOString(),
});

function filters(q: Omit<Query, 'page' | 'pageSize'>): SQL[] {
  const where: SQL[] = [];
  if (q.year) where.push(eq(procurements.year, q.year));
  if (q.countyCode) where.push(eq(procurements.countyCode, q.countyCode));
  if (q.status) where.push(eq(procurements.status, q.status));
  if (q.q) {
    const match = or(ilike(procurements.title, likeContains(q.q)), ilike(organizations.name, likeContains(q.q)));
    if (match) where.push(match);
  }
  return where;
}

export async function list(ctx: Ctx, q: Query) {
  const where = and(regionOrAncestorScope(ctx, procurements.scopePath), ...filters(q));
  const rows = await base(ctx).where(where).orderBy(desc(procurements.year), desc(procurements.updatedAt), asc(procurements.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [n] = await ctx.db
    .select({ n: count() })
    .from(procurements)
    .leftJoin(organizations, eq(organizations.id, procurements.contractorOrgId))
    .where(where);
  return { items: rows.map(lineOf), total: n?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function find(ctx: Ctx, id: string): Promise<Joined | undefined> {
  const [row] = await base(ctx).where(and(eq(procurements.id, id), regionOrAncestorScope(ctx, procurements.scopePath)));
  return row;
}

export async function get(ctx: Ctx, id: string): Promise<Dto> {
  const row = await find(ctx, id);
  if (!row) throw notFound('采购项目');
  const [dto] = await dtos(ctx, [row]);
  if (!dto) throw new Error('dto missing');
  return dto;
}

async function checked(ctx: Ctx, countyCode: string, b: Editable) {
  const county = await purchaserCounty(ctx, countyCode);
  await stationsOfCounty(ctx, county, b.stationIds);
  await allowedServiceItems(ctx, b.itemCodes, 'itemCodes');
  if (b.announcedOn && b.deadlineOn && b.deadlineOn < b.announcedOn)
    throw invalid([{ path: 'deadlineOn', message: '截止日期不能早于公告日期' }]);
  return county;
}

const values = (b: Editable) => ({ ...b, stationIds: [...new Set(b.stationIds)], itemCodes: [...new Set(b.itemCodes)] });

export async function create(ctx: Ctx, body: Editable & { countyCode: string; year: number }): Promise<Dto> {
  const county = await checked(ctx, body.countyCode, body);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(procurements)
      .values({ ...values(body), countyCode: county.code, scopePath: county.path, year: body.year })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'procurement.create', objectType: 'procurement', objectId: row.id, after: values(body) });
    return get(tx, row.id);
  });
}

async function writable(ctx: Ctx, id: string, allowed: Row['status'][], doing: string): Promise<Row> {
  const row = await find(ctx, id);
  if (!row) throw notFound('采购项目');
  await purchaserCounty(ctx, row.p.countyCode);
  if (!allowed.includes(row.p.status)) throw new AppError('CONFLICT', `采购项目${PROCUREMENT_STATUS_LABELS[row.p.status]}，不能${doing}`);
  return row.p;
}

async function save(ctx: Ctx, id: string, version: number, set: Partial<typeof procurements.$inferInsert>, audit: Parameters<typeof writeAudit>[1]) {
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(procurements)
      .set({ ...set, version: sql`${procurements.version} + 1`, updatedAt: new Date() })
      .where(and(eq(procurements.id, id), eq(procurements.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, audit);
    return get(tx, id);
  });
}

export async function update(ctx: Ctx, id: string, body: Editable & { version: number }): Promise<Dto> {
  const p = await writable(ctx, id, ['draft', 'published'], '修改');
  await checked(ctx, p.countyCode, body);
  const { version, ...rest } = body;
  return save(ctx, id, version, values(rest), { action: 'procurement.update', objectType: 'procurement', objectId: id, before: p, after: values(rest) });
}

/** R-PROC-PUBLIC: what the public page will show must be there before it is published. */
export async function publish(ctx: Ctx, id: string, version: number): Promise<Dto> {
  const p = await writable(ctx, id, ['draft'], '公开');
  const missing = [
    p.itemCodes.length === 0 && !p.otherItems.trim() ? '服务内容' : null,
    !p.standards.trim() ? '服务标准' : null,
    !p.requirements.trim() ? '服务要求' : null,
    p.stationIds.length === 0 ? '服务的社工站' : null,
  ].filter((x): x is string => x !== null);
  if (missing.length > 0) throw ruleViolation('R-PROC-PUBLIC', `公开前请填写：${missing.join('、')}`);
  const now = new Date();
  return save(ctx, id, version, { status: 'published', publishedAt: now, announcedOn: p.announcedOn ?? chinaDay(now) }, {
    action: 'procurement.publish', objectType: 'procurement', objectId: id, detail: `公开于 ${chinaDay(now)}`,
  });
}

export async function award(ctx: Ctx, id: string, body: z.output<typeof c.awardProcurement.body>): Promise<Dto> {
  const p = await writable(ctx, id, ['published'], '登记采购结果（须先公开项目信息）');
  if (body.awardedOn > chinaToday()) throw invalid([{ path: 'awardedOn', message: '成交日期不能晚于今天' }]);
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, body.contractorOrgId));
  if (!org) throw invalid([{ path: 'contractorOrgId', message: '承接机构不存在' }]);
  if (org.status === 'barred') throw ruleViolation('R-BUY-ROLES', `${org.name}已被列入禁入名单，不能作为承接主体`);
  return save(ctx, id, body.version, { status: 'awarded', contractorOrgId: org.id, awardedOn: body.awardedOn, awardFen: body.awardFen }, {
    action: 'procurement.award', objectType: 'procurement', objectId: id, before: { status: p.status },
    after: { contractorOrgId: org.id, awardedOn: body.awardedOn, awardFen: body.awardFen }, detail: `承接主体：${org.name}`,
  });
}

export async function cancel(ctx: Ctx, id: string, body: { version: number; reason: string }): Promise<Dto> {
  await writable(ctx, id, ['draft', 'published'], '取消');
  return save(ctx, id, body.version, { status: 'cancelled' }, {
    action: 'procurement.cancel', objectType: 'procurement', objectId: id, detail: body.reason,
  });
}

// ---- The public site (no login): published projects only, facts the plan requires to be public ----

const published = and(inArray(procurements.status, ['published', 'awarded']), isNotNull(procurements.publishedAt));

async function publicDtos(ctx: Ctx, rows: Joined[]) {
  return (await dtos(ctx, rows)).map((d) => ({
    id: d.id,
    countyShortName: d.countyShortName,
    year: d.year,
    title: d.title,
    stations: d.stations.map((s) => s.name),
    items: d.items.map((i) => ({ name: i.name, domain: i.domain })),
    otherItems: d.otherItems,
    standards: d.standards,
    requirements: d.requirements,
    method: d.method,
    budgetFen: d.budgetFen,
    publishedOn: d.publishedAt ? chinaDay(d.publishedAt) : '',
    contractor: d.status === 'awarded' && d.contractor ? { name: d.contractor.name, creditCode: d.contractor.creditCode } : null,
    awardedOn: d.status === 'awarded' ? d.awardedOn : null,
    awardFen: d.status === 'awarded' ? d.awardFen : null,
  }));
}

export async function publicList(ctx: Ctx, q: { page: number; pageSize: number; year?: number; countyCode?: string }) {
  const where = and(published, ...filters({ year: q.year, countyCode: q.countyCode }));
  const rows = await base(ctx).where(where).orderBy(desc(procurements.publishedAt), asc(procurements.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [n] = await ctx.db.select({ n: count() }).from(procurements).where(where);
  return { items: await publicDtos(ctx, rows), total: n?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function publicGet(ctx: Ctx, id: string) {
  const [row] = await base(ctx).where(and(eq(procurements.id, id), published));
  if (!row) throw notFound('公开的采购项目');
  const [dto] = await publicDtos(ctx, [row]);
  if (!dto) throw new Error('dto missing');
  return dto;
}
