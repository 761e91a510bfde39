import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/social-workers';
import { chinaToday } from '../../../shared/rules/china-date';
import { birthDateOf, fullYearsOn, maskIdNumber, maskPhone, sexOf } from '../../../shared/rules/id-number';
import { passwordProblems } from '../../platform/common-passwords';
import { type CertificateLevel, qualifiedBy, type StaffRuleId, trainingHoursInWindow } from '../../../shared/rules/staffing';
import { organizations, socialWorkers, stations, users, workerCertificates, workerTrainings } from '../../db/schema';
import { rootRegion } from '../regions/reference-data';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { stationsServedBy } from '../../platform/station-operator';
import { AppError, invalid, isUniqueViolation, notFound, versionConflict } from '../../platform/errors';
import { hashPassword } from '../../platform/passwords';
import { workerFindings } from '../compliance/staffing-findings';
import { employableOrgIds, findOrg } from '../organizations/organizations.repo';
import { readPolicy } from '../security/security.repo';
import { findUserByUsername } from '../users/users.repo';
import * as repo from './social-workers.repo';

type Detail = z.input<typeof c.workerDetailSchema>;
type ListItem = z.input<typeof c.workerListItemSchema>;
type PostingDto = z.input<typeof c.postingSchema>;

const postingDto = (p: repo.NamedPosting): PostingDto => ({
  id: p.id,
  stationId: p.stationId,
  stationName: p.stationName,
  orgId: p.orgId,
  orgName: p.orgName,
  source: p.source,
  startDate: p.startDate,
  endDate: p.endDate,
  endReason: p.endReason,
  exceptionRules: p.exceptionRules,
  exceptionReason: p.exceptionReason,
});

function listItem(
  ctx: Ctx, w: repo.WorkerRow, quals: repo.QualificationRecords, current: repo.NamedPosting | undefined,
  orgNames: Map<string, string>, today: string,
): ListItem {
  return {
    id: w.id,
    name: w.name,
    idNumberMasked: maskIdNumber(ctx.cipher.decrypt(w.idNumberCipher)),
    sex: w.sex,
    birthDate: w.birthDate,
    age: fullYearsOn(w.birthDate, today),
    phoneMasked: w.phoneCipher ? maskPhone(ctx.cipher.decrypt(w.phoneCipher)) : '',
    education: w.education,
    major: w.major,
    orgId: w.orgId,
    orgName: w.orgId ? (orgNames.get(w.orgId) ?? null) : null,
    currentPosting: current ? postingDto(current) : null,
    qualifiedBy: qualifiedBy(repo.qualificationsOf(w, quals), today),
  };
}

/** Workers as the list shows them: masked, with their current posting (not the history) and qualification. */
export async function listItems(ctx: Ctx, rows: repo.WorkerRow[]): Promise<ListItem[]> {
  const today = chinaToday();
  const ids = rows.map((r) => r.id);
  const [quals, current, orgNames] = await Promise.all([
    repo.loadQualificationRecords(ctx.db, ids),
    repo.currentPostings(ctx.db, ids),
    repo.orgNamesOf(ctx.db, [...new Set(rows.map((r) => r.orgId).filter((id): id is string => id !== null))]),
  ]);
  return rows.map((w) => listItem(ctx, w, quals.get(w.id) ?? { certificates: [], trainings: [] }, current.get(w.id), orgNames, today));
}

