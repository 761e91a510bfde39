import { chooseOption } from '../antd';
import type { Page } from 'playwright-core';

/** 用户管理 and its create/edit dialog. */
export class UsersPage {
  constructor(private readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { name: '用户管理' }).waitFor();
  }

  get dialog() {
    return this.page.getByRole('dialog', { name: /^(新建用户|编辑用户)$/ });
  }

  async openEdit(username: string): Promise<void> {
    await this.page.getByTestId(`user-edit-${username}`).click();
    await this.dialog.getByLabel('姓名', { exact: true }).waitFor();
  }

  /** 更多操作 → 重置密码: the dialog asks for the new password and is itself the confirmation. */
  async resetPassword(username: string, password: string): Promise<void> {
    await this.page.getByTestId(`user-more-${username}`).click();
    await this.page.getByRole('menuitem', { name: '重置密码' }).click();
    const dialog = this.page.getByRole('dialog', { name: /重置.*的密码/ });
    await dialog.getByLabel('新密码', { exact: true }).fill(password);
    await dialog.getByRole('button', { name: '重置密码' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async openCreate(): Promise<void> {
    await this.page.getByRole('button', { name: '新建用户' }).click();
    await this.dialog.getByLabel('用户名', { exact: true }).waitFor();
  }

  /** Picks an option of an Ant Design select inside the dialog by typing its label. */
  async choose(label: string, option: string): Promise<void> {
    await chooseOption(this.page, this.dialog, label, option);
  }

  /**
   * The roles multi-select stays open while picking: type each label and take the (single)
   * match with Enter, then Escape closes only the dropdown.
   */
  async chooseRoles(labels: string[]): Promise<void> {
    const box = this.dialog.getByLabel('角色', { exact: true });
    await box.click();
    for (const label of labels) {
      await box.fill(label);
      await this.page.locator(`.ant-select-dropdown:visible .ant-select-item-option-active[title="${label}"]`).waitFor();
      await box.press('Enter');
      await this.dialog.locator(`.ant-select-selection-item[title="${label}"]`).waitFor();
    }
    await box.press('Escape');
    await this.page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
  }

  async fillText(label: string, value: string): Promise<void> {
    await this.dialog.getByLabel(label, { exact: true }).fill(value);
  }

  async removeLastRole(): Promise<void> {
    const box = this.dialog.getByLabel('角色', { exact: true });
    await box.click();
    await box.press('Backspace');
    await box.press('Escape');
    await this.page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
