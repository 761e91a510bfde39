import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../antd';

export interface NewClient {
  name: string;
  birthDate: string;
  idNumber: string;
  village: string;
  targetGroup: string;
  phone?: string;
}

/**
 * Picks a client in a client picker (a multiple select searched on the server): types the name,
 * waits for the server's answer, then clicks the client, so the click never races the list.
 */
export async function pickClient(page: Page, scope: Locator | Page, label: string, name: string): Promise<void> {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  const answered = page.waitForResponse((r) => r.url().includes('/api/clients?') && r.url().includes(`q=${encodeURIComponent(name)}`));
  await box.fill(name);
  await answered;
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${name}"]`);
  await option.waitFor();
  await page.waitForTimeout(100);
  await option.click();
  await page.keyboard.press('Escape');
}

/** 服务对象 list and 登记服务对象 (duplicate check first, then the record). */
export class ClientsPage {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: '服务对象', exact: true });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  get duplicateCheck(): Locator {
    return this.page.getByTestId('duplicate-check');
  }

  get idHint(): Locator {
    return this.page.getByTestId('id-number-hint');
  }

  async openCreate(): Promise<void> {
    await this.page.getByRole('button', { name: '登记服务对象' }).click();
    await this.duplicateCheck.waitFor();
  }

  /** Step 1: name and birth date, 查重, and the answer (none or the likely duplicates). */
  async checkDuplicates(name: string, birthDate: string): Promise<Locator> {
    await this.duplicateCheck.getByLabel('姓名', { exact: true }).fill(name);
    await this.duplicateCheck.getByLabel('出生日期', { exact: true }).fill(birthDate);
    await this.duplicateCheck.getByRole('button', { name: '查重' }).click();
    const result = this.page.getByTestId('duplicate-result');
    await result.waitFor();
    return result;
  }

  async continueAfterCheck(): Promise<void> {
    await this.page.getByTestId('duplicate-result').getByRole('button', { name: /继续登记/ }).click();
    await this.page.getByLabel('身份证号', { exact: true }).waitFor();
  }

  /** Step 2: the record; the station is the worker's own (no picker). */
  async fillRecord(c: NewClient): Promise<void> {
    await this.page.getByLabel('身份证号', { exact: true }).fill(c.idNumber);
    if (c.phone) await this.page.getByLabel('联系电话', { exact: true }).fill(c.phone);
    await chooseOption(this.page, this.page, '村（社区）', c.village);
    await this.selected('村（社区）', c.village).waitFor();
    await chooseOption(this.page, this.page, '服务对象类别', c.targetGroup);
    await this.page.keyboard.press('Escape');
    await this.selected('服务对象类别', c.targetGroup).waitFor();
  }

  /** The chosen value shown in a select of the form, found by the select's label. */
  selected(label: string, value: string): Locator {
    return this.page
      .locator('.ant-form-item')
      .filter({ has: this.page.getByLabel(label, { exact: true }) })
      .getByTitle(value, { exact: true })
      .first();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: '保存档案' }).click();
    await this.page.waitForURL(/\/clients\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
  }
}
