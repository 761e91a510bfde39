import type { Page } from 'playwright-core';
import { fillDate } from './PurchasePlanPage';

export interface ContractInput {
  content: string;
  startsOn: string;
  endsOn: string;
  quantity: string;
  quality: string;
  instalment: { dueOn: string; amount: string };
  rightsDuties: string;
  liability: string;
}

/** 服务合同: the 登记 drawer, the contract page (签订, 付款) and 资金管理. */
export class PurchaseContractPage {
  constructor(private readonly page: Page) {}

  get drawer() {
    return this.page.getByRole('dialog', { name: '登记服务合同（草稿）' });
  }

  async fill(c: ContractInput): Promise<void> {
    const d = this.drawer;
    await d.getByLabel('服务内容', { exact: true }).fill(c.content);
    await fillDate(d, '起始日期', c.startsOn);
    await fillDate(d, '终止日期', c.endsOn);
    await d.getByLabel('服务数量', { exact: true }).fill(c.quantity);
    await d.getByLabel('服务质量', { exact: true }).fill(c.quality);
    await d.getByRole('button', { name: '添加一期' }).click();
    const first = d.getByTestId('instalment-0');
    await fillDate(first, '结算日期', c.instalment.dueOn);
    await first.getByLabel('本期金额', { exact: true }).fill(c.instalment.amount);
    await d.getByLabel('双方权利义务', { exact: true }).fill(c.rightsDuties);
    await d.getByLabel('违约责任', { exact: true }).fill(c.liability);
  }

  async setEnd(endsOn: string): Promise<void> {
    await fillDate(this.drawer, '终止日期', endsOn);
  }

  get termProblem() {
    return this.drawer.getByTestId('term-problem');
  }

  /** Saves; returns the refusal shown in the drawer, or '' when the contract page opened. */
  async save(): Promise<string> {
    const refused = this.drawer.getByTestId('rule-violation');
    const earlier = (await refused.count()) > 0;
    // After a refusal the button may still carry its collapsing loading icon ("loading 保存").
    await this.drawer.getByRole('button', { name: /^(loading )?保存$/ }).click();
    // The earlier refusal goes away when the form is sent again.
    if (earlier) await refused.waitFor({ state: 'detached' });
    const outcome = await Promise.race([
      refused.waitFor().then(() => 'refused' as const),
      this.page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/, { waitUntil: 'commit' }).then(() => 'saved' as const),
    ]);
    if (outcome === 'refused') return refused.innerText();
    await this.title.waitFor();
    return '';
  }

  get title() {
    return this.page.getByTestId('contract-title');
  }

  get status() {
    return this.page.getByTestId('contract-status');
  }

  get missing() {
    return this.page.getByTestId('contract-missing');
  }

  async sign(signedOn: string): Promise<void> {
    await this.page.getByRole('button', { name: '签订', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记合同签订' });
    await fillDate(dialog, '签订日期', signedOn);
    await dialog.getByTestId('sign-onpost-hint').waitFor();
    await dialog.getByRole('button', { name: '签订', exact: true }).click();
    await this.status.getByText('已签订').waitFor();
  }

  get onPostDeadline() {
    return this.page.getByTestId('contract-onpost-deadline');
  }

  async recordPayment(amount: string, paidOn: string): Promise<void> {
    await this.page.getByRole('tab', { name: '结算与付款' }).click();
    await this.page.getByRole('button', { name: '登记付款' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记向承接主体付款' });
    await fillDate(dialog, '付款日期', paidOn);
    await dialog.getByLabel('付款金额', { exact: true }).fill(amount);
    await dialog.getByLabel('凭证号', { exact: true }).fill('E2E-PZ-001');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.getByTestId('contract-payments').getByText('E2E-PZ-001').waitFor();
  }

  get paid() {
    return this.page.getByTestId('contract-paid');
  }

  // ---- 资金管理 ----

  async gotoFunding(): Promise<void> {
    await this.page.goto('/funding');
    await this.page.getByRole('heading', { name: '资金管理' }).waitFor();
    await this.page.getByTestId('funding-total-paid').waitFor();
  }

  /** The 已付款 headline of the funding page, in fen. */
  async fundingPaidFen(): Promise<number> {
    const text = await this.page.getByTestId('funding-total-paid').locator('.ant-statistic-content').innerText();
    return yuanTextToFen(text);
  }
}

/** "1,234.50 元" → 123450 (no float arithmetic). */
export function yuanTextToFen(text: string): number {
  const match = /(-?[\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  return Number((match[1] ?? '0').replaceAll(',', '')) * 100 + Number(match[2]);
}
