import { eq, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/institutional-systems';
import { chinaToday } from '../../../shared/rules/china-date';
import { SYSTEM_KIND_LABELS, SYSTEM_KINDS, missingSystemMessage } from '../../../shared/rules/institutional-systems';
import { files, systemDocuments } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, notFound, ruleViolation } from '../../platform/errors';
import { DOCUMENT_TYPES, readUpload } from '../../platform/uploads';
import * as repo from './institutional-systems.repo';
import type { DocumentOn } from './institutional-systems.repo';

type Dto = z.input<typeof c.systemDocumentSchema>;
type Input = z.output<typeof c.systemDocumentInput>;

async function dtos(ctx: Ctx, rows: DocumentOn[]): Promise<Dto[]> {
  const names = await repo.namesFor(ctx.db, rows);
  return rows.map((r) => ({
    id: r.id, countyCode: r.countyCode, countyName: names.county.get(r.countyCode) ?? r.countyCode, kind: r.kind, title: r.title,
    version: r.version, effectiveOn: r.effectiveOn, approvedBy: r.approvedBy, approvedOn: r.approvedOn, note: r.note, status: r.status,
    supersededOn: r.supersededOn, file: (r.fileId && names.file.get(r.fileId)) || null,
    createdBy: (r.createdBy && names.person.get(r.createdBy)) || '', createdAt: r.createdAt.toISOString(),
  }));
}

async function dto(ctx: Ctx, row: DocumentOn): Promise<Dto> {
  const [d] = await dtos(ctx, [row]);
  if (!d) throw new Error('no dto');
  return d;
}

