import type { Page } from 'playwright-core';

/** 评估指标体系 of one year: read-only once evaluated; the city edits points and thresholds. */
export class EvaluationIndicatorsPage {
  constructor(private readonly page: Page) {}

  async goto(year: number): Promise<void> {
    await this.page.goto(`/evaluations/indicators?year=${year}`);
    await this.page.getByRole('heading', { name: '评估指标体系' }).waitFor();
    await this.page.getByTestId('indicator-dimension').first().waitFor();
  }

  get locked() {
    return this.page.getByTestId('indicators-locked');
  }

  get sum() {
    return this.page.getByTestId('indicator-sum');
  }

  /** The points input of the indicator whose code input holds `code`. */
  private indicatorBox(code: string) {
    return this.page.locator(`[data-testid="indicator-edit"][data-code="${code}"]`);
  }

  async setPoints(code: string, points: number): Promise<void> {
    const input = this.indicatorBox(code).getByLabel('分值', { exact: true });
    await input.fill(String(points));
    await input.blur();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: '保存指标体系' }).click();
    await this.page.locator('.ant-message-notice', { hasText: '指标体系已保存' }).waitFor();
  }

  get saveButton() {
    return this.page.getByRole('button', { name: '保存指标体系' });
  }
}
