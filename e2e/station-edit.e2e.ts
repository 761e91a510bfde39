import { describe, expect, it } from 'vitest';
import { screenshot, sidewaysOverflow } from './support/browser';
import { freshPage, signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { AuditPage } from './support/pages/AuditPage';
import { LoginPage } from './support/pages/LoginPage';
import { StationPage } from './support/pages/StationPage';
import { StationsPage } from './support/pages/StationsPage';

// The district officer edits a station; the audit administrator finds the edit in the log.
const JOURNEY = 'station-edit';
const STATION = /鲸园街道社会工作服务站/;

const browser = useBrowser();

describe('社工站编辑与审计', () => {
  it('区市民政部门编辑社工站地址，审计管理员在审计日志中看到修改后的地址', async () => {
    // Not signed in: the login page is part of this journey's pictures.
    const { context, page, errors } = await freshPage(browser(), JOURNEY);
    const newAddress = `威海市环翠区鲸园街道测试路${Date.now() % 100000}号`;

    const login = new LoginPage(page);
    await login.goto();
    await screenshot(page, JOURNEY, '01-login');
    await login.login('demo-district');
    await page.getByTestId('coverage-card').waitFor();
    await screenshot(page, JOURNEY, '02-dashboard');

    const shell = new AppShell(page);
    // 工作台 and 驾驶舱 on top, then the sections; 接口文档 is for administrators only.
    expect(await shell.menuLabels()).toEqual([
      '工作台', '驾驶舱', '社工站', '承接机构', '驻站社工', '人员配备', '五项制度', '服务场所', '个案待办', '服务对象', '服务记录', '小组活动', '资源链接', '使用申请', '社工故事与动态',
      '志愿者', '志愿服务队', '需求与对接', '慈善资源', '年度计划', '采购项目', '服务合同', '一站一策', '资金管理', '工作日历', '工作报告', '绩效评估', '督导记录', '资料归档',
    ]);
    expect(await shell.menuSections()).toEqual(['社工站与人员', '日常服务', '五社联动', '购买与资金', '报告与评估']);
    expect(await page.title()).toBe('工作台 · 社工站综合管理平台');
    await shell.navigate('社工站');
    const stations = new StationsPage(page);
    await stations.waitUntilShown();
    await screenshot(page, JOURNEY, '03-stations');

    await stations.search('鲸园');
    await stations.stationLink(STATION).first().waitFor();
    await screenshot(page, JOURNEY, '04-stations-search');
    await stations.openStation(STATION);

    const station = new StationPage(page);
    await station.name.waitFor();
    expect(await station.name.innerText()).toMatch(STATION);
    // A detail page shows the way back and names the browser tab after the station.
    const trail = await shell.breadcrumb();
    expect(trail.slice(0, 2)).toEqual(['社工站与人员', '社工站']);
    expect(trail[2]).toMatch(STATION);
    expect(await page.title()).toMatch(/鲸园街道社会工作服务站 · 社工站综合管理平台$/);
    await screenshot(page, JOURNEY, '05-station');

    await station.openEditor();
    await station.setAddress(newAddress);
    await screenshot(page, JOURNEY, '06-edit');
    await station.save();
    await station.waitForAddress(newAddress);
    await screenshot(page, JOURNEY, '07-saved');

    await shell.logout();
    await login.login('demo-auditor');
    // The audit administrator has no dashboard: the first allowed page is the audit log.
    await page.waitForURL('**/audit', { waitUntil: 'commit' });
    expect(await shell.menuLabels()).toEqual(['工作台', '审计日志', '接口文档']);
    expect(await shell.menuSections()).toEqual(['系统']);
    const audit = new AuditPage(page);
    await audit.waitUntilShown();
    await audit.filterByAction('编辑社工站');
    await audit.rows().first().waitFor();
    await screenshot(page, JOURNEY, '08-audit-filtered');

    // The row names the station, and the change reads 地址: before → after (no JSON, no ids).
    expect(await audit.rows().first().innerText()).toContain('社会工作服务站');
    const detail = await audit.expandFirstRowWith('编辑社工站');
    const address = audit.change(detail, 'address');
    expect(await address.row.innerText()).toContain('地址');
    expect(await address.after.innerText()).toContain(newAddress);
    expect(await address.before.innerText()).not.toContain(newAddress);
    expect(await detail.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|[{}]/);
    await screenshot(page, JOURNEY, '09-audit-entry');

    // The export keeps the filter and is itself in the log.
    expect(await audit.exportExcel()).toMatch(/^审计日志-.*\.xlsx$/);
    await page.goto('/audit?action=audit.export');
    await audit.rows().filter({ hasText: '导出审计日志' }).first().waitFor();

    expect(await audit.verifyIntegrity()).toContain('审计日志完整');
    await screenshot(page, JOURNEY, '10-audit-verify');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('新建社工站：已有社工站的镇街被 R-STATION-ONE 拒绝；暂停社工站须填写原因并确认', async () => {
    const journey = 'station-rules';
    const { context, page, errors } = await signedIn(browser(), journey, 'demo-district');
    await page.goto('/stations');
    const stations = new StationsPage(page);
    await stations.waitUntilShown();

    // The export is a real .xlsx download of the filtered directory.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    await stations.openCreate();
    await stations.choose('区市', '环翠区');
    await stations.choose('镇（街道）', '鲸园街道');
    // The standard name is derived (R-STATION-NAME) and previewed, never typed.
    await stations.createDialog.getByText('标准名称：环翠区鲸园街道社会工作服务站').waitFor();
    await stations.choose('场所类型', '党群服务中心');
    await stations.createDialog.getByLabel('地址', { exact: true }).fill('鲸园街道重复建站测试');
    await screenshot(page, journey, '01-create-form');
    await stations.createDialog.getByRole('button', { name: '保存' }).click();
    // Each town has one station: the server refuses with the rule, and the page names it.
    await page.getByText(/R-STATION-ONE/).first().waitFor();
    await screenshot(page, journey, '02-rule-violation');
    // The notice sits over the header buttons for 8 s: close it as a user would.
    await page.locator('.ant-notification-notice-close').first().click();
    await stations.createDialog.getByRole('button', { name: '取消' }).click();

    await stations.search('桥头');
    await stations.openStation(/桥头镇社会工作服务站/);
    const station = new StationPage(page);
    await station.changeStatus('暂停', '场所维修，暂停服务一个月');
    await station.confirm();
    await page.getByText('状态已变更').waitFor();
    await page.getByText('场所维修，暂停服务一个月').waitFor();
    await screenshot(page, journey, '03-suspended');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('未登录打开深链接：密码错误有提示，登录后回到原页面', async () => {
    const { context, page } = await freshPage(browser(), 'deep-link');
    await page.goto('/stations?q=%E9%B2%B8%E5%9B%AD');
    await page.waitForURL('**/login', { waitUntil: 'commit' });
    // A wrong password: the server's message is shown, the password field emptied.
    await new LoginPage(page).submit('demo-city', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
    await new LoginPage(page).login('demo-city');
    await page.waitForURL((url) => url.pathname === '/stations' && url.searchParams.get('q') === '鲸园', { waitUntil: 'commit' });
    await page.getByRole('link', { name: STATION }).first().waitFor();
    await context.close();
  });

  it('手机（375 px）上可打开菜单、进入社工站名录并搜索', async () => {
    const journey = 'phone';
    const { context, page, errors } = await freshPage(browser(), journey, 'phone');

    const login = new LoginPage(page);
    await login.goto();
    await screenshot(page, journey, '01-login');
    await login.login('demo-district');
    await page.getByTestId('coverage-card').waitFor();
    await screenshot(page, journey, '02-dashboard');

    const shell = new AppShell(page);
    // The side menu is replaced by a hamburger button under 768 px.
    expect(await shell.menu.isVisible()).toBe(false);
    await shell.openPhoneMenu();
    await screenshot(page, journey, '03-menu');
    await shell.navigate('社工站');

    const stations = new StationsPage(page);
    await stations.waitUntilShown();
    await page.getByTestId('station-cards').waitFor();
    await screenshot(page, journey, '04-stations');

    await stations.search('鲸园');
    await stations.stationLink(STATION).first().waitFor();
    await screenshot(page, journey, '05-stations-search');
    await stations.openStation(STATION);
    await new StationPage(page).name.waitFor();
    await screenshot(page, journey, '06-station');

    // Nothing may force the page wider than the phone.
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
