import type { Download, Locator, Page } from 'playwright-core';

/** 批量导入服务对象: template, station (not for a station worker), file and mode, 校验, report, 确认导入. */
export class ClientImportPage {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: '批量导入服务对象' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/clients/import');
    await this.heading.waitFor();
  }

  /** 下载导入模板: the browser's download of the template. */
  async downloadTemplate(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: '下载导入模板' }).click(),
    ]);
    return download;
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

  get validateButton(): Locator {
    return this.page.getByRole('button', { name: '校验', exact: true });
  }

  get report(): Locator {
    return this.page.getByTestId('import-report');
  }

  /** 校验 (a dry run): waits for the server's answer and the report it shows. */
  async validate(): Promise<void> {
    const answered = this.page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/clients/import' && res.request().method() === 'POST',
    );
    await this.validateButton.click();
    await answered;
    await this.report.waitFor();
  }

  /** 下载校验报告: the same check as an Excel file, with the upload's progress shown meanwhile. */
  async downloadReport(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: '下载校验报告' }).click(),
    ]);
    return download;
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
  async confirmImport(): Promise<Locator> {
    await this.confirmButton.click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '确认导入' }).click();
    const result = this.page.getByTestId('import-result');
    await result.waitFor();
    return result;
  }
}
