import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/organizations';
import { ORG_KIND_LABELS, ORG_STATUS_LABELS, SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { files, organizations } from '../../db/schema';
import { writeAudit, writeAuditAlone } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, versionConflict } from '../../platform/errors';
import { countiesInScope, purchaserCounty } from '../regions/county-scope';
import { DOCUMENT_TYPES, readUpload } from '../../platform/uploads';
import { EXPORT_CAP, listWorkbook } from '../../platform/excel';
import * as repo from './organizations.repo';

type OrgDetail = z.input<typeof c.orgDetailSchema>;
type Editable = z.output<typeof c.orgEditableSchema>;

/**
 * Writes to an organisation belong to the county unit that registered it and to the city; its
 * own manager edits it too. Everyone else reads the register (to check a bidder) but may not write.
 */
function writable(ctx: Ctx, o: { id: string; scopePath: string }): boolean {
  if (ctx.system) return true;
  const scope = ctx.actor?.scope;
  if (!scope) return false;
  if (scope.kind === 'org') return scope.orgId === o.id;
  return scope.kind !== 'none' && scope.path !== null && o.scopePath.startsWith(scope.path) && ['city', 'county'].includes(scope.kind);
}

function assertWritable(ctx: Ctx, o: { id: string; scopePath: string }): void {
  if (!writable(ctx, o))
    throw new AppError('FORBIDDEN', '该机构不是本区市登记的机构：只有登记它的区市民政部门和市民政局可以修改、变更状态或上传材料');
}

const toDto = (ctx: Ctx, o: repo.OrgWithCounts) => ({
  id: o.id,
  name: o.name,
  creditCode: o.creditCode,
  kind: o.kind,
  registeringAuthority: o.registeringAuthority,
  registeredOn: o.registeredOn,
  legalRepresentative: o.legalRepresentative,
  contactName: o.contactName,
  contactPhone: o.contactPhone,
  address: o.address,
  serviceDomains: o.serviceDomains,
  status: o.status,
  statusReason: o.statusReason,
  countyCode: o.countyCode,
  writable: writable(ctx, o),
  stationsRun: o.stationsRun,
  workersOnPost: o.workersOnPost,
  version: o.version,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});

const auditImage = (o: typeof organizations.$inferSelect) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = o;
  return rest;
};

export async function list(ctx: Ctx, query: z.output<typeof c.orgListQuery>) {
  const { rows, total } = await repo.listOrgs(ctx, query);
  return { items: rows.map((r) => toDto(ctx, r)), total, page: query.page, pageSize: query.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<OrgDetail> {
  const org = await repo.findOrg(ctx, id);
  if (!org) throw notFound('承接机构');
  const attached = await repo.orgFiles(ctx, id);
  return { ...toDto(ctx, org), files: attached.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })) };
}

const duplicateCode = () => invalid([{ path: 'creditCode', message: '该统一社会信用代码已登记' }]);

/** The registering unit: a county officer's own; the city's choice (or the city itself). */
async function registeringUnit(ctx: Ctx, countyCode: string | null): Promise<{ countyCode: string | null; scopePath: string }> {
  const scope = actorOf(ctx).scope;
  if (scope.kind === 'county' && scope.path) {
    const own = (await countiesInScope(ctx))[0];
    if (!own) throw new AppError('FORBIDDEN', '无法确定本区市');
    return { countyCode: own.code, scopePath: own.path };
  }
  if (countyCode) {
    const county = await purchaserCounty(ctx, countyCode);
    return { countyCode: county.code, scopePath: county.path };
  }
  if (!scope.path) throw new AppError('FORBIDDEN', '只有市、区市民政部门可以登记承接机构');
  return { countyCode: null, scopePath: scope.path };
}

export async function create(ctx: Ctx, body: Editable & { creditCode: string; countyCode: string | null }): Promise<OrgDetail> {
  if (await repo.orgByCreditCode(ctx, body.creditCode)) throw duplicateCode();
  const unit = await registeringUnit(ctx, body.countyCode);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db.insert(organizations).values({ ...body, ...unit }).returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, { action: 'org.create', objectType: 'organization', objectId: row.id, after: auditImage(row) });
      return get(tx, row.id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCode();
    throw err;
  }
}

