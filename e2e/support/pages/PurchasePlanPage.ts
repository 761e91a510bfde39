import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../antd';

export interface PlanContent {
  goals: string;
  budget: string;
  method: string;
  schedule: string;
  quality: string;
  quantity: string;
  evaluation: string;
  stations: string[];
}

/**
 * Types a date into an Ant Design date picker found by its label; leaving the field (Tab) takes
 * it. (Not Enter: in a form of one field Enter would send the form.)
 */
export async function fillDate(scope: Locator | Page, label: string, value: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Tab');
  for (let i = 0; i < 20 && (await input.inputValue()) !== value; i++) await input.page().waitForTimeout(100);
  const shown = await input.inputValue();
  if (shown !== value) throw new Error(`date 「${label}」 shows ${shown}, not ${value}`);
}

/**
 * Picks several options of a multiple select, then closes its dropdown (Escape only while a
 * dropdown is open: otherwise it would close the drawer around the select).
 */
export async function chooseMany(page: Page, scope: Locator | Page, label: string, options: string[]): Promise<void> {
  for (const option of options) await chooseOption(page, scope, label, option);
  if ((await page.locator('.ant-select-dropdown:visible').count()) > 0) await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** 年度计划: the per-county overview and one plan (contents, checklist, 报送, 备案/退回, versions). */
export class PurchasePlanPage {
  constructor(private readonly page: Page) {}

  async gotoYear(year: number): Promise<void> {
    await this.page.goto(`/annual-plans?year=${year}`);
    await this.page.getByRole('heading', { name: '年度计划' }).waitFor();
  }

  async chooseYear(year: number): Promise<void> {
    await chooseOption(this.page, this.page, '年度', `${year}年`);
    await this.page.getByText(`报送截止：${year}-03-31`).waitFor();
  }

  /** 编制计划 on the user's own county row; waits for the new plan's page. */
  async createPlan(): Promise<string> {
    await this.page.getByRole('button', { name: '编制计划' }).click();
    await this.page.waitForURL(/\/annual-plans\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await this.title.waitFor();
    return this.page.url();
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.title.waitFor();
  }

  get title() {
    return this.page.getByTestId('plan-title');
  }

  get status() {
    return this.page.getByTestId('plan-status');
  }

  get timeliness() {
    return this.page.getByTestId('plan-timeliness').first();
  }

  get checklistSummary() {
    return this.page.getByTestId('plan-checklist-summary');
  }

  private get form() {
    return this.page.getByTestId('plan-form');
  }

  async fill(c: PlanContent): Promise<void> {
    const form = this.form;
    await form.getByLabel('项目目标', { exact: true }).fill(c.goals);
    await form.getByLabel('项目预算', { exact: true }).fill(c.budget);
    await chooseOption(this.page, form, '购买方式', c.method);
    await form.getByLabel('项目内容和进度', { exact: true }).fill(c.schedule);
    await form.getByLabel('服务站点质量标准', { exact: true }).fill(c.quality);
    await form.getByLabel('服务站点数量标准', { exact: true }).fill(c.quantity);
    await form.getByLabel('绩效评估', { exact: true }).fill(c.evaluation);
    await chooseMany(this.page, form, '覆盖的社工站', c.stations);
  }

  async setQuantity(text: string): Promise<void> {
    await this.form.getByLabel('服务站点数量标准', { exact: true }).fill(text);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: '保存草稿' }).click();
    await this.page.getByText('年度计划已保存').waitFor();
  }

  /** 报送备案 and its confirmation; waits until the plan shows 已报送. */
  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: '报送备案' }).click();
    const confirm = this.page.getByRole('dialog', { name: '报送年度计划' });
    await confirm.getByRole('button', { name: '报送备案' }).click();
    await this.status.getByText('已报送').waitFor();
  }

  /** The city's 退回: the comment is required (tried empty first), then sent. */
  async returnWith(comment: string): Promise<string> {
    await this.page.getByRole('button', { name: '退回', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: '退回年度计划' });
    await dialog.getByRole('button', { name: '退回', exact: true }).click();
    const required = await dialog.getByText('退回须填写意见').innerText();
    await dialog.getByLabel('退回意见', { exact: true }).fill(comment);
    await dialog.getByRole('button', { name: '退回', exact: true }).click();
    await this.status.getByText('已退回').waitFor();
    return required;
  }

  async file(): Promise<void> {
    await this.page.getByRole('button', { name: '备案', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: '备案年度计划' });
    await dialog.getByRole('button', { name: '备案', exact: true }).click();
    await this.status.getByText('已备案').waitFor();
  }

  get returnedNotice() {
    return this.page.getByTestId('plan-returned');
  }

  versionRows() {
    return this.page.getByTestId('plan-versions').locator('tbody tr.ant-table-row');
  }

  get compareSummary() {
    return this.page.getByTestId('plan-compare-summary');
  }

  compareField(key: string) {
    return this.page.getByTestId(`compare-${key}`);
  }
}
