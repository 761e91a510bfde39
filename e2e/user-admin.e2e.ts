import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { freshPage, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { ChangePasswordPage } from './support/pages/ChangePasswordPage';
import { LoginPage } from './support/pages/LoginPage';
import { UsersPage } from './support/pages/UsersPage';
import { WorkbenchPage } from './support/pages/WorkbenchPage';

// The system administrator opens an account for a station social worker, who must change
// the initial password before anything else; the security administrator reviews the policy.
const JOURNEY = 'user-admin';

const browser = useBrowser();

describe('用户开通与首次登录改密', () => {
  it('系统管理员新建驻站社工账号；新用户首次登录须修改密码；安全管理员查看安全策略', async () => {
    // Not signed in: the administrator's login, with its second factor, is part of the journey.
    const { context, page, errors } = await freshPage(browser(), JOURNEY);
    const username = `worker${Date.now() % 1_000_000}`;
    const initialPassword = 'Weihai#2026start';
    const resetPassword = 'Reset#2026again';
    const newPassword = 'Jingyuan@2026new';

    const login = new LoginPage(page);
    const shell = new AppShell(page);
    await login.goto();
    // An administrator: password, then the TOTP enrolment (first login) or a code.
    await login.submit('demo-sysadmin');
    await login.secondFactor('demo-sysadmin', async (step) => {
      await screenshot(page, JOURNEY, `00-${step}`);
    });
    await page.getByTestId('user-menu').waitFor();
    // 三员: the system administrator has no dashboard and lands on user management.
    await page.waitForURL('**/users', { waitUntil: 'commit' });
    expect(await shell.menuLabels()).toEqual(['工作台', '用户管理', '角色权限', '接口文档']);
    const users = new UsersPage(page);
    await users.waitUntilShown();
    await screenshot(page, JOURNEY, '01-users');

    await users.openCreate();
    await users.fillText('用户名', username);
    await users.fillText('姓名', '驻站社工 测试');
    await users.chooseRoles(['驻站社工', '系统管理员']);
    // Separation of duties is checked live, before the server is asked.
    await users.dialog.getByText('三员分立').first().waitFor();
    await screenshot(page, JOURNEY, '02-role-problem');
    await users.removeLastRole();
    await users.dialog.getByText('三员分立').first().waitFor({ state: 'detached' });
    // One role kind of scope: 社工站 is chosen for the administrator.
    await users.choose('区市', '环翠区');
    await users.choose('社工站所在镇（街道）', '鲸园街道');
    await users.fillText('初始密码', initialPassword);
    await screenshot(page, JOURNEY, '03-create-form');
    await users.save();
    await page.getByText(username).first().waitFor();
    await screenshot(page, JOURNEY, '04-created');

    // Edit the name; then reset the password (the user must change it again at first login).
    await users.openEdit(username);
    await users.fillText('姓名', '驻站社工 王测试');
    await users.save();
    await page.getByText('驻站社工 王测试').waitFor();
    await users.resetPassword(username, resetPassword);
    await page.getByText('密码已重置').waitFor();

    await shell.navigate('角色权限');
    await page.getByRole('heading', { name: '角色权限' }).waitFor();
    await screenshot(page, JOURNEY, '05-roles');
    await shell.logout();

    await login.submit(username, resetPassword);
    await page.waitForURL('**/change-password', { waitUntil: 'commit' });
    // The person sees that an administrator reset the password, who and when.
    await page.getByTestId('reset-notice').getByText('demo-sysadmin').waitFor();
    // Forced change: no menu until the password is changed.
    expect(await page.getByRole('navigation', { name: '导航菜单' }).count()).toBe(0);
    const change = new ChangePasswordPage(page);
    await change.fill(resetPassword, 'abc');
    await change.hints.getByText('密码长度至少 8 位').waitFor();
    await screenshot(page, JOURNEY, '06-forced-change-hints');
    await change.fill(resetPassword, newPassword);
    await change.hints.getByText('密码符合要求').waitFor();
    await change.submit();
    // Past the change, the social worker's own home: the workbench.
    await new WorkbenchPage(page).waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/');
    await screenshot(page, JOURNEY, '07-after-change');
    await shell.logout();

    await login.login('demo-secadmin');
    await page.waitForURL('**/security', { waitUntil: 'commit' });
    await page.getByLabel('密码最小长度').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('安全策略已保存').waitFor();
    await screenshot(page, JOURNEY, '08-security');

    expect(errors).toEqual([]);
    await context.close();
  });
});
