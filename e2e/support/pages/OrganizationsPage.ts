import type { Page } from 'playwright-core';

/** 承接机构: the list and one organisation. */
export class OrganizationsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/organizations');
    await this.page.getByRole('heading', { name: '承接机构' }).waitFor();
  }

  async open(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).first().click();
    await this.page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await this.page.getByTestId('org-name').waitFor();
  }

  /** 上传材料 on an organisation's page; waits until the file is listed. */
  async uploadFile(file: string): Promise<void> {
    const files = this.page.getByTestId('org-files');
    await files.locator('input[type="file"]').setInputFiles(file);
    const name = file.split(/[\\/]/).pop() ?? file;
    await files.getByRole('link', { name, exact: true }).waitFor();
  }

  /** The live GB 32100 hint in the 登记机构 dialog for a typed code. */
  async creditCodeHint(code: string): Promise<string> {
    await this.page.getByRole('button', { name: '登记机构' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记承接机构' });
    await dialog.getByLabel('统一社会信用代码', { exact: true }).fill(code);
    const hint = dialog.getByTestId('credit-code-hint');
    await hint.waitFor();
    return hint.innerText();
  }
}
