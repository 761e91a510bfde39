import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/publicity';
import { personalDataIn } from '../../../shared/rules/personal-data';
import { POST_STATUS_LABELS, privacyProblems, type PostPhoto } from '../../../shared/rules/publicity';
import { files, publicityPosts, stationBrands } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { userDisplayNames } from '../users/users.repo';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { readUpload } from '../../platform/uploads';
import { workflowEvent } from '../../platform/workflow';
import { stationFor } from '../service-records/station-for';
import { stationNames } from '../stations/stations.repo';
import * as repo from './publicity.repo';
import type { PostRow } from './publicity.repo';

type Dto = z.input<typeof c.postSchema>;
type Input = z.output<typeof c.postInput>;

const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function mayReview(ctx: Ctx, r: PostRow): boolean {
  const actor = actorOf(ctx);
  return (
    actor.permissions.has('publicity:review') && r.status === 'submitted' && actor.scope.kind === 'county' && !!actor.scope.path &&
    r.scopePath.startsWith(actor.scope.path) && r.submittedBy !== actor.id && r.authorId !== actor.id
  );
}

const stationSide = (kind: string | undefined) => kind === 'station' || kind === 'org';

/**
 * The author's side edits (and resubmits) a draft or a returned post: for one written at the
 * station (its workers, its operator's staff) the station's writers, who already passed the read
 * scope; for one an officer wrote (district news) that officer. The side is the post's, fixed when
 * written, so an author's later move to another post gives no station rights over it. The
 * reviewer returns a post with a reason and never rewrites it.
 */
function onAuthorSide(ctx: Ctx, r: PostRow): boolean {
  const actor = actorOf(ctx);
  if (!actor.permissions.has('publicity:write')) return false;
  // An officer's post: its author, while still an officer (moved to a station, they write for the station).
  return r.authorSide === 'station' ? stationSide(actor.scope.kind) : actor.id === r.authorId && !stationSide(actor.scope.kind);
}

const mayEdit = (ctx: Ctx, r: PostRow) => (r.status === 'draft' || r.status === 'returned') && onAuthorSide(ctx, r);

async function dto(ctx: Ctx, r: PostRow): Promise<Dto> {
  const [names, authors, linked, photoFiles] = await Promise.all([
    stationNames(ctx.db, [r.stationId]),
    userDisplayNames(ctx.db, [r.authorId]),
    repo.stationClients(ctx.db, r.stationId, r.clientIds),
    repo.photoFiles(ctx.db, r.id),
  ]);
  return {
    id: r.id, kind: r.kind, stationId: r.stationId, stationName: names.get(r.stationId) ?? '', title: r.title, body: r.body,
    clients: linked.map((l) => ({ id: l.id, name: l.name, sharingConsent: l.sharingConsent })),
    photos: r.photos, files: photoFiles.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    status: r.status, authorName: authors.get(r.authorId) ?? '', submittedAt: iso(r.submittedAt), publishedAt: iso(r.publishedAt),
    returnReason: r.returnReason, history: r.history, canEdit: mayEdit(ctx, r), canReview: mayReview(ctx, r),
    version: r.version, createdAt: r.createdAt.toISOString(),
  };
}

async function find(ctx: Ctx, id: string): Promise<PostRow> {
  const row = await repo.findPost(ctx, id);
  if (!row) throw notFound('稿件');
  return row;
}

