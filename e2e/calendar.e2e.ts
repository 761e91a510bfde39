import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { chinaToday } from './support/data';
import { signedIn, useBrowser } from './support/journey';

// The deadline calendar of a wide scope: the city officer sees the year's deadlines grouped per
// day, kind and county, each entry with its counts by state; a click opens a drawer listing that
// county's deadlines of the day, paged. The district officer still sees its deadlines one by one.
const JOURNEY = 'calendar';

const browser = useBrowser();

const thisYear = chinaToday().slice(0, 4);

describe('工作日历', () => {
  it('市级看到按日、类型和区市汇总的期限，点开抽屉看明细；区市仍逐条显示', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-city');
    await page.goto(`/calendar?month=${thisYear}-03&mode=year`);
    await page.getByTestId('calendar-grouped-hint').waitFor();
    await page.getByTestId('deadline-list').waitFor();
    await screenshot(page, JOURNEY, 'city-year');
    // The month, then its 31st: the list shows that day's entries.
    await page.goto(`/calendar?month=${thisYear}-03`);
    await page.locator(`td[title="${thisYear}-03-31"]`).click();
    const list = page.getByTestId('deadline-list');
    const plan = list.getByTestId('deadline-group').filter({ hasText: '年度计划报送' }).first();
    await plan.waitFor();
    // One entry per county: "环翠区：1 项年度计划报送", never one line per station.
    await expect(plan.innerText()).resolves.toMatch(/：1 项年度计划报送/);
    expect(await list.getByTestId('deadline-item').count()).toBe(0);
    // One entry per county (7 in Weihai), not one per deadline of every station.
    expect(await list.getByTestId('deadline-group').filter({ hasText: '年度计划报送' }).count()).toBe(7);
    await screenshot(page, JOURNEY, 'city-day');

    await plan.getByRole('button').first().click();
    const drawer = page.getByTestId('deadline-drawer-list');
    await drawer.waitFor();
    const items = drawer.getByTestId('deadline-item');
    expect(await items.count()).toBe(1);
    await expect(items.first().innerText()).resolves.toContain('年度计划报市民政局备案');
    await screenshot(page, JOURNEY, 'city-drawer');
    expect(errors).toEqual([]);
    await context.close();

    const { context: districtContext, page: districtPage } = await signedIn(browser(), JOURNEY, 'demo-district');
    await districtPage.goto(`/calendar?month=${thisYear}-03&mode=year`);
    const own = districtPage.getByTestId('deadline-list').getByTestId('deadline-item').filter({ hasText: '年度计划报市民政局备案' });
    await own.first().waitFor();
    expect(await own.count()).toBe(1);
    expect(await districtPage.getByTestId('calendar-grouped-hint').count()).toBe(0);
    await districtContext.close();
  });
});
