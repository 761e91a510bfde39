import type { Locator, Page } from 'playwright-core';

/** 审计日志. */
export class AuditPage {
  constructor(private readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { name: '审计日志' }).waitFor();
  }

  /** Picks an action by its Chinese label in the 操作 select. */
  async filterByAction(label: string): Promise<void> {
    const select = this.page.getByTestId('audit-action-filter');
    await select.click();
    await this.page.getByRole('combobox', { name: '操作' }).fill(label);
    await this.page.locator(`.ant-select-item-option[title="${label}"]`).click();
    await this.page.waitForURL((url) => url.searchParams.has('action'), { waitUntil: 'commit' });
  }

  rows(): Locator {
    return this.page.locator('.ant-table-tbody > tr.ant-table-row');
  }

  /** Expands the newest entry that shows the text in its row and returns its expanded detail. */
  async expandFirstRowWith(text: string): Promise<Locator> {
    const row = this.rows().filter({ hasText: text }).first();
    await row.waitFor();
    await row.getByRole('button', { name: /展开/ }).click();
    const detail = this.page.locator('[data-testid^="audit-diff-"]').first();
    await detail.waitFor();
    return detail;
  }

  /** One changed field of an expanded entry: its Chinese label and the before/after cells. */
  change(detail: Locator, field: string): { row: Locator; before: Locator; after: Locator } {
    const row = detail.getByTestId(`audit-change-${field}`);
    return { row, before: row.locator('td').nth(1), after: row.locator('td').nth(2) };
  }

  /** Exports the filtered log and returns the downloaded file's name. */
  async exportExcel(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('audit-export').click(),
    ]);
    return download.suggestedFilename();
  }

  async verifyIntegrity(): Promise<string> {
    await this.page.getByRole('button', { name: '校验完整性' }).click();
    const result = this.page.getByTestId('audit-verify-result');
    await result.waitFor();
    return result.innerText();
  }
}
