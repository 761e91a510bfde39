import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { chinaToday } from '../src/shared/rules/china-date';
import { chooseOption } from './support/antd';
import { screenshot } from './support/browser';
import { signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';

// 资料归档: the district asks for 鲸园's archive of this year, watches its progress, downloads the
// zip and finds the index (index.xlsx) and the year's folders in it; then a contract's archive.
const JOURNEY = 'archives';
const STATION = '环翠区鲸园街道社会工作服务站';
const YEAR = Number(chinaToday().slice(0, 4));

const browser = useBrowser();

describe('资料归档', () => {
  it('区市申请生成社工站年度归档 → 看到进度 → 下载压缩包（含 index.xlsx 目录）', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-district');
    await new AppShell(page).navigate('资料归档');
    await page.getByRole('heading', { name: '资料归档' }).waitFor();
    // The retention periods are shown with their rule.
    const retention = page.getByTestId('archive-retention');
    await retention.getByText('30年（自合同终止起）').first().waitFor();
    expect(await retention.getByTestId('rule-id').innerText()).toBe('R-ARCHIVE-RETENTION');

    await page.getByRole('button', { name: '生成归档' }).click();
    const dialog = page.getByRole('dialog', { name: '生成资料归档' });
    await chooseOption(page, dialog, '社工站', STATION);
    await chooseOption(page, dialog, '年度', `${YEAR}年`);
    await dialog.getByRole('button', { name: '生成' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The job just asked for: its state and progress, polled until the zip is ready.
    const current = page.getByTestId('archive-current');
    await current.getByText(`${STATION}${YEAR}年度资料归档`, { exact: false }).waitFor();
    await screenshot(page, JOURNEY, '01-requested');
    const link = current.getByTestId('archive-download');
    await link.waitFor({ timeout: 60_000 });
    await screenshot(page, JOURNEY, '02-ready');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${STATION}${YEAR}年度资料归档.zip`);
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    expect(names).toContain('index.xlsx');
    expect(names.some((n) => n.startsWith('06-服务台账汇总/'))).toBe(true);
    expect(names.some((n) => n.startsWith('03-合同与付款/'))).toBe(true);

    // The list shows it done, with the file count.
    await page.getByRole('row', { name: new RegExp(`${STATION}.*${YEAR}年.*已完成`) }).first().waitFor();

    // 按合同: a contract of the district picked by its number, built with the station-years of its term.
    await page.getByRole('button', { name: '生成归档' }).click();
    const byContract = page.getByRole('dialog', { name: '生成资料归档' });
    await byContract.getByText('按合同', { exact: true }).click();
    const box = byContract.getByLabel('合同', { exact: true });
    await box.click();
    await box.fill('HCMZ');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'HCMZ-' }).first().click();
    await byContract.getByRole('button', { name: '生成' }).click();
    await byContract.waitFor({ state: 'hidden' });
    await current.getByText('合同资料归档', { exact: false }).waitFor();
    await current.getByTestId('archive-download').waitFor({ timeout: 60_000 });
    await page.getByRole('row', { name: /合同.*合同资料归档.*已完成/ }).first().waitFor();
    await screenshot(page, JOURNEY, '03-contract-ready');
    expect(errors).toEqual([]);
    await context.close();
  });
});
