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

  /** Clicks a column of the children table; returns the dashboard the server sorted for it. */
  async sortChildren(column: string, sort: string): Promise<{ children: { code: string; figures: Record<string, number> }[]; childrenPage: { total: number; sort: string; order: string } }> {
    const answered = this.page.waitForResponse((res: Response) => {
      const url = new URL(res.url());
      return url.pathname.startsWith('/api/dashboards/') && url.searchParams.get('sort') === sort && res.request().method() === 'GET';
    });
    await this.page.getByTestId('dashboard-children').getByRole('columnheader', { name: new RegExp(`^${column}`) }).click();
    return (await answered).json();
  }

  /** The children chart's title (it names the figure shown). */
  chartTitle(): Promise<string> {
    return this.page.getByTestId('dashboard-children-chart').locator('.ant-card-head-title').innerText();
  }

  breadcrumb(): Promise<string> {
    return this.page.getByTestId('dashboard-breadcrumb').innerText();
  }
}
