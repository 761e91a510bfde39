import { describe, expect, it } from 'vitest';
import { screenshot, sidewaysOverflow, type Device } from './support/browser';
import { signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { DashboardsPage } from './support/pages/DashboardsPage';

// The city's 驾驶舱: drill 威海市 → 环翠区 → 鲸园街道, and a figure opens the list it counts
// (the list's total is the figure), on a desktop and on a 375 px phone; the children sorted by the server.
const JOURNEY = 'dashboards';

const browser = useBrowser();

async function journey(device: Device): Promise<void> {
  const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-${device}`, 'demo-city', device);
  const shell = new AppShell(page);
  if (device === 'phone') await shell.openPhoneMenu();
  await shell.navigate('驾驶舱');
  const dash = new DashboardsPage(page);
  await dash.waitFor('威海市');
  await screenshot(page, JOURNEY, `${device}-city`);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

  if (device === 'desktop') {
    // The server sorts (and pages) the children: largest first, the chart shows the sorted figure.
    const sorted = await dash.sortChildren('服务记录', 'records');
    expect(sorted.childrenPage).toMatchObject({ sort: 'records', order: 'desc' });
    const values = sorted.children.map((c) => c.figures.records ?? 0);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await page.getByTestId('dashboard-children').locator('tbody tr.ant-table-row').first().waitFor();
    expect(page.url()).toContain('sort=records');
    expect(await dash.chartTitle()).toContain('服务记录');
  }

  await dash.drill('371002', '环翠区');
  expect(await dash.breadcrumb()).toContain('威海市');
  await screenshot(page, JOURNEY, `${device}-county`);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  // A child's figure opens its own list too (the page builds it from the row's place).
  const childRecords = new URL((await page.getByTestId('child-371002002-records').first().getAttribute('href')) ?? '', 'http://x');
  expect(childRecords.pathname).toBe('/records');
  expect(childRecords.searchParams.get('stationId')).toMatch(/^[0-9a-f-]{36}$/);
  const operating = await dash.figure('operating');
  expect(operating).toBeGreaterThan(0);
  const stations = await dash.openFigure('operating', '/api/stations');
  await page.getByRole('heading', { name: '社工站名录' }).waitFor();
  expect(stations.url.searchParams.get('countyCode')).toBe('371002');
  expect(stations.url.searchParams.get('status')).toBe('operating');
  expect(stations.total).toBe(operating);

  await page.goBack();
  await dash.waitFor('环翠区');
  await dash.drill('371002002', '鲸园街道');
  expect(await dash.breadcrumb()).toContain('环翠区');
  await screenshot(page, JOURNEY, `${device}-town`);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  const records = await dash.figure('records');
  const listed = await dash.openFigure('records', '/api/service-records');
  await page.getByRole('heading', { name: '服务记录' }).waitFor();
  expect(listed.url.searchParams.get('stationId')).toMatch(/^[0-9a-f-]{36}$/);
  expect(listed.total).toBe(records);
  await screenshot(page, JOURNEY, `${device}-records`);

  expect(errors).toEqual([]);
  await context.close();
}

describe('驾驶舱：市 → 区市 → 镇街，数字打开它所统计的列表', () => {
  it('桌面', async () => {
    await journey('desktop');
  });

  it('手机 375 px', async () => {
    await journey('phone');
  });
});