export async function list(ctx: Ctx, q: z.output<typeof c.listPosts.query>) {
  const where: SQL[] = [repo.readScope(ctx)];
  if (q.status) where.push(eq(publicityPosts.status, q.status));
  if (q.kind) where.push(eq(publicityPosts.kind, q.kind));
  if (q.toReview === 'true') where.push(repo.toReviewBy(ctx));
  const { rows, total } = await repo.listPosts(ctx, and(...where) ?? sql`true`, q.page, q.pageSize);
  const [stations, authors] = await Promise.all([
    stationNames(ctx.db, [...new Set(rows.map((r) => r.stationId))]),
    userDisplayNames(ctx.db, rows.map((r) => r.authorId)),
  ]);
  const items = rows.map((r) => ({
    id: r.id, kind: r.kind, stationId: r.stationId, stationName: stations.get(r.stationId) ?? '', title: r.title, status: r.status,
    authorName: authors.get(r.authorId) ?? '', submittedAt: iso(r.submittedAt), publishedAt: iso(r.publishedAt), returnReason: r.returnReason,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Dto> {
  return dto(ctx, await find(ctx, id));
}

/** Linked clients are the station's; photos are this post's images; a consent names a linked client. */
async function checkInput(ctx: Ctx, stationId: string, postId: string | null, body: Input): Promise<void> {
  const ids = [...new Set(body.clientIds)];
  const found = await repo.stationClients(ctx.db, stationId, ids);
  if (found.length !== ids.length) throw invalid([{ path: 'clientIds', message: '关联的服务对象须是本社工站的服务对象' }]);
  if (body.photos.length === 0) return;
  const own = postId ? new Set((await repo.photoFiles(ctx.db, postId)).filter((f) => f.mime.startsWith('image/')).map((f) => f.id)) : new Set<string>();
  body.photos.forEach((p, i) => {
    if (!own.has(p.fileId)) throw invalid([{ path: `photos.${i}.fileId`, message: '照片须先上传到本稿件' }]);
    if (p.consentClientId && !ids.includes(p.consentClientId))
      throw invalid([{ path: `photos.${i}.consentClientId`, message: '同意须来自本稿件关联的服务对象' }]);
  });
}

export async function create(ctx: Ctx, body: Input): Promise<Dto> {
  const station = await stationFor(ctx, body.stationId ?? null);
  await checkInput(ctx, station.station.id, null, body);
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(publicityPosts)
      .values({
        kind: body.kind, stationId: station.station.id, scopePath: station.station.scopePath, authorId: actor.id,
        authorOrgId: actor.scope.kind === 'org' ? (actor.scope.orgId ?? null) : null, authorSide: stationSide(actor.scope.kind) ? 'station' : 'officer', title: body.title, body: body.body,
        clientIds: [...new Set(body.clientIds)], photos: body.photos, history: [workflowEvent(tx, '撰写')],
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'publicity.create', objectType: 'publicity_post', objectId: row.id, after: { kind: row.kind, title: row.title, station: row.stationId } });
    return dto(tx, row);
  });
}

async function editable(ctx: Ctx, id: string): Promise<PostRow> {
  const r = await find(ctx, id);
  if (r.status !== 'draft' && r.status !== 'returned') throw new AppError('CONFLICT', `稿件${POST_STATUS_LABELS[r.status]}，不能再修改或提交`);
  if (!onAuthorSide(ctx, r))
    throw new AppError('FORBIDDEN', r.authorSide === 'station'
      ? '这篇稿件由社工站撰写，由社工站或其运营机构修改并重新提交；审核人只退回并写明理由，不代为修改'
      : '这篇稿件由区市民政部门的撰写人本人修改和提交');
  return r;
}

export async function update(ctx: Ctx, id: string, body: z.output<typeof c.updatePost.body>): Promise<Dto> {
  const r = await editable(ctx, id);
  const p = body.post;
  await checkInput(ctx, r.stationId, r.id, p);
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(publicityPosts)
      .set({ kind: p.kind, title: p.title, body: p.body, clientIds: [...new Set(p.clientIds)], photos: p.photos, version: sql`${publicityPosts.version} + 1`, updatedAt: new Date() })
      .where(and(eq(publicityPosts.id, id), eq(publicityPosts.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'publicity.update', objectType: 'publicity_post', objectId: id, before: { title: r.title, clients: r.clientIds, photos: r.photos.length }, after: { title: after.title, clients: after.clientIds, photos: after.photos.length } });
    return dto(tx, after);
  });
}

export async function attachPhoto(ctx: Ctx, id: string, request: FastifyRequest) {
  const r = await editable(ctx, id);
  const upload = await readUpload(request, PHOTO_TYPES);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(files)
      .values({ ownerType: 'publicity_post', ownerId: id, scopePath: r.scopePath, uploadedBy: actorOf(tx).id, ...upload })
      .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt });
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'publicity.photo', objectType: 'publicity_post', objectId: id, after: { fileId: row.id, name: row.name, size: row.size } });
    return { ...row, createdAt: row.createdAt.toISOString() };
  });
}

export async function photo(ctx: Ctx, id: string, fileId: string) {
  await find(ctx, id);
  const [file] = await ctx.db.select().from(files).where(and(eq(files.id, fileId), eq(files.ownerType, 'publicity_post'), eq(files.ownerId, id)));
  if (!file) throw notFound('照片');
  return file;
}

/**
 * R-PUBLICITY-PRIVACY, at submission and again at publication (a consent may have been
 * withdrawn meanwhile): no client's name of the station, no ID number or phone, no face
 * without the linked client's sharing consent.
 */
async function assertPrivate(ctx: Ctx, r: PostRow): Promise<void> {
  const text = `${r.title}\n${r.body}\n${r.photos.map((p: PostPhoto) => p.caption).join('\n')}`;
  const [namesFound, linked] = await Promise.all([repo.clientNamesIn(ctx.db, r.stationId, text), repo.stationClients(ctx.db, r.stationId, r.clientIds)]);
  const problems = privacyProblems(text, r.photos, { namesFound, linked });
  if (problems.length > 0) throw ruleViolation('R-PUBLICITY-PRIVACY', `${problems.join('；')}。`);
}

export async function submit(ctx: Ctx, id: string, version: number): Promise<Dto> {
  const r = await editable(ctx, id);
  await assertPrivate(ctx, r);
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(publicityPosts)
      .set({
        status: 'submitted', submittedBy: actorOf(tx).id, submittedAt: now, reviewedBy: null, reviewedAt: null,
        history: [...r.history, workflowEvent(tx, r.status === 'returned' ? '修改后重新提交' : '提交审核')],
        version: sql`${publicityPosts.version} + 1`, updatedAt: now,
      })
      .where(and(eq(publicityPosts.id, id), eq(publicityPosts.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'publicity.submit', objectType: 'publicity_post', objectId: id, detail: r.title });
    return dto(tx, after);
  });
}

