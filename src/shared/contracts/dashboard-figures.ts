/**
 * The 驾驶舱's figures and their names, without zod: the messages (loaded with the first page)
 * import these, the route contract (dashboards.ts) loads only with the dashboard page.
 */
export const DASHBOARD_FIGURES = [
  'towns', 'stations', 'operating', 'staffedStations', 'compliantStations', 'findings',
  'clients', 'clientsActive', 'records', 'hours', 'persons', 'homeVisits', 'volunteerTimes', 'volunteerHours',
  'budgetFen', 'spentFen', 'paidFen', 'reports', 'reportsOnTime', 'reportsLate', 'reportsPending',
] as const;
export type DashboardFigure = (typeof DASHBOARD_FIGURES)[number];

/** Figure names, for the page (through the locale) and the export. Money is in fen, hours in hours. */
export const DASHBOARD_FIGURE_LABELS: Record<DashboardFigure, string> = {
  towns: '镇街数', stations: '社工站', operating: '运营站点', staffedStations: '参与达标评价站点', compliantStations: '人员配备达标站点',
  findings: '人员配备问题', clients: '服务对象', clientsActive: '在册服务对象', records: '服务记录', hours: '服务时长（小时）',
  persons: '服务人次', homeVisits: '入户走访', volunteerTimes: '志愿者人次', volunteerHours: '志愿服务时长（小时）',
  budgetFen: '年度预算', spentFen: '支出', paidFen: '已拨付', reports: '报告', reportsOnTime: '按时提交', reportsLate: '逾期（迟交或未交）',
  reportsPending: '未到期待提交',
};