export async function list(ctx: Ctx, query: z.output<typeof c.workerListQuery>) {
  const { rows, total } = await repo.listWorkers(ctx, query);
  return { items: await listItems(ctx, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Detail> {
  const w = await repo.findWorker(ctx, id);
  if (!w) throw notFound('社工');
  const today = chinaToday();
  const x = (await repo.loadExtras(ctx.db, [id])).get(id) ?? { certificates: [], trainings: [], postings: [] };
  const orgNames = await repo.orgNamesOf(ctx.db, w.orgId ? [w.orgId] : []);
  const quals = repo.qualificationsOf(w, x);
  const current = x.postings.find((p) => p.endDate === null);
  const first = x.postings.at(-1)?.startDate;
  return {
    ...listItem(ctx, w, x, current, orgNames, today),
    school: w.school,
    graduatedOn: w.graduatedOn,
    certificates: x.certificates.map((cert) => ({ id: cert.id, level: cert.level, number: cert.number, obtainedOn: cert.obtainedOn })),
    trainings: x.trainings.map((t) => ({ id: t.id, date: t.date, hours: Number(t.hours), provider: t.provider, topic: t.topic })),
    trainingHoursFiveYears: trainingHoursInWindow(quals.trainings, today),
    postings: x.postings.map(postingDto),
    account: await repo.accountOf(ctx.db, w.userId),
    findings:
      current && first
        ? workerFindings(
            {
              workerId: w.id, name: w.name, quals, firstPostingDate: first,
              exceptionRules: current.exceptionRules as StaffRuleId[], exceptionReason: current.exceptionReason,
            },
            today,
          )
        : [],
    version: w.version,
  };
}

/** What an audit row shows of a worker: never the ID number or phone in clear. */
export function auditImage(ctx: Ctx, w: repo.WorkerRow) {
  return {
    name: w.name,
    idNumber: maskIdNumber(ctx.cipher.decrypt(w.idNumberCipher)),
    education: w.education,
    major: w.major,
    school: w.school,
    graduatedOn: w.graduatedOn,
    orgId: w.orgId,
    scopePath: w.scopePath,
  };
}

/** The employer of a new worker: an organisation manager's own organisation, else the one chosen. */
async function employerFor(ctx: Ctx, orgId: string | null): Promise<string | null> {
  const actor = actorOf(ctx);
  if (actor.scope.kind === 'org') return actor.scope.orgId;
  if (!orgId) return null;
  if (!(await findOrg(ctx, orgId))) throw invalid([{ path: 'orgId', message: '承接机构不存在' }]);
  if (!(await employableOrgIds(ctx, [orgId])).has(orgId))
    throw invalid([{ path: 'orgId', message: '只能选择本区市登记或正在本区市承接社工站的机构' }]);
  return orgId;
}

/** A town's county unit: "/371000/371002/371002002/" → "/371000/371002/" (under a province root too). */
export const countyPathOf = (townPath: string) => townPath.replace(/[^/]+\/$/, '');

/**
 * Where an unposted worker sits: under the registering officer's region, or, for an
 * organisation, the county unit whose stations it serves today (so that district can see and
 * post them), else the unit that registered the organisation.
 */
export async function registeringPath(ctx: Ctx): Promise<string> {
  const scope = actorOf(ctx).scope;
  if (scope.kind !== 'org') return scope.path ?? (await rootRegion(ctx.db)).path;
  if (!scope.orgId) return (await rootRegion(ctx.db)).path;
  const [run] = await ctx.db
    .select({ path: stations.scopePath })
    .from(stations)
    .where(sql`${stations.id} IN ${stationsServedBy(scope.orgId, chinaToday())}`)
    .limit(1);
  if (run) return countyPathOf(run.path);
  const [org] = await ctx.db.select({ path: organizations.scopePath }).from(organizations).where(eq(organizations.id, scope.orgId));
  return org?.path ?? (await rootRegion(ctx.db)).path;
}

const duplicate = (existingVisible: boolean) =>
  new AppError('CONFLICT', existingVisible ? '该身份证号已登记，请在已有人员上补充信息' : '该身份证号已由其他单位登记', {
    fields: [{ path: 'idNumber', message: '该身份证号已登记（全市唯一）' }],
  });

export interface NewWorker {
  name: string;
  idNumber: string;
  phone: string;
  education: repo.WorkerRow['education'];
  major: string;
  school: string;
  graduatedOn: string | null;
  orgId: string | null;
  certificates: { level: CertificateLevel; number: string; obtainedOn: string }[];
  trainings: { date: string; hours: number; provider: string; topic: string }[];
}

/** Inserts a worker with certificates and trainings; the caller holds the transaction and audits. */
export async function insertWorker(ctx: Ctx, body: NewWorker, orgId: string | null, scopePath: string): Promise<repo.WorkerRow> {
  const id = body.idNumber;
  const [row] = await ctx.db
    .insert(socialWorkers)
    .values({
      name: body.name,
      idNumberCipher: ctx.cipher.encrypt(id),
      idNumberIndex: ctx.cipher.index(id),
      idNumberTail: id.slice(-4),
      birthDate: birthDateOf(id),
      sex: sexOf(id),
      phoneCipher: body.phone ? ctx.cipher.encrypt(body.phone) : null,
      phoneTail: body.phone ? body.phone.slice(-4) : null,
      education: body.education,
      major: body.major,
      school: body.school,
      graduatedOn: body.graduatedOn,
      orgId,
      scopePath,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  if (body.certificates.length)
    await ctx.db.insert(workerCertificates).values(body.certificates.map((cert) => ({ ...cert, workerId: row.id })));
  if (body.trainings.length)
    await ctx.db.insert(workerTrainings).values(body.trainings.map((t) => ({ ...t, hours: String(t.hours), workerId: row.id })));
  return row;
}

export async function create(ctx: Ctx, body: z.output<typeof c.createWorker.body>): Promise<Detail> {
  const existing = await repo.workerIdByIndex(ctx.db, ctx.cipher.index(body.idNumber));
  if (existing) throw duplicate(Boolean(await repo.findWorker(ctx, existing)));
  const orgId = await employerFor(ctx, body.orgId);
  try {
    return await inTransaction(ctx, async (tx) => {
      const row = await insertWorker(tx, body, orgId, await registeringPath(tx));
      await writeAudit(tx, {
        action: 'worker.create', objectType: 'social_worker', objectId: row.id,
        after: { ...auditImage(tx, row), certificates: body.certificates.length, trainings: body.trainings.length },
      });
      return get(tx, row.id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'social_workers_id_number_idx')) throw duplicate(false);
    throw err;
  }
}

async function loadForWrite(ctx: Ctx, id: string): Promise<repo.WorkerRow> {
  const w = await repo.findWorker(ctx, id);
  if (!w) throw notFound('社工');
  return w;
}

export async function update(ctx: Ctx, id: string, body: z.output<typeof c.updateWorker.body>): Promise<Detail> {
  return inTransaction(ctx, async (tx) => {
    const before = await loadForWrite(tx, id);
    const { version, phone, ...values } = body;
    const [after] = await tx.db
      .update(socialWorkers)
      .set({
        ...values,
        ...(phone === undefined ? {} : { phoneCipher: phone ? tx.cipher.encrypt(phone) : null, phoneTail: phone ? phone.slice(-4) : null }),
        version: sql`${socialWorkers.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(socialWorkers.id, id), eq(socialWorkers.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, {
      action: 'worker.update', objectType: 'social_worker', objectId: id,
      before: auditImage(tx, before), after: { ...auditImage(tx, after), phoneChanged: before.phoneTail !== after.phoneTail },
    });
    return get(tx, id);
  });
}

export async function addCertificate(ctx: Ctx, id: string, body: z.output<typeof c.certificateInput>): Promise<Detail> {
  return inTransaction(ctx, async (tx) => {
    await loadForWrite(tx, id);
    const [row] = await tx.db.insert(workerCertificates).values({ ...body, workerId: id }).returning();
    await writeAudit(tx, { action: 'worker.certificate', objectType: 'social_worker', objectId: id, after: row, detail: '添加证书' });
    return get(tx, id);
  });
}

export async function removeCertificate(ctx: Ctx, id: string, certId: string): Promise<Detail> {
  return inTransaction(ctx, async (tx) => {
    await loadForWrite(tx, id);
    const [row] = await tx.db
      .delete(workerCertificates)
      .where(and(eq(workerCertificates.id, certId), eq(workerCertificates.workerId, id)))
      .returning();
    if (!row) throw notFound('证书记录');
    await writeAudit(tx, { action: 'worker.certificate', objectType: 'social_worker', objectId: id, before: row, detail: '删除证书' });
    return get(tx, id);
  });
}

export async function addTraining(ctx: Ctx, id: string, body: z.output<typeof c.trainingInput>): Promise<Detail> {
  return inTransaction(ctx, async (tx) => {
    await loadForWrite(tx, id);
    const [row] = await tx.db.insert(workerTrainings).values({ ...body, hours: String(body.hours), workerId: id }).returning();
    await writeAudit(tx, { action: 'worker.training', objectType: 'social_worker', objectId: id, after: row, detail: '添加培训' });
    return get(tx, id);
  });
}

export async function removeTraining(ctx: Ctx, id: string, trainingId: string): Promise<Detail> {
  return inTransaction(ctx, async (tx) => {
    await loadForWrite(tx, id);
    const [row] = await tx.db
      .delete(workerTrainings)
      .where(and(eq(workerTrainings.id, trainingId), eq(workerTrainings.workerId, id)))
      .returning();
    if (!row) throw notFound('培训记录');
    await writeAudit(tx, { action: 'worker.training', objectType: 'social_worker', objectId: id, before: row, detail: '删除培训' });
    return get(tx, id);
  });
}

/** The full value, once, with an audit row naming who saw what. */
export async function reveal(ctx: Ctx, id: string, field: 'idNumber' | 'phone'): Promise<{ value: string }> {
  const w = await loadForWrite(ctx, id);
  const stored = field === 'idNumber' ? w.idNumberCipher : w.phoneCipher;
  const value = stored ? ctx.cipher.decrypt(stored) : '';
  await inTransaction(ctx, (tx) =>
    writeAudit(tx, {
      action: 'worker.reveal', objectType: 'social_worker', objectId: id,
      detail: field === 'idNumber' ? '查看完整身份证号' : '查看完整电话',
    }),
  );
  return { value };
}

export async function createAccount(
  ctx: Ctx,
  id: string,
  body: z.output<typeof c.createWorkerAccount.body>,
): Promise<Detail> {
  const w = await loadForWrite(ctx, id);
  if (w.userId) throw new AppError('CONFLICT', '该社工已有登录账号');
  const posting = await repo.activePostingOf(ctx.db, id);
  if (!posting) throw invalid([{ path: 'username', message: '该社工尚未上岗：账号的数据范围是其所在社工站' }]);
  if (await findUserByUsername(ctx.db, body.username)) throw invalid([{ path: 'username', message: '用户名已被使用' }]);
  const problems = passwordProblems(body.initialPassword, await readPolicy(ctx.db), body.username);
  if (problems.length) throw invalid(problems.map((message) => ({ path: 'initialPassword', message })));
  const passwordHash = await hashPassword(body.initialPassword);
  return inTransaction(ctx, async (tx) => {
    const [user] = await tx.db
      .insert(users)
      .values({
        username: body.username, displayName: w.name, roles: ['station_worker'], passwordHash, mustChangePassword: true,
        scopeKind: 'station', scopePath: posting.scopePath, stationId: posting.stationId,
      })
      .returning();
    if (!user) throw new Error('insert returned nothing');
    await tx.db.update(socialWorkers).set({ userId: user.id, updatedAt: new Date() }).where(eq(socialWorkers.id, id));
    await writeAudit(tx, {
      action: 'worker.account', objectType: 'social_worker', objectId: id,
      after: { userId: user.id, username: user.username, roles: user.roles, stationId: posting.stationId },
    });
    return get(tx, id);
  });
}