export async function review(ctx: Ctx, id: string, body: z.output<typeof c.reviewPost.body>): Promise<Dto> {
  const r = await find(ctx, id);
  const actor = actorOf(ctx);
  if (actor.scope.kind !== 'county' || !actor.scope.path || !r.scopePath.startsWith(actor.scope.path))
    throw ruleViolation('R-PUBLICITY-REVIEW', '稿件由社工站所在区市的民政部门审核');
  if (r.status !== 'submitted') throw new AppError('CONFLICT', `稿件${POST_STATUS_LABELS[r.status]}，不在待审核状态`);
  if (r.submittedBy === actor.id || r.authorId === actor.id) throw ruleViolation('R-FOUR-EYES', '这篇稿件是您本人撰写或提交的，须由另一人审核');
  if (body.publish) await assertPrivate(ctx, r);
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(publicityPosts)
      .set({
        status: body.publish ? 'published' : 'returned', reviewedBy: actor.id, reviewedAt: now, publishedAt: body.publish ? now : null,
        returnReason: body.publish ? '' : body.reason,
        history: [...r.history, workflowEvent(tx, body.publish ? '审核发布' : '退回修改', body.reason)],
        version: sql`${publicityPosts.version} + 1`, updatedAt: now,
      })
      .where(and(eq(publicityPosts.id, id), eq(publicityPosts.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: body.publish ? 'publicity.publish' : 'publicity.return', objectType: 'publicity_post', objectId: id, detail: `${r.title}${body.reason ? `：${body.reason}` : ''}` });
    return dto(tx, after);
  });
}

type BrandRow = typeof stationBrands.$inferSelect;
const brandDto = (b: BrandRow, stationName: string) => ({ id: b.id, stationId: b.stationId, stationName, name: b.name, description: b.description, version: b.version });

export async function listBrands(ctx: Ctx, q: z.output<typeof c.listBrands.query>) {
  const { rows, total } = await repo.brands(ctx, q.stationId, q.page, q.pageSize);
  const names = await stationNames(ctx.db, [...new Set(rows.map((b) => b.stationId))]);
  return { items: rows.map((b) => brandDto(b, names.get(b.stationId) ?? '')), total, page: q.page, pageSize: q.pageSize };
}

/**
 * R-PUBLICITY-PRIVACY for a brand: it is on the station's public page as soon as it is saved,
 * so its name and introduction may hold no client's name, ID number or phone.
 */
async function assertBrandPrivate(ctx: Ctx, stationId: string, body: { name: string; description: string }): Promise<void> {
  const text = `${body.name}\n${body.description}`;
  const namesFound = await repo.clientNamesIn(ctx.db, stationId, text);
  const kinds = [...new Set([...(namesFound.length > 0 ? ['服务对象姓名'] : []), ...personalDataIn(text, { name: null, address: null })])];
  if (kinds.length > 0) throw ruleViolation('R-PUBLICITY-PRIVACY', `服务品牌会显示在社工站的公开页面上，名称或介绍中不能有${kinds.join('、')}，请删去后再保存。`);
}

export async function createBrand(ctx: Ctx, body: z.output<typeof c.createBrand.body>) {
  const station = await stationFor(ctx, body.stationId ?? null);
  await assertBrandPrivate(ctx, station.station.id, body);
  return inTransaction(ctx, async (tx) => {
    const [b] = await tx.db
      .insert(stationBrands)
      .values({ stationId: station.station.id, scopePath: station.station.scopePath, name: body.name, description: body.description, createdBy: actorOf(tx).id })
      .returning();
    if (!b) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'publicity.brand', objectType: 'station_brand', objectId: b.id, after: { station: b.stationId, name: b.name } });
    return brandDto(b, station.name);
  });
}

/** Whoever may register the station's brand edits it (the station's writers, its district); a stale version is refused. */
export async function updateBrand(ctx: Ctx, id: string, body: z.output<typeof c.updateBrand.body>) {
  const before = await repo.findBrand(ctx, id);
  if (!before) throw notFound('服务品牌');
  const station = await stationFor(ctx, before.stationId);
  await assertBrandPrivate(ctx, before.stationId, body);
  return inTransaction(ctx, async (tx) => {
    const [b] = await tx.db
      .update(stationBrands)
      .set({ name: body.name, description: body.description, version: sql`${stationBrands.version} + 1`, updatedAt: new Date() })
      .where(and(eq(stationBrands.id, id), eq(stationBrands.version, body.version)))
      .returning();
    if (!b) throw versionConflict();
    await writeAudit(tx, {
      action: 'publicity.brand.update', objectType: 'station_brand', objectId: id,
      before: { name: before.name, description: before.description }, after: { name: b.name, description: b.description },
    });
    return brandDto(b, station.name);
  });
}
