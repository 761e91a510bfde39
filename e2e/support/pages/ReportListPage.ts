import type { Page } from 'playwright-core';
import { chooseOption } from '../antd';

/** 工作报告: the list and the 生成报告 dialog. */
export class ReportListPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/reports');
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { name: '工作报告' });
  }

  get dialog() {
    return this.page.getByRole('dialog', { name: '从业务记录生成报告' });
  }

  /** A row (desktop) or card (phone) of the list holding the title. */
  row(title: string) {
    return this.page.locator('tr, [data-testid="report-cards"] .ant-card', { hasText: title }).first();
  }

  /**
   * 生成报告: for a contractor the dialog opens on a monthly briefing by station for last month;
   * for a district on its annual report of this year.
   */
  async openDraft(): Promise<void> {
    await this.page.getByRole('button', { name: '生成报告' }).click();
    await this.dialog.waitFor();
    await this.dialog.getByLabel('报告类型', { exact: true }).waitFor();
  }

  async chooseStation(station: string): Promise<void> {
    await chooseOption(this.page, this.dialog, '社工站', station);
  }

  /** Confirms the dialog; waits for the new report's page and returns its URL. */
  async confirmDraft(): Promise<string> {
    await this.dialog.getByRole('button', { name: '生成报告' }).click();
    await this.page.waitForURL(/\/reports\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await this.page.getByTestId('report-title').waitFor();
    return this.page.url();
  }
}
