import type { Page } from 'playwright-core';
import { chooseOption } from '../antd';

export interface SupervisionVisit {
  station: string;
  supervisor: string;
  topic: string;
  findings: string;
  followUp: string;
  followUpDue: string;
}

/** 督导记录: the list, 登记督导 and 登记完成 of a follow-up. */
export class EvaluationSupervisionsPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: /督导记录/ });
  }

  row(topic: string) {
    return this.page.locator('tr, [data-testid="supervision-cards"] .ant-card', { hasText: topic }).first();
  }

  async create(v: SupervisionVisit): Promise<void> {
    await this.page.getByRole('button', { name: '登记督导' }).click();
    const form = this.page.getByTestId('supervision-form');
    await form.waitFor();
    await chooseOption(this.page, form, '社工站', v.station);
    await form.getByLabel('督导人', { exact: true }).fill(v.supervisor);
    await form.getByLabel('督导主题', { exact: true }).fill(v.topic);
    await form.getByLabel('发现的问题', { exact: true }).fill(v.findings);
    await form.getByLabel('跟进事项', { exact: true }).fill(v.followUp);
    const due = form.getByLabel('跟进期限', { exact: true });
    await due.click();
    await this.page.locator('.ant-picker-dropdown:visible').locator(`td[title="${v.followUpDue}"]`).click();
    await this.page.locator('.ant-drawer-footer').getByRole('button', { name: '保存' }).click();
    await this.page.locator('.ant-message-notice', { hasText: '督导记录已登记' }).waitFor();
    await this.row(v.topic).waitFor();
  }

  async complete(topic: string): Promise<void> {
    await this.row(topic).getByRole('button', { name: '登记完成' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记跟进事项已完成' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '登记完成' }).click();
    await this.page.locator('.ant-message-notice', { hasText: '已登记跟进完成' }).waitFor();
  }
}
