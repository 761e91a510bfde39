import type { Download, Page } from 'playwright-core';

/** One report: header, figures with their drill-down, sections, 提交 / 接收 / 退回, downloads, history. */
export class ReportPage {
  constructor(private readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.title.waitFor();
  }

  get title() {
    return this.page.getByTestId('report-title');
  }

  get status() {
    return this.page.getByTestId('report-status').first();
  }

  get timeliness() {
    return this.page.getByTestId('report-timeliness').first();
  }

  get frozenTag() {
    return this.page.getByTestId('report-frozen');
  }

  get changedPanel() {
    return this.page.getByTestId('report-changed');
  }

  get returnedNotice() {
    return this.page.getByTestId('report-returned');
  }

  get history() {
    return this.page.getByTestId('history-event');
  }

  /** The events of the history, newest first ("接收", "提交", "退回" …). */
  async historyEvents(): Promise<string[]> {
    return this.page.getByTestId('history-event-name').allInnerTexts();
  }

  /** The shown number of a figure by its key ("1 次"). */
  figure(key: string) {
    return this.page.getByTestId(`figure-${key}`);
  }

  get drawer() {
    return this.page.locator('.ant-drawer-content').filter({ has: this.page.getByTestId('figure-drawer-count') });
  }

  /** Opens the records a figure counts; returns once they are listed. */
  async openFigure(key: string): Promise<void> {
    await this.figure(key).click();
    await this.page.getByTestId('figure-drawer-count').waitFor();
  }

  drawerRows() {
    return this.page.getByTestId('figure-row');
  }

  async closeDrawer(): Promise<void> {
    await this.page.locator('.ant-drawer-close').click();
    await this.page.getByTestId('figure-drawer-count').waitFor({ state: 'detached' });
  }

  section(name: '工作亮点' | '存在问题' | '下阶段工作计划') {
    return this.page.getByTestId('sections-form').getByLabel(name, { exact: true });
  }

  /** Types a section and saves it (the button enables only with a change). */
  async writeSection(name: '工作亮点' | '存在问题' | '下阶段工作计划', text: string): Promise<void> {
    await this.section(name).fill(text);
    await this.page.getByTestId('report-sections').getByRole('button', { name: '保存文字' }).click();
    await this.page.locator('.ant-message-notice', { hasText: '已保存' }).waitFor();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: '提交', exact: true }).click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.getByText('提交后报告中的数字将冻结').waitFor();
    await confirm.getByRole('button', { name: '提交' }).click();
    await this.page.locator('.ant-message-notice', { hasText: '报告已提交' }).waitFor();
    await this.page.getByTestId('report-status').getByText('已提交').waitFor();
  }

  /**
   * 退回 with a comment. First tries without one and returns the form's complaint, so the
   * caller can check that a comment is required.
   */
  async returnWith(comment: string): Promise<string> {
    await this.page.getByRole('button', { name: '退回', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: '退回报告' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '退回' }).click();
    const complaint = await dialog.locator('.ant-form-item-explain-error').first().innerText();
    await dialog.getByLabel('退回意见', { exact: true }).fill(comment);
    await dialog.getByRole('button', { name: '退回' }).click();
    await this.page.locator('.ant-message-notice', { hasText: '报告已退回' }).waitFor();
    await this.page.getByTestId('report-status').getByText('已退回').waitFor();
    return complaint;
  }

  async accept(): Promise<void> {
    await this.page.getByRole('button', { name: '接收', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: '接收报告' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '接收' }).click();
    await this.page.locator('.ant-message-notice', { hasText: '报告已接收' }).waitFor();
    await this.page.getByTestId('report-status').getByText('已接收').waitFor();
  }

  async downloadDocx(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('download-docx').click()]);
    return download;
  }
}
