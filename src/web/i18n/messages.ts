// The active locale's messages as one module's exports, one export per section: `m` is this
// module's namespace (index.ts), so `m.daily.x` is a static reference the bundler follows to
// zh-CN.daily.ts, and a section's strings load with the pages that use it rather than with
// the login page.
import { zhCN } from './zh-CN';

export const { app, common, nav, auth, profile, users, roles, audit } = zhCN;
export { zhCNStaffing as staffing } from './zh-CN.staffing';
export { zhCNDaily as daily } from './zh-CN.daily';
export { zhCNPurchase as purchase } from './zh-CN.purchase';
export { zhCNReports as reports } from './zh-CN.reports';
export { zhCNDashboards as dashboards } from './zh-CN.dashboards';
export { zhCNWorkbench as workbench } from './zh-CN.workbench';
export { zhCNResources as resources } from './zh-CN.resources';
export { zhCNStations as stations } from './zh-CN.stations';
export { zhCNDashboard as dashboard } from './zh-CN.dashboard';
export { zhCNSecurity as security } from './zh-CN.security';
export { zhCNStationPlans as stationPlans } from './zh-CN.station-plans';
