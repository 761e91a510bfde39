import type { Page, Response } from 'playwright-core';

/** 驾驶舱: a region's figures, its children to drill into, each figure a link to its list. */
export class DashboardsPage {
  constructor(private readonly page: Page) {}

  async waitFor(regionName: string): Promise<void> {
    await this.page.getByRole('heading', { name: `驾驶舱 · ${regionName}` }).waitFor();
    await this.page.locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
  }

  async drill(code: string, regionName: string): Promise<void> {
    await this.page.getByTestId(`drill-${code}`).click();
    await this.waitFor(regionName);
  }

  async figure(key: string): Promise<number> {
    const text = (await this.page.getByTestId(`figure-${key}`).innerText()).replace(/[,\s]/g, '');
    return Number(text);
  }

  /** Clicks a figure and returns the list request the page it opens makes. */
  async openFigure(key: string, apiPath: string): Promise<{ total: number; url: URL }> {
    const answered = this.page.waitForResponse((res: Response) => new URL(res.url()).pathname === apiPath && res.request().method() === 'GET');
    await this.page.getByTestId(`figure-${key}`).click();
    const res = await answered;
    const body = (await res.json()) as { total: number };
    return { total: body.total, url: new URL(res.url()) };
  }

  breadcrumb(): Promise<string> {
    return this.page.getByTestId('dashboard-breadcrumb').innerText();
  }
}
