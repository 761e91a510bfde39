import type { Locator, Page } from 'playwright-core';

/**
 * Picks an option of an Ant Design select found by its label inside `scope`: opens it, types
 * to filter when the select is searchable, clicks the option in this select's own dropdown and
 * checks that the select now shows it. On a loaded machine a click can land while the dropdown
 * is still opening or closing; then the choice is made again rather than lost.
 */
export async function chooseOption(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  const box = scope.getByLabel(label, { exact: true });
  const id = await box.getAttribute('id');
  if (!id) throw new Error(`select 「${label}」 has no id`);
  const dropdown = page.locator(`.ant-select-dropdown:has([id="${id}_list"])`);
  const select = page.locator('.ant-select', { has: page.locator(`[id="${id}"]`) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await box.click();
    if (await box.isEditable()) await box.fill(option);
    await dropdown.locator(`.ant-select-item-option[title="${option}"]`).click();
    const shown = await select
      .locator(`[title="${option}"]`)
      .first()
      .waitFor({ timeout: 5_000 })
      .then(() => true, () => false);
    if (shown) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`select 「${label}」 did not take 「${option}」`);
}
