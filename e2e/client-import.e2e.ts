import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chooseOption } from './support/antd';
import { screenshot, sidewaysOverflow } from './support/browser';
import { idNumber } from './support/data';
import { signedIn, useBrowser, useWorkDir } from './support/journey';
import { ClientImportPage } from './support/pages/ClientImportPage';
import { ClientsPage } from './support/pages/ClientsPage';

// A station worker (demo-worker, 鲸园街道) imports clients from the Excel template: a file with a
// wrong ID number is refused row by row (also as an Excel report), then the valid row alone goes in.
const JOURNEY = 'client-import';
const VILLAGE = '东山居委会';

const browser = useBrowser();
const workDir = useWorkDir('sgz-client-import-');

/** An adult of 环翠区 born in 1947, varied per run so a rerun against the same server is new. */
function newIdNumber(): string {
  const seq = String(300 + ((Date.now() % 300) * 2)).padStart(3, '0');
  return idNumber(`3710021947081${String(Date.now() % 9)}${seq}`);
}

/** Fills the downloaded template's 服务对象 sheet from row 2, as a person would. */
async function workbookFrom(template: string, rows: string[][], file: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(template);
  const sheet = book.getWorksheet('服务对象');
  if (!sheet) throw new Error('the template lacks the 服务对象 sheet');
  rows.forEach((r, i) => {
    sheet.getRow(i + 2).values = r;
  });
  const target = path.join(workDir, file);
  await book.xlsx.writeFile(target);
  return target;
}

describe('服务对象批量导入', () => {
  it('驻站社工下载模板、校验（含 Excel 校验报告）、仅导入有效行', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-worker');

    // From the list, for users who may register clients.
    const clients = new ClientsPage(page);
    await page.goto('/clients');
    await clients.waitUntilShown();
    await page.getByRole('button', { name: '批量导入' }).click();
    const importer = new ClientImportPage(page);
    await importer.heading.waitFor();
    expect(await page.getByTestId('import-station').innerText()).toContain('环翠区鲸园街道社会工作服务站');
    await screenshot(page, JOURNEY, '01-import');

    const template = path.join(workDir, 'template.xlsx');
    await (await importer.downloadTemplate()).saveAs(template);
    const good = newIdNumber();
    const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const name = `韩${'春夏秋冬'.charAt(Date.now() % 4)}导`;
    const file = await workbookFrom(
      template,
      [
        [name, good, '13806310202', VILLAGE, '东山路 8 号', '低保、留守老人', '中', '', '', '', ''],
        ['错号人', bad, '', VILLAGE, '', '外星人', '', '', '', '', ''],
      ],
      'clients.xlsx',
    );

    // All-or-nothing (the default): row 3 is wrong in two columns, so nothing can be imported.
    await importer.chooseFile(file);
    await importer.validate();
    expect(await importer.stat('总行数')).toBe(2);
    expect(await importer.stat('有效行')).toBe(1);
    expect(await importer.stat('有误行')).toBe(1);
    const issues = await importer.issues().allInnerTexts();
    expect(issues.some((row) => row.includes('3') && row.includes('身份证号') && row.includes('校验码'))).toBe(true);
    expect(issues.some((row) => row.includes('对象类别') && row.includes('外星人'))).toBe(true);
    expect(await importer.confirmButton.isDisabled()).toBe(true);
    await screenshot(page, JOURNEY, '02-validated-all');

    // The same report as Excel: the sheet back with 校验结果 per row and a 问题汇总 sheet.
    const reportFile = path.join(workDir, 'report.xlsx');
    const download = await importer.downloadReport();
    expect(download.suggestedFilename()).toMatch(/^服务对象导入校验报告-.*\.xlsx$/);
    await download.saveAs(reportFile);
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(reportFile);
    const sheet = report.getWorksheet('服务对象');
    expect(sheet?.getCell(1, 12).value).toBe('校验结果');
    expect(sheet?.getCell(2, 12).value).toBe('通过');
    expect(String(sheet?.getCell(3, 12).value)).toContain('身份证号');
    expect(report.getWorksheet('问题汇总')).toBeDefined();

    // Valid rows only: the check is made again for the new mode, then the one valid row goes in.
    await importer.chooseMode(/仅导入有效行/);
    await page.getByText('请重新校验').waitFor();
    await importer.validate();
    await importer.report.getByText('有误的 1 行不会导入').waitFor();
    expect(await importer.report.innerText()).toContain('确认导入后将新建服务对象 1 人');
    await screenshot(page, JOURNEY, '03-validated-valid-only');
    const result = await importer.confirmImport();
    expect(await result.innerText()).toContain('新建服务对象 1 人');
    // The rows left out are still listed with their problems.
    expect(await result.innerText()).toContain('外星人');
    await screenshot(page, JOURNEY, '04-imported');

    await result.getByRole('button', { name: '查看服务对象' }).click();
    await clients.waitUntilShown();
    await page.locator('main').getByRole('link', { name }).first().waitFor();
    expect(await page.locator('main').getByText('错号人').count()).toBe(0);
    await screenshot(page, JOURNEY, '05-list');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('区市民政部门须先选择社工站；手机上页面不横向溢出', async () => {
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-district`, 'demo-district', 'phone');
    const importer = new ClientImportPage(page);
    await importer.goto();
    const template = path.join(workDir, 'template-district.xlsx');
    await (await importer.downloadTemplate()).saveAs(template);
    await importer.chooseFile(template);
    expect(await importer.validateButton.isDisabled()).toBe(true);
    await chooseOption(page, page, '导入到社工站', '环翠区鲸园街道社会工作服务站');
    expect(await importer.validateButton.isDisabled()).toBe(false);
    // The empty template has no rows: a report with nothing to import.
    await importer.validate();
    expect(await importer.stat('总行数')).toBe(0);
    await importer.report.getByText('没有可以导入的有效行').waitFor();
    await screenshot(page, JOURNEY, '06-phone-district');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
