import type { Page } from 'playwright-core';

/** 修改密码 (forced at first login, or from the profile). */
export class ChangePasswordPage {
  constructor(private readonly page: Page) {}

  get hints() {
    return this.page.getByTestId('password-hints');
  }

  async fill(current: string, next: string, confirm = next): Promise<void> {
    await this.page.getByLabel('当前密码', { exact: true }).fill(current);
    await this.page.getByLabel('新密码', { exact: true }).fill(next);
    await this.page.getByLabel('确认新密码', { exact: true }).fill(confirm);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: '修改密码', exact: true }).click();
  }
}
