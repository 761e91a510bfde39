import { chooseOption } from '../antd';
import type { Locator, Page } from 'playwright-core';

/** One social worker: profile, qualification, postings and the 安排上岗 dialog. */
export class WorkerPage {
  constructor(private readonly page: Page) {}

  get name(): Locator {
    return this.page.getByTestId('worker-name');
  }

  get postingDialog(): Locator {
    return this.page.getByRole('dialog', { name: '安排上岗' });
  }

  async openPosting(): Promise<void> {
    await this.page.getByRole('button', { name: '安排上岗' }).click();
    await this.postingDialog.getByLabel('社工站', { exact: true }).waitFor();
  }

  async choosePosting(station: string, source: string): Promise<void> {
    await chooseOption(this.page, this.postingDialog, '社工站', station);
    await chooseOption(this.page, this.postingDialog, '人员来源', source);
  }

  async submitPosting(): Promise<void> {
    await this.postingDialog.getByRole('button', { name: '安排上岗' }).click();
  }

  /** The refusal shown in the dialog: rule id, clause and the reasons. */
  get violation(): Locator {
    return this.postingDialog.getByTestId('posting-violation');
  }

  async registerException(reason: string): Promise<void> {
    await this.postingDialog.getByLabel('例外理由', { exact: true }).fill(reason);
    await this.postingDialog.getByRole('button', { name: '登记例外' }).click();
    await this.postingDialog.waitFor({ state: 'detached' });
  }

  get postings(): Locator {
    return this.page.getByTestId('worker-postings');
  }

  /** 查看完整 on the ID number, confirmed (the view is recorded). */
  async revealIdNumber(): Promise<string> {
    await this.page.getByRole('button', { name: '查看完整身份证号' }).click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.getByText('留痕').waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
    await this.page.getByRole('button', { name: '隐藏' }).waitFor();
    return this.page.getByTestId('worker-idNumber').innerText();
  }
}
