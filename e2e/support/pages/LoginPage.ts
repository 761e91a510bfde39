import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = process.env.SGZ_DEMO_PASSWORD ?? 'Sgz@demo2026';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await this.page.getByRole('button', { name: '登录', exact: true }).waitFor();
  }

  async fill(username: string, password: string): Promise<void> {
    await this.page.getByLabel('用户名', { exact: true }).fill(username);
    await this.page.getByLabel('密码', { exact: true }).fill(password);
  }

  /** Sends the form without waiting for where it leads (a forced password change, an error …). */
  async submit(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.fill(username, password);
    // A loading button (an earlier attempt still answering) ignores clicks and is named differently.
    await this.page.locator('form button[type="submit"]:not(.ant-btn-loading)').click();
  }

  /** Logs in and waits until the signed-in frame is shown. */
  async login(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.submit(username, password);
    await this.page.getByTestId('user-menu').waitFor();
  }
}
