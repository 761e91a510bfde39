// UI strings of the coverage card of the city's and district's home (社工站覆盖率).
// A section of the locale (`m.dashboard`), in its own file so it loads with the pages that use it.

export const zhCNDashboard = {
  title: '首页',
  coverageTitle: '社工站覆盖率',
  coverageLabel: '运营社工站 / 镇（街道）',
  coverageOf: (operating: number, towns: number) => `运营 ${operating} 个 / 镇街 ${towns} 个`,
  stationsTotal: (n: number) => `已建社工站 ${n} 个（含筹建、暂停）`,
  operating: '运营社工站',
  towns: '镇（街道）',
  chartTitle: '各区市运营社工站与镇街数',
  chartLabel: '各区市社工站覆盖情况柱状图',
  empty: '暂无覆盖率数据',
  table: '各区市明细',
  county: '区市',
  rate: '覆盖率',
  openDashboards: '查看驾驶舱',
  showChart: '显示柱状图',
  hideChart: '收起柱状图',
  countiesPage: (page: number, pages: number, counties: number) => `第 ${page} / ${pages} 页，共 ${counties} 个区市`,
  previousPage: '上一页',
  nextPage: '下一页',
};
