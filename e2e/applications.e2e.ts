import { describe, expect, it } from 'vitest';
import { chooseOption } from './support/antd';
import { screenshot } from './support/browser';
import { signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { ApplicationPage } from './support/pages/ApplicationPage';
import { RecordEntryPage } from './support/pages/RecordEntryPage';
import { WorkbenchPage } from './support/pages/WorkbenchPage';

// 五（三）: a municipal department (demo-applicant) applies in writing to use 鲸园街道's station;
// the city bureau (demo-city, another person) accepts; the station's social worker records a
// community service under the application; the applicant sees on its application what was done,
// counted (never who), and its workbench lists the application with its state.
const JOURNEY = 'applications';
const STATION = '环翠区鲸园街道社会工作服务站';
const TITLE = '老年人防诈骗宣传进社区';
const DEPARTMENT = '威海市公安局';

const browser = useBrowser();

describe('部门使用社工站的书面申请', () => {
  it('申请 → 市民政局同意 → 社工按申请记录服务 → 申请人看到服务完成情况', async () => {
    // The applicant drafts and submits.
    const { context: applicantContext, page, errors } = await signedIn(browser(), JOURNEY, 'demo-applicant');
    expect(await new AppShell(page).menuLabels()).toContain('使用申请');
    await new AppShell(page).navigate('使用申请');
    await page.getByRole('heading', { name: '我的申请' }).waitFor();
    const application = new ApplicationPage(page);
    await application.draft({
      department: DEPARTMENT, title: TITLE, purpose: '依托社工站向独居老人宣讲防范电信诈骗知识', item: '精神慰藉', station: STATION,
      targetPeople: '辖区独居老人', fundedBy: '市公安局宣传经费', providedBy: '驻站社工与社区民警',
    });
    expect(await application.status.innerText()).toBe('草稿');
    await screenshot(page, JOURNEY, '01-drafted');
    await application.submit();
    const url = new URL(page.url()).pathname;
    await screenshot(page, JOURNEY, '02-submitted');

    // Another person, the city bureau, accepts it.
    const { context: cityContext, page: cityPage } = await signedIn(browser(), JOURNEY, 'demo-city');
    const bench = new WorkbenchPage(cityPage);
    const waiting = bench.item('applications', TITLE);
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain('第五部分第（三）条');
    await waiting.getByRole('link').first().click();
    await cityPage.waitForURL(`**${url}`, { waitUntil: 'commit' });
    await new ApplicationPage(cityPage).accept();
    await screenshot(cityPage, JOURNEY, '03-accepted');
    await cityContext.close();

    // The station's social worker records a community service under it.
    const { context: workerContext, page: workerPage } = await signedIn(browser(), JOURNEY, 'demo-worker');
    await workerPage.goto('/records/new');
    const entry = new RecordEntryPage(workerPage);
    await entry.waitUntilShown();
    await entry.form.getByText('社区', { exact: true }).click();
    await entry.item('精神慰藉');
    await entry.duration(60);
    await chooseOption(workerPage, entry.form, '按部门申请开展（可选）', `${TITLE}（${DEPARTMENT}）`);
    await screenshot(workerPage, JOURNEY, '04-record-under-application');
    await entry.save();
    await workerContext.close();

    // The applicant sees what was done: counts only.
    await page.reload();
    await application.closingReport.waitFor();
    expect(await application.figure('report-records')).toBe(1);
    expect(await application.figure('report-hours')).toBe(1);
    expect(await application.status.innerText()).toBe('已同意');
    const reply = await applicantContext.request.get(`${url.replace('/applications', '/api/applications')}/reply.docx`);
    expect(reply.status()).toBe(200);
    expect(reply.headers()['content-type']).toContain('wordprocessingml');
    await screenshot(page, JOURNEY, '05-closing-report');

    // Its workbench lists the application with its state.
    await new AppShell(page).navigate('工作台');
    const home = new WorkbenchPage(page);
    await home.waitUntilShown();
    expect(await home.section('applications').innerText()).toContain('我的申请');
    expect(await home.item('applications', TITLE).innerText()).toContain('已同意');
    expect(errors).toEqual([]);
    await applicantContext.close();
  });
});
