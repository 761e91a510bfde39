import { describe, expect, it } from 'vitest';
import { chooseOption } from './support/antd';
import { screenshot } from './support/browser';
import { signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';

// 一站一策 (五（三）, R-START-WORK): the organisation drafts 鲸园's plan for the year with its
// catalogue items and targets, attaches the needs survey and the service plan and submits it; the
// district approves it from its workbench; the plan then shows its monthly progress.
const JOURNEY = 'station-plans';
const STATION = '环翠区鲸园街道社会工作服务站';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

const browser = useBrowser();

describe('一站一策', () => {
  it('承接机构编制服务计划并上传需求调研报告和服务计划 → 区市民政部门审定 → 完成情况可见', async () => {
    const { context: orgContext, page, errors } = await signedIn(browser(), JOURNEY, 'demo-org');
    await new AppShell(page).navigate('一站一策');
    await page.getByRole('heading', { name: '一站一策' }).waitFor();
    await page.getByRole('button', { name: '编制服务计划' }).click();
    const form = page.getByTestId('station-plan-form');
    await chooseOption(page, form, '社工站', STATION);
    await chooseOption(page, form, '服务项目（服务目录）', '家庭随访');
    await form.getByLabel('工作职责').fill('以留守老年人和困境儿童为重点，开展入户走访和小组活动');
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    // Saved: the plan's own page, a draft that still needs its two attachments.
    await page.getByRole('heading', { name: new RegExp(`${STATION} \\d{4}年服务计划`) }).waitFor();
    await page.getByTestId('plan-missing').getByText('需求调研报告、服务计划').waitFor();
    await page.getByTestId('plan-targets').getByText('服务记录').waitFor();
    for (const [kind, name] of [['needs_survey', '需求调研报告.pdf'], ['service_plan', '服务计划.pdf']] as const) {
      await page.getByTestId(`upload-${kind}`).locator('xpath=ancestor::span[contains(@class,"ant-upload")][1]//input[@type="file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
      await page.getByTestId(`file-${kind}`).getByText(name).waitFor();
    }
    await page.getByRole('button', { name: '报送审定' }).click();
    await page.getByTestId('plan-status').getByText('待审定').waitFor();
    await screenshot(page, JOURNEY, '01-org-submitted');
    const planUrl = page.url();

    const { context: districtContext, page: bureau, errors: bureauErrors } = await signedIn(browser(), JOURNEY, 'demo-district');
    // The workbench names the plan waiting for approval and leads to it.
    await bureau.getByRole('link', { name: new RegExp(`^${STATION}\\d{4}年服务计划已报送，等待审定`) }).click();
    await bureau.waitForURL(planUrl);
    await bureau.getByRole('button', { name: '审定或退回' }).click();
    const dialog = bureau.getByRole('dialog', { name: '审定服务计划' });
    await chooseOption(bureau, dialog, '审定意见', '审定通过');
    await dialog.getByLabel('意见（退回须写明理由）').fill('同意，按计划开展服务');
    await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await bureau.getByTestId('plan-status').getByText('已审定').waitFor();
    // Progress per measure and month, counted from the station's records.
    const progress = bureau.getByTestId('plan-progress');
    for (const label of ['服务记录', '入户走访', '小组和社区活动', '新开个案']) await progress.getByText(label, { exact: true }).waitFor();
    expect(await progress.locator('[data-testid^="progress-records-"]').count()).toBeGreaterThan(0);
    await screenshot(bureau, JOURNEY, '02-district-approved');

    // Back in the list, the plan stands approved with the organisation beside it.
    await new AppShell(bureau).navigate('一站一策');
    await bureau.getByRole('link', { name: STATION }).first().waitFor();
    expect(errors).toEqual([]);
    expect(bureauErrors).toEqual([]);
    await orgContext.close();
    await districtContext.close();
  });
});
