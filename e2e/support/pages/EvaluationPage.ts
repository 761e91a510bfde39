import type { Page } from 'playwright-core';
import { chooseOption } from '../antd';

/** 绩效评估: the list with 开始评估, and one evaluation (indicators, scores, evidence, 完成评估). */
export class EvaluationPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: '绩效评估' });
  }

  /** 开始评估 for a contract of the dialog's default year; waits for the evaluation's page. */
  async start(contract: string): Promise<string> {
    await this.page.getByRole('button', { name: '开始评估' }).click();
    const dialog = this.page.getByRole('dialog', { name: '开始合同年度绩效评估' });
    await dialog.waitFor();
    await chooseOption(this.page, dialog, '服务合同', contract);
    await dialog.getByRole('button', { name: '开始评估' }).click();
    await this.page.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await this.title.waitFor();
    return this.page.url();
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.title.waitFor();
  }

  get title() {
    return this.page.getByTestId('evaluation-title');
  }

  get status() {
    return this.page.getByTestId('evaluation-status').first();
  }

  /** "85.5" — the live total as shown. */
  async total(): Promise<number> {
    const text = await this.page.getByTestId('evaluation-total').locator('.ant-statistic-content-value').innerText();
    return Number(text);
  }

  async grade(): Promise<string> {
    return this.page.getByTestId('evaluation-grade').innerText();
  }

  indicator(code: string) {
    return this.page.getByTestId(`indicator-${code}`);
  }

  prefill(code: string) {
    return this.page.getByTestId(`prefill-${code}`);
  }

  scoreInput(name: string) {
    return this.page.getByRole('spinbutton', { name: `${name}得分` });
  }

  async setScore(name: string, score: number): Promise<void> {
    const input = this.scoreInput(name);
    await input.fill(String(score));
    await input.blur();
  }

  async setComment(name: string, text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: `${name}评分理由` }).fill(text);
  }

  /** The form's complaint under an indicator's field, if any. */
  async fieldError(code: string): Promise<string> {
    const error = this.indicator(code).locator('.ant-form-item-explain-error').first();
    await error.waitFor();
    return error.innerText();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: '保存评分' }).click();
  }

  async savedOk(): Promise<void> {
    await this.page.locator('.ant-message-notice', { hasText: '评分已保存' }).waitFor();
  }

  /** Uploads a file as evidence of one indicator and waits until it is listed. */
  async uploadEvidence(code: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId(`evidence-${code}`).locator('input[type=file]').setInputFiles(file);
    await this.page.getByTestId(`evidence-${code}`).getByText(file.name).waitFor();
  }

  /** Opens 完成评估's confirmation and returns it (OK or cancel is the caller's). */
  async openFinish() {
    await this.page.getByRole('button', { name: '完成评估' }).click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.getByText('完成后评估不能再修改').waitFor();
    return confirm;
  }

  async finish(): Promise<void> {
    const confirm = await this.openFinish();
    await confirm.getByRole('button', { name: '完成评估' }).click();
    await this.page.locator('.ant-message-notice', { hasText: '绩效评估已完成' }).waitFor();
    await this.page.getByTestId('evaluation-status').getByText('已完成').waitFor();
  }
}
