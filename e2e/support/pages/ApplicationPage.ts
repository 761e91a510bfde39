import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../antd';

/** 使用申请: the written application's form, its page (submit, decide) and its closing report. */
export class ApplicationPage {
  constructor(private readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('application-form');
  }

  async draft(a: { department: string; title: string; purpose: string; item: string; station: string; targetPeople: string; fundedBy: string; providedBy: string }): Promise<void> {
    await this.page.getByTestId('create-application').click();
    await this.form.waitFor();
    await this.form.getByLabel('申请单位', { exact: true }).fill(a.department);
    await this.form.getByLabel('服务项目名称', { exact: true }).fill(a.title);
    await this.form.getByLabel('申请事由', { exact: true }).fill(a.purpose);
    await chooseOption(this.page, this.form, '服务项目（服务项目目录）', a.item);
    await this.page.keyboard.press('Escape');
    await chooseOption(this.page, this.form, '使用的社工站', a.station);
    await this.page.keyboard.press('Escape');
    await this.form.getByLabel('服务对象', { exact: true }).fill(a.targetPeople);
    await this.form.getByLabel('经费来源（谁出资）', { exact: true }).fill(a.fundedBy);
    await this.form.getByLabel('服务提供方（谁提供服务）', { exact: true }).fill(a.providedBy);
    await this.page.getByRole('button', { name: '保 存' }).or(this.page.getByRole('button', { name: '保存' })).click();
    await this.page.waitForURL(/\/applications\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await this.status.waitFor();
  }

  get status(): Locator {
    return this.page.getByTestId('application-status').first();
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('submit-application').click();
    await this.page.locator('.ant-modal-confirm').getByRole('button', { name: /提\s*交\s*申\s*请/ }).click();
    await this.page.getByTestId('application-status').filter({ hasText: '已提交，待决定' }).waitFor();
  }

  async accept(): Promise<void> {
    await this.page.getByTestId('decide-application').click();
    const dialog = this.page.getByRole('dialog', { name: '作出决定' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /作\s*出\s*决\s*定/ }).click();
    await this.page.getByTestId('application-status').filter({ hasText: '已同意' }).waitFor();
  }

  get closingReport(): Locator {
    return this.page.getByTestId('closing-report');
  }

  /** A figure of the closing report, as shown. */
  async figure(testId: 'report-records' | 'report-hours' | 'report-people'): Promise<number> {
    const text = await this.closingReport.getByTestId(testId).locator('.ant-statistic-content-value').innerText();
    return Number(text.replace(/,/g, ''));
  }
}
