import { and, asc, count, desc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { clientListQuery } from '../../../shared/contracts/clients';
import { cases, clientAccessLog, clientConsents, clients, regions, serviceRecords, socialWorkers } from '../../db/schema';
import { qualified } from '../../db/sql';
import { actorOf, type Ctx } from '../../platform/context';
import { cappedCount, countCap } from '../../platform/capped-count';
import { invalid, ruleViolation } from '../../platform/errors';
import { likeContains, stationRecordScope } from '../../platform/scope';

export type ClientRow = typeof clients.$inferSelect;
/** What a list shows: never the encrypted household and guardian JSON. */
const listColumns = {
  id: clients.id, name: clients.name, idNumberCipher: clients.idNumberCipher, sex: clients.sex, birthDate: clients.birthDate,
  stationId: clients.stationId, villageCode: clients.villageCode, targetGroups: clients.targetGroups, riskLevel: clients.riskLevel,
  status: clients.status,
};
export type ClientListRow = Pick<ClientRow, keyof typeof listColumns>;
export type ClientFilter = Omit<z.output<typeof clientListQuery>, 'page' | 'pageSize'>;

export const clientScope = (ctx: Ctx) => stationRecordScope(ctx, { scopePath: clients.scopePath, stationId: clients.stationId });

const SORTS: Record<ClientFilter['sort'], SQL[]> = {
  name: [asc(clients.name), asc(clients.id)],
  '-createdAt': [desc(clients.createdAt), asc(clients.id)],
  riskLevel: [sql`CASE ${clients.riskLevel} WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`, asc(clients.name)],
};

/** The ID-number digits a keyword searches, when the actor may see ID numbers (else null). */
function idTailOf(ctx: Ctx, q: string): string | null {
  // ID digits are searchable only by those who may see ID numbers: for others an answer would
  // tell them whose number ends so (evaluators match names only).
  const seesIds = ctx.system || (ctx.actor?.permissions.has('client:sensitive') ?? false);
  return seesIds && /^[0-9Xx]{1,4}$/.test(q) ? q.toUpperCase() : null;
}

function where(ctx: Ctx, f: ClientFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.q) {
    const tail = idTailOf(ctx, f.q);
    const m = tail ? or(nameMatch(f.q), like(clients.idNumberTail, `%${tail}`)) : nameMatch(f.q);
    if (m) conds.push(m);
  }
  return and(filters(ctx, f), ...conds);
}

/** Scope and every filter but the keyword. */
function filters(ctx: Ctx, f: ClientFilter): SQL | undefined {
  const conds: SQL[] = [clientScope(ctx)];
  if (f.stationId) conds.push(eq(clients.stationId, f.stationId));
  if (f.villageCode) conds.push(eq(clients.villageCode, f.villageCode));
  if (f.targetGroup) conds.push(sql`${clients.targetGroups} @> ARRAY[${f.targetGroup}]::text[]`);
  if (f.riskLevel) conds.push(eq(clients.riskLevel, f.riskLevel));
  if (f.status) conds.push(eq(clients.status, f.status));
  if (f.mine === 'true') conds.push(mine(ctx));
  return and(...conds);
}

/**
 * Name contains the keyword: from three characters the trigram index (clients_name_trgm_idx)
 * serves the ILIKE; a one- or two-character keyword is looked up in the names' characters and
 * pairs (clients_name_grams_idx, migration 0020), which trigrams cannot serve.
 */
function nameMatch(q: string): SQL {
  const ilikeName = ilike(clients.name, likeContains(q));
  if ([...q].length > 2) return ilikeName;
  return sql`(sgz_name_grams(${clients.name}) @> ARRAY[lower(${q})]::text[] AND ${ilikeName})`;
}

/**
 * 我的服务对象: a case held by the user, or a service record the user wrote or gave as a
 * co-worker (their registry person). Correlated EXISTS, so the list query stays one statement.
 */
function mine(ctx: Ctx): SQL {
  const userId = actorOf(ctx).id;
  const clientId = qualified(clients.id);
  return sql`(EXISTS (SELECT 1 FROM ${cases} WHERE ${qualified(cases.clientId)} = ${clientId} AND ${qualified(cases.workerId)} = ${userId})
    OR EXISTS (SELECT 1 FROM ${serviceRecords} WHERE ${qualified(serviceRecords.clientIds)} @> ARRAY[${clientId}]
      AND (${qualified(serviceRecords.recordedBy)} = ${userId}
        OR ${qualified(serviceRecords.coWorkerIds)} && ARRAY(SELECT ${qualified(socialWorkers.id)} FROM ${socialWorkers} WHERE ${qualified(socialWorkers.userId)} = ${userId}))))`;
}

