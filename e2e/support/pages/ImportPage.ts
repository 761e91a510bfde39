import type { Locator, Page } from 'playwright-core';

/** 批量导入驻站社工: choose file and mode, 校验, read the report, 确认导入. */
export class ImportPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/social-workers/import');
    await this.page.getByRole('heading', { name: '批量导入驻站社工' }).waitFor();
  }

  /** The (hidden) file input behind 选择 Excel 文件. */
  async chooseFile(path: string): Promise<void> {
    await this.page.locator('input[type="file"]').setInputFiles(path);
    const name = path.split(/[\\/]/).pop() ?? path;
    await this.page.locator('.ant-upload-list-item').filter({ hasText: name }).waitFor();
  }

  async chooseMode(label: RegExp | string): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check();
  }

  get report(): Locator {
    return this.page.getByTestId('import-report');
  }

  /** 校验 (a dry run): waits for the server's answer and the report it shows. */
  async validate(): Promise<void> {
    const answered = this.page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/social-workers/import' && res.request().method() === 'POST',
    );
    await this.page.getByRole('button', { name: '校验', exact: true }).click();
    await answered;
    await this.report.waitFor();
  }

  /** The number under one statistic of the report (总行数, 有效行 …). */
  async stat(title: string): Promise<number> {
    const stat = this.page.getByTestId('import-stats').locator('.ant-statistic').filter({ hasText: title });
    return Number(await stat.locator('.ant-statistic-content-value').innerText());
  }

  issues(): Locator {
    return this.page.getByTestId('import-issues').locator('tr.ant-table-row');
  }

  get confirmButton(): Locator {
    return this.report.getByRole('button', { name: '确认导入' });
  }

  /** 确认导入 and the confirmation dialog; waits for the result. */
  async confirmImport(): Promise<void> {
    await this.confirmButton.click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '确认导入' }).click();
    await this.page.getByTestId('import-result').waitFor();
  }
}
