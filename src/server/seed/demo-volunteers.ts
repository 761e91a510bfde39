import dayjs from 'dayjs';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import { idNumberCheckChar, maskIdNumber, sexOf } from '../../shared/rules/id-number';
import { certificateNumber, type TeamStage, type VolunteerSkill } from '../../shared/rules/volunteers';
import type { Db } from '../db/client';
import { DEMO_ORG_NAME } from '../db/demo-data';
import {
  groups, groupSessions, organizations, stations, users, volunteerCertificateCounters, volunteerCertificates,
  volunteerServiceRecords, volunteerTeams, volunteers, type CertificateSnapshot,
} from '../db/schema';
import type { FieldCipher } from '../platform/field-cipher';
import { stationNames } from '../modules/stations/stations.repo';
import { VOLUNTEERS } from './demo-year-text';

const JINGYUAN = '371002002';
const ZHUDAO = '371002003';

/** A valid GB 11643 number for a demo volunteer (环翠区, a real birth date). */
const idNumber = (birth: string, seq: number) => {
  const first17 = `371002${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

interface TeamSeed {
  town: string;
  kind: 'volunteer_team' | 'community_org';
  name: string;
  stage: TeamStage;
  /** Days before today of each stage reached. */
  days: number[];
  registrationNo: string;
  otherMembers: number;
  activities: string;
  support: { days: number; kind: string; description: string }[];
}

const TEAMS: TeamSeed[] = [
  {
    town: JINGYUAN, kind: 'volunteer_team', name: '鲸园红马甲志愿服务队', stage: 'registered', days: [420, 300, 120], registrationNo: '环志备〔2025〕12号',
    otherMembers: 0, activities: '独居老人探访、重阳敬老、社区环境整治',
    support: [
      { days: 400, kind: '培训', description: '志愿者骨干培训（入户探访礼仪与安全）' },
      { days: 200, kind: '场地', description: '社工站活动室每周六上午供队伍使用' },
    ],
  },
  {
    town: JINGYUAN, kind: 'community_org', name: '鲸园街道睦邻互助会', stage: 'cultivating', days: [240, 90], registrationNo: '',
    otherMembers: 26, activities: '楼院议事、邻里互助、困难家庭结对帮扶',
    support: [{ days: 80, kind: '督导', description: '社工每月一次组织建设督导' }],
  },
  {
    town: JINGYUAN, kind: 'volunteer_team', name: '海韵文艺志愿队', stage: 'incubating', days: [45], registrationNo: '',
    otherMembers: 0, activities: '社区文艺演出、节日慰问', support: [],
  },
  {
    town: ZHUDAO, kind: 'volunteer_team', name: '竹岛邻里守望志愿服务队', stage: 'filed', days: [500, 380, 260, 200], registrationNo: '环社组备〔2025〕7号',
    otherMembers: 0, activities: '高龄老人助餐、防走失巡访', support: [{ days: 370, kind: '资金', description: '公益创投小额资助 5,000 元' }],
  },
];

const SKILLS: VolunteerSkill[][] = [
  ['companionship'], ['repair', 'driving'], ['medical'], ['legal'], ['psychology', 'companionship'], ['culture'],
  ['tutoring'], ['sports'], ['companionship', 'culture'], ['it'], ['repair'], ['tutoring', 'culture'],
];

/**
 * The demo's volunteers (社工+志愿者): 鲸园's register holds the names the demo year's group and
 * community sessions list, so older sessions are already recorded as service and recent ones are
 * left to record from the activity; teams at every stage, a few records of their own, and one
 * certificate. Deterministic from today's date; no audit rows (it is no one's act).
 */
export async function seedVolunteersDemo(db: Db, cipher: FieldCipher): Promise<void> {
  if ((await db.select({ id: volunteers.id }).from(volunteers).limit(1)).length > 0) return;
  const [worker] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-worker'));
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  const townStations = await db
    .select({ id: stations.id, townCode: stations.townCode, scopePath: stations.scopePath })
    .from(stations)
    .where(inArray(stations.townCode, [JINGYUAN, ZHUDAO]));
  const jingyuan = townStations.find((s) => s.townCode === JINGYUAN);
  if (!worker || !jingyuan) return;
  const today = chinaToday();
  const ago = (n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');
  const stationOf = (town: string) => townStations.find((s) => s.townCode === town) ?? jingyuan;

  const teamRows = await db
    .insert(volunteerTeams)
    .values(
      TEAMS.map((t) => ({
        stationId: stationOf(t.town).id, scopePath: stationOf(t.town).scopePath, kind: t.kind, name: t.name, stage: t.stage,
        incubatedOn: ago(t.days[0] ?? 0), cultivatedOn: t.days[1] !== undefined ? ago(t.days[1]) : null,
        registeredOn: t.days[2] !== undefined ? ago(t.days[2]) : null, filedOn: t.days[3] !== undefined ? ago(t.days[3]) : null,
        registrationNo: t.registrationNo, otherMembers: t.otherMembers, activities: t.activities,
        support: t.support.map((s) => ({ date: ago(s.days), kind: s.kind, description: s.description })),
      })),
    )
    .returning({ id: volunteerTeams.id, name: volunteerTeams.name });
  const teamId = (name: string) => teamRows.find((r) => r.name === name)?.id ?? null;
  const redVests = teamId('鲸园红马甲志愿服务队');
  const arts = teamId('海韵文艺志愿队');

  // The last of the names is a 16-year-old pupil, registered with her mother's consent.
  const people = VOLUNTEERS.map((name, i) => {
    const minor = i === VOLUNTEERS.length - 1;
    const birth = minor ? dayjs(today).subtract(16, 'year').subtract(40, 'day').format('YYYY-MM-DD') : `${1958 + ((i * 7) % 40)}-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(3 + ((i * 11) % 25)).padStart(2, '0')}`;
    // Odd sequence digits are men's numbers (GB 11643): the names alternate.
    const seq = 500 + i * 2 + (['李建华', '刘志刚', '于洪波', '毕德胜', '鞠文涛'].includes(name) ? 1 : 0);
    const id = idNumber(birth, seq);
    return {
      stationId: jingyuan.id, scopePath: jingyuan.scopePath, name, idNumberCipher: cipher.encrypt(id), idNumberIndex: cipher.index(id),
      idNumberTail: id.slice(-4), birthDate: birth, sex: sexOf(id), phoneCipher: cipher.encrypt(`1380631${String(1000 + i * 37).slice(-4)}`),
      skills: SKILLS[i % SKILLS.length] ?? [], availability: i % 3 === 0 ? '周末全天' : i % 3 === 1 ? '工作日下午' : '节假日',
      teamId: i % 4 === 3 ? null : i >= 9 ? arts : redVests, consentOn: ago(400 - i * 20), consentScope: '登记个人信息，记录志愿服务并出具证明',
      guardianName: minor ? '宋丽' : '', guardianRelation: minor ? '母亲' : '', guardianConsentOn: minor ? ago(60) : null, createdBy: worker.id,
      _id: id,
    };
  });
  const inserted = await db
    .insert(volunteers)
    .values(people.map(({ _id, ...p }) => p))
    .returning({ id: volunteers.id, name: volunteers.name, teamId: volunteers.teamId });
  const byName = new Map(inserted.map((v) => [v.name, v]));

  const names = await stationNames(db, [jingyuan.id]);
  const certifier = `${names.get(jingyuan.id) ?? ''}（运营机构：${DEMO_ORG_NAME}）`;
  const base = { stationId: jingyuan.id, scopePath: jingyuan.scopePath, certifier, recordedBy: worker.id, recordedByOrg: org?.id ?? null };

  // Sessions older than three weeks are recorded (once per volunteer and day, 14:00 on).
  const sessions = await db
    .select({ id: groupSessions.id, date: groupSessions.date, topic: groupSessions.topic, name: groups.name, volunteers: groupSessions.volunteers })
    .from(groupSessions)
    .innerJoin(groups, eq(groups.id, groupSessions.groupId))
    .where(and(eq(groups.stationId, jingyuan.id), lte(groupSessions.date, ago(21))))
    .orderBy(asc(groupSessions.date), asc(groupSessions.id));
  const taken = new Set<string>();
  const records: (typeof volunteerServiceRecords.$inferInsert)[] = [];
  for (const s of sessions)
    for (const listed of s.volunteers) {
      const v = byName.get(listed.name);
      if (!v || taken.has(`${v.id}|${s.date}`)) continue;
      taken.add(`${v.id}|${s.date}`);
      const minutes = Math.round(listed.hours * 60);
      const end = 14 * 60 + Math.ceil(minutes / 30) * 30;
      records.push({
        ...base, volunteerId: v.id, teamId: v.teamId, date: s.date, startTime: '14:00',
        endTime: `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`, minutes,
        content: `${s.name}：${s.topic}`, source: 'group_session', sourceId: s.id,
      });
    }
  // And service of their own: home visits with the red vests on Saturday mornings.
  const [first, second] = inserted;
  for (const [n, v] of [first, second, first].entries()) {
    if (!v) continue;
    const date = ago(10 + n * 7);
    if (taken.has(`${v.id}|${date}`)) continue;
    taken.add(`${v.id}|${date}`);
    records.push({
      ...base, volunteerId: v.id, teamId: v.teamId, date, startTime: '09:00', endTime: '11:30', minutes: 140,
      content: '协助社工探访独居老人，整理居室、检查燃气', place: '鲸园街道海港社区', training: n === 0 ? '入户探访礼仪与安全培训（2小时）' : '',
      commendation: n === 2 ? '街道“最美志愿者”' : '', evaluation: '认真负责，服务对象满意',
    });
  }
  for (let i = 0; i < records.length; i += 200) await db.insert(volunteerServiceRecords).values(records.slice(i, i + 200));

  // One certificate for the first volunteer's year so far: serial 1 of the station's year.
  const v = first && people[0];
  if (!v || !first) return;
  const mine = records.filter((r) => r.volunteerId === first.id && r.date >= `${today.slice(0, 4)}-01-01` && r.date <= ago(3)).sort((a, b) => a.date.localeCompare(b.date));
  if (mine.length === 0) return;
  const year = Number(today.slice(0, 4));
  const snapshot: CertificateSnapshot = {
    volunteerName: v.name, idNumberMasked: maskIdNumber(v._id), sex: v.sex, issuerName: names.get(jingyuan.id) ?? '', operatorName: DEMO_ORG_NAME,
    teamName: '鲸园红马甲志愿服务队',
    records: mine.map((r) => ({
      date: r.date, startTime: r.startTime, endTime: r.endTime, minutes: r.minutes, content: r.content, place: r.place ?? '',
      training: r.training ?? '', commendation: r.commendation ?? '', evaluation: r.evaluation ?? '',
    })),
  };
  await db.insert(volunteerCertificateCounters).values({ issuerStationId: jingyuan.id, year, lastSerial: 1 });
  await db.insert(volunteerCertificates).values({
    volunteerId: first.id, stationId: jingyuan.id, scopePath: jingyuan.scopePath, year, serial: 1,
    number: certificateNumber('鲸园街道社工站', year, 1), issuedOn: ago(3), periodFrom: `${year}-01-01`, periodTo: ago(3),
    totalMinutes: mine.reduce((s, r) => s + r.minutes, 0), recordCount: mine.length, purpose: '单位评优', snapshot, prints: 1, issuedBy: worker.id,
  });
}
