import { describe, expect, it } from 'vitest';
import { screenshot, sidewaysOverflow } from './support/browser';
import { lastMonth } from './support/data';
import { apiSignedIn, signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { RecordEntryPage } from './support/pages/RecordEntryPage';
import { ReportPage } from './support/pages/ReportPage';
import { WorkbenchPage } from './support/pages/WorkbenchPage';

// Each role lands on its own workbench. The contractor (demo-org) submits last month's briefing
// of its contract; the district finds it under 待审核的报告 on its workbench, with a count on
// 工作报告 in the menu, opens it from there and accepts it, and it leaves the list. The station's
// social worker opens the platform on a 375 px phone: the workbench, and 记一笔 one tap away.
const JOURNEY = 'workbench';

const browser = useBrowser();

describe('工作台', () => {
  it('区市民政部门的工作台列出承接机构提交的简报；接收后移出待审核', async () => {
    // The contractor drafts and submits last month's briefing of its contract, as its report page would.
    const { context: orgContext, request: req, headers } = await apiSignedIn(browser(), 'demo-org');
    const contracts = (await (await req.get('/api/contracts?pageSize=50')).json()) as { items: { id: string; title: string; status: string }[] };
    const contract = contracts.items.find((k) => k.status === 'performing' || k.status === 'signed') ?? contracts.items[0];
    if (!contract) throw new Error('demo-org has no contract');
    const drafted = await req.post('/api/reports', { headers, data: { kind: 'monthly', month: lastMonth(), contractId: contract.id } });
    expect(drafted.ok(), await drafted.text()).toBe(true);
    const report = (await drafted.json()) as { id: string; title: string; version: number };
    const submitted = await req.post(`/api/reports/${report.id}/submit`, { headers, data: { version: report.version } });
    expect(submitted.ok(), await submitted.text()).toBe(true);
    await orgContext.close();

    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-district');
    const bench = new WorkbenchPage(page);
    expect(new URL(page.url()).pathname).toBe('/');
    // The coverage view stays, as one card of the district's home.
    await page.getByTestId('coverage-card').waitFor();
    // Per county on first paint; the bar chart (ECharts) loads when asked for.
    expect(await page.getByTestId('coverage-county').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '显示柱状图' }).click();
    await page.getByRole('img', { name: '各区市社工站覆盖情况柱状图' }).waitFor();
    expect(await page.getByTestId('coverage-dashboards').getAttribute('href')).toBe('/dashboards');
    const item = bench.item('reportsToReview', report.title);
    await item.waitFor();
    // Plain words first; the clause in words; the rule id only as a small tag.
    expect(await item.innerText()).toContain('已提交，等待审核');
    expect(await item.innerText()).toContain('第四部分第（四）条');
    expect(await new AppShell(page).badge('/reports')).toBeGreaterThanOrEqual(1);
    await screenshot(page, JOURNEY, '01-district-workbench');

    await item.getByRole('link', { name: `${report.title}已提交，等待审核` }).click();
    const reportPage = new ReportPage(page);
    await reportPage.title.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/reports/${report.id}`);
    await reportPage.accept();
    await screenshot(page, JOURNEY, '02-accepted');

    await new AppShell(page).navigate('工作台');
    await bench.waitUntilShown();
    await bench.section('reportsToReview').waitFor();
    await bench.item('reportsToReview', report.title).waitFor({ state: 'detached' });
    expect(await bench.item('reportsToReview', report.title).count()).toBe(0);
    await screenshot(page, JOURNEY, '03-district-workbench-after');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('驻站社工在 375 px 手机上登录后直接进入工作台，一步到“记一笔”', async () => {
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-phone`, 'demo-worker', 'phone');
    const bench = new WorkbenchPage(page);
    expect(new URL(page.url()).pathname).toBe('/');
    await bench.section('followUps').waitFor();
    await bench.recordButton.waitFor();
    // Big enough for a thumb, and the page never scrolls sideways.
    const box = await bench.recordButton.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `${JOURNEY}-phone`, '01-worker-workbench');

    await bench.recordButton.click();
    await new RecordEntryPage(page).waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/records/new');
    await screenshot(page, `${JOURNEY}-phone`, '02-record');
    expect(errors).toEqual([]);
    await context.close();
  });
});
