import { chooseOption } from '../antd';
import type { Page } from 'playwright-core';

/** One station: its details, the edit drawer and the status dialog. */
export class StationPage {
  constructor(private readonly page: Page) {}

  get name() {
    return this.page.getByTestId('station-name');
  }

  get address() {
    return this.page.getByTestId('station-address');
  }

  get editDrawer() {
    return this.page.getByRole('dialog', { name: '编辑社工站' });
  }

  async openEditor(): Promise<void> {
    await this.page.getByRole('button', { name: '编辑', exact: true }).click();
    await this.editDrawer.getByLabel('地址', { exact: true }).waitFor();
  }

  async setAddress(address: string): Promise<void> {
    await this.editDrawer.getByLabel('地址', { exact: true }).fill(address);
  }

  async save(): Promise<void> {
    await this.editDrawer.getByRole('button', { name: '保存', exact: true }).click();
    await this.editDrawer.waitFor({ state: 'detached' });
  }

  /** 变更状态: picks the new status, gives the reason and confirms the second question. */
  async changeStatus(status: string, reason: string): Promise<void> {
    await this.page.getByRole('button', { name: '变更状态' }).click();
    const dialog = this.page.getByRole('dialog', { name: '变更社工站状态' });
    await chooseOption(this.page, dialog, '新状态', status);
    await dialog.getByLabel('变更原因', { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: '确定' }).click();
  }

  async confirm(): Promise<void> {
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
  }

  /** Waits until the details show the address (after the save answered). */
  async waitForAddress(address: string): Promise<void> {
    await this.page.getByTestId('station-address').getByText(address, { exact: true }).waitFor();
  }
}
