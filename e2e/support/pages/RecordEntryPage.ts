import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../antd';

/** 记一笔: the fast service record, then the saved view with attachments. */
export class RecordEntryPage {
  constructor(private readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('record-form');
  }

  async waitUntilShown(): Promise<void> {
    await this.form.waitFor();
  }

  async homeVisit(): Promise<void> {
    await this.form.getByRole('switch', { name: '入户走访' }).click();
    await this.page.getByTestId('location-field').waitFor();
  }

  async item(name: string): Promise<void> {
    await chooseOption(this.page, this.form, '服务内容', name);
  }

  async duration(minutes: 15 | 30 | 60 | 90): Promise<void> {
    await this.form.getByRole('button', { name: `${minutes} 分钟`, exact: true }).click();
  }

  async notes(text: string): Promise<void> {
    await this.form.getByLabel('服务记录', { exact: true }).fill(text);
  }

  get saveButton(): Locator {
    return this.page.getByTestId('sticky-actions').getByRole('button', { name: '保存' });
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await this.saved.waitFor();
  }

  get saved(): Locator {
    return this.page.getByTestId('record-saved');
  }

  /** Attaches a file after saving (the hidden file input behind 拍照或选择文件) and waits for it. */
  async attach(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.saved.getByTestId('attachment-input').setInputFiles(file);
    await this.saved.getByText(`已上传：${file.name}`).first().waitFor();
  }

  async backToCase(): Promise<void> {
    await this.saved.getByRole('button', { name: '返回个案' }).click();
    await this.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
  }
}
