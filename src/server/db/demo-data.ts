import { eq } from 'drizzle-orm';
import type { Role, ScopeKind } from '../../shared/permissions';
import { creditCodeCheckChar } from '../../shared/rules/credit-code';
import { birthDateOf, idNumberCheckChar, sexOf } from '../../shared/rules/id-number';
import type { ServiceDomain } from '../../shared/rules/organizations';
import type { EducationLevel, StaffSource } from '../../shared/rules/staffing';
import type { StationStatus, VenueType } from '../../shared/rules/station-venue';
import { hashPassword } from '../platform/passwords';
import type { FieldCipher } from '../platform/field-cipher';
import type { Db } from './client';
import { seedPurchaseDemo } from './demo-purchase';
import { rebuildFundingRollups } from '../modules/funding/funding.repo';
import { organizations, postings, regions, socialWorkers, stations, users, workerCertificates, workerTrainings } from './schema';

export const DEMO_ORG_NAME = '威海市环翠区阳光社会工作服务中心';

/** One contractor per county unit (临港区 is still procuring). */
const DEMO_ORGS: { county: string; name: string; registeredOn: string }[] = [
  { county: '371002', name: DEMO_ORG_NAME, registeredOn: '2016-05-20' },
  { county: '371003', name: '威海市文登区同心社会工作服务中心', registeredOn: '2017-03-08' },
  { county: '371082', name: '荣成市仁爱社会工作服务中心', registeredOn: '2015-09-16' },
  { county: '371083', name: '乳山市守望社会工作服务中心', registeredOn: '2018-11-02' },
  { county: '371071', name: '威海火炬高技术产业开发区启航社会工作服务中心', registeredOn: '2019-04-25' },
  { county: '371072', name: '威海经济技术开发区和美社会工作服务中心', registeredOn: '2019-07-12' },
];

const creditCodeFor = (county: string, i: number) => {
  const base = `52${county}MJE${String(100000 + i * 7919).slice(0, 6)}`;
  return base + creditCodeCheckChar(base);
};

interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  scope: ScopeKind;
  /** Region code for region and station scopes. */
  region?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'demo-city', displayName: '市民政局 王科长', roles: ['city_officer'], scope: 'city', region: '371000' },
  { username: 'demo-district', displayName: '环翠区民政局 李主任', roles: ['district_officer'], scope: 'county', region: '371002' },
  { username: 'demo-town', displayName: '鲸园街道 张干事', roles: ['town_officer'], scope: 'town', region: '371002002' },
  { username: 'demo-org', displayName: '阳光社工中心 刘主任', roles: ['org_manager'], scope: 'org' },
  { username: 'demo-worker', displayName: '驻站社工 陈晓', roles: ['station_worker'], scope: 'station', region: '371002002' },
  { username: 'demo-evaluator', displayName: '评估员 赵老师', roles: ['evaluator'], scope: 'county', region: '371002' },
  { username: 'demo-applicant', displayName: '市卫健委 孙科员', roles: ['dept_applicant'], scope: 'city', region: '371000' },
  { username: 'demo-sysadmin', displayName: '系统管理员', roles: ['sys_admin'], scope: 'none' },
  { username: 'demo-secadmin', displayName: '安全管理员', roles: ['sec_admin'], scope: 'none' },
  { username: 'demo-auditor', displayName: '审计管理员', roles: ['audit_admin'], scope: 'none' },
];

const VENUES: VenueType[] = [
  'convenience_center', 'party_center', 'civilization_center', 'community_center',
  'assistance_point', 'elderly_center', 'minor_protection', 'nursing_home',
];

