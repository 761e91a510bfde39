import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { signedIn, useBrowser } from './support/journey';

// An organisation manager corrects a worker's school; the masked phone stays as it was.
const JOURNEY = 'worker-edit';
const browser = useBrowser();

describe('编辑社工信息', () => {
  it('承接机构负责人修改社工的毕业院校，手机号留空保持不变', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-org');
    await page.goto('/social-workers');
    await page.getByRole('link', { name: '陈晓' }).first().click();
    const phoneBefore = await page.getByTestId('worker-phone').innerText();
    await page.getByRole('button', { name: '编辑' }).click();
    const drawer = page.getByRole('dialog', { name: '编辑社工信息' });
    await drawer.getByLabel('毕业院校').fill('鲁东大学');
    await screenshot(page, JOURNEY, '01-drawer');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('社工信息已保存').waitFor();
    await page.getByText('鲁东大学').first().waitFor();
    expect(await page.getByTestId('worker-phone').innerText()).toBe(phoneBefore);
    await screenshot(page, JOURNEY, '02-saved');
    expect(errors).toEqual([]);
    await context.close();
  });
});
