import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchBrowser, newContext, screenshot, screenshotOnFailure } from './support/browser';
import { DEMO_PASSWORD } from './support/pages/LoginPage';

// An organisation manager corrects a worker's school; the masked phone stays as it was.
const JOURNEY = 'worker-edit';
let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('编辑社工信息', () => {
  it('承接机构负责人修改社工的毕业院校，手机号留空保持不变', async () => {
    const context = await newContext(browser, 'desktop', baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, JOURNEY);
    const errors = collectPageErrors(page);
    await page.goto('/login');
    await page.getByLabel('用户名').fill('demo-org');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
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