export async function list(ctx: Ctx, q: z.output<typeof c.listSystemDocuments.query>) {
  const where: SQL[] = [];
  if (q.countyCode) where.push(eq(systemDocuments.countyCode, q.countyCode));
  if (q.kind) where.push(eq(systemDocuments.kind, q.kind));
  const today = chinaToday();
  if (q.status) where.push(repo.statusOn(q.status, today));
  const { rows, total } = await repo.listDocuments(ctx, where, today, q.page, q.pageSize);
  return { items: await dtos(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Dto> {
  const row = await repo.findDocument(ctx, id, chinaToday());
  if (!row) throw notFound('制度文件');
  return dto(ctx, row);
}

/**
 * One page of units × five systems on today's China date, and a finding for each of the page's
 * systems without a version in force; the count of such systems over the whole scope comes from SQL.
 */
export async function completeness(ctx: Ctx, q: z.output<typeof c.systemCompleteness.query>): Promise<z.input<typeof c.completenessSchema>> {
  const today = chinaToday();
  const [counties, inForce] = await Promise.all([repo.countiesInScope(ctx, q.page, q.pageSize), repo.inForceCount(ctx, today)]);
  const versions = await repo.standingVersions(ctx, counties.rows.map((c) => c.code), today);
  const ref = (d: (typeof versions.current)[number] | undefined) => (d ? { id: d.id, title: d.title, version: d.version, effectiveOn: d.effectiveOn } : null);
  const current = new Map(versions.current.map((d) => [`${d.countyCode}/${d.kind}`, d]));
  const pending = new Map(versions.pending.map((d) => [`${d.countyCode}/${d.kind}`, d]));
  const findings: z.input<typeof c.completenessSchema>['findings'] = [];
  const rows = counties.rows.map((county) => {
    const systems = SYSTEM_KINDS.map((kind) => {
      const now = ref(current.get(`${county.code}/${kind}`));
      const next = ref(pending.get(`${county.code}/${kind}`));
      const standing = now ? ('in_force' as const) : ('missing' as const);
      if (!now) findings.push({ countyCode: county.code, countyName: county.name, kind, standing, rule: 'R-SYS-FIVE', message: missingSystemMessage(county.name, kind, next) });
      return { kind, standing, current: now, pending: next };
    });
    return { code: county.code, name: county.name, systems, inForce: systems.filter((s) => s.standing === 'in_force').length };
  });
  return { asOf: today, total: counties.total, findingsTotal: counties.total * SYSTEM_KINDS.length - inForce, page: q.page, pageSize: q.pageSize, counties: rows, findings };
}

/**
 * A county officer registers its own county's document. Nothing is rewritten: the version in force
 * stands until the new one's 施行日期 (read from the dates). A version may not take effect before
 * the latest one registered, or it would be superseded the moment it is registered.
 */
export async function create(ctx: Ctx, body: Input): Promise<Dto> {
  const scope = actorOf(ctx).scope;
  const county = scope.kind === 'county' && scope.path ? await repo.countyOfPath(ctx.db, scope.path) : undefined;
  if (!county || county.path !== scope.path) throw new AppError('FORBIDDEN', '五项制度由区市民政部门登记本区市的制度文件');
  const today = chinaToday();
  return inTransaction(ctx, async (tx) => {
    const latest = await repo.latestVersionLocked(tx.db, county.code, body.kind);
    if (latest && body.effectiveOn < latest.effectiveOn)
      throw ruleViolation(
        'R-SYS-FIVE',
        `${SYSTEM_KIND_LABELS[body.kind]}已登记${latest.version}，自${latest.effectiveOn}起施行；新版本的施行日期不能早于这一天，否则一登记就被替代。请核对施行日期`,
      );
    const [row] = await tx.db
      .insert(systemDocuments)
      .values({ ...body, countyCode: county.code, scopePath: county.path, createdBy: actorOf(tx).id })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    const replaces = latest ? `，${body.effectiveOn > today ? `自${body.effectiveOn}起` : ''}替代${latest.version}` : '';
    await writeAudit(tx, {
      action: 'system_document.create', objectType: 'system_document', objectId: row.id,
      detail: `${county.name}${SYSTEM_KIND_LABELS[body.kind]}《${body.title}》${body.version}${replaces}`,
      ...(latest ? { before: { id: latest.id, version: latest.version, effectiveOn: latest.effectiveOn } } : {}),
      after: { kind: row.kind, title: row.title, version: row.version, effectiveOn: row.effectiveOn },
    });
    const created = await repo.findDocument(tx, row.id, today);
    if (!created) throw new Error('registered document not found');
    return dto(tx, created);
  });
}

/** The text of the version in force or of one waiting to take effect may be attached or replaced; a superseded one's not. */
async function writable(ctx: Ctx, id: string): Promise<DocumentOn> {
  const row = await repo.findDocument(ctx, id, chinaToday());
  const scope = actorOf(ctx).scope;
  if (!row || scope.kind !== 'county' || row.scopePath !== scope.path) throw notFound('制度文件');
  if (row.status === 'superseded') throw new AppError('CONFLICT', '已被新版本替代的制度文件不能再更换正文');
  return row;
}

export async function attachFile(ctx: Ctx, id: string, request: FastifyRequest): Promise<Dto> {
  const row = await writable(ctx, id);
  const upload = await readUpload(request, DOCUMENT_TYPES);
  return inTransaction(ctx, async (tx) => {
    const [file] = await tx.db
      .insert(files)
      .values({ ownerType: 'system_document', ownerId: id, scopePath: row.scopePath, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id });
    if (!file) throw new Error('insert returned nothing');
    await tx.db.update(systemDocuments).set({ fileId: file.id }).where(eq(systemDocuments.id, id));
    await writeAudit(tx, { action: 'system_document.file', objectType: 'system_document', objectId: id, before: { fileId: row.fileId }, after: { fileId: file.id, name: upload.name, size: upload.size } });
    return dto(tx, { ...row, fileId: file.id });
  });
}

export async function file(ctx: Ctx, id: string) {
  const row = await repo.findDocument(ctx, id, chinaToday());
  if (!row?.fileId) throw notFound('制度文件正文');
  const [f] = await ctx.db.select().from(files).where(eq(files.id, row.fileId));
  if (!f) throw notFound('制度文件正文');
  return f;
}