async function updateWith(
  ctx: Ctx,
  id: string,
  version: number,
  values: Partial<typeof organizations.$inferInsert>,
  action: 'org.update' | 'org.status',
  detail?: string,
): Promise<OrgDetail> {
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findOrg(tx, id);
    if (!before) throw notFound('承接机构');
    assertWritable(tx, before);
    const [after] = await tx.db
      .update(organizations)
      .set({ ...values, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(organizations.id, id), eq(organizations.version, version)))
      .returning();
    if (!after) throw versionConflict();
    const { stationsRun: _s, workersOnPost: _w, ...beforeRow } = before;
    await writeAudit(tx, { action, objectType: 'organization', objectId: id, before: auditImage(beforeRow), after: auditImage(after), detail });
    return get(tx, id);
  });
}

export async function update(ctx: Ctx, id: string, body: Editable & { version: number }): Promise<OrgDetail> {
  const { version, ...values } = body;
  return updateWith(ctx, id, version, values, 'org.update');
}

export async function changeStatus(
  ctx: Ctx,
  id: string,
  body: { version: number; status: OrgDetail['status']; reason: string },
): Promise<OrgDetail> {
  const current = await repo.findOrg(ctx, id);
  if (!current) throw notFound('承接机构');
  assertWritable(ctx, current);
  if (current.status === body.status)
    throw invalid([{ path: 'status', message: `机构已是“${ORG_STATUS_LABELS[body.status]}”状态` }]);
  return updateWith(
    ctx, id, body.version, { status: body.status, statusReason: body.reason }, 'org.status',
    `${ORG_STATUS_LABELS[current.status]} → ${ORG_STATUS_LABELS[body.status]}：${body.reason}`,
  );
}

export async function uploadFile(ctx: Ctx, id: string, request: FastifyRequest) {
  const org = await repo.findOrg(ctx, id);
  if (!org) throw notFound('承接机构');
  assertWritable(ctx, org);
  const upload = await readUpload(request, DOCUMENT_TYPES);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(files)
      .values({ ownerType: 'organization', ownerId: id, orgId: id, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt });
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'org.file_upload', objectType: 'organization', objectId: id,
      after: { fileId: row.id, name: row.name, mime: row.mime, size: row.size, sha256: upload.sha256 },
    });
    return { ...row, createdAt: row.createdAt.toISOString() };
  });
}

export async function downloadFile(ctx: Ctx, id: string, fileId: string) {
  if (!(await repo.findOrg(ctx, id))) throw notFound('承接机构');
  const file = await repo.orgFile(ctx, id, fileId);
  if (!file) throw notFound('文件');
  return file;
}

export async function exportXlsx(ctx: Ctx, filter: repo.OrgFilter): Promise<Buffer> {
  const rows = await repo.allOrgs(ctx, filter, EXPORT_CAP);
  const content = await listWorkbook(
    '承接机构',
    [
      { header: '机构名称', key: 'name', width: 36 },
      { header: '统一社会信用代码', key: 'creditCode', width: 22 },
      { header: '主体类型', key: 'kind', width: 16 },
      { header: '登记管理机关', key: 'authority', width: 20 },
      { header: '成立日期', key: 'registeredOn', width: 12 },
      { header: '法定代表人', key: 'legal', width: 12 },
      { header: '联系人', key: 'contact', width: 12 },
      { header: '联系电话', key: 'phone', width: 16 },
      { header: '服务领域', key: 'domains', width: 30 },
      { header: '状态', key: 'status', width: 8 },
      { header: '运营站点数', key: 'stations', width: 10 },
      { header: '在岗社工数', key: 'workers', width: 10 },
    ],
    rows.map((o) => ({
      name: o.name, creditCode: o.creditCode, kind: ORG_KIND_LABELS[o.kind], authority: o.registeringAuthority,
      registeredOn: o.registeredOn ?? '', legal: o.legalRepresentative, contact: o.contactName, phone: o.contactPhone,
      domains: o.serviceDomains.map((d) => SERVICE_DOMAIN_LABELS[d]).join('、'), status: ORG_STATUS_LABELS[o.status],
      stations: o.stationsRun, workers: o.workersOnPost,
    })),
  );
  await writeAuditAlone(ctx, { action: 'org.export', objectType: 'organization', objectId: '', detail: `导出 ${rows.length} 条` });
  return content;
}
