import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useRoutes, type RouteObject } from 'react-router';
import type { Permission } from '../../shared/permissions';
import { NotFoundResult, PageLoading } from '../components/PageStates';
import { CHANGE_PASSWORD_PATH, RequirePermission, RequireSession } from './guards';

// Each page is its own chunk: a town officer's phone downloads only what it opens.
// The layouts too: the login page loads neither the menu, its icons nor the public site's frame
// (its JS budget, scripts/bench-web-budget.ts).
const AppLayout = lazy(() => import('./AppLayout').then((x) => ({ default: x.AppLayout })));
const PublicLayout = lazy(() => import('./PublicLayout').then((x) => ({ default: x.PublicLayout })));
const ChangePasswordPage = lazy(() => import('../features/auth/ChangePasswordPage'));
const ProfilePage = lazy(() => import('../features/auth/ProfilePage'));
const WorkbenchPage = lazy(() => import('../features/workbench/WorkbenchPage'));
const DashboardsPage = lazy(() => import('../features/dashboards/DashboardsPage'));
const StationsPage = lazy(() => import('../features/stations/StationsPage'));
const StationPage = lazy(() => import('../features/stations/StationPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const RolesPage = lazy(() => import('../features/roles/RolesPage'));
const SecurityPolicyPage = lazy(() => import('../features/security/SecurityPolicyPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const OrganizationsPage = lazy(() => import('../features/organizations/OrganizationsPage'));
const OrganizationPage = lazy(() => import('../features/organizations/OrganizationPage'));
const WorkersPage = lazy(() => import('../features/social-workers/WorkersPage'));
const ImportPage = lazy(() => import('../features/social-workers/ImportPage'));
const WorkerPage = lazy(() => import('../features/social-workers/WorkerPage'));
const CompliancePage = lazy(() => import('../features/compliance/CompliancePage'));
const WorklistPage = lazy(() => import('../features/worklist/WorklistPage'));
const ClientsPage = lazy(() => import('../features/clients/ClientsPage'));
const NewClientPage = lazy(() => import('../features/clients/NewClientPage'));
const ClientImportPage = lazy(() => import('../features/clients/ClientImportPage'));
const ClientPage = lazy(() => import('../features/clients/ClientPage'));
const CasePage = lazy(() => import('../features/cases/CasePage'));
const RecordsPage = lazy(() => import('../features/service-records/RecordsPage'));
const RecordEntryPage = lazy(() => import('../features/service-records/RecordEntryPage'));
const GroupsPage = lazy(() => import('../features/service-records/GroupsPage'));
const GroupPage = lazy(() => import('../features/service-records/GroupPage'));
const PartnersPage = lazy(() => import('../features/partners/PartnersPage'));
const VolunteersPage = lazy(() => import('../features/volunteers/VolunteersPage'));
const VolunteerPage = lazy(() => import('../features/volunteers/VolunteerPage'));
const VolunteerActivitiesPage = lazy(() => import('../features/volunteers/ActivityRecordsPage'));
const VolunteerTotalsPage = lazy(() => import('../features/volunteers/TotalsPage'));
const VolunteerTeamsPage = lazy(() => import('../features/volunteers/TeamsPage'));
const ResourceNeedsPage = lazy(() => import('../features/resources/NeedsPage'));
const ResourceNeedPage = lazy(() => import('../features/resources/NeedPage'));
const ResourceOffersPage = lazy(() => import('../features/resources/OffersPage'));
const PublicResourceWallPage = lazy(() => import('../features/public-site/PublicResourceWallPage'));
const AnnualPlansPage = lazy(() => import('../features/annual-plans/AnnualPlansPage'));
const AnnualPlanPage = lazy(() => import('../features/annual-plans/AnnualPlanPage'));
const ProcurementsPage = lazy(() => import('../features/procurements/ProcurementsPage'));
const ProcurementPage = lazy(() => import('../features/procurements/ProcurementPage'));
const ContractsPage = lazy(() => import('../features/contracts/ContractsPage'));
const ContractPage = lazy(() => import('../features/contracts/ContractPage'));
const FundingPage = lazy(() => import('../features/funding/FundingPage'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage'));
const PublicProcurementsPage = lazy(() => import('../features/public-site/PublicProcurementsPage'));
const PublicProcurementPage = lazy(() => import('../features/public-site/PublicProcurementPage'));
const PublicFundingPage = lazy(() => import('../features/public-site/PublicFundingPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const ReportPage = lazy(() => import('../features/reports/ReportPage'));
const EvaluationsPage = lazy(() => import('../features/evaluations/EvaluationsPage'));
const EvaluationPage = lazy(() => import('../features/evaluations/EvaluationPage'));
const IndicatorSystemPage = lazy(() => import('../features/evaluations/IndicatorSystemPage'));
const SupervisionsPage = lazy(() => import('../features/supervisions/SupervisionsPage'));
const ArchivesPage = lazy(() => import('../features/archives/ArchivesPage'));
const ApplicationsPage = lazy(() => import('../features/applications/ApplicationsPage'));
const ApplicationPage = lazy(() => import('../features/applications/ApplicationPage'));
const PostsPage = lazy(() => import('../features/publicity/PostsPage'));
const PostPage = lazy(() => import('../features/publicity/PostPage'));
const SystemsPage = lazy(() => import('../features/institutional-systems/SystemsPage'));
const VenuesPage = lazy(() => import('../features/venues/VenuesPage'));
const StationPlansPage = lazy(() => import('../features/station-plans/StationPlansPage'));
const StationPlanPage = lazy(() => import('../features/station-plans/StationPlanPage'));

function gated(permission: Permission, page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

/** "/" is every role's workbench (工作台); the administrators still land on their own first page. */
function Home() {
  return <WorkbenchPage />;
}

function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

// Every route but /login (App.tsx), for useRoutes under a BrowserRouter. The app uses no loaders,
// actions or fetchers: createBrowserRouter's data router would add ~20 KB gzip to every first load.
const routes: RouteObject[] = [
  {
    // The public site (R-PROC-PUBLIC, R-FUND-USE): no session needed.
    path: '/public',
    element: <Standalone><PublicLayout /></Standalone>,
    children: [
      { index: true, element: <Navigate to="/public/procurements" replace /> },
      { path: 'procurements', element: <PublicProcurementsPage /> },
      { path: 'procurements/:id', element: <PublicProcurementPage /> },
      { path: 'funding', element: <PublicFundingPage /> },
      { path: 'resources', element: <PublicResourceWallPage /> },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
  {
    element: <RequireSession />,
    children: [
      { path: CHANGE_PASSWORD_PATH, element: <Standalone><ChangePasswordPage /></Standalone> },
      {
        element: <Standalone><AppLayout /></Standalone>,
        children: [
          { index: true, element: <Home /> },
          { path: 'dashboards', element: gated('dashboard:read', <DashboardsPage />) },
          { path: 'dashboards/:code', element: gated('dashboard:read', <DashboardsPage />) },
          { path: 'stations', element: gated('station:read', <StationsPage />) },
          { path: 'stations/:id', element: gated('station:read', <StationPage />) },
          { path: 'organizations', element: gated('org:read', <OrganizationsPage />) },
          { path: 'organizations/:id', element: gated('org:read', <OrganizationPage />) },
          { path: 'social-workers', element: gated('worker:read', <WorkersPage />) },
          { path: 'social-workers/import', element: gated('worker:import', <ImportPage />) },
          { path: 'social-workers/:id', element: gated('worker:read', <WorkerPage />) },
          { path: 'compliance', element: gated('compliance:read', <CompliancePage />) },
          { path: 'worklist', element: gated('client:write', <WorklistPage />) },
          { path: 'clients', element: gated('client:read', <ClientsPage />) },
          { path: 'clients/new', element: gated('client:write', <NewClientPage />) },
          { path: 'clients/import', element: gated('client:write', <ClientImportPage />) },
          { path: 'clients/:id', element: gated('client:read', <ClientPage />) },
          { path: 'cases/:id', element: gated('client:read', <CasePage />) },
          { path: 'records', element: gated('client:read', <RecordsPage />) },
          { path: 'records/new', element: gated('client:write', <RecordEntryPage />) },
          { path: 'groups', element: gated('client:read', <GroupsPage />) },
          { path: 'groups/:id', element: gated('client:read', <GroupPage />) },
          { path: 'partners', element: gated('partner:read', <PartnersPage />) },
          { path: 'applications', element: gated('application:read', <ApplicationsPage />) },
          { path: 'applications/:id', element: gated('application:read', <ApplicationPage />) },
          { path: 'publicity', element: gated('publicity:read', <PostsPage />) },
          { path: 'publicity/:id', element: gated('publicity:read', <PostPage />) },
          { path: 'institutional-systems', element: gated('system:read', <SystemsPage />) },
          { path: 'venues', element: gated('venue:read', <VenuesPage />) },
          { path: 'station-plans', element: gated('stationplan:read', <StationPlansPage />) },
          { path: 'station-plans/:id', element: gated('stationplan:read', <StationPlanPage />) },
          { path: 'volunteers', element: gated('volunteer:read', <VolunteersPage />) },
          { path: 'volunteers/from-activity', element: gated('volunteer:write', <VolunteerActivitiesPage />) },
          { path: 'volunteers/totals', element: gated('volunteer:read', <VolunteerTotalsPage />) },
          { path: 'volunteers/:id', element: gated('volunteer:read', <VolunteerPage />) },
          { path: 'volunteer-teams', element: gated('volunteer:read', <VolunteerTeamsPage />) },
          { path: 'resources/needs', element: gated('resource:read', <ResourceNeedsPage />) },
          { path: 'resources/needs/:id', element: gated('resource:read', <ResourceNeedPage />) },
          { path: 'resources/offers', element: gated('resource:read', <ResourceOffersPage />) },
          { path: 'annual-plans', element: gated('plan:read', <AnnualPlansPage />) },
          { path: 'annual-plans/:id', element: gated('plan:read', <AnnualPlanPage />) },
          { path: 'procurements', element: gated('procurement:read', <ProcurementsPage />) },
          { path: 'procurements/:id', element: gated('procurement:read', <ProcurementPage />) },
          { path: 'contracts', element: gated('contract:read', <ContractsPage />) },
          { path: 'contracts/:id', element: gated('contract:read', <ContractPage />) },
          { path: 'funding', element: gated('funding:read', <FundingPage />) },
          { path: 'calendar', element: gated('calendar:read', <CalendarPage />) },
          { path: 'reports', element: gated('report:read', <ReportsPage />) },
          { path: 'reports/:id', element: gated('report:read', <ReportPage />) },
          { path: 'evaluations', element: gated('evaluation:read', <EvaluationsPage />) },
          { path: 'evaluations/indicators', element: gated('evaluation:read', <IndicatorSystemPage />) },
          { path: 'evaluations/:id', element: gated('evaluation:read', <EvaluationPage />) },
          { path: 'supervisions', element: gated('supervision:read', <SupervisionsPage />) },
          { path: 'archives', element: gated('archive:read', <ArchivesPage />) },
          { path: 'users', element: gated('user:read', <UsersPage />) },
          { path: 'roles', element: gated('role:read', <RolesPage />) },
          { path: 'security', element: gated('security:manage', <SecurityPolicyPage />) },
          { path: 'audit', element: gated('audit:read', <AuditPage />) },
          { path: 'profile', element: <ProfilePage /> },
          { path: '*', element: <NotFoundResult /> },
        ],
      },
    ],
  },
];

/** Loaded by App.tsx for every page but the login page, with the chunks each route preloads. */
export function AppRoutes() {
  return useRoutes(routes);
}