export async function listClients(ctx: Ctx, f: ClientFilter & { page: number; pageSize: number }) {
  if (f.q && !idTailOf(ctx, f.q)) {
    const counted = await relevanceCount(ctx, f, f.q);
    return { rows: await byRelevance(ctx, f, f.q, counted.totalCapped), ...counted };
  }
  const cond = where(ctx, f);
  const counted = await cappedCount(ctx.db, (limit) => ctx.db.select({ one: sql`1` }).from(clients).where(cond).limit(limit), f);
  const rows = await ctx.db.select(listColumns).from(clients).where(cond).orderBy(...SORTS[f.sort]).limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  return { rows, ...counted };
}

const nameC = sql`(${clients.name} COLLATE "C")`;

interface Group {
  cond: SQL | undefined;
  order: SQL[];
}

/**
 * A name search counts at most this many matches ("共 100+ 条"): it looks for a person, and past a
 * hundred the next keystroke helps more than a total. A common surname matches 1 % of a
 * province's clients (20,000): counting even a thousand of them costs the matches' index.
 */
export const NAME_SEARCH_COUNT_CAP = 100;

function relevanceGroups(ctx: Ctx, f: ClientFilter, q: string) {
  const base = filters(ctx, f);
  const prefix = sql`${nameC} LIKE ${likeEscape(q) + '%'}`;
  const exact: Group = { cond: and(base, sql`${nameC} = ${q}`), order: [asc(clients.id)] };
  const starts: Group = { cond: and(base, prefix, sql`${nameC} <> ${q}`), order: [asc(nameC), asc(clients.id)] };
  return { base, prefix, exact, starts };
}

/**
 * The matches of a name search counted in the order the page reads them, up to the page's end or
 * the search cap: exact and prefix matches on the name index first, the contains-index only when
 * those fall short, so a common surname is counted without building its 20,000-row bitmap.
 */
async function relevanceCount(ctx: Ctx, f: ClientFilter & { page: number; pageSize: number }, q: string) {
  const limit = Math.max(Math.min(NAME_SEARCH_COUNT_CAP, countCap()), f.page * f.pageSize);
  const { base, prefix, exact, starts } = relevanceGroups(ctx, f, q);
  const contains = and(base, nameMatch(q), sql`NOT ${prefix}`);
  let n = 0;
  for (const cond of [exact.cond, starts.cond, contains]) {
    const want = limit + 1 - n;
    const [row] = await ctx.db.select({ n: count() }).from(ctx.db.select({ one: sql`1` }).from(clients).where(cond).limit(want).as('g'));
    n += row?.n ?? 0;
    if (n > limit) return { total: limit, totalCapped: true };
  }
  return { total: n, totalCapped: false };
}

/**
 * A name search in order of relevance: the exact name, then names starting with the keyword, then
 * names containing it, each group by name. Every group is read in an index's order
 * (clients_name_c_idx) and LIMITed to what the page still needs, so a one-character surname
 * found 20,000 times reads about a page of rows, and page N about N pages, never every match.
 */
async function byRelevance(ctx: Ctx, f: ClientFilter & { page: number; pageSize: number }, q: string, many: boolean) {
  const { base, prefix, exact, starts } = relevanceGroups(ctx, f, q);
  const groups = [exact, starts];
  const rows: ClientListRow[] = [];
  let skip = (f.page - 1) * f.pageSize;
  for (let i = 0; i < 3 && rows.length < f.pageSize; i++) {
    // The contains group is built only when the page reaches it: it alone may need a probe.
    const g = groups[i] ?? (await containsGroup(ctx, base, q, prefix, many));
    const need = f.pageSize - rows.length;
    const got = await ctx.db.select(listColumns).from(clients).where(g.cond).orderBy(...g.order).limit(need).offset(skip);
    rows.push(...got);
    if (got.length > 0 || skip === 0) {
      skip = 0;
      continue;
    }
    // The page starts past this group: skip its rows (at most `skip`, read to count them).
    const [n] = await ctx.db.select({ n: count() }).from(ctx.db.select({ one: sql`1` }).from(clients).where(g.cond).limit(skip).as('g'));
    skip -= n?.n ?? 0;
  }
  return rows;
}

