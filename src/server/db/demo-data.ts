import { eq } from 'drizzle-orm';
import type { Role, ScopeKind } from '../../shared/permissions';
import { creditCodeCheckChar } from '../../shared/rules/credit-code';
import type { StationStatus, VenueType } from '../../shared/rules/station-venue';
import { hashPassword } from '../platform/passwords';
import type { Db } from './client';
import { organizations, regions, stations, users } from './schema';

export const DEMO_ORG_NAME = '威海市环翠区阳光社会工作服务中心';
const DEMO_ORG_CODE_BASE = '52371002MJE123456';

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

/** Loads the demo set once; a second run finds demo-city and leaves everything as it is. */
export async function seedDemo(db: Db, password: string): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-city'));
  if (existing) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ name: DEMO_ORG_NAME, creditCode: DEMO_ORG_CODE_BASE + creditCodeCheckChar(DEMO_ORG_CODE_BASE) })
      .onConflictDoUpdate({ target: organizations.creditCode, set: { name: DEMO_ORG_NAME } })
      .returning();
    if (!org) throw new Error('demo organisation not created');
    const towns = await tx.select().from(regions).where(eq(regions.level, 'town')).orderBy(regions.code);
    await tx
      .insert(stations)
      .values(
        towns.map((t, i) => ({
          ...demoStation(i, t),
          operatorOrgId: t.parentCode === '371002' ? org.id : null,
        })),
      )
      .onConflictDoNothing();
    const stationRows = await tx.select({ id: stations.id, townCode: stations.townCode }).from(stations);
    const stationOf = new Map(stationRows.map((s) => [s.townCode, s.id]));
    const regionRows = await tx.select({ code: regions.code, path: regions.path }).from(regions);
    const pathOf = new Map(regionRows.map((r) => [r.code, r.path]));
    await tx.insert(users).values(
      DEMO_USERS.map((u) => ({
        username: u.username,
        displayName: u.displayName,
        roles: u.roles,
        passwordHash,
        // Demo accounts skip the first-login change so a visitor can look around at once.
        mustChangePassword: false,
        scopeKind: u.scope,
        scopePath: u.region ? (pathOf.get(u.region) ?? null) : null,
        orgId: u.scope === 'org' ? org.id : null,
        stationId: u.scope === 'station' && u.region ? (stationOf.get(u.region) ?? null) : null,
      })),
    );
  });
  return true;
}
