import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, sidewaysOverflow } from './support/browser';
import { idNumber } from './support/data';
import { signedIn, useBrowser, useWorkDir } from './support/journey';
import { CompliancePage } from './support/pages/CompliancePage';
import { ImportPage } from './support/pages/ImportPage';
import { OrganizationsPage } from './support/pages/OrganizationsPage';
import { WorkerPage } from './support/pages/WorkerPage';
import { WorkersPage } from './support/pages/WorkersPage';

// The district officer finds the demo station 鲸园街道 短 of qualified workers (one: 陈晓),
// imports one more from the Excel template, and sees the station reach 达标.
const JOURNEY = 'staffing-import';
const STATION = '环翠区鲸园街道社会工作服务站';

const browser = useBrowser();
const workDir = useWorkDir('sgz-import-');

/** A 环翠区 number born on the day; an even sequence (the demo data uses odd ones) avoids clashes. */
function newIdNumber(birth: string): string {
  const seq = String(200 + ((Date.now() % 300) * 2)).padStart(3, '0');
  return idNumber(`371002${birth.replaceAll('-', '')}${seq}`);
}

interface Person {
  name: string;
  idNumber: string;
  station: string;
}

/** Fills the downloaded template: one 社工信息 row and one 上岗 row per person. */
async function workbookFrom(template: Buffer, people: Person[], file: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const workers = book.getWorksheet('社工信息');
  const postings = book.getWorksheet('上岗');
  if (!workers || !postings) throw new Error('the template lacks 社工信息 or 上岗');
  // From row 2, as a person fills it in (the template's drop-down lists reach row 500, so addRow would land after them).
  people.forEach((p, i) => {
    workers.getRow(i + 2).values = [p.name, p.idNumber, '13906310808', '本科', '社会工作', '山东大学', '2016-07-01', ''];
    postings.getRow(i + 2).values = [p.idNumber, p.station, '2025-03-01', '政府购买服务'];
  });
  const target = path.join(workDir, file);
  await book.xlsx.writeFile(target);
  return target;
}

async function fetchTemplate(page: Page): Promise<Buffer> {
  const res = await page.request.get('/api/social-workers/import/template');
  expect(res.ok()).toBe(true);
  expect(res.headers()['content-type']).toContain('spreadsheetml');
  return res.body();
}

