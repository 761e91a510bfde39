import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchBrowser, newContext, screenshot, screenshotOnFailure } from './support/browser';
import { AppShell } from './support/pages/AppShell';
import { DEMO_PASSWORD, LoginPage } from './support/pages/LoginPage';
import { ReportListPage } from './support/pages/ReportListPage';
import { ReportPage } from './support/pages/ReportPage';

// A monthly briefing drafted from the records: a social worker's home visit of last month is in;
// the contractor (demo-org) generates last month's briefing for 鲸园街道, opens the figure to the
// record it counts, writes a section and submits (the figures freeze); a record added afterwards
// shows as a change, not in the report; the district returns it with a comment, the contractor
// sees the comment, edits and resubmits, the district accepts; the .docx downloads. Last, a
// 375 px phone opens the report and a drill-down without sideways scrolling.
const JOURNEY = 'reports';
const STATION = '环翠区鲸园街道社会工作服务站';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The China calendar day (the journeys run with the browser in Asia/Shanghai). */
function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Last month as YYYY-MM, from a YYYY-MM-DD day. */
function lastMonth(today: string): string {
  const [y, mo] = today.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** GB 11643-1999: the check character of the first 17 digits (computed here, independent of the app). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The station's social worker (demo-worker) at work, through the API as the 记一笔 page would
 * send it: a client of 鲸园街道 and home visits on days of last month.
 */
class WorkerRecords {
  private csrf = '';
  clientId = '';

  constructor(private readonly request: APIRequestContext) {}

  private async json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
    if (!res.ok()) throw new Error(`${res.url()} → ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async login(): Promise<void> {
    const me = await this.json<{ csrfToken: string }>(
      await this.request.post('/api/auth/login', { data: { username: 'demo-worker', password: DEMO_PASSWORD } }),
    );
    this.csrf = me.csrfToken;
  }

  async registerClient(name: string): Promise<void> {
    // Born 1948, 环翠区 area code; an even sequence number (female), varied per run.
    const seq = String(100 + ((Date.now() % 400) * 2)).padStart(3, '0');
    const client = await this.json<{ id: string }>(
      await this.request.post('/api/clients', {
        headers: { 'X-CSRF-Token': this.csrf },
        data: { name, idNumber: idNumber(`37100219480312${seq}`), villageCode: '371002002001', targetGroups: ['dibao'] },
      }),
    );
    this.clientId = client.id;
  }

  async homeVisit(date: string): Promise<string> {
    const items = await this.json<{ code: string; excluded: boolean }[]>(await this.request.get('/api/service-catalogue'));
    const item = items.find((i) => !i.excluded);
    if (!item) throw new Error('no catalogue item');
    const record = await this.json<{ id: string }>(
      await this.request.post('/api/service-records', {
        headers: { 'X-CSRF-Token': this.csrf },
        data: {
          date, durationMinutes: 60, method: 'case', itemCode: item.code, clientIds: [this.clientId],
          homeVisit: true, place: '服务对象家中',
        },
      }),
    );
    return record.id;
  }
}

describe('月度工作简报：生成、穿透、提交、退回、再提交、接收（桌面）', () => {
  const shared = { reportUrl: '' };

  it('承接机构从业务记录生成上月简报并提交；区市退回后机构修改再提交，区市接收；下载 .docx', async () => {
    const today = chinaToday();
    const month = lastMonth(today);
    const dueOn = `${today.slice(0, 7)}-10`;
    const title = `${STATION}${month.replace('-', '年')}月工作简报`;

    // 0. Last month the station's social worker visited a client at home.
    const workerContext: BrowserContext = await newContext(browser, 'desktop', baseUrl);
    const worker = new WorkerRecords(workerContext.request);
    await worker.login();
    await worker.registerClient(`于秀${'兰英芳'.charAt(Date.now() % 3)}`);
    await worker.homeVisit(`${month}-12`);

    const context = await newContext(browser, 'desktop', baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, JOURNEY);
    const errors = collectPageErrors(page);
    const login = new LoginPage(page);
    const shell = new AppShell(page);
    const list = new ReportListPage(page);
    const report = new ReportPage(page);

    // 1. The contractor generates last month's briefing for 鲸园街道.
    await login.goto();
    await login.login('demo-org');
    await shell.navigate('工作报告');
    await list.heading.waitFor();
    await list.openDraft();
    await list.chooseStation(STATION);
    await screenshot(page, JOURNEY, '01-draft-dialog');
    shared.reportUrl = await list.confirmDraft();
    expect(await report.title.innerText()).toBe(title);
    expect(await report.status.innerText()).toBe('草稿');
    expect(await page.getByTestId('report-due').innerText()).toBe(dueOn);
    // Due on the 10th of this month: past it, the unsent briefing is overdue (red).
    expect(await report.timeliness.innerText()).toBe(today > dueOn ? '逾期未交' : '未到期');
    await screenshot(page, JOURNEY, '02-draft');

    // 2. Every number opens the records it counts: the one home visit, linking to its client.
    expect(await report.figure('records.visits').innerText()).toBe('1 次');
    await report.openFigure('records.visits');
    await expect.poll(() => report.drawerRows().count()).toBe(1);
    expect(await report.drawerRows().first().innerText()).toContain(`${month}-12`);
    expect(await report.drawerRows().first().getByRole('link').getAttribute('href')).toBe(`/clients/${worker.clientId}`);
    await screenshot(page, JOURNEY, '03-drilldown');
    await report.closeDrawer();

    // 3. A section in the contractor's words, then 提交: the figures freeze.
    await report.writeSection('工作亮点', '本月完成入户走访，建立低保对象服务档案。');
    await report.submit();
    await report.frozenTag.waitFor();
    expect(await report.history.first().innerText()).toContain('提交');
    await screenshot(page, JOURNEY, '04-submitted');

    // 4. A visit recorded afterwards does not change the submitted report; it shows as a change.
    await worker.homeVisit(`${month}-20`);
    await workerContext.close();

    // 5. The district sees the change panel and returns the briefing (a comment is required).
    await shell.logout();
    await login.login('demo-district');
    await shell.navigate('工作报告');
    await list.row(title).waitFor();
    expect(await list.row(title).getByTestId('report-timeliness').innerText()).toBe(today > dueOn ? '逾期提交' : '按时提交');
    await screenshot(page, JOURNEY, '05-list-district');
    await list.row(title).getByRole('link', { name: title }).click();
    await report.title.waitFor();
    expect(await report.figure('records.visits').innerText()).toBe('1 次');
    await report.changedPanel.waitFor();
    expect(await report.changedPanel.innerText()).toContain('入户走访');
    await screenshot(page, JOURNEY, '06-changed-since');
    const complaint = await report.returnWith('请补充本月入户走访的具体成效，并写明存在问题。');
    expect(complaint).toBe('退回须填写意见');
    await screenshot(page, JOURNEY, '07-returned');

    // 6. The contractor sees the comment; the returned draft counts live again; edits and resubmits.
    await shell.logout();
    await login.login('demo-org');
    await report.open(shared.reportUrl);
    expect(await report.returnedNotice.innerText()).toContain('请补充本月入户走访的具体成效');
    expect(await report.figure('records.visits').innerText()).toBe('2 次');
    await report.writeSection('存在问题', '部分服务对象白天不在家，入户需提前电话预约。');
    await report.submit();
    await screenshot(page, JOURNEY, '08-resubmitted');

    // 7. The district accepts; the history tells the whole story; the .docx downloads.
    await shell.logout();
    await login.login('demo-district');
    await report.open(shared.reportUrl);
    await report.accept();
    expect(await report.historyEvents()).toEqual(['接收', '提交', '退回', '提交', '从业务记录生成草稿']);
    const docx = await report.downloadDocx();
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    expect(docx.suggestedFilename()).toContain('工作简报');
    await screenshot(page, JOURNEY, '09-accepted');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('手机 375 px：报告页和数字穿透不横向滚动', async () => {
    expect(shared.reportUrl).not.toBe('');
    const context = await newContext(browser, 'phone', baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, `${JOURNEY}-phone`);
    const errors = collectPageErrors(page);
    const login = new LoginPage(page);
    const report = new ReportPage(page);

    await login.goto();
    await login.login('demo-org');
    await report.open(shared.reportUrl);
    await page.getByTestId('report-figures').waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, JOURNEY, '10-phone-report');
    // Resubmitted after the second visit: the report now holds both.
    await report.openFigure('records.visits');
    await expect.poll(() => report.drawerRows().count()).toBe(2);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, JOURNEY, '11-phone-drilldown');
    await report.closeDrawer();

    const list = new ReportListPage(page);
    await list.goto();
    await page.getByTestId('report-cards').waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, JOURNEY, '12-phone-list');

    expect(errors).toEqual([]);
    await context.close();
  });
});