/**
 * Names containing the keyword but not starting with it, by name. Few of them (no more than the
 * count cap; the usual case): the name index (grams or trigram) finds them all and they are
 * sorted. Many (a common character at province scale): walking the name index in order and
 * testing each name reads about page × (all / matches) rows instead of sorting every match.
 */
async function containsGroup(ctx: Ctx, base: SQL | undefined, q: string, prefix: SQL, many: boolean): Promise<Group> {
  const order = [asc(nameC), asc(clients.id)];
  const found = and(base, nameMatch(q), sql`NOT ${prefix}`);
  if (!many) return { cond: found, order };
  const [probe] = await ctx.db
    .select({ n: count() })
    .from(ctx.db.select({ one: sql`1` }).from(clients).where(found).limit(countCap()).as('probe'));
  if ((probe?.n ?? 0) < countCap()) return { cond: found, order };
  // `name || ''` keeps the planner off the name indexes for this test, so it walks in name order.
  return { cond: and(base, sql`(${clients.name} || '') ILIKE ${likeContains(q)}`, sql`NOT ${prefix}`), order };
}

/** Escapes LIKE wildcards so a keyword matches literally (a prefix: the index serves it). */
function likeEscape(keyword: string): string {
  return keyword.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function allClients(ctx: Ctx, f: ClientFilter, limit: number): Promise<ClientListRow[]> {
  return ctx.db.select(listColumns).from(clients).where(where(ctx, f)).orderBy(...SORTS[f.sort]).limit(limit);
}

export async function findClient(ctx: Ctx, id: string): Promise<ClientRow | undefined> {
  const [row] = await ctx.db.select().from(clients).where(and(eq(clients.id, id), clientScope(ctx))).limit(1);
  return row;
}

export async function likelyDuplicates(ctx: Ctx, name: string, birthDate: string): Promise<ClientRow[]> {
  return ctx.db
    .select()
    .from(clients)
    .where(and(clientScope(ctx), eq(clients.birthDate, birthDate), ilike(clients.name, `${name.slice(0, 1)}%`)))
    .limit(20);
}

export async function clientIdByIndex(ctx: Ctx, index: string): Promise<string | undefined> {
  const [row] = await ctx.db.select({ id: clients.id }).from(clients).where(eq(clients.idNumberIndex, index));
  return row?.id;
}

export async function villageNames(ctx: Ctx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.select({ code: regions.code, name: regions.shortName }).from(regions).where(inArray(regions.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function consentsOf(ctx: Ctx, clientId: string) {
  return ctx.db.select().from(clientConsents).where(eq(clientConsents.clientId, clientId)).orderBy(asc(clientConsents.givenOn));
}

export async function accessLog(ctx: Ctx, clientId: string, page: number, pageSize: number) {
  const [n] = await ctx.db.select({ n: count() }).from(clientAccessLog).where(eq(clientAccessLog.clientId, clientId));
  const rows = await ctx.db
    .select()
    .from(clientAccessLog)
    .where(eq(clientAccessLog.clientId, clientId))
    .orderBy(desc(clientAccessLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: n?.n ?? 0 };
}

/**
 * The clients new work names (a record, a session's attendance, a case, a referral): all of the
 * station, in the actor's scope, and none closed (R-CLIENT-CLOSED). One query for all of them.
 */
export async function clientsOpenForWork(ctx: Ctx, ids: readonly string[], stationId: string | null, field: string): Promise<ClientRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await ctx.db.select().from(clients).where(and(inArray(clients.id, unique), clientScope(ctx)));
  if (rows.length !== unique.length || (stationId !== null && rows.some((r) => r.stationId !== stationId)))
    throw invalid([{ path: field, message: '服务对象须是本社工站的在册对象' }]);
  const closed = rows.filter((r) => r.status === 'closed');
  if (closed.length > 0)
    throw ruleViolation(
      'R-CLIENT-CLOSED',
      `${closed.map((r) => r.name).join('、')}的档案已注销，不能再登记新的服务；如需继续服务，请先在服务对象页面“恢复在册”并说明原因`,
    );
  return rows;
}
