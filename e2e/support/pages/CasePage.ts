import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../antd';

/** One case: the six stages, the next step's form, the approval buttons. */
export class CasePage {
  constructor(private readonly page: Page) {}

  async goto(id: string): Promise<void> {
    await this.page.goto(`/cases/${id}`);
    await this.title.waitFor();
  }

  get title(): Locator {
    return this.page.getByTestId('case-title');
  }

  get stage(): Locator {
    return this.page.getByTestId('case-stage').first();
  }

  get nextStep(): Locator {
    return this.page.getByTestId('next-step');
  }

  /** Waits until the header shows the stage (接案 … 结案). */
  async waitForStage(label: string): Promise<void> {
    await this.page.getByTestId('case-stage').getByText(label, { exact: true }).first().waitFor();
  }

  async waitForNext(label: string): Promise<void> {
    await this.nextStep.getByText(label).first().waitFor();
  }

  /** 预估: one need under a domain. */
  async assess(domain: string, need: string): Promise<void> {
    const form = this.page.getByTestId('assessment-form');
    await chooseOption(this.page, form, '服务领域1', domain);
    await form.getByLabel('需求1', { exact: true }).fill(need);
    await form.getByRole('button', { name: '完成预估' }).click();
    await this.waitForNext('下一步：计划');
  }

  /** 计划: one goal with one planned catalogue service, submitted for approval. */
  async plan(goal: string, service: string): Promise<void> {
    const form = this.page.getByTestId('plan-form');
    await form.getByLabel('目标1', { exact: true }).fill(goal);
    await chooseOption(this.page, form, '计划服务项目1', service);
    await this.page.keyboard.press('Escape');
    await form.getByRole('button', { name: '提交审核' }).click();
    await this.waitForNext('服务计划待审核');
  }

  /** 通过, confirmed (the organisation manager). */
  async approve(): Promise<void> {
    await this.page.getByTestId('decision-panel').getByRole('button', { name: '通过' }).click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '通过' }).click();
    await confirm.waitFor({ state: 'detached' });
  }

  /** 退回 with a comment, confirmed by the dialog's own button. */
  async returnWithComment(comment: string): Promise<void> {
    await this.page.getByTestId('decision-panel').getByRole('button', { name: '退回' }).click();
    const dialog = this.page.getByRole('dialog', { name: /^退回/ });
    await dialog.getByLabel('退回意见', { exact: true }).fill(comment);
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  get returnComment(): Locator {
    return this.page.getByTestId('return-comment');
  }

  /** A returned plan: the first goal rewritten, submitted again. */
  async resubmitPlan(goal: string): Promise<void> {
    const form = this.page.getByTestId('plan-form');
    await form.getByLabel('目标1', { exact: true }).fill(goal);
    await form.getByRole('button', { name: '修改后重新提交' }).click();
    await this.waitForNext('服务计划待审核');
  }

  async recordService(): Promise<void> {
    await this.page.getByTestId('case-records').getByRole('button', { name: '记一笔' }).click();
    await this.page.waitForURL(/\/records\/new\?/, { waitUntil: 'commit' });
  }

  /** 评估: every goal marked with the same verdict. */
  async evaluate(verdict: '已达成' | '部分达成' | '未达成'): Promise<void> {
    const form = this.page.getByTestId('evaluation-form');
    const options = form.getByText(verdict, { exact: true });
    for (let i = 0; i < (await options.count()); i++) await options.nth(i).click();
    await form.getByRole('button', { name: '完成评估' }).click();
    await this.waitForNext('下一步：结案');
  }

  /** 结案: the reason, confirmed, then waits for the approval. */
  async requestClosure(reason: string): Promise<void> {
    const form = this.page.getByTestId('closure-form');
    await form.getByLabel('结案原因', { exact: true }).fill(reason);
    await form.getByRole('button', { name: '申请结案' }).click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
    await confirm.waitFor({ state: 'detached' });
    await this.waitForNext('结案待审核');
  }

  get records(): Locator {
    return this.page.getByTestId('case-records');
  }
}
