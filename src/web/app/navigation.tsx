import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  ShoppingOutlined,
  FileTextOutlined,
  TrophyOutlined,
  EyeOutlined,
  CarryOutOutlined,
  ContactsOutlined,
  FormOutlined,
  LinkOutlined,
  IdcardOutlined,
  SolutionOutlined,
  BankOutlined,
  HomeOutlined,
  HeartOutlined,
  FlagOutlined,
  GiftOutlined,
  ShopOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  SendOutlined,
  ReadOutlined,
  ReconciliationOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ADMIN_ROLES, type Permission, type Role } from '../../shared/permissions';
import { m } from '../i18n';

/** The menu's sections; 工作台 and 驾驶舱 stand above them. */
export type NavGroup = 'stations' | 'daily' | 'wushe' | 'purchase' | 'reports' | 'system';
export const NAV_GROUPS: Record<NavGroup, string> = m.nav.sections;

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** null: every signed-in user (the workbench). */
  permission: Permission | null;
  group?: NavGroup;
}

/** The side menu, in order; each entry shows only with the permission its API needs. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: m.nav.dashboard, icon: <HomeOutlined aria-hidden />, permission: null },
  { path: '/dashboards', label: m.nav.dashboards, icon: <DashboardOutlined aria-hidden />, permission: 'dashboard:read' },
  { path: '/stations', label: m.nav.stations, icon: <BankOutlined aria-hidden />, permission: 'station:read', group: 'stations' },
  { path: '/organizations', label: m.nav.organizations, icon: <ApartmentOutlined aria-hidden />, permission: 'org:read', group: 'stations' },
  { path: '/social-workers', label: m.nav.socialWorkers, icon: <IdcardOutlined aria-hidden />, permission: 'worker:read', group: 'stations' },
  { path: '/compliance', label: m.nav.compliance, icon: <SolutionOutlined aria-hidden />, permission: 'compliance:read', group: 'stations' },
  { path: '/institutional-systems', label: m.nav.institutionalSystems, icon: <ReconciliationOutlined aria-hidden />, permission: 'system:read', group: 'stations' },
  { path: '/venues', label: m.nav.venues, icon: <ScheduleOutlined aria-hidden />, permission: 'venue:read', group: 'stations' },
  { path: '/worklist', label: m.nav.worklist, icon: <CarryOutOutlined aria-hidden />, permission: 'client:write', group: 'daily' },
  { path: '/clients', label: m.nav.clients, icon: <ContactsOutlined aria-hidden />, permission: 'client:read', group: 'daily' },
  { path: '/records', label: m.nav.records, icon: <FormOutlined aria-hidden />, permission: 'client:read', group: 'daily' },
  { path: '/groups', label: m.nav.groups, icon: <TeamOutlined aria-hidden />, permission: 'client:read', group: 'daily' },
  { path: '/partners', label: m.nav.partners, icon: <LinkOutlined aria-hidden />, permission: 'partner:read', group: 'daily' },
  { path: '/applications', label: m.nav.applications, icon: <SendOutlined aria-hidden />, permission: 'application:read', group: 'daily' },
  { path: '/publicity', label: m.nav.publicity, icon: <ReadOutlined aria-hidden />, permission: 'publicity:read', group: 'daily' },
  { path: '/volunteers', label: m.nav.volunteers, icon: <HeartOutlined aria-hidden />, permission: 'volunteer:read', group: 'wushe' },
  { path: '/volunteer-teams', label: m.nav.volunteerTeams, icon: <FlagOutlined aria-hidden />, permission: 'volunteer:read', group: 'wushe' },
  { path: '/resources/needs', label: m.nav.resourceNeeds, icon: <GiftOutlined aria-hidden />, permission: 'resource:read', group: 'wushe' },
  { path: '/resources/offers', label: m.nav.resourceOffers, icon: <ShopOutlined aria-hidden />, permission: 'resource:read', group: 'wushe' },
  { path: '/annual-plans', label: m.nav.annualPlans, icon: <FileDoneOutlined aria-hidden />, permission: 'plan:read', group: 'purchase' },
  { path: '/procurements', label: m.nav.procurements, icon: <ShoppingOutlined aria-hidden />, permission: 'procurement:read', group: 'purchase' },
  { path: '/contracts', label: m.nav.contracts, icon: <FileProtectOutlined aria-hidden />, permission: 'contract:read', group: 'purchase' },
  { path: '/station-plans', label: m.nav.stationPlans, icon: <SolutionOutlined aria-hidden />, permission: 'stationplan:read', group: 'purchase' },
  { path: '/funding', label: m.nav.funding, icon: <AccountBookOutlined aria-hidden />, permission: 'funding:read', group: 'purchase' },
  { path: '/calendar', label: m.nav.calendar, icon: <CalendarOutlined aria-hidden />, permission: 'calendar:read', group: 'purchase' },
  { path: '/reports', label: m.nav.reports, icon: <FileTextOutlined aria-hidden />, permission: 'report:read', group: 'reports' },
  { path: '/evaluations', label: m.nav.evaluations, icon: <TrophyOutlined aria-hidden />, permission: 'evaluation:read', group: 'reports' },
  { path: '/supervisions', label: m.nav.supervisions, icon: <EyeOutlined aria-hidden />, permission: 'supervision:read', group: 'reports' },
  { path: '/archives', label: m.nav.archives, icon: <FileDoneOutlined aria-hidden />, permission: 'archive:read', group: 'reports' },
  { path: '/users', label: m.nav.users, icon: <TeamOutlined aria-hidden />, permission: 'user:read', group: 'system' },
  { path: '/roles', label: m.nav.roles, icon: <UserSwitchOutlined aria-hidden />, permission: 'role:read', group: 'system' },
  { path: '/security', label: m.nav.security, icon: <SafetyCertificateOutlined aria-hidden />, permission: 'security:manage', group: 'system' },
  { path: '/audit', label: m.nav.audit, icon: <AuditOutlined aria-hidden />, permission: 'audit:read', group: 'system' },
];

export const API_DOCS_URL = '/api/docs';

/** The link to the API reference is for the three administrators, not for business users. */
export function seesApiDocs(roles: readonly Role[]): boolean {
  return roles.some((r) => ADMIN_ROLES.includes(r));
}

/** The menu entry a location belongs to (a detail page's list), for breadcrumbs and titles. */
export function navItemOf(pathname: string): NavItem | undefined {
  const key = navKeyOf(pathname);
  return NAV_ITEMS.find((item) => item.path === key);
}

export function allowedNav(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission === null || permissions.includes(item.permission));
}

/**
 * Where a user lands: business roles on their workbench; the three administrators, who have no
 * business data, on their own first page (users, policy, audit log), as before.
 */
export function landingPath(permissions: readonly Permission[]): string {
  if (permissions.includes('dashboard:read')) return '/';
  return allowedNav(permissions).find((item) => item.path !== '/')?.path ?? '/';
}

/** The menu key for a location: '/' exactly, else its first segment ('/stations/…' → '/stations'). */
export function navKeyOf(pathname: string): string {
  // 慈善资源 has two menu entries under /resources: the key keeps the second segment.
  const [, head, sub] = pathname.split('/');
  if (head === 'resources' && sub) return `/resources/${sub}`;
  // A case belongs to a client: highlight 服务对象 on a case page.
  const first = pathname.split('/')[1] === 'cases' ? 'clients' : pathname.split('/')[1];
  return first ? `/${first}` : '/';
}
