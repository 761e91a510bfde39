import { and, asc, count, desc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { orgListQuery } from '../../../shared/contracts/organizations';
import { chinaToday } from '../../../shared/rules/china-date';
import { files, organizations, postings, stations } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { qualified } from '../../db/sql';
import { likeContains } from '../../platform/scope';
import { stationCountServedBy, stationsServedByOrg } from '../../platform/station-operator';

export type OrgRow = typeof organizations.$inferSelect;
export type OrgWithCounts = OrgRow & { stationsRun: number; workersOnPost: number };
export type OrgFilter = Omit<z.output<typeof orgListQuery>, 'page' | 'pageSize'>;

/**
 * The organisation register is city-wide: officers of any region see it; an organisation's
 * own people see only their organisation.
 */
function orgScope(ctx: Ctx): SQL {
  if (ctx.system) return sql`true`;
  const scope = ctx.actor?.scope;
  if (!scope || scope.kind === 'none') return sql`false`;
  if (scope.kind === 'org') return scope.orgId ? eq(organizations.id, scope.orgId) : sql`false`;
  return sql`true`;
}

const workersOnPost = (today: string) =>
  sql<number>`(SELECT count(*)::int FROM ${postings} WHERE ${qualified(postings.orgId)} = ${qualified(organizations.id)} AND ${qualified(postings.endDate)} IS NULL AND ${qualified(postings.startDate)} <= ${today})`;

function where(ctx: Ctx, f: OrgFilter): SQL | undefined {
  const conds: SQL[] = [orgScope(ctx)];
  if (f.status) conds.push(eq(organizations.status, f.status));
  if (f.kind) conds.push(eq(organizations.kind, f.kind));
  if (f.q) {
    const term = likeContains(f.q);
    const m = or(ilike(organizations.name, term), ilike(organizations.creditCode, term));
    if (m) conds.push(m);
  }
  return and(...conds);
}

function selectWithCounts(ctx: Ctx) {
  return ctx.db
    .select({ org: organizations, stationsRun: stationCountServedBy(organizations.id, chinaToday()), workersOnPost: workersOnPost(chinaToday()) })
    .from(organizations)
    .$dynamic();
}

const flatten = (r: { org: OrgRow; stationsRun: number; workersOnPost: number }): OrgWithCounts => ({
  ...r.org,
  stationsRun: r.stationsRun,
  workersOnPost: r.workersOnPost,
});

export async function listOrgs(ctx: Ctx, f: OrgFilter & { page: number; pageSize: number }) {
  const cond = where(ctx, f);
  const [n] = await ctx.db.select({ n: count() }).from(organizations).where(cond);
  const rows = await selectWithCounts(ctx)
    .where(cond)
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { rows: rows.map(flatten), total: n?.n ?? 0 };
}

export async function allOrgs(ctx: Ctx, f: OrgFilter, limit: number): Promise<OrgWithCounts[]> {
  return (await selectWithCounts(ctx).where(where(ctx, f)).orderBy(asc(organizations.name)).limit(limit)).map(flatten);
}

export async function findOrg(ctx: Ctx, id: string): Promise<OrgWithCounts | undefined> {
  const [row] = await selectWithCounts(ctx).where(and(eq(organizations.id, id), orgScope(ctx))).limit(1);
  return row ? flatten(row) : undefined;
}

export async function orgByCreditCode(ctx: Ctx, code: string): Promise<OrgRow | undefined> {
  const [row] = await ctx.db.select().from(organizations).where(eq(organizations.creditCode, code)).limit(1);
  return row;
}

export async function orgFiles(ctx: Ctx, orgId: string) {
  return ctx.db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt })
    .from(files)
    .where(and(eq(files.ownerType, 'organization'), eq(files.ownerId, orgId)))
    .orderBy(desc(files.createdAt));
}

export async function orgFile(ctx: Ctx, orgId: string, fileId: string) {
  const [row] = await ctx.db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerType, 'organization'), eq(files.ownerId, orgId)))
    .limit(1);
  return row;
}


/**
 * The organisations a region officer may name as a worker's employer: those its unit registered
 * and those serving one of its stations today. Another county's contractor is not its to staff.
 */
export async function employableOrgIds(ctx: Ctx, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  if (ctx.system) return new Set(unique);
  const path = ctx.actor?.scope.kind === 'org' ? null : ctx.actor?.scope.path;
  if (!path) return new Set();
  const today = chinaToday();
  const rows = await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        inArray(organizations.id, unique),
        or(
          like(organizations.scopePath, `${path}%`),
          sql`EXISTS (SELECT 1 FROM ${stations} WHERE ${qualified(stations.scopePath)} LIKE ${`${path}%`}
            AND ${qualified(stations.id)} IN ${stationsServedByOrg(qualified(organizations.id), today)})`,
        ),
      ),
    );
  return new Set(rows.map((r) => r.id));
}
