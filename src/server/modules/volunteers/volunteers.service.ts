import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/volunteers';
import { chinaToday } from '../../../shared/rules/china-date';
import { birthDateOf, fullYearsOn, maskIdNumber, maskPhone, sexOf } from '../../../shared/rules/id-number';
import { TEAM_STAGES, hoursProblem, isMinorVolunteer, minutesOfDay, spansOverlap, type RecordSource, type TeamStage } from '../../../shared/rules/volunteers';
import { volunteerServiceRecords, volunteerTeams, volunteers } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { stationFor } from '../service-records/station-for';
import { findStation, stationNames, type StationJoined } from '../stations/stations.repo';
import * as repo from './volunteers.repo';

type Detail = z.input<typeof c.volunteerDetailSchema>;
type ListItem = z.input<typeof c.volunteerListItemSchema>;
type RecordDto = z.input<typeof c.volunteerRecordSchema>;
type TeamDto = z.input<typeof c.teamSchema>;
type Editable = Pick<
  z.output<typeof c.createVolunteer.body>,
  'teamId' | 'leadWorkerId' | 'consentOn' | 'consentScope' | 'guardianName' | 'guardianRelation' | 'guardianConsentOn'
>;

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

async function listItems(ctx: Ctx, rows: { v: repo.VolunteerRow; totalMinutes: number }[]): Promise<ListItem[]> {
  const today = chinaToday();
  const [stationsById, teams] = await Promise.all([
    stationNames(ctx.db, [...new Set(rows.map((r) => r.v.stationId))]),
    repo.teamNames(ctx, rows.map((r) => r.v.teamId)),
  ]);
  return rows.map(({ v, totalMinutes }) => ({
    id: v.id,
    name: v.name,
    idNumberMasked: maskIdNumber(ctx.cipher.decrypt(v.idNumberCipher)),
    sex: v.sex,
    age: fullYearsOn(v.birthDate, today),
    minor: isMinorVolunteer(v.birthDate, today),
    stationId: v.stationId,
    stationName: stationsById.get(v.stationId) ?? '',
    teamId: v.teamId,
    teamName: v.teamId ? (teams.get(v.teamId) ?? '') : '',
    skills: v.skills,
    status: v.status,
    totalHours: hours(Number(totalMinutes)),
  }));
}

