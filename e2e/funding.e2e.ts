import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { signedIn, useBrowser } from './support/journey';

// 资金管理 of a city-wide officer: the county units in a table the server pages and sorts (by
// budget here), the execution-rate chart beside it; a click on a unit narrows the page to it.
const JOURNEY = 'funding';

const browser = useBrowser();

/** "1,234,567.89" → fen. */
const fenOf = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);

describe('资金管理', () => {
  it('市级看到各区市资金表（服务端分页、按年度预算排序），点区市只看该区市', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-city');
    await page.goto('/funding');
    const table = page.getByTestId('funding-counties');
    await table.waitFor();
    const rows = table.locator('tbody tr.ant-table-row');
    // Weihai's seven county units, all on the first page, in code order (环翠区 first).
    await expect.poll(() => rows.count()).toBe(7);
    await expect(rows.first().innerText()).resolves.toContain('环翠区');
    await page.getByText('共 7 个区市').waitFor();
    await page.getByRole('img', { name: '各区市资金执行率柱状图' }).waitFor();

    // 年度预算 descending (two clicks): the server's order, largest first.
    const budgetHeader = table.locator('th').filter({ hasText: '年度预算' });
    await budgetHeader.click();
    // The order goes through the URL: the second click reads the first one's.
    await expect.poll(() => page.url()).toContain('countiesSort=budget');
    await expect.poll(() => budgetHeader.getAttribute('aria-sort')).toBe('ascending');
    await budgetHeader.click();
    await expect
      .poll(async () => {
        const budgets = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent ?? ''));
        return budgets.map(fenOf).every((v, i, all) => i === 0 || (all[i - 1] ?? 0) >= v);
      })
      .toBe(true);
    await screenshot(page, JOURNEY, 'city-counties-by-budget');
    // The county table's order lives in the URL like the list's filters: a reload keeps it.
    await expect.poll(() => page.url()).toContain('countiesSort=-budget');
    await page.reload();
    await expect.poll(() => table.locator('th[aria-sort]').filter({ hasText: '年度预算' }).getAttribute('aria-sort')).toBe('descending');

    await table.getByRole('button', { name: '环翠区' }).click();
    await expect.poll(() => page.url()).toContain('countyCode=371002');
    await expect.poll(() => table.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
