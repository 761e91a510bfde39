import type { Page } from 'playwright-core';

/** The signed-in frame: side menu (or the phone's drawer) and the user menu. */
export class AppShell {
  constructor(private readonly page: Page) {}

  get menu() {
    return this.page.getByRole('navigation', { name: '导航菜单' });
  }

  /** On a phone the menu hides behind the hamburger button. */
  async openPhoneMenu(): Promise<void> {
    await this.page.getByRole('button', { name: '打开菜单' }).click();
    await this.page.getByRole('dialog').getByRole('navigation', { name: '导航菜单' }).waitFor();
  }

  /** The entry named `label`; its name may end with the workbench's count ("工作报告，3 项待办"). */
  async navigate(label: string): Promise<void> {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.menu.getByRole('link', { name: new RegExp(`^${escaped}(，\\d+ 项待办)?$`) }).click();
  }

  /** The entries' labels, without the counts beside them. */
  async menuLabels(): Promise<string[]> {
    return this.menu
      .getByRole('menuitem')
      .evaluateAll((items) => items.map((el) => ((el.querySelector('[data-nav-label]') ?? el) as HTMLElement).innerText.trim()));
  }

  /** The menu's section titles (社工站与人员, 日常服务 …), in order. */
  async menuSections(): Promise<string[]> {
    return this.menu.locator('.ant-menu-item-group-title').evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.trim()));
  }

  /** The breadcrumb trail above a page's title. */
  async breadcrumb(): Promise<string[]> {
    return this.page
      .getByRole('navigation', { name: '当前位置' })
      .locator('.ant-breadcrumb-link')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.trim()));
  }

  /** The count beside a menu entry ('/reports' …), or null when it has none. */
  async badge(path: string): Promise<number | null> {
    const badge = this.menu.getByTestId(`nav-badge-${path}`);
    if ((await badge.count()) === 0) return null;
    return Number((await badge.locator('.ant-scroll-number').first().getAttribute('title')) ?? 'NaN');
  }

  /**
   * 退出登录 through the user menu. The menu is opened once the page has settled (no toast over
   * the header), and a click that the opening menu swallowed is tried again.
   */
  async logout(): Promise<void> {
    const page = this.page;
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 6_000 }).catch(() => undefined);
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.getByTestId('user-menu').click();
      const item = page.getByRole('menuitem', { name: '退出登录' });
      await item.waitFor();
      await page.waitForTimeout(300);
      await item.click();
      const left = await page.waitForURL('**/login', { waitUntil: 'commit', timeout: 5_000 }).then(() => true, () => false);
      if (left) return;
      await page.keyboard.press('Escape');
    }
    throw new Error('退出登录 did not lead to the login page');
  }
}
