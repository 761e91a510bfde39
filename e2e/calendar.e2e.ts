import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchBrowser, newContext, screenshot, screenshotOnFailure } from './support/browser';
import { LoginPage } from './support/pages/LoginPage';

// The deadline calendar of a wide scope: the city officer sees the year's deadlines grouped per
// day, kind and county, each entry with its counts by state; a click opens a drawer listing that
// county's deadlines of the day, paged. The district officer still sees its deadlines one by one.
const JOURNEY = 'calendar';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const thisYear = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);

describe('工作日历', () => {
  it('市级看到按日、类型和区市汇总的期限，点开抽屉看明细；区市仍逐条显示', async () => {
    const context = await newContext(browser, 'desktop', baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, JOURNEY);
    const errors = collectPageErrors(page);
    await new LoginPage(page).goto();
    await new LoginPage(page).login('demo-city');
    await page.goto(`/calendar?month=${thisYear}-03&mode=year`);
    await page.getByTestId('calendar-grouped-hint').waitFor();
    const list = page.getByTestId('deadline-list');
    const plan = list.getByTestId('deadline-group').filter({ hasText: '年度计划报送' }).first();
    await plan.waitFor();
    // One entry per county: "环翠区：1 项年度计划报送", never one line per station.
    await expect(plan.innerText()).resolves.toMatch(/：1 项年度计划报送/);
    expect(await list.getByTestId('deadline-item').count()).toBe(0);
    await screenshot(page, JOURNEY, 'city-year');

    await plan.getByRole('button').first().click();
    const drawer = page.getByTestId('deadline-drawer-list');
    await drawer.waitFor();
    const items = drawer.getByTestId('deadline-item');
    expect(await items.count()).toBe(1);
    await expect(items.first().innerText()).resolves.toContain('年度计划报市民政局备案');
    await screenshot(page, JOURNEY, 'city-drawer');
    expect(errors).toEqual([]);
    await context.close();

    const districtContext = await newContext(browser, 'desktop', baseUrl);
    const districtPage = await districtContext.newPage();
    screenshotOnFailure(districtPage, JOURNEY);
    await new LoginPage(districtPage).goto();
    await new LoginPage(districtPage).login('demo-district');
    await districtPage.goto(`/calendar?month=${thisYear}-03&mode=year`);
    const own = districtPage.getByTestId('deadline-list').getByTestId('deadline-item').filter({ hasText: '年度计划报市民政局备案' });
    await own.first().waitFor();
    expect(await own.count()).toBe(1);
    expect(await districtPage.getByTestId('calendar-grouped-hint').count()).toBe(0);
    await districtContext.close();
  });
});
