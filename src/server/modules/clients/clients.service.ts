import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/clients';
import { CLIENT_STATUS_LABELS, needsGuardianConsent, isMinor, RISK_LEVEL_LABELS, TARGET_GROUP_LABELS } from '../../../shared/rules/clients';
import { chinaToday } from '../../../shared/rules/china-date';
import { birthDateOf, fullYearsOn, maskIdNumber, maskPhone, sexOf } from '../../../shared/rules/id-number';
import type { FieldIssue } from '../../../shared/errors';
import { clientAccessLog, clientConsents, clients, regions, type HouseholdMember } from '../../db/schema';
import { writeAudit, writeAuditAlone } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { EXPORT_CAP, listWorkbook } from '../../platform/excel';
import { AppError, invalid, isUniqueViolation, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { findStation, stationNames } from '../stations/stations.repo';
import * as repo from './clients.repo';

type Detail = z.input<typeof c.clientDetailSchema>;
type ListItem = z.input<typeof c.clientListItemSchema>;
type Editable = z.output<typeof c.clientEditableSchema>;
type Consent = z.output<typeof c.consentInput>;

/** Roles without client:sensitive (evaluators) see no ID numbers or phones at all. */
const seesSensitive = (ctx: Ctx) => ctx.system || (ctx.actor?.permissions.has('client:sensitive') ?? false);

const decryptJson = <T>(ctx: Ctx, stored: string | null): T | null => (stored ? (JSON.parse(ctx.cipher.decrypt(stored)) as T) : null);
const encryptJson = (ctx: Ctx, value: unknown): string | null => (value === null ? null : ctx.cipher.encrypt(JSON.stringify(value)));

function maskPerson(ctx: Ctx, p: HouseholdMember) {
  return { name: p.name, relation: p.relation, phoneMasked: seesSensitive(ctx) && p.phone ? maskPhone(p.phone) : '' };
}

async function listItems(ctx: Ctx, rows: repo.ClientListRow[]): Promise<ListItem[]> {
  const today = chinaToday();
  const [villages, stationsById] = await Promise.all([
    repo.villageNames(ctx, [...new Set(rows.map((r) => r.villageCode))]),
    stationNames(ctx.db, [...new Set(rows.map((r) => r.stationId))]),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    idNumberMasked: seesSensitive(ctx) ? maskIdNumber(ctx.cipher.decrypt(r.idNumberCipher)) : null,
    sex: r.sex,
    birthDate: r.birthDate,
    age: fullYearsOn(r.birthDate, today),
    stationId: r.stationId,
    stationName: stationsById.get(r.stationId) ?? '',
    villageCode: r.villageCode,
    villageName: villages.get(r.villageCode) ?? '',
    targetGroups: r.targetGroups,
    riskLevel: r.riskLevel,
    status: r.status,
  }));
}