describe('驻站社工批量导入与人员配备', () => {
  it('区市民政部门导入一名社工后，鲸园街道社工站人员配备由不达标变为达标', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-district');

    // Before: one qualified worker on post (陈晓), R-STAFF-MIN wants two.
    const compliance = new CompliancePage(page);
    await compliance.goto();
    expect(await compliance.statusOf(STATION)).toBe('不达标');
    const before = await compliance.station(STATION).innerText();
    expect(before).toContain('R-STAFF-MIN');
    // Plain words first: the sentence, then the clause in words, the rule id last.
    expect(before).toMatch(/不足2名[\s\S]*第二部分第（三）条[\s\S]*R-STAFF-MIN/);
    await screenshot(page, JOURNEY, '01-compliance-before');
    // The findings list exports as Excel with the same filters.
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出问题清单' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);

    const importer = new ImportPage(page);
    await importer.goto();
    await screenshot(page, JOURNEY, '02-import');

    const template = await fetchTemplate(page);
    // A wrong check character first: the report names the cell and nothing can be imported.
    const good = newIdNumber('1994-08-08');
    const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const badFile = await workbookFrom(template, [{ name: '王测试', idNumber: bad, station: '鲸园街道' }], 'bad.xlsx');
    await importer.chooseFile(badFile);
    await importer.validate();
    expect(await importer.stat('有误行')).toBe(2);
    expect(await importer.issues().first().innerText()).toContain('校验码');
    expect(await importer.confirmButton.isDisabled()).toBe(true);
    await screenshot(page, JOURNEY, '03-validate-errors');

    // The right number: two rows (the person and the posting), both valid.
    const goodFile = await workbookFrom(template, [{ name: '林导入', idNumber: good, station: '鲸园街道' }], 'good.xlsx');
    await importer.chooseFile(goodFile);
    await importer.validate();
    expect(await importer.stat('总行数')).toBe(2);
    expect(await importer.stat('有效行')).toBe(2);
    expect(await importer.stat('有误行')).toBe(0);
    await importer.report.getByText('全部行校验通过').waitFor();
    await screenshot(page, JOURNEY, '04-validated');

    await importer.confirmImport();
    const result = page.getByTestId('import-result');
    expect(await result.innerText()).toContain('新建人员 1 人');
    expect(await result.innerText()).toContain('安排上岗 1 条');
    await screenshot(page, JOURNEY, '05-imported');

    // After: two qualified workers on post.
    await result.getByRole('button', { name: '查看人员配备' }).click();
    await compliance.waitUntilShown();
    expect(await compliance.statusOf(STATION)).toBe('达标');
    await screenshot(page, JOURNEY, '06-compliance-after');

    // The station's own staffing section, when the station page shows it.
    await compliance.station(STATION).getByRole('link', { name: STATION, exact: true }).click();
    await page.waitForURL(/\/stations\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await page.getByTestId('station-name').waitFor();
    const section = page.getByTestId('station-staffing');
    if (await section.count()) {
      await section.getByTestId('staffing-status').waitFor();
      expect(await section.getByTestId('staffing-status').innerText()).toBe('达标');
      expect(await section.innerText()).toContain('林导入');
    }
    await screenshot(page, JOURNEY, '07-station');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('手机（375 px）上查看人员配备和导入页', async () => {
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-phone`, 'demo-district', 'phone');

    const compliance = new CompliancePage(page);
    await compliance.goto();
    await page.getByTestId('compliance-cards').waitFor();
    await screenshot(page, JOURNEY, '08-phone-compliance');
    const overflow = () => sidewaysOverflow(page);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await new ImportPage(page).goto();
    await screenshot(page, JOURNEY, '09-phone-import');
    expect(await overflow()).toBeLessThanOrEqual(0);

    // The workers as cards, and one worker's page, fit the phone too.
    await new WorkersPage(page).goto();
    await page.getByTestId('worker-cards').getByRole('link', { name: '陈晓' }).click();
    await new WorkerPage(page).name.waitFor();
    await screenshot(page, JOURNEY, '10-phone-worker');
    expect(await overflow()).toBeLessThanOrEqual(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('登记社工时实时校验身份证号；超龄上岗被 R-STAFF-AGE 拒绝，区市民政部门登记例外', async () => {
    const journey = 'staffing-posting';
    const { context, page, errors } = await signedIn(browser(), journey, 'demo-district');

    // The organisation register checks a credit code as it is typed (GB 32100).
    const orgs = new OrganizationsPage(page);
    await orgs.goto();
    await screenshot(page, journey, '01-organizations');
    expect(await orgs.creditCodeHint('91371002MA3C')).toContain('12/18');
    await page.getByRole('dialog', { name: '登记承接机构' }).getByRole('button', { name: '取消' }).click();
    // Its materials: a (tiny) PDF goes up as multipart with the CSRF token and appears in the list.
    await orgs.open('威海市环翠区阳光社会工作服务中心');
    const pdf = path.join(workDir, '登记证书.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await orgs.uploadFile(pdf);
    await screenshot(page, journey, '02-organization');

    const workers = new WorkersPage(page);
    await workers.goto();
    await screenshot(page, journey, '03-workers');
    await workers.openCreate();
    const id = newIdNumber('1970-05-06');
    await workers.fill('身份证号', id.slice(0, 17) + (id.endsWith('1') ? '2' : '1'));
    await workers.idHint.getByText('校验码不正确').waitFor();
    await workers.fill('身份证号', id);
    // Birth date and sex come from the number, shown and not typed.
    await workers.idHint.getByText('1970-05-06').waitFor();
    expect(await workers.idHint.innerText()).toContain('女');
    await workers.fill('姓名', '周例外');
    await workers.choose('学历', '本科');
    await workers.fill('专业', '社会工作');
    await screenshot(page, journey, '04-create-worker');
    await workers.save();
    await page.waitForURL(/\/social-workers\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });

    const worker = new WorkerPage(page);
    await worker.name.waitFor();
    expect(await worker.name.innerText()).toBe('周例外');
    expect(await worker.revealIdNumber()).toBe(id);
    await screenshot(page, journey, '05-worker');

    await worker.openPosting();
    await worker.choosePosting('环翠区孙家疃街道社会工作服务站', '政府购买服务');
    await worker.submitPosting();
    await worker.violation.waitFor();
    expect(await worker.violation.innerText()).toContain('R-STAFF-AGE');
    await screenshot(page, journey, '06-violation');
    await worker.registerException('社区推荐的资深社工，经区局研究同意，限期一年');
    await worker.postings.getByText('社区推荐的资深社工').waitFor();
    expect(await worker.postings.innerText()).toContain('R-STAFF-AGE');
    await screenshot(page, journey, '07-exception');

    expect(errors).toEqual([]);
    await context.close();
  });
});
