import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { freshPage, useBrowser } from './support/journey';

// 资金去向 without a login: the county units a page at a time (a province holds over a hundred),
// the page in the URL, the year's total the same whatever the page.
const JOURNEY = 'public-funding';

const browser = useBrowser();

describe('公开：资金去向', () => {
  it('游客分页查看各区市资金，合计不随页变化，页码在网址中', async () => {
    const { context, page, errors } = await freshPage(browser(), JOURNEY);
    await page.goto('/public/funding?pageSize=5');
    const table = page.getByTestId('public-funding-counties');
    await table.waitFor();
    const rows = table.locator('tbody tr.ant-table-row');
    const total = page.getByTestId('public-funding-total');
    // Weihai's seven county units: five on the first page, in code order (环翠区 first).
    await expect.poll(() => rows.count()).toBe(5);
    await expect(rows.first().innerText()).resolves.toContain('环翠区');
    await page.getByText('共 7 个区市').waitFor();
    const firstTotal = await total.innerText();

    // The pager sits beside the table, not inside its test id.
    await page.locator('.ant-pagination .ant-pagination-item-2').click();
    await expect.poll(() => page.url()).toContain('page=2');
    await expect.poll(() => rows.count()).toBe(2);
    await expect(rows.first().innerText()).resolves.not.toContain('环翠区');
    await expect(total.innerText()).resolves.toBe(firstTotal);
    await screenshot(page, JOURNEY, 'page-2');

    // A reload (or a shared link) opens the same page.
    await page.reload();
    await table.waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    await expect(total.innerText()).resolves.toBe(firstTotal);
    expect(errors).toEqual([]);
    await context.close();
  });
});
