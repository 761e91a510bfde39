import type { APIRequestContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, sidewaysOverflow } from './support/browser';
import { chinaToday, idNumber, lastMonth } from './support/data';
import { apiSignedIn, signedIn, useBrowser, type ApiSession } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { EvaluationIndicatorsPage } from './support/pages/EvaluationIndicatorsPage';
import { EvaluationPage } from './support/pages/EvaluationPage';
import { EvaluationSupervisionsPage } from './support/pages/EvaluationSupervisionsPage';
import { LoginPage } from './support/pages/LoginPage';
import { ReportListPage } from './support/pages/ReportListPage';
import { ReportPage } from './support/pages/ReportPage';

// A monthly briefing drafted from the records: a social worker's home visit of last month is in;
// the contractor (demo-org) generates last month's briefing for 鲸园街道, opens the figure to the
// record it counts, writes a section and submits (the figures freeze); a record added afterwards
// shows as a change, not in the report; the district returns it with a comment, the contractor
// sees the comment, edits and resubmits, the district accepts; the .docx downloads. Last, a
// 375 px phone opens the report and a drill-down without sideways scrolling.
// Then the yearly evaluation of the contract (R-EVAL-YEARLY, R-CONTRACT-FAIL), the city's
// indicator system for next year (points add up to 100) and a supervision visit (R-SUPERVISE).
const JOURNEY = 'reports';
const STATION = '环翠区鲸园街道社会工作服务站';

const browser = useBrowser();

/**
 * The station's social worker (demo-worker) at work, through the API as the 记一笔 page would
 * send it: a client of 鲸园街道 and home visits on days of last month.
 */
class WorkerRecords {
  clientId = '';

  constructor(private readonly session: ApiSession) {}

  private async json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
    if (!res.ok()) throw new Error(`${res.url()} → ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async registerClient(name: string): Promise<void> {
    // Born 1948, 环翠区 area code; an even sequence number (female), varied per run.
    const seq = String(100 + ((Date.now() % 400) * 2)).padStart(3, '0');
    const client = await this.json<{ id: string }>(
      await this.session.request.post('/api/clients', {
        headers: this.session.headers,
        data: { name, idNumber: idNumber(`37100219480312${seq}`), villageCode: '371002002001', targetGroups: ['dibao'] },
      }),
    );
    this.clientId = client.id;
  }

  async homeVisit(date: string): Promise<string> {
    const items = await this.json<{ code: string; excluded: boolean }[]>(await this.session.request.get('/api/service-catalogue'));
    const item = items.find((i) => !i.excluded);
    if (!item) throw new Error('no catalogue item');
    const record = await this.json<{ id: string }>(
      await this.session.request.post('/api/service-records', {
        headers: this.session.headers,
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
    const workerSession = await apiSignedIn(browser(), 'demo-worker');
    const worker = new WorkerRecords(workerSession);
    await worker.registerClient(`于秀${'兰英芳'.charAt(Date.now() % 3)}`);
    await worker.homeVisit(`${month}-12`);

    // 1. The contractor generates last month's briefing for 鲸园街道.
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-org');
    const login = new LoginPage(page);
    const shell = new AppShell(page);
    const list = new ReportListPage(page);
    const report = new ReportPage(page);
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
    await workerSession.context.close();

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

    // 8. The district drafts its own annual report to the city, due 30 November (R-DISTRICT-REPORT).
    await shell.navigate('工作报告');
    await list.openDraft();
    expect(await list.dialog.innerText()).toContain('区市项目实施情况报告');
    // The county's name shows once the region list has loaded (the landing page no longer loads it).
    await list.dialog.getByText('环翠区').first().waitFor();
    expect(await list.dialog.innerText()).toContain('环翠区');
    await list.confirmDraft();
    const year = today.slice(0, 4);
    expect(await report.title.innerText()).toBe(`环翠区${year}年度社工站项目实施情况报告`);
    expect(await page.getByTestId('report-due').innerText()).toBe(`${year}-11-30`);
    await page.getByTestId('sections-form').waitFor();
    await screenshot(page, JOURNEY, '10-district-annual');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('手机 375 px：报告页和数字穿透不横向滚动', async () => {
    expect(shared.reportUrl).not.toBe('');
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-phone`, 'demo-org', 'phone');
    const report = new ReportPage(page);

