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

  async navigate(label: string): Promise<void> {
    await this.menu.getByRole('link', { name: label, exact: true }).click();
  }

  async menuLabels(): Promise<string[]> {
    return this.menu.getByRole('menuitem').allInnerTexts();
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByRole('menuitem', { name: '退出登录' }).click();
    await this.page.waitForURL('**/login', { waitUntil: 'commit' });
  }
}
