import type { Locator, Page } from 'playwright-core';

/** 人员配备: counts, the county table and one row (or phone card) per station. */
export class CompliancePage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/compliance');
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { name: '人员配备' }).waitFor();
    await this.page.getByTestId('compliance-as-of').waitFor();
  }

  /** The table row (desktop) or card (phone) of a station. */
  station(name: string): Locator {
    return this.page
      .locator('[data-testid="compliance-stations"] tr.ant-table-row, [data-testid="compliance-station"]')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** 达标 or 不达标 of a station. */
  async statusOf(name: string): Promise<string> {
    const tag = this.station(name).getByTestId('staffing-status');
    await tag.waitFor();
    return tag.innerText();
  }

  async onlyProblems(): Promise<void> {
    await this.page.getByRole('checkbox', { name: '只看有问题的' }).check();
    await this.page.waitForURL((url) => url.searchParams.get('only') === 'findings', { waitUntil: 'commit' });
  }
}
