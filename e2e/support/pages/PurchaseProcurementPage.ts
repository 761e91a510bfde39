import type { Page } from 'playwright-core';
import { chooseOption } from '../antd';
import { chooseMany } from './PurchasePlanPage';

export interface ProcurementInput {
  year: number;
  title: string;
  method: string;
  budget: string;
  stations: string[];
  items: string[];
  standards: string;
  requirements: string;
}

/** 采购项目: the list, the 登记 drawer, one project (公开, 登记采购结果) and the public pages. */
export class PurchaseProcurementPage {
  constructor(private readonly page: Page) {}

  get drawer() {
    return this.page.getByRole('dialog', { name: '登记采购项目' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/procurements');
    await this.page.getByRole('heading', { name: '采购项目' }).waitFor();
  }

  async openCreate(): Promise<void> {
    await this.page.getByRole('button', { name: '登记采购项目' }).click();
    await this.drawer.getByLabel('项目名称', { exact: true }).waitFor();
  }

  async fill(p: ProcurementInput): Promise<void> {
    const d = this.drawer;
    await chooseOption(this.page, d, '年度', `${p.year}年`);
    await d.getByLabel('项目名称', { exact: true }).fill(p.title);
    await chooseOption(this.page, d, '采购方式', p.method);
    await d.getByLabel('采购预算', { exact: true }).fill(p.budget);
    await chooseMany(this.page, d, '服务的社工站', p.stations);
    await chooseMany(this.page, d, '服务内容（服务目录）', p.items);
    await d.getByLabel('服务标准', { exact: true }).fill(p.standards);
    await d.getByLabel('服务要求', { exact: true }).fill(p.requirements);
  }

  async removeItem(name: string): Promise<void> {
    const tag = this.drawer.locator(`.ant-select-selection-item[title="${name}"]`);
    await tag.locator('.ant-select-selection-item-remove').click();
    // No Escape here: with the dropdown closed it would close the drawer.
    await tag.waitFor({ state: 'detached' });
  }

  /** Saves the drawer and returns the refusal shown in it (the rule alert), or '' when it saved. */
  async save(): Promise<string> {
    const refused = this.drawer.getByTestId('rule-violation');
    const earlier = (await refused.count()) > 0;
    // After a refusal the button may still carry its collapsing loading icon ("loading 保存").
    await this.drawer.getByRole('button', { name: /^(loading )?保存$/ }).click();
    // The earlier refusal goes away when the form is sent again.
    if (earlier) await refused.waitFor({ state: 'detached' });
    const outcome = await Promise.race([
      refused.waitFor().then(() => 'refused' as const),
      this.page.waitForURL(/\/procurements\/[0-9a-f-]{36}$/, { waitUntil: 'commit' }).then(() => 'saved' as const),
    ]);
    if (outcome === 'refused') return refused.innerText();
    await this.title.waitFor();
    return '';
  }

  get title() {
    return this.page.getByTestId('procurement-title');
  }

  get status() {
    return this.page.getByTestId('procurement-status');
  }

  async publish(): Promise<void> {
    await this.page.getByRole('button', { name: '公开', exact: true }).click();
    await this.page.getByRole('dialog', { name: '公开采购项目信息' }).getByRole('button', { name: '公开', exact: true }).click();
    await this.status.getByText('已公开').waitFor();
  }

  async award(contractor: string): Promise<void> {
    await this.page.getByRole('button', { name: '登记采购结果' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记采购结果（承接主体）' });
    await chooseOption(this.page, dialog, '承接主体', contractor);
    await dialog.getByRole('button', { name: '确定' }).click();
    await this.status.getByText('已确定承接主体').waitFor();
  }

  async startContract(): Promise<void> {
    await this.page.getByRole('button', { name: '登记服务合同' }).click();
    await this.page.getByRole('dialog', { name: '登记服务合同（草稿）' }).getByLabel('合同名称', { exact: true }).waitFor();
  }

  // ---- the public site (no login) ----

  async gotoPublicList(): Promise<void> {
    await this.page.goto('/public/procurements');
    await this.page.getByRole('heading', { name: '采购信息公开' }).waitFor();
  }

  async openPublic(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title, exact: true }).first().click();
    await this.page.getByTestId('public-procurement-title').waitFor();
  }
}
