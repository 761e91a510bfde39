import { chooseOption } from '../antd';
import type { Locator, Page } from 'playwright-core';

/** 驻站社工 and its 登记社工 dialog. */
export class WorkersPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/social-workers');
    await this.page.getByRole('heading', { name: '驻站社工' }).waitFor();
  }

  get createDialog(): Locator {
    return this.page.getByRole('dialog', { name: '登记驻站社工' });
  }

  async openCreate(): Promise<void> {
    await this.page.getByRole('button', { name: '登记社工' }).click();
    await this.createDialog.getByLabel('身份证号', { exact: true }).waitFor();
  }

  async fill(label: string, value: string): Promise<void> {
    await this.createDialog.getByLabel(label, { exact: true }).fill(value);
  }

  async choose(label: string, option: string): Promise<void> {
    await chooseOption(this.page, this.createDialog, label, option);
  }

  /** The live GB 11643 hint under the ID number. */
  get idHint(): Locator {
    return this.createDialog.getByTestId('id-number-hint');
  }

  async save(): Promise<void> {
    await this.createDialog.getByRole('button', { name: '保存' }).click();
  }
}
