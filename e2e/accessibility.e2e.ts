import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe';
import { freshPage, signedIn, useBrowser } from './support/journey';

// axe-core on the key pages, on a desktop and on a 375 px phone: no serious or critical
// WCAG 2.1 A/AA violation (contrast, names, labels, ARIA).
const JOURNEY = 'accessibility';

const browser = useBrowser();

/** Waits until the page has drawn its data: no request in flight, no spinner. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached' }).catch(() => undefined);
  await page.getByRole('heading').first().waitFor();
}

async function check(page: Page, name: string, found: Record<string, string>): Promise<void> {
  await settled(page);
  const vs = await seriousViolations(page);
  if (vs.length) found[name] = describeViolations(vs);
}

/** Opens the first link of a list that leads to a detail page (when the list has one). */
async function openFirst(page: Page, list: string, hrefPrefix: string): Promise<boolean> {
  await page.goto(list);
  await settled(page);
  const link = page.locator(`main a[href^="${hrefPrefix}"]`).first();
  if ((await link.count()) === 0) return false;
  await link.click();
  await page.waitForURL((u) => u.pathname.startsWith(hrefPrefix) && u.pathname !== list);
  return true;
}

describe.each(['desktop', 'phone'] as const)('无障碍（axe-core）：%s', (device) => {
  it('登录页与公开页面', async () => {
    const { context, page, errors } = await freshPage(browser(), `${JOURNEY}-${device}-public`, device);
    const found: Record<string, string> = {};
    await page.goto('/login');
    await check(page, 'login', found);
    await page.goto('/public/procurements');
    await check(page, 'public-procurements', found);
    await page.goto('/public/funding');
    await check(page, 'public-funding', found);
    expect(found).toEqual({});
    expect(errors).toEqual([]);
    await context.close();
  });

  it('区市民政：工作台、社工站名录与社工站、服务对象、合同、报告', async () => {
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-${device}-demo-district`, 'demo-district', device);
    const found: Record<string, string> = {};
    await check(page, 'district-home', found);
    await page.goto('/stations');
    await check(page, 'stations', found);
    if (await openFirst(page, '/stations', '/stations/')) await check(page, 'station', found);
    await page.goto('/clients');
    await check(page, 'clients', found);
    await page.goto('/contracts');
    await check(page, 'contracts', found);
    await page.goto('/reports');
    await check(page, 'reports', found);
    if (await openFirst(page, '/reports', '/reports/')) await check(page, 'report', found);
    expect(found).toEqual({});
    expect(errors).toEqual([]);
    await context.close();
  });

  it('驻站社工与审计管理员的首页', async () => {
    const found: Record<string, string> = {};
    const worker = await signedIn(browser(), `${JOURNEY}-${device}-demo-worker`, 'demo-worker', device);
    await check(worker.page, 'worker-home', found);
    await worker.context.close();
    const auditor = await signedIn(browser(), `${JOURNEY}-${device}-demo-auditor`, 'demo-auditor', { device, lands: 'anywhere' });
    await auditor.page.waitForURL('**/audit');
    await check(auditor.page, 'audit', found);
    await auditor.context.close();
    expect(found).toEqual({});
  });
});
