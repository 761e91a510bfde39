import { chooseOption } from '../antd';
import type { Locator, Page } from 'playwright-core';

/** 社工站名录. */
export class StationsPage {
  constructor(private readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { name: '社工站名录' }).waitFor();
  }

  /** Keyword search; the server matches station and town names including aliases. */
  async search(keyword: string): Promise<void> {
    const box = this.page.getByLabel('关键字');
    await box.fill(keyword);
    // Wait for the filtered list itself, not just the URL: the previous page stays on screen meanwhile.
    const answered = this.page.waitForResponse((res) => {
      const url = new URL(res.url());
      return url.pathname === '/api/stations' && url.searchParams.get('q') === keyword;
    });
    await box.press('Enter');
    await answered;
    await this.page.locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
  }

  get createDialog(): Locator {
    return this.page.getByRole('dialog', { name: '新建社工站' });
  }

  async openCreate(): Promise<void> {
    await this.page.getByRole('button', { name: '新建社工站' }).click();
    await this.createDialog.getByLabel('区市', { exact: true }).waitFor();
  }

  /** Picks an option of an Ant Design select in the create dialog by typing its label. */
  async choose(label: string, option: string): Promise<void> {
    await chooseOption(this.page, this.createDialog, label, option);
  }

  stationLink(name: RegExp | string): Locator {
    return this.page.getByRole('link', { name });
  }

  async openStation(name: RegExp | string): Promise<void> {
    await this.stationLink(name).first().click();
    await this.page.waitForURL(/\/stations\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
  }
}
