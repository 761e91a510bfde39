import type { Locator, Page } from 'playwright-core';

/**
 * Picks an option of an Ant Design select found by its label inside `scope`: opens it, types
 * to filter when the select is searchable, and clicks the option in the open dropdown.
 */
export async function chooseOption(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  if (await box.isEditable()) await box.fill(option);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}