async function detail(ctx: Ctx, row: { v: repo.VolunteerRow; totalMinutes: number }): Promise<Detail> {
  const [item] = await listItems(ctx, [row]);
  if (!item) throw new Error('no item');
  const v = row.v;
  return {
    ...item,
    phoneMasked: v.phoneCipher ? maskPhone(ctx.cipher.decrypt(v.phoneCipher)) : '',
    birthDate: v.birthDate,
    availability: v.availability,
    leadWorkerId: v.leadWorkerId,
    leadWorkerName: await repo.workerName(ctx, v.leadWorkerId),
    consentOn: v.consentOn,
    consentScope: v.consentScope,
    guardianName: v.guardianName,
    guardianRelation: v.guardianRelation,
    guardianConsentOn: v.guardianConsentOn,
    version: v.version,
    createdAt: v.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a volunteer: no ID number or phone. */
const auditImage = (v: repo.VolunteerRow) => ({
  name: v.name, stationId: v.stationId, teamId: v.teamId, skills: v.skills, status: v.status,
  consentOn: v.consentOn, guardianConsentOn: v.guardianConsentOn, idNumberTail: v.idNumberTail,
});

/** R-VOLUNTEER-CONSENT and R-VOLUNTEER-MINOR: nobody is registered without consent; a minor only with the guardian's. */
function checkConsents(birthDate: string, body: Editable): { consentOn: string } {
  if (!body.consentOn || !body.consentScope)
    throw ruleViolation('R-VOLUNTEER-CONSENT', '登记志愿者须先取得本人同意，并记录同意日期和同意范围（如“登记个人信息、记录和证明志愿服务”）');
  if (isMinorVolunteer(birthDate, chinaToday()) && !(body.guardianName && body.guardianRelation && body.guardianConsentOn))
    throw ruleViolation('R-VOLUNTEER-MINOR', '该志愿者未满十八周岁，须记录监护人同意（监护人姓名、关系和同意日期）后才能登记');
  return { consentOn: body.consentOn };
}

/** The team and the leading social worker must be the station's own. */
async function checkLinks(ctx: Ctx, stationId: string, body: Pick<Editable, 'teamId' | 'leadWorkerId'>): Promise<void> {
  if (body.teamId) {
    const team = await repo.findTeam(ctx, body.teamId);
    if (!team || team.stationId !== stationId) throw invalid([{ path: 'teamId', message: '请选择本社工站培育的志愿服务队' }]);
  }
  if (body.leadWorkerId && !(await repo.workerOnPost(ctx, body.leadWorkerId, stationId, chinaToday())))
    throw invalid([{ path: 'leadWorkerId', message: '引领社工须是本站在岗的社工' }]);
}

export async function list(ctx: Ctx, query: z.output<typeof c.volunteerListQuery>) {
  const { rows, total, totalCapped } = await repo.listVolunteers(ctx, query);
  return { items: await listItems(ctx, rows), total, totalCapped, page: query.page, pageSize: query.pageSize };
}

export async function view(ctx: Ctx, id: string): Promise<Detail> {
  const row = await repo.findVolunteer(ctx, id);
  if (!row) throw notFound('志愿者');
  return detail(ctx, row);
}

const duplicate = () =>
  new AppError('CONFLICT', '该身份证号已在本社工站登记为志愿者', { fields: [{ path: 'idNumber', message: '已在本站登记' }] });

export async function create(ctx: Ctx, body: z.output<typeof c.createVolunteer.body>): Promise<Detail> {
  const station = await stationFor(ctx, body.stationId);
  const birthDate = birthDateOf(body.idNumber);
  const { consentOn } = checkConsents(birthDate, body);
  await checkLinks(ctx, station.station.id, body);
  const index = ctx.cipher.index(body.idNumber);
  if (await repo.volunteerIdByIndex(ctx, station.station.id, index)) throw duplicate();
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(volunteers)
        .values({
          stationId: station.station.id, scopePath: station.station.scopePath, name: body.name,
          idNumberCipher: tx.cipher.encrypt(body.idNumber), idNumberIndex: index, idNumberTail: body.idNumber.slice(-4),
          birthDate, sex: sexOf(body.idNumber), phoneCipher: body.phone ? tx.cipher.encrypt(body.phone) : null,
          skills: [...new Set(body.skills)], availability: body.availability, teamId: body.teamId, leadWorkerId: body.leadWorkerId,
          consentOn, consentScope: body.consentScope, guardianName: body.guardianName, guardianRelation: body.guardianRelation,
          guardianConsentOn: body.guardianConsentOn, createdBy: actorOf(tx).id,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, { action: 'volunteer.create', objectType: 'volunteer', objectId: row.id, after: auditImage(row) });
      return detail(tx, { v: row, totalMinutes: 0 });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'volunteers_station_id_number_idx')) throw duplicate();
    throw err;
  }
}

