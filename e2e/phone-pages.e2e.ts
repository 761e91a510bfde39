import { describe, expect, it } from 'vitest';
import { screenshot, sidewaysOverflow } from './support/browser';
import { signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { StationPage } from './support/pages/StationPage';
import { StationsPage } from './support/pages/StationsPage';

// Every page a role can open must fit a 375 px phone: wide tables scroll inside themselves,
// the page itself never scrolls sideways.
const JOURNEY = 'phone-pages';

const browser = useBrowser();

/** Logs an administrator in on a fresh phone, then opens each page by its menu entry and checks it fits. */
async function visitAll(user: string, pages: { menu: string; heading: string; step: string }[]): Promise<void> {
  const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-${user}`, user, { device: 'phone', lands: 'anywhere' });
  const shell = new AppShell(page);
  for (const p of pages) {
    await shell.openPhoneMenu();
    await shell.navigate(p.menu);
    await page.getByRole('heading', { name: p.heading }).waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
    await screenshot(page, JOURNEY, p.step);
    expect(await sidewaysOverflow(page), p.step).toBeLessThanOrEqual(0);
  }
  expect(errors).toEqual([]);
  await context.close();
}

describe('手机（375 px）各页面', () => {
  it('系统管理员：用户管理、角色权限', async () => {
    await visitAll('demo-sysadmin', [
      { menu: '用户管理', heading: '用户管理', step: 'users' },
      { menu: '角色权限', heading: '角色权限', step: 'roles' },
    ]);
  });

  it('安全管理员与审计管理员：安全策略、审计日志', async () => {
    await visitAll('demo-secadmin', [{ menu: '安全策略', heading: '安全策略', step: 'security' }]);
    await visitAll('demo-auditor', [{ menu: '审计日志', heading: '审计日志', step: 'audit' }]);
  });

  it('镇街：社工站编辑抽屉与个人资料', async () => {
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-town`, 'demo-town', 'phone');
    const shell = new AppShell(page);
    await shell.openPhoneMenu();
    // A town officer is no administrator: no link to the API reference.
    const labels = await shell.menuLabels();
    expect(labels).toContain('社工站');
    expect(labels).not.toContain('接口文档');
    await shell.navigate('社工站');
    // The workbench stays up while the list's chunk loads, and it links the same station's findings.
    await new StationsPage(page).waitUntilShown();
    await page.getByRole('link', { name: /鲸园街道社会工作服务站/ }).first().click();
    const station = new StationPage(page);
    await station.name.waitFor();
    await station.openEditor();
    await screenshot(page, JOURNEY, 'station-edit-drawer');
    // Closing with a change asks first; 继续编辑 keeps the typed text, 放弃修改 closes.
    await station.setAddress('鲸园街道未保存的地址');
    await station.editDrawer.getByRole('button', { name: '取消' }).click();
    const ask = page.getByRole('dialog').filter({ hasText: '放弃未保存的修改？' });
    await ask.getByRole('button', { name: '继续编辑' }).click();
    expect(await station.editDrawer.getByLabel('地址', { exact: true }).inputValue()).toBe('鲸园街道未保存的地址');
    await station.editDrawer.getByRole('button', { name: '取消' }).click();
    await ask.getByRole('button', { name: '放弃修改' }).click();
    await station.editDrawer.waitFor({ state: 'detached' });

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '个人资料' }).click();
    await page.getByRole('heading', { name: '个人资料' }).waitFor();
    await screenshot(page, JOURNEY, 'profile');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