/** A believable, varied station register: most operating, a few still being set up. */
function demoStation(index: number, town: { code: string; name: string; path: string; parentCode: string | null }) {
  const status: StationStatus =
    town.parentCode === '371073' ? 'preparing' : index % 23 === 7 ? 'suspended' : 'operating';
  const venueType = VENUES[index % VENUES.length] ?? 'convenience_center';
  const plaquesDone = index % 5 !== 3;
  const month = String((index % 9) + 1).padStart(2, '0');
  return {
    townCode: town.code,
    scopePath: town.path,
    status,
    statusReason: status === 'suspended' ? '场所改造，临时暂停' : '',
    venueType,
    address: `${town.name}${venueType === 'community_center' ? '中心社区服务中心' : '便民服务中心'}二楼`,
    phone: `0631-${String(5200000 + index * 137).slice(0, 7)}`,
    openedOn: status === 'preparing' ? null : `2021-${month}-15`,
    outdoorPlaque: plaquesDone ? ('installed' as const) : ('ordered' as const),
    indoorPlaque: 'installed' as const,
    equipment: '办公桌椅4套、电脑2台、打印机1台、档案柜2个',
    hostContactName: '',
    hostContactPhone: '',
  };
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎';
const GIVEN = ['晓雯', '海涛', '丽娜', '建国', '婷婷', '志强', '佳怡', '子涵', '文博', '雪梅', '俊杰', '欣然', '明轩', '静怡', '浩然', '思远'];

/** A valid GB 11643 number for a demo person (area code of the county, real birth date). */
function demoIdNumber(county: string, birth: string, seq: number): string {
  const first17 = `${county}${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

interface DemoWorker {
  name: string;
  idNumber: string;
  phone: string;
  education: EducationLevel;
  major: string;
  certificate: string | null;
  trainings: { date: string; hours: number }[];
  startDate: string;
  source: StaffSource;
}

/**
 * Two qualified workers at most stations; the demo station 鲸园街道 has one (不达标, for the
 * import journey), a few have a training-only worker whose certificate is due or overdue.
 */
function demoWorkers(townIndex: number, county: string, townCode: string): DemoWorker[] {
  const make = (k: number, over: Partial<DemoWorker>): DemoWorker => {
    const n = townIndex * 3 + k;
    const birth = `${1982 + (n % 14)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`;
    return {
      name: `${SURNAMES.charAt(n % SURNAMES.length)}${GIVEN[n % GIVEN.length] ?? '明'}`,
      idNumber: demoIdNumber(county, birth, n * 2 + 11),
      phone: `139${String(10_000_000 + n * 7_331).slice(0, 8)}`,
      education: 'bachelor',
      major: '社会工作',
      certificate: null,
      trainings: [],
      startDate: `2021-${String((n % 3) + 10).padStart(2, '0')}-15`,
      source: 'purchased',
      ...over,
    };
  };
  if (townCode === '371002002') return [make(0, { name: '陈晓', certificate: '2020-06-20' })];
  const second: Partial<DemoWorker> =
    townIndex % 11 === 4
      ? { major: '汉语言文学', trainings: [{ date: '2023-10-10', hours: 120 }], startDate: '2023-12-01' } // certificate due soon
      : townIndex % 11 === 8
        ? { major: '会计学', trainings: [{ date: '2023-03-10', hours: 126 }], startDate: '2023-06-01' } // certificate overdue
        : { education: 'junior_college', major: '社区管理', source: 'converted' };
  return [make(0, { certificate: '2019-06-16' }), make(1, second)];
}

/** Loads the demo set once; a second run finds demo-city and leaves everything as it is. */
/** The three administrators of 三员分立: on a real start they get their own random passwords (setup.ts). */
export const DEMO_ADMINS = ['demo-sysadmin', 'demo-secadmin', 'demo-auditor'] as const;

export interface DemoOptions {
  /** Passwords of the demo administrators by username; the others keep `password`. */
  adminPasswords?: Partial<Record<(typeof DEMO_ADMINS)[number], string>>;
}

export async function seedDemo(db: Db, password: string, cipher: FieldCipher, options: DemoOptions = {}): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-city'));
  if (existing) return false;
  const passwordHash = await hashPassword(password);
  const adminHashes = new Map<string, string>();
  for (const [username, pw] of Object.entries(options.adminPasswords ?? {})) if (pw) adminHashes.set(username, await hashPassword(pw));
  await db.transaction(async (tx) => {
    const countyPaths = new Map(
      (await tx.select({ code: regions.code, path: regions.path }).from(regions).where(eq(regions.level, 'county'))).map((r) => [r.code, r.path]),
    );
    const orgs = await tx
      .insert(organizations)
      .values(
        DEMO_ORGS.map((o, i) => ({
          name: o.name, creditCode: creditCodeFor(o.county, i), registeredOn: o.registeredOn,
          countyCode: o.county, scopePath: countyPaths.get(o.county) ?? '/',
          registeringAuthority: '威海市民政局', legalRepresentative: '（演示）', address: '威海市',
          serviceDomains: ['assistance', 'elderly', 'children'] as ServiceDomain[],
        })),
      )
      .onConflictDoNothing()
      .returning();
    const orgOfCounty = new Map(DEMO_ORGS.map((o, i) => [o.county, orgs[i]?.id ?? null]));
    const demoOrgId = orgOfCounty.get('371002') ?? null;
    const towns = await tx.select().from(regions).where(eq(regions.level, 'town')).orderBy(regions.code);
    const created = await tx
      .insert(stations)
      .values(towns.map((t, i) => demoStation(i, t)))
      .onConflictDoNothing()
      .returning();
    const regionRows = await tx.select({ code: regions.code, path: regions.path }).from(regions);
    const pathOf = new Map(regionRows.map((r) => [r.code, r.path]));
    const userRows = await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          roles: u.roles,
          passwordHash: adminHashes.get(u.username) ?? passwordHash,
          // Demo accounts skip the first-login change so a visitor can look around at once.
          mustChangePassword: false,
          scopeKind: u.scope,
          scopePath: u.region ? (pathOf.get(u.region) ?? null) : null,
          orgId: u.scope === 'org' ? demoOrgId : null,
          stationId: u.scope === 'station' ? (created.find((st) => st.townCode === u.region)?.id ?? null) : null,
        })),
      )
      .returning();
    const demoWorkerUser = userRows.find((u) => u.username === 'demo-worker')?.id ?? null;

    for (const [i, st] of created.entries()) {
      if (st.status === 'preparing' || !st.townCode) continue;
      const county = st.townCode.slice(0, 6);
      const orgId = orgOfCounty.get(county) ?? null;
      for (const w of demoWorkers(i, county, st.townCode)) {
        const [row] = await tx
          .insert(socialWorkers)
          .values({
            name: w.name, idNumberCipher: cipher.encrypt(w.idNumber), idNumberIndex: cipher.index(w.idNumber),
            idNumberTail: w.idNumber.slice(-4), birthDate: birthDateOf(w.idNumber), sex: sexOf(w.idNumber),
            phoneCipher: cipher.encrypt(w.phone), phoneTail: w.phone.slice(-4), education: w.education, major: w.major,
            orgId, scopePath: st.scopePath, userId: w.name === '陈晓' ? demoWorkerUser : null,
          })
          .returning();
        if (!row) continue;
        if (w.certificate)
          await tx.insert(workerCertificates).values({ workerId: row.id, level: 'assistant', number: `DEMO${i}`, obtainedOn: w.certificate });
        for (const t of w.trainings)
          await tx.insert(workerTrainings).values({ workerId: row.id, date: t.date, hours: String(t.hours), topic: '社会工作专业能力培训' });
        await tx.insert(postings).values({
          workerId: row.id, orgId, stationId: st.id, scopePath: st.scopePath, source: w.source, startDate: w.startDate,
        });
      }
    }
    await seedPurchaseDemo(tx as unknown as Db, orgOfCounty);
    // The demo's budgets, payments and spending were written in bulk: their funding roll-ups once, set-based.
    await rebuildFundingRollups(tx as unknown as Db);
  });
  return true;
}