export async function update(ctx: Ctx, id: string, body: z.output<typeof c.updateVolunteer.body>): Promise<Detail> {
  const before = await repo.findVolunteer(ctx, id);
  if (!before) throw notFound('志愿者');
  const { consentOn } = checkConsents(before.v.birthDate, body);
  await checkLinks(ctx, before.v.stationId, body);
  return inTransaction(ctx, async (tx) => {
    const { version, phone, ...values } = body;
    const [after] = await tx.db
      .update(volunteers)
      .set({
        ...values, consentOn, skills: [...new Set(values.skills)],
        // The screen has the phone masked only: '' keeps the stored number.
        ...(phone ? { phoneCipher: tx.cipher.encrypt(phone) } : {}),
        version: sql`${volunteers.version} + 1`,
      })
      .where(and(eq(volunteers.id, id), eq(volunteers.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, { action: 'volunteer.update', objectType: 'volunteer', objectId: id, before: auditImage(before.v), after: auditImage(after) });
    return detail(tx, { v: after, totalMinutes: before.totalMinutes });
  });
}

export async function reveal(ctx: Ctx, id: string, field: 'idNumber' | 'phone'): Promise<{ value: string }> {
  const row = await repo.findVolunteer(ctx, id);
  if (!row) throw notFound('志愿者');
  const stored = field === 'idNumber' ? row.v.idNumberCipher : row.v.phoneCipher;
  const what = field === 'idNumber' ? '查看完整身份证号' : '查看完整电话';
  await inTransaction(ctx, (tx) => writeAudit(tx, { action: 'volunteer.reveal', objectType: 'volunteer', objectId: id, detail: what }));
  return { value: stored ? ctx.cipher.decrypt(stored) : '' };
}

// ---- Service records ----

function recordDto(r: repo.RecordRow, names: Map<string, string>, teams: Map<string, string>): RecordDto {
  return {
    id: r.id, volunteerId: r.volunteerId, volunteerName: names.get(r.volunteerId) ?? '', stationId: r.stationId,
    teamName: r.teamId ? (teams.get(r.teamId) ?? '') : '', date: r.date, startTime: r.startTime, endTime: r.endTime,
    minutes: r.minutes, content: r.content, place: r.place, training: r.training, commendation: r.commendation,
    evaluation: r.evaluation, source: r.source, sourceId: r.sourceId, certifier: r.certifier, createdAt: r.createdAt.toISOString(),
  };
}

async function recordDtos(ctx: Ctx, rows: repo.RecordRow[]): Promise<RecordDto[]> {
  const [names, teams] = await Promise.all([repo.volunteerNames(ctx, rows.map((r) => r.volunteerId)), repo.teamNames(ctx, rows.map((r) => r.teamId))]);
  return rows.map((r) => recordDto(r, names, teams));
}

export async function listRecords(ctx: Ctx, query: z.output<typeof c.volunteerRecordQuery>) {
  const { rows, total, totalCapped } = await repo.listRecords(ctx, query);
  return { items: await recordDtos(ctx, rows), total, totalCapped, page: query.page, pageSize: query.pageSize };
}

/** 谁记录谁证明: the recording station, with its operator (the contractor serving it that day). */
const certifierOf = (station: StationJoined) => (station.operatorOrgName ? `${station.name}（运营机构：${station.operatorOrgName}）` : station.name);

interface NewRecord {
  volunteerId: string;
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
  content: string;
  place: string;
  training: string;
  commendation: string;
  evaluation: string;
  source: RecordSource;
  sourceId: string | null;
  /** The station of the activity the hours come from: it must be the volunteer's (R-VOLUNTEER-RECORD). */
  activityStationId?: string;
}

const alreadyRecorded = (name: string) => new AppError('CONFLICT', `${name}在该活动的志愿服务已经记录过`);

/**
 * One record inside the caller's transaction. The volunteer's row is locked first, so two
 * records for the same volunteer are checked one after the other (overlap, day total).
 */
async function insertRecord(tx: Ctx, station: StationJoined, n: NewRecord): Promise<repo.RecordRow> {
  const v = await repo.lockVolunteer(tx, n.volunteerId);
  if (!v) throw notFound('志愿者');
  if (v.stationId !== station.station.id || (n.activityStationId && n.activityStationId !== v.stationId))
    throw ruleViolation('R-VOLUNTEER-RECORD', `${v.name}不是该社工站登记的志愿者：志愿服务由组织活动的社工站记录和证明`);
  if (v.status !== 'active') throw ruleViolation('R-VOLUNTEER-RECORD', `${v.name}已退出，不能再记录志愿服务`);
  const sameDay = await repo.recordsOfDay(tx, v.id, n.date);
  if (n.sourceId && sameDay.some((o) => o.source === n.source && o.sourceId === n.sourceId)) throw alreadyRecorded(v.name);
  const clash = sameDay.find((o) => spansOverlap(o, n));
  if (clash)
    throw ruleViolation('R-VOLUNTEER-HOURS', `${v.name}在${n.date} ${clash.startTime}–${clash.endTime}已有志愿服务记录（${clash.content}），时段不能重叠`);
  const problem = hoursProblem(n, chinaToday(), sameDay.reduce((s, o) => s + o.minutes, 0));
  if (problem) throw ruleViolation('R-VOLUNTEER-HOURS', `${v.name}：${problem}`);
  try {
    const [row] = await tx.db
      .insert(volunteerServiceRecords)
      .values({
        volunteerId: v.id, stationId: v.stationId, scopePath: v.scopePath, teamId: v.teamId, date: n.date, startTime: n.startTime,
        endTime: n.endTime, minutes: n.minutes, content: n.content, place: n.place, training: n.training, commendation: n.commendation,
        evaluation: n.evaluation, source: n.source, sourceId: n.sourceId, certifier: certifierOf(station),
        recordedBy: actorOf(tx).id, recordedByOrg: station.operatorOrgId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'volunteer.record', objectType: 'volunteer', objectId: v.id,
      after: { date: row.date, startTime: row.startTime, endTime: row.endTime, minutes: row.minutes, source: row.source, sourceId: row.sourceId },
      detail: `${v.name} ${row.date} ${row.startTime}–${row.endTime} ${row.minutes}分钟`,
    });
    return row;
  } catch (err) {
    if (isUniqueViolation(err, 'volunteer_records_source_idx')) throw alreadyRecorded(v.name);
    throw err;
  }
}

export async function createRecord(ctx: Ctx, volunteerId: string, body: z.output<typeof c.createVolunteerRecord.body>): Promise<RecordDto> {
  const found = await repo.findVolunteer(ctx, volunteerId);
  if (!found) throw notFound('志愿者');
  const station = await stationFor(ctx, found.v.stationId);
  return inTransaction(ctx, async (tx) => {
    const row = await insertRecord(tx, station, { ...body, volunteerId, source: 'own', sourceId: null });
    const [dto] = await recordDtos(tx, [row]);
    if (!dto) throw new Error('no dto');
    return dto;
  });
}

const minutesOf = (hoursListed: number) => Math.max(1, Math.round(hoursListed * 60));

/** Kinds whose delivered quantity is counted in hours: the hours recorded never pass it. */
const HOUR_KINDS: readonly string[] = ['volunteer_time', 'service', 'venue'];

type DeliveryRow = NonNullable<Awaited<ReturnType<typeof repo.findDelivery>>>;

/** A charity delivery as an activity: the offer's donor is the one volunteer it lists. */
const deliveryActivity = (d: DeliveryRow) => ({
  id: d.id, date: d.date, stationId: d.stationId, place: d.place,
  title: `慈善资源交付：${d.donorName}${d.itemName ? `（${d.itemName}）` : ''}`,
  maxMinutes: HOUR_KINDS.includes(d.kind) ? d.quantity * 60 : null,
  volunteers: [{ name: d.donorName, hours: HOUR_KINDS.includes(d.kind) ? d.quantity : 0 }],
});

export async function sources(ctx: Ctx, query: z.output<typeof c.listVolunteerSources.query>) {
  const to = query.to ?? chinaToday();
  const from = query.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  const [{ sessions, records }, deliveryRows] = await Promise.all([
    repo.sourceActivities(ctx, query.stationId, from, to),
    repo.sourceDeliveries(ctx, query.stationId, from, to),
  ]);
  const deliveries = deliveryRows.map(deliveryActivity);
  const stationIds = [...new Set([...sessions, ...records, ...deliveries].map((x) => x.stationId))];
  const [done, registered] = await Promise.all([
    repo.recordedFrom(ctx, [...sessions, ...records, ...deliveries].map((x) => x.id)),
    repo.activeVolunteersOf(ctx, stationIds),
  ]);
  const listed = (stationId: string, sourceId: string, names: { name: string; hours: number }[]) =>
    names.map((n) => {
      const match = registered.filter((v) => v.stationId === stationId && v.name === n.name);
      const volunteerId = match.length === 1 && match[0] ? match[0].id : null;
      return { name: n.name, hours: n.hours, volunteerId, recorded: !!volunteerId && done.some((d) => d.sourceId === sourceId && d.volunteerId === volunteerId) };
    });
  return [
    ...sessions.map((s) => ({
      source: 'group_session' as const, id: s.id, date: s.date, title: `${s.kind === 'group' ? '小组' : '社区活动'}：${s.name}（${s.topic}）`,
      listed: listed(s.stationId, s.id, s.volunteers),
    })),
    ...records.map((r) => ({
      source: 'service_record' as const, id: r.id, date: r.date, title: `${r.homeVisit ? '入户走访' : '服务记录'}${r.place ? `：${r.place}` : ''}`,
      listed: listed(r.stationId, r.id, r.volunteers),
    })),
    ...deliveries.map((d) => ({ source: 'resource_delivery' as const, id: d.id, date: d.date, title: d.title, listed: listed(d.stationId, d.id, d.volunteers) })),
  ].sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * Hours from an activity SGZ already holds: a group or community session, or a service record
 * (a home visit with a worker …). Without explicit entries the activity's own volunteer list is
 * matched by name to the station's registered volunteers; names that match none are reported.
 * All or nothing: one refused entry refuses the whole request.
 */
async function findActivity(ctx: Ctx, source: z.output<typeof c.recordFromActivity.body>['source'], id: string) {
  if (source === 'group_session') return repo.findSession(ctx, id);
  if (source === 'service_record') return repo.findServiceRecord(ctx, id);
  const d = await repo.findDelivery(ctx, id);
  return d ? { ...deliveryActivity(d), content: `慈善资源交付：${d.itemName || '志愿服务'}` } : undefined;
}

const ACTIVITY_NAMES = { group_session: '小组/社区活动', service_record: '服务记录', resource_delivery: '慈善资源交付' } as const;

export async function recordFromActivity(ctx: Ctx, body: z.output<typeof c.recordFromActivity.body>) {
  const activity = await findActivity(ctx, body.source, body.sourceId);
  if (!activity) throw notFound(ACTIVITY_NAMES[body.source]);
  const station = await findStation(ctx, activity.stationId);
  if (!station) throw notFound('社工站');
  const content =
    body.content ||
    ('topic' in activity ? `${activity.name}：${activity.topic}` : 'content' in activity ? activity.content : activity.homeVisit ? '协助社工入户走访' : '协助社工开展服务');
  const unmatched: string[] = [];
  let entries = body.entries;
  const registered = entries && !('maxMinutes' in activity) ? [] : await repo.activeVolunteersOf(ctx, [activity.stationId]);
  const spanMinutes = (minutesOfDay(body.endTime) ?? 0) - (minutesOfDay(body.startTime) ?? 0);
  if (!entries) {
    entries = [];
    for (const listed of activity.volunteers) {
      const match = registered.filter((v) => v.name === listed.name);
      // A delivery counted in goods or money has no hours of its own: the span served is the default.
      if (match.length === 1 && match[0]) entries.push({ volunteerId: match[0].id, minutes: listed.hours > 0 ? minutesOf(listed.hours) : Math.max(1, spanMinutes) });
      else unmatched.push(listed.name);
    }
  }
  if ('maxMinutes' in activity) {
    // A delivery is served by the offer's volunteer only, for no more hours than were delivered.
    const own = new Set(registered.filter((v) => activity.volunteers.some((l) => l.name === v.name)).map((v) => v.id));
    if (entries.some((e) => !own.has(e.volunteerId)))
      throw ruleViolation('R-VOLUNTEER-RECORD', '只能为提供该资源的志愿者记录这次交付的志愿服务');
    const max = activity.maxMinutes;
    if (max !== null && entries.some((e) => e.minutes > max))
      throw ruleViolation('R-VOLUNTEER-HOURS', `服务时长不能超过交付的${max / 60}小时`);
  }
  if (entries.length === 0) throw invalid([{ path: 'entries', message: '没有可记录的志愿者：请先登记志愿者，或逐人填写' }]);
  const list = entries;
  const recorded = await inTransaction(ctx, async (tx) => {
    const rows: repo.RecordRow[] = [];
    for (const e of list)
      rows.push(
        await insertRecord(tx, station, {
          volunteerId: e.volunteerId, date: activity.date, startTime: body.startTime, endTime: body.endTime, minutes: e.minutes,
          content, place: body.place || ('place' in activity ? activity.place : ''), training: '', commendation: '', evaluation: '',
          source: body.source, sourceId: activity.id, activityStationId: activity.stationId,
        }),
      );
    return recordDtos(tx, rows);
  });
  return { recorded, unmatched };
}

// ---- Teams ----

function teamDto(row: { t: repo.TeamRow; members: number; minutes: number }, stationName: string): TeamDto {
  const t = row.t;
  return {
    id: t.id, stationId: t.stationId, stationName, kind: t.kind, name: t.name, stage: t.stage, incubatedOn: t.incubatedOn,
    cultivatedOn: t.cultivatedOn, registeredOn: t.registeredOn, filedOn: t.filedOn, registrationNo: t.registrationNo,
    leadWorkerId: t.leadWorkerId, otherMembers: t.otherMembers, members: Number(row.members), activities: t.activities,
    support: t.support, totalHours: hours(Number(row.minutes)), version: t.version,
  };
}

export async function listTeams(ctx: Ctx, query: z.output<typeof c.listTeams.query>) {
  const { rows, total, totalCapped } = await repo.listTeams(ctx, query);
  const names = await stationNames(ctx.db, [...new Set(rows.map((r) => r.t.stationId))]);
  return { items: rows.map((r) => teamDto(r, names.get(r.t.stationId) ?? '')), total, totalCapped, page: query.page, pageSize: query.pageSize };
}

async function teamOut(ctx: Ctx, id: string): Promise<TeamDto> {
  const row = await repo.teamWithCounts(ctx, id);
  if (!row) throw notFound('志愿服务队');
  const names = await stationNames(ctx.db, [row.t.stationId]);
  return teamDto(row, names.get(row.t.stationId) ?? '');
}

export const getTeam = teamOut;

export async function createTeam(ctx: Ctx, body: z.output<typeof c.createTeam.body>): Promise<TeamDto> {
  const station = await stationFor(ctx, body.stationId);
  if (body.leadWorkerId && !(await repo.workerOnPost(ctx, body.leadWorkerId, station.station.id, chinaToday())))
    throw invalid([{ path: 'leadWorkerId', message: '引领社工须是本站在岗的社工' }]);
  return inTransaction(ctx, async (tx) => {
    const { stationId: _s, ...values } = body;
    const [row] = await tx.db.insert(volunteerTeams).values({ ...values, stationId: station.station.id, scopePath: station.station.scopePath }).returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, { action: 'volunteer_team.create', objectType: 'volunteer_team', objectId: row.id, after: { name: row.name, kind: row.kind, stage: row.stage } });
    return teamOut(tx, row.id);
  });
}

const STAGE_DATE: Record<Exclude<TeamStage, 'incubating'>, 'cultivatedOn' | 'registeredOn' | 'filedOn'> = {
  cultivating: 'cultivatedOn', registered: 'registeredOn', filed: 'filedOn',
};

export async function updateTeam(ctx: Ctx, id: string, body: z.output<typeof c.updateTeam.body>): Promise<TeamDto> {
  const before = await repo.findTeam(ctx, id);
  if (!before) throw notFound('志愿服务队');
  if (TEAM_STAGES.indexOf(body.stage) < TEAM_STAGES.indexOf(before.stage)) throw invalid([{ path: 'stage', message: '培育阶段只能向前推进' }]);
  const fields = [];
  let last = before.incubatedOn;
  for (const s of TEAM_STAGES.slice(1, TEAM_STAGES.indexOf(body.stage) + 1) as Exclude<TeamStage, 'incubating'>[]) {
    const key = STAGE_DATE[s];
    const d = body[key];
    if (!d) fields.push({ path: key, message: '请填写该阶段的日期' });
    else if (d < last) fields.push({ path: key, message: '阶段日期不能早于上一阶段' });
    else last = d;
  }
  if (fields.length) throw invalid(fields);
  if (body.leadWorkerId && body.leadWorkerId !== before.leadWorkerId && !(await repo.workerOnPost(ctx, body.leadWorkerId, before.stationId, chinaToday())))
    throw invalid([{ path: 'leadWorkerId', message: '引领社工须是本站在岗的社工' }]);
  return inTransaction(ctx, async (tx) => {
    const { version, ...values } = body;
    const [after] = await tx.db
      .update(volunteerTeams)
      .set({ ...values, version: sql`${volunteerTeams.version} + 1` })
      .where(and(eq(volunteerTeams.id, id), eq(volunteerTeams.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, {
      action: 'volunteer_team.update', objectType: 'volunteer_team', objectId: id,
      before: { name: before.name, stage: before.stage }, after: { name: after.name, stage: after.stage },
    });
    return teamOut(tx, id);
  });
}

export async function totals(ctx: Ctx, query: z.output<typeof c.volunteerTotals.query>) {
  const { rows, total } = await repo.totals(ctx, query);
  return {
    items: rows.map((r) => ({ key: r.key, label: r.label, year: Number(r.year), volunteers: Number(r.volunteers), records: Number(r.records), hours: hours(Number(r.minutes)) })),
    total, page: query.page, pageSize: query.pageSize,
  };
}