async function detail(ctx: Ctx, row: repo.ClientRow): Promise<Detail> {
  const [item] = await listItems(ctx, [row]);
  if (!item) throw new Error('no item');
  const consents = await repo.consentsOf(ctx, row.id);
  return {
    ...item,
    phoneMasked: seesSensitive(ctx) ? (row.phoneCipher ? maskPhone(ctx.cipher.decrypt(row.phoneCipher)) : '') : null,
    address: row.address,
    household: (decryptJson<HouseholdMember[]>(ctx, row.householdCipher) ?? []).map((p) => maskPerson(ctx, p)),
    guardian: ((g) => (g ? maskPerson(ctx, g) : null))(decryptJson<HouseholdMember>(ctx, row.guardianCipher)),
    legalBasis: row.legalBasis,
    statusReason: row.statusReason,
    consents: consents.map((k) => ({
      id: k.id, kind: k.kind, givenBy: k.givenBy, relation: k.relation, givenOn: k.givenOn, scope: k.scope, recordedAt: k.createdAt.toISOString(),
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

async function logAccess(ctx: Ctx, clientId: string, action: 'view' | 'reveal' | 'export' | 'update', detailText = ''): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db.insert(clientAccessLog).values({
    clientId, userId: actor.id, username: actor.username, displayName: actor.displayName, action, detail: detailText, ip: ctx.ip,
  });
}

/** What the audit log keeps of a client: no ID number, phones or relatives. */
const auditImage = (r: repo.ClientRow) => ({
  name: r.name, stationId: r.stationId, villageCode: r.villageCode, targetGroups: r.targetGroups,
  riskLevel: r.riskLevel, status: r.status, legalBasis: r.legalBasis, idNumberTail: r.idNumberTail,
});

/** Minors need a guardian on record; under 14 the guardian's consent (PIPL art. 31). */
function checkProtections(birthDate: string, body: Pick<Editable, 'legalBasis'> & { guardian: object | null }, consents: readonly Consent[]): void {
  const today = chinaToday();
  const fields: FieldIssue[] = [];
  if (isMinor(birthDate, today) && !body.guardian) fields.push({ path: 'guardian', message: '未成年人须登记监护人' });
  if (body.legalBasis === 'consent' && !consents.some((k) => k.kind === 'sensitive'))
    fields.push({ path: 'consents', message: '以同意为处理依据的，须记录本人的单独同意' });
  if (fields.length) throw invalid(fields);
  if (needsGuardianConsent(birthDate, today) && !consents.some((k) => k.kind === 'guardian'))
    throw ruleViolation('R-PIPL-MINOR', '该服务对象不满十四周岁，须记录监护人同意');
}

/** The village must be one of the station's town. */
async function checkVillage(ctx: Ctx, townCode: string, villageCode: string): Promise<string> {
  const [v] = await ctx.db.select().from(regions).where(and(eq(regions.code, villageCode), eq(regions.level, 'village')));
  if (!v || v.parentCode !== townCode) throw invalid([{ path: 'villageCode', message: '请选择该社工站所在镇（街道）的村（社区）' }]);
  return v.path;
}

export async function list(ctx: Ctx, query: z.output<typeof c.clientListQuery>) {
  const { rows, total, totalCapped } = await repo.listClients(ctx, query);
  return { items: await listItems(ctx, rows), total, totalCapped, page: query.page, pageSize: query.pageSize };
}

export async function duplicates(ctx: Ctx, name: string, birthDate: string): Promise<ListItem[]> {
  return listItems(ctx, await repo.likelyDuplicates(ctx, name, birthDate));
}

/** The record, with a line in its access log (访问记录). */
export async function view(ctx: Ctx, id: string): Promise<Detail> {
  const row = await repo.findClient(ctx, id);
  if (!row) throw notFound('服务对象');
  await logAccess(ctx, id, 'view');
  return detail(ctx, row);
}

export async function create(ctx: Ctx, body: z.output<typeof c.createClient.body>): Promise<Detail> {
  const actor = actorOf(ctx);
  const stationId = body.stationId ?? actor.scope.stationId;
  const station = stationId ? await findStation(ctx, stationId) : undefined;
  if (!station) throw invalid([{ path: 'stationId', message: '请选择社工站（须在您的管辖范围内）' }]);
  const villagePath = await checkVillage(ctx, station.station.townCode, body.villageCode);
  const birthDate = birthDateOf(body.idNumber);
  checkProtections(birthDate, body, body.consents);
  if (await repo.clientIdByIndex(ctx, ctx.cipher.index(body.idNumber)))
    throw new AppError('CONFLICT', '该身份证号已在全市登记为服务对象', { fields: [{ path: 'idNumber', message: '该身份证号已登记（全市唯一）' }] });
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(clients)
        .values({
          stationId: station.station.id, scopePath: villagePath, villageCode: body.villageCode, name: body.name,
          idNumberCipher: tx.cipher.encrypt(body.idNumber), idNumberIndex: tx.cipher.index(body.idNumber),
          idNumberTail: body.idNumber.slice(-4), birthDate, sex: sexOf(body.idNumber),
          phoneCipher: body.phone ? tx.cipher.encrypt(body.phone) : null, phoneTail: body.phone ? body.phone.slice(-4) : null,
          address: body.address, householdCipher: encryptJson(tx, body.household), guardianCipher: encryptJson(tx, body.guardian),
          targetGroups: [...new Set(body.targetGroups)], riskLevel: body.riskLevel, legalBasis: body.legalBasis, createdBy: actor.id,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      if (body.consents.length)
        await tx.db.insert(clientConsents).values(body.consents.map((k) => ({ ...k, clientId: row.id, recordedBy: actor.id })));
      await writeAudit(tx, { action: 'client.create', objectType: 'client', objectId: row.id, after: auditImage(row) });
      return detail(tx, row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'clients_id_number_idx'))
      throw new AppError('CONFLICT', '该身份证号已在全市登记为服务对象', { fields: [{ path: 'idNumber', message: '该身份证号已登记（全市唯一）' }] });
    throw err;
  }
}

type EditedPerson = NonNullable<z.output<typeof c.updateClient.body>['guardian']>;

/** An edited phone: absent or '' keeps the stored number (the screen only has it masked), null removes it. */
const keptPhone = (edited: string | null | undefined, stored: string): string =>
  edited === undefined || edited === '' ? stored : (edited ?? '');

/** The stored phone of the same person: same name and relation, else same name. */
function storedPhoneOf(stored: readonly HouseholdMember[], p: EditedPerson): string {
  const same = stored.find((s) => s.name === p.name && s.relation === p.relation) ?? stored.find((s) => s.name === p.name);
  return same?.phone ?? '';
}

export async function update(ctx: Ctx, id: string, body: z.output<typeof c.updateClient.body>): Promise<Detail> {
  const before = await repo.findClient(ctx, id);
  if (!before) throw notFound('服务对象');
  const station = await findStation({ ...ctx, system: true }, before.stationId);
  const villagePath = await checkVillage(ctx, station?.station.townCode ?? '', body.villageCode);
  const consents = (await repo.consentsOf(ctx, id)).map((k) => ({ ...k, scope: k.scope }));
  checkProtections(before.birthDate, body, consents);
  const storedHousehold = decryptJson<HouseholdMember[]>(ctx, before.householdCipher) ?? [];
  const storedGuardian = decryptJson<HouseholdMember>(ctx, before.guardianCipher);
  const household: HouseholdMember[] = body.household.map((p) => ({ ...p, phone: keptPhone(p.phone, storedPhoneOf(storedHousehold, p)) }));
  const guardian: HouseholdMember | null = body.guardian
    ? { ...body.guardian, phone: keptPhone(body.guardian.phone, storedPhoneOf(storedGuardian ? [storedGuardian] : [], body.guardian)) }
    : null;
  return inTransaction(ctx, async (tx) => {
    const { version, phone, household: _h, guardian: _g, ...values } = body;
    const [after] = await tx.db
      .update(clients)
      .set({
        ...values, scopePath: villagePath, targetGroups: [...new Set(values.targetGroups)],
        ...(phone === undefined || phone === '' ? {} : { phoneCipher: phone ? tx.cipher.encrypt(phone) : null, phoneTail: phone ? phone.slice(-4) : null }),
        householdCipher: encryptJson(tx, household), guardianCipher: encryptJson(tx, guardian),
        version: sql`${clients.version} + 1`, updatedAt: new Date(),
      })
      .where(and(eq(clients.id, id), eq(clients.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await logAccess(tx, id, 'update');
    await writeAudit(tx, { action: 'client.update', objectType: 'client', objectId: id, before: auditImage(before), after: auditImage(after) });
    return detail(tx, after);
  });
}

export async function changeStatus(ctx: Ctx, id: string, body: z.output<typeof c.changeClientStatus.body>): Promise<Detail> {
  const before = await repo.findClient(ctx, id);
  if (!before) throw notFound('服务对象');
  if (before.status === body.status) throw invalid([{ path: 'status', message: `已是“${CLIENT_STATUS_LABELS[body.status]}”状态` }]);
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(clients)
      .set({ status: body.status, statusReason: body.reason, version: sql`${clients.version} + 1`, updatedAt: new Date() })
      .where(and(eq(clients.id, id), eq(clients.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, {
      action: 'client.status', objectType: 'client', objectId: id, before: { status: before.status }, after: { status: after.status },
      detail: `${CLIENT_STATUS_LABELS[before.status]} → ${CLIENT_STATUS_LABELS[after.status]}：${body.reason}`,
    });
    return detail(tx, after);
  });
}

export async function addConsent(ctx: Ctx, id: string, body: Consent): Promise<Detail> {
  const row = await repo.findClient(ctx, id);
  if (!row) throw notFound('服务对象');
  return inTransaction(ctx, async (tx) => {
    await tx.db.insert(clientConsents).values({ ...body, clientId: id, recordedBy: actorOf(tx).id });
    await writeAudit(tx, { action: 'client.consent', objectType: 'client', objectId: id, after: { kind: body.kind, givenOn: body.givenOn, relation: body.relation } });
    return detail(tx, row);
  });
}

export async function reveal(ctx: Ctx, id: string, field: 'idNumber' | 'phone'): Promise<{ value: string }> {
  const row = await repo.findClient(ctx, id);
  if (!row) throw notFound('服务对象');
  const stored = field === 'idNumber' ? row.idNumberCipher : row.phoneCipher;
  const what = field === 'idNumber' ? '查看完整身份证号' : '查看完整电话';
  await inTransaction(ctx, async (tx) => {
    await logAccess(tx, id, 'reveal', what);
    await writeAudit(tx, { action: 'client.reveal', objectType: 'client', objectId: id, detail: what });
  });
  return { value: stored ? ctx.cipher.decrypt(stored) : '' };
}

export async function accessLog(ctx: Ctx, id: string, page: number, pageSize: number) {
  if (!(await repo.findClient(ctx, id))) throw notFound('服务对象');
  const { rows, total } = await repo.accessLog(ctx, id, page, pageSize);
  return {
    items: rows.map((r) => ({ at: r.at.toISOString(), username: r.username, displayName: r.displayName, action: r.action, detail: r.detail })),
    total, page, pageSize,
  };
}

export async function exportXlsx(ctx: Ctx, filter: repo.ClientFilter): Promise<Buffer> {
  const items = await listItems(ctx, await repo.allClients(ctx, filter, EXPORT_CAP));
  const content = await listWorkbook(
    '服务对象',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '身份证号（脱敏）', key: 'id', width: 22 },
      { header: '性别', key: 'sex', width: 6 },
      { header: '年龄', key: 'age', width: 6 },
      { header: '社工站', key: 'station', width: 34 },
      { header: '村（社区）', key: 'village', width: 16 },
      { header: '对象类别', key: 'groups', width: 30 },
      { header: '风险等级', key: 'risk', width: 8 },
      { header: '状态', key: 'status', width: 8 },
    ],
    items.map((i) => ({
      name: i.name, id: i.idNumberMasked ?? '', sex: i.sex === 'male' ? '男' : '女', age: i.age, station: i.stationName,
      village: i.villageName, groups: i.targetGroups.map((g) => TARGET_GROUP_LABELS[g]).join('、'),
      risk: RISK_LEVEL_LABELS[i.riskLevel], status: CLIENT_STATUS_LABELS[i.status],
    })),
    '身份证号已脱敏',
  );
  await writeAuditAlone(ctx, { action: 'client.export', objectType: 'client', objectId: '', detail: `导出 ${items.length} 条，条件：${JSON.stringify(filter)}` });
  return content;
}
