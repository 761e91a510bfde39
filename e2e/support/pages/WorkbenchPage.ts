import type { Locator, Page } from 'playwright-core';

/** 工作台: the signed-in role's to-do sections, each item a link to where it is done. */
export class WorkbenchPage {
  constructor(private readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
    await this.page.locator('[data-testid^="workbench-"]').first().waitFor();
  }

  section(key: string): Locator {
    return this.page.getByTestId(`workbench-${key}`);
  }

  /** The items of a section whose text contains `text`. */
  item(key: string, text: string): Locator {
    return this.section(key).getByTestId('workbench-item').filter({ hasText: text });
  }

  get recordButton(): Locator {
    return this.page.getByTestId('workbench-record');
  }
}