    await report.open(shared.reportUrl);
    await page.getByTestId('report-figures').waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, JOURNEY, '11-phone-report');
    // Resubmitted after the second visit: the report now holds both.
    await report.openFigure('records.visits');
    await expect.poll(() => report.drawerRows().count()).toBe(2);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, JOURNEY, '12-phone-drilldown');
    await report.closeDrawer();

    const list = new ReportListPage(page);
    await list.goto();
    await page.getByTestId('report-cards').waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, JOURNEY, '13-phone-list');

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('绩效评估与督导（桌面）', () => {
  it('区市开始合同年度评估（自动预填），打分并上传佐证，不合格有提示，完成评估；市局调整下一年度指标体系；登记督导并完成跟进', async () => {
    const year = Number(chinaToday().slice(0, 4));
    const contract = `环翠区${year}年镇街社工站服务合同（HCMZ-${year}-SGZ-01）`;
    // 1. The district starts this year's evaluation of the demo contract: the records answer five indicators.
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-evaluation`, 'demo-district');
    const login = new LoginPage(page);
    const shell = new AppShell(page);
    const evaluation = new EvaluationPage(page);
    await shell.navigate('绩效评估');
    await evaluation.heading.waitFor();
    const url = await evaluation.start(contract);
    expect(await evaluation.status.innerText()).toBe('评估中');
    for (const code of ['A1', 'A2', 'B1', 'C1', 'C2']) await evaluation.prefill(code).waitFor();
    expect(await evaluation.prefill('C2').innerText()).toContain('建议分');
    const prefilled = await evaluation.total();
    await screenshot(page, JOURNEY, '20-evaluation-prefilled');

    // 2. A score that departs from the records' suggestion needs a reason.
    const suggestedA1 = Number(/建议分 ([\d.]+) 分/.exec(await evaluation.prefill('A1').innerText())?.[1]);
    await evaluation.setScore('人员配备达标', suggestedA1 === 8 ? 7 : 8);
    await evaluation.save();
    expect(await evaluation.fieldError('A1')).toContain('请填写理由');
    await evaluation.setComment('人员配备达标', '评估截止日前现场核实各站在岗社工情况。');
    await evaluation.save();
    await evaluation.savedOk();

    // 3. Nothing scored by hand yet: the live preview is 不合格, and 完成评估 warns of R-CONTRACT-FAIL.
    const manual = [
      ['制度建设与档案管理', 6], ['资金使用规范', 7], ['需求调研与服务计划', 6], ['专业服务规范与成效', 10], ['资源链接与志愿服务', 6],
      ['服务对象满意度', 8], ['镇（街道）及相关部门评价', 7], ['宣传报道', 5], ['特色与创新', 5],
    ] as const;
    for (const [name] of manual) await evaluation.setScore(name, 0);
    expect(await evaluation.grade()).toBe('不合格');
    const confirm = await evaluation.openFinish();
    await confirm.getByTestId('finish-fail-warning').waitFor();
    expect(await confirm.innerText()).toContain('R-CONTRACT-FAIL');
    expect(await confirm.innerText()).toContain(`${year + 1}年终止`);
    await screenshot(page, JOURNEY, '21-evaluation-fail-warning');
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'detached' });

    // 4. Scored by hand with evidence; the total follows live; 完成评估 grades the contract.
    for (const [name, points] of manual) await evaluation.setScore(name, points);
    const expected = Math.round(((await evaluation.total()) + Number.EPSILON) * 100) / 100;
    expect(expected).toBeGreaterThanOrEqual(60);
    expect(expected).toBeGreaterThan(prefilled);
    await evaluation.uploadEvidence('D1', {
      name: '满意度调查汇总.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await evaluation.save();
    await evaluation.savedOk();
    const grade = expected >= 90 ? '优秀' : expected >= 80 ? '良好' : '合格';
    expect(await evaluation.grade()).toBe(grade);
    await evaluation.finish();
    expect(await evaluation.total()).toBe(expected);
    expect(await evaluation.grade()).toBe(grade);
    await screenshot(page, JOURNEY, '22-evaluation-finished');

    // 5. The city sees this year's system locked, and sets next year's: points must add up to 100.
    await shell.logout();
    await login.login('demo-city');
    const indicators = new EvaluationIndicatorsPage(page);
    await indicators.goto(year);
    await indicators.locked.waitFor();
    await indicators.goto(year + 1);
    await indicators.setPoints('A1', 9);
    expect(await indicators.sum.innerText()).toBe('各指标分值合计须为 100 分，目前为 101 分');
    expect(await indicators.saveButton.isDisabled()).toBe(true);
    await screenshot(page, JOURNEY, '23-indicators-sum');
    await indicators.setPoints('A3', 5);
    expect(await indicators.sum.innerText()).toBe('分值合计 100 分');
    await indicators.save();
    await page.getByText('该年度尚未设置').waitFor({ state: 'detached' });

    // 6. The district records a supervision visit with a follow-up, then its completion.
    await shell.logout();
    await login.login('demo-district');
    await shell.navigate('督导记录');
    const supervisions = new EvaluationSupervisionsPage(page);
    await supervisions.heading.waitFor();
    const topic = `个案服务规范督导（E2E-${Date.now() % 100000}）`;
    await supervisions.create({
      station: STATION,
      supervisor: '王督导',
      topic,
      findings: '个案记录中预估部分不完整，部分服务记录未写明服务成效。',
      followUp: '补齐个案预估记录，服务记录写明成效',
      followUpDue: chinaToday(),
    });
    expect(await supervisions.row(topic).getByTestId('follow-up-state').innerText()).toBe('待跟进');
    await screenshot(page, JOURNEY, '24-supervision');
    await supervisions.complete(topic);
    await expect.poll(() => supervisions.row(topic).getByTestId('follow-up-state').innerText()).toContain('已完成跟进');

    // 7. The finished evaluation on a phone: no sideways scrolling.
    const { context: phone, page: phonePage, errors: phoneErrors } = await signedIn(browser(), `${JOURNEY}-evaluation-phone`, 'demo-district', 'phone');
    await new EvaluationPage(phonePage).open(url);
    await phonePage.getByTestId('evaluation-dimension').first().waitFor();
    expect(await sidewaysOverflow(phonePage)).toBeLessThanOrEqual(0);
    await screenshot(phonePage, JOURNEY, '25-phone-evaluation');
    expect(phoneErrors).toEqual([]);
    await phone.close();

    expect(errors).toEqual([]);
    await context.close();
  });
});
