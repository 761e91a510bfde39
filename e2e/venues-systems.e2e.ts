import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseOption } from './support/antd';
import { collectPageErrors, launchBrowser, newContext, screenshot, screenshotOnFailure } from './support/browser';
import { AppShell } from './support/pages/AppShell';
import { LoginPage } from './support/pages/LoginPage';
import { WorkbenchPage } from './support/pages/WorkbenchPage';

// 二（四） R-SYS-FIVE: 环翠区 registers its financial management system with the text attached;
// the city's completeness view shows it in force for 环翠区, no finding for it, and the others' gaps.
const JOURNEY = 'venues-systems';
const TITLE = '环翠区社工站项目资金管理办法';
const VERSION = '2026年修订版';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('五项制度', () => {
  it('区市登记制度文件并上传正文 → 市民政局的完备情况显示现行有效', async () => {
    const countyContext = await newContext(browser, 'desktop', baseUrl);
    const page = await countyContext.newPage();
    screenshotOnFailure(page, JOURNEY);
    const errors = collectPageErrors(page);
    await new LoginPage(page).goto();
    await new LoginPage(page).login('demo-district');
    await new WorkbenchPage(page).waitUntilShown();
    await new AppShell(page).navigate('五项制度');
    await page.getByRole('heading', { name: '五项制度' }).waitFor();
    // Before: 环翠区 has no financial system, and the finding says so with its clause.
    const findings = page.getByTestId('systems-findings');
    await findings.getByText('环翠区尚未建立财务管理制度').waitFor();
    await page.getByRole('button', { name: '登记制度文件' }).click();
    const dialog = page.getByRole('dialog', { name: '登记制度文件' });
    await chooseOption(page, dialog, '制度类别', '财务管理制度');
    await dialog.getByLabel('制度名称').fill(TITLE);
    await dialog.getByLabel('版本').fill(VERSION);
    await dialog.getByLabel('批准机关或会议').fill('环翠区民政局局务会');
    await dialog.getByLabel('制度正文').setInputFiles({ name: '资金管理办法.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByRole('button', { name: '登记' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('systems-documents').getByRole('link', { name: '资金管理办法.pdf' }).waitFor();
    expect(await findings.getByText('环翠区尚未建立财务管理制度').count()).toBe(0);
    await screenshot(page, JOURNEY, '01-county-registered');

    const cityContext = await newContext(browser, 'desktop', baseUrl);
    const cityPage = await cityContext.newPage();
    screenshotOnFailure(cityPage, JOURNEY);
    const cityErrors = collectPageErrors(cityPage);
    await new LoginPage(cityPage).goto();
    await new LoginPage(cityPage).login('demo-city');
    await new WorkbenchPage(cityPage).waitUntilShown();
    await new AppShell(cityPage).navigate('五项制度');
    const cell = cityPage.getByTestId('cell-371002-finance');
    await cell.getByText('现行有效').waitFor();
    expect(await cell.innerText()).toContain(VERSION);
    expect(await cityPage.getByTestId('cell-371003-finance').innerText()).toContain('缺失');
    const cityFindings = cityPage.getByTestId('systems-findings');
    await cityFindings.getByText('文登区尚未建立财务管理制度').waitFor();
    expect(await cityFindings.getByTestId('rule-id').first().innerText()).toBe('R-SYS-FIVE');
    expect(await cityFindings.getByText('环翠区尚未建立财务管理制度').count()).toBe(0);
    await cityPage.getByTestId('systems-documents').getByText(TITLE).waitFor();
    await screenshot(cityPage, JOURNEY, '02-city-completeness');
    expect(errors).toEqual([]);
    expect(cityErrors).toEqual([]);
    await countyContext.close();
    await cityContext.close();
  });
});
