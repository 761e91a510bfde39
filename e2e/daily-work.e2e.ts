import { describe, expect, it } from 'vitest';
import { chooseOption } from './support/antd';
import { screenshot, sidewaysOverflow } from './support/browser';
import { idNumber } from './support/data';
import { signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { CasePage } from './support/pages/CasePage';
import { ClientPage } from './support/pages/ClientPage';
import { ClientsPage, pickClient } from './support/pages/ClientsPage';
import { LoginPage } from './support/pages/LoginPage';
import { RecordEntryPage } from './support/pages/RecordEntryPage';

// A station worker's case from registration to closure, on a 375 px phone: demo-worker (鲸园街道)
// registers an adult client, opens a case, assesses and plans; demo-org approves the plan; the
// worker records a home visit, evaluates and asks to close; demo-org approves the closure.
const JOURNEY = 'daily-work';

const browser = useBrowser();
// The client registered by the first journey, visited again by the second.
const registered = { name: '', id: '', idNumber: '', childId: '' };

describe('日常工作：登记、接案、计划审核、入户走访、评估、结案（手机 375 px）', () => {
  it('驻站社工办完一个个案，承接机构负责人两次审核', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-worker', 'phone');
    const login = new LoginPage(page);
    const shell = new AppShell(page);
    const cases = new CasePage(page);

    // An adult (born 1950), 环翠区 area code; an odd sequence number (male), varied per run.
    const seq = String(101 + ((Date.now() % 400) * 2)).padStart(3, '0');
    const birthDate = '1950-06-15';
    const id = idNumber(`371002${birthDate.replaceAll('-', '')}${seq}`);
    const name = `孙建${'国华明'.charAt(Date.now() % 3)}`;

    // 1. demo-worker registers the client: duplicate check first, then the record.
    await shell.openPhoneMenu();
    await shell.navigate('服务对象');
    const clients = new ClientsPage(page);
    await clients.waitUntilShown();
    await screenshot(page, JOURNEY, '01-clients');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await clients.openCreate();
    const check = await clients.checkDuplicates(name, birthDate);
    expect(await check.innerText()).toContain('未找到');
    await screenshot(page, JOURNEY, '02-duplicate-check');
    await clients.continueAfterCheck();

    // A wrong check character is caught while typing; the right number shows birth date and sex.
    const wrong = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
    await page.getByLabel('身份证号', { exact: true }).fill(wrong);
    await clients.idHint.getByText('校验码不正确').waitFor();
    await clients.fillRecord({ name, birthDate, idNumber: id, village: '东山居委会', targetGroup: '低保', phone: '13506310101' });
    await clients.idHint.getByText(birthDate).waitFor();
    expect(await clients.idHint.innerText()).toContain('男');
    expect(await page.getByTestId('own-station').innerText()).toContain('鲸园街道');
    await screenshot(page, JOURNEY, '03-new-client');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await clients.save();

    const client = new ClientPage(page);
    await client.name.waitFor();
    Object.assign(registered, { name, id: page.url().split('/').pop() ?? '', idNumber: id });
    expect(await client.name.innerText()).toBe(name);
    // Masked: the first 4 and last 4 characters only.
    expect(await client.idNumber.innerText()).toBe(`3710**********${id.slice(-4)}`);
    await screenshot(page, JOURNEY, '04-client');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // 2. 接案, then 预估 and 计划 (submitted for approval).
    await client.openCase('社区网格员反映老人独居，近期情绪低落，子女在外地工作。');
    await cases.title.waitFor();
    const caseUrl = page.url();
    const caseId = caseUrl.split('/').pop() ?? '';
    await cases.waitForStage('接案');
    await cases.waitForNext('下一步：预估');
    await screenshot(page, JOURNEY, '05-case-intake');

    await cases.assess('养老服务', '独居，需要定期探访和精神慰藉。');
    await cases.waitForStage('预估');
    await cases.plan('三个月内每两周入户探访一次，情绪明显改善。', '精神慰藉');
    await cases.waitForStage('计划');
    expect(await cases.nextStep.innerText()).toContain('等待承接机构负责人审核');
    await screenshot(page, JOURNEY, '06-plan-submitted');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await new AppShell(page).logout();

    // 3. demo-org approves the plan: the case enters 介入.
    await login.login('demo-org');
    await cases.goto(caseId);
    await cases.waitForNext('服务计划待审核');
    await screenshot(page, JOURNEY, '07-plan-review');
    await cases.approve();
    await cases.waitForStage('介入');
    await screenshot(page, JOURNEY, '08-plan-approved');
    await new AppShell(page).logout();

    // 4. demo-worker records a home visit for the case (记一笔 with 入户走访).
    await login.login('demo-worker');
    await cases.goto(caseId);
    await cases.waitForStage('介入');
    await cases.recordService();
    const entry = new RecordEntryPage(page);
    await entry.waitUntilShown();
    await page.getByTestId('record-case').getByText(name).waitFor();
    await entry.homeVisit();
    await entry.item('精神慰藉');
    await entry.duration(60);
    await entry.notes('入户探访，陪老人聊天一小时，老人情绪较上次好转。');
    await screenshot(page, JOURNEY, '09-record-entry');
    // What the phone shows at the bottom of the form: the sticky 保存 under the thumb.
    await entry.form.getByLabel('服务记录', { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/daily-work-09b-record-entry-bottom.png' });
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // The 保存 button stays within reach at the bottom of the phone screen.
    const box = await entry.saveButton.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(740);
    expect(box && box.height).toBeGreaterThanOrEqual(44);
    await entry.save();
    expect(await entry.saved.innerText()).toContain('入户走访');
    expect(await entry.saved.innerText()).toContain('仅支持 JPEG、PNG、PDF');
    // A photo of the visit (a real PNG: the server checks the content, not the name).
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await entry.attach({ name: 'visit.png', mimeType: 'image/png', buffer: png });
    await screenshot(page, JOURNEY, '10-record-saved');
    await entry.backToCase();

    // 5. 评估, then 结案 asked for.
    await cases.waitForStage('介入');
    await cases.records.getByText('精神慰藉').first().waitFor();
    await cases.records.getByRole('link', { name: 'visit.png' }).waitFor();
    await cases.evaluate('已达成');
    await cases.waitForStage('评估');
    await cases.requestClosure('服务目标已达成，老人情绪稳定，转为定期关注。');
    await screenshot(page, JOURNEY, '11-closure-requested');
    await new AppShell(page).logout();

    // 6. demo-org approves the closure: the case shows 结案.
    await login.login('demo-org');
    await cases.goto(caseId);
    await cases.waitForNext('结案待审核');
    await cases.approve();
    await cases.waitForStage('结案');
    await cases.nextStep.getByText('个案已结案').waitFor();
    expect(await page.getByTestId('case-history').innerText()).toContain('结案审核通过');
    await screenshot(page, JOURNEY, '12-case-closed');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('工作台、服务时间线、转介、访问记录、小组活动和资源链接；评估员看不到身份证号', async () => {
    expect(registered.id, 'the first journey registered the client').not.toBe('');
    const journey = `${JOURNEY}-pages`;
    // 资源链接: the district officer registers a partner body of the county (partner:manage).
    const { context, page, errors } = await signedIn(browser(), journey, 'demo-district', 'phone');
    const login = new LoginPage(page);
    await page.goto('/partners');
    await page.getByRole('heading', { name: '资源链接单位' }).waitFor();
    await page.getByRole('button', { name: '登记单位' }).click();
    const partner = page.getByRole('dialog', { name: '登记资源链接单位' });
    await chooseOption(page, partner, '区市', '环翠区');
    await chooseOption(page, partner, '部门类别', '残联');
    await partner.getByLabel('单位名称', { exact: true }).fill('环翠区残疾人联合会');
    await partner.getByLabel('联系人', { exact: true }).fill('周科长');
    await partner.getByLabel('联系电话', { exact: true }).fill('0631-5211234');
    await partner.getByLabel('可提供的服务', { exact: true }).fill('残疾人康复、辅具适配');
    await screenshot(page, journey, '00-partner-create');
    await partner.getByRole('button', { name: '保存' }).click();
    await partner.waitFor({ state: 'detached' });
    await page.getByTestId('partner-cards').getByText('环翠区残疾人联合会').waitFor();
    await new AppShell(page).logout();

    await login.login('demo-worker');

    // 个案待办: the day's cases at a glance.
    await page.goto('/worklist');
    await page.getByRole('heading', { name: '个案待办' }).waitFor();
    await page.getByTestId('worklist-clients').getByText(registered.name).waitFor();
    await screenshot(page, journey, '01-worklist');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // The client: the full ID number after a recorded confirmation; the timeline; a referral.
    await page.getByTestId('worklist-clients').getByRole('link', { name: registered.name }).click();
    const client = new ClientPage(page);
    await client.name.waitFor();
    // 编辑: the risk goes up and a daughter is added; the masked phone left empty stays as it was.
    const phoneBefore = await client.phone.innerText();
    expect(phoneBefore).toBe('135****0101');
    await client.edit({ risk: '高', member: { name: '孙丽', relation: '女儿', phone: '13906310303' } });
    await page.getByLabel('风险等级：高').first().waitFor();
    expect(await client.phone.innerText()).toBe(phoneBefore);
    await page.getByTestId('client-household').getByText('139****0303').waitFor();
    expect(await page.getByTestId('client-household').innerText()).toContain('孙丽');
    // Opened again, the stored number is offered masked as what an empty field keeps.
    const editor = await client.openEditor();
    expect(await editor.getByLabel('家庭成员1电话', { exact: true }).getAttribute('placeholder')).toBe('留空保持 139****0303');
    await editor.getByRole('button', { name: '取消', exact: true }).click();
    await editor.waitFor({ state: 'detached' });
    await screenshot(page, journey, '01b-client-edited');
    expect(await client.revealIdNumber()).toBe(registered.idNumber);
    await client.tab('服务时间线');
    await page.getByTestId('record-timeline').getByText('精神慰藉').first().waitFor();
    await screenshot(page, journey, '02-client-timeline');
    await client.tab('转介');
    await client.refer('环翠区残疾人联合会', '老人听力下降，申请辅助器具评估。');
    await page.getByTestId('client-referrals').getByText('待回复').waitFor();
    await client.setReferralStatus('已接收');
    await page.getByTestId('client-referrals').getByText('已接收').waitFor();
    await screenshot(page, journey, '03-client-referral');
    await client.tab('访问记录');
    await page.getByTestId('access-log').getByText('查看完整信息').first().waitFor();
    await screenshot(page, journey, '04-client-access-log');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // 服务记录: the home visit of the first journey.
    await page.goto('/records');
    await page.getByTestId('record-cards').getByText('入户走访').first().waitFor();
    await screenshot(page, journey, '05-records');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // 小组: a new group, one session with the client attending, then the next phase.
    await page.goto('/groups');
    await page.getByRole('button', { name: '新建小组/活动' }).click();
    const create = page.getByRole('dialog', { name: '新建小组或社区活动' });
    await create.getByLabel('名称', { exact: true }).fill('银龄互助小组');
    await create.getByLabel('目标', { exact: true }).fill('减少独居老人的孤独感，建立互助关系。');
    await create.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('group-name').waitFor();
    await page.getByRole('button', { name: '记录一次活动' }).click();
    const session = page.getByRole('dialog', { name: '记录一次活动' });
    await session.getByLabel('主题', { exact: true }).fill('相识破冰');
    await pickClient(page, session, '出勤服务对象', registered.name);
    await session.getByRole('button', { name: '添加志愿者' }).click();
    await session.getByLabel('志愿者姓名1', { exact: true }).fill('李志愿');
    await session.getByLabel('成效', { exact: true }).fill('组员彼此认识，约定每周活动。');
    await session.getByRole('button', { name: '保存' }).click();
    await session.waitFor({ state: 'detached' });
    // Attendance by name, each a link to the client.
    await page.getByTestId('session-attendees').getByRole('link', { name: registered.name }).waitFor();
    expect(await page.getByTestId('session-volunteers').innerText()).toContain('李志愿（2 小时）');
    await page.getByRole('button', { name: '进入开始期' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText('MZ/T 095-2017').waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('heading').getByText('开始期', { exact: true }).waitFor();
    await screenshot(page, journey, '06-group');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // 资源链接: the county directory (read only for a station worker).
    await page.goto('/partners');
    await page.getByTestId('partner-cards').getByText('环翠区残疾人联合会').waitFor();
    expect(await page.getByRole('button', { name: '登记单位' }).count()).toBe(0);
    await screenshot(page, journey, '07-partners');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await new AppShell(page).logout();

    // An evaluator sees the client without ID number, phone or case notes: 无权查看, not blanks.
    await login.login('demo-evaluator');
    await page.goto(`/clients/${registered.id}`);
    await client.name.waitFor();
    expect(await page.getByText('无权查看').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('button', { name: '查看完整身份证号' }).count()).toBe(0);
    await screenshot(page, journey, '08-evaluator-client');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('桌面：区市民政部门查看各页面（表格）', async () => {
    const journey = `${JOURNEY}-desktop`;
    const { context, page, errors } = await signedIn(browser(), journey, 'demo-district');
    const visits: { path: string; heading: string | RegExp; step: string; ready?: string }[] = [
      { path: '/worklist', heading: '个案待办', step: '01-worklist' },
      { path: '/clients', heading: '服务对象', step: '02-clients', ready: registered.name },
      { path: `/clients/${registered.id}`, heading: registered.name, step: '03-client' },
      { path: '/records', heading: '服务记录', step: '04-records', ready: '精神慰藉' },
      { path: '/groups', heading: '小组与社区活动', step: '05-groups', ready: '银龄互助小组' },
      { path: '/partners', heading: '资源链接单位', step: '06-partners', ready: '环翠区残疾人联合会' },
      { path: '/records/new', heading: '记一笔', step: '07-record-entry' },
    ];
    for (const v of visits) {
      await page.goto(v.path);
      await page.getByRole('heading', { name: v.heading }).first().waitFor();
      if (v.ready) await page.locator('main').getByText(v.ready).first().waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await screenshot(page, journey, v.step);
    }
    // A child under 14: refused without the guardian's consent (R-PIPL-MINOR), accepted with it.
    const childBirth = `${new Date().getFullYear() - 9}-05-01`;
    const childId = idNumber(`371002${childBirth.replaceAll('-', '')}${String(200 + ((Date.now() % 300) * 2)).padStart(3, '0')}`);
    await page.goto('/clients/new');
    const clients = new ClientsPage(page);
    await clients.checkDuplicates('王小雨', childBirth);
    await clients.continueAfterCheck();
    await chooseOption(page, page, '社工站', '环翠区鲸园街道社会工作服务站');
    await clients.fillRecord({ name: '王小雨', birthDate: childBirth, idNumber: childId, village: '东山居委会', targetGroup: '农村留守儿童' });
    await clients.idHint.getByText('不满十四周岁').waitFor();
    await page.getByLabel('监护人姓名', { exact: true }).fill('王芳');
    await page.getByLabel('监护人关系', { exact: true }).fill('母亲');
    await page.getByRole('button', { name: '保存档案' }).click();
    await page.getByTestId('rule-violation').getByText('R-PIPL-MINOR').first().waitFor();
    await screenshot(page, journey, '09-child-refused');
    await page.getByTestId('consent-missing').getByRole('button', { name: '添加同意记录' }).click();
    await clients.save();
    registered.childId = page.url().split('/').pop() ?? '';
    await page.getByTestId('client-consents').getByText('监护人同意（不满十四周岁）').waitFor();
    await screenshot(page, journey, '10-child-registered');

    // The case of the first journey, from the client's 个案 tab.
    await page.goto(`/clients/${registered.id}`);
    await page.getByTestId('case-card').getByRole('link').first().click();
    await new CasePage(page).waitForStage('结案');
    await screenshot(page, journey, '08-case');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('退回的服务计划显示退回意见，修改后重新提交', async () => {
    expect(registered.childId, 'the desktop journey registered the child').not.toBe('');
    const journey = `${JOURNEY}-return`;
    // Two people at once: the district officer does the case work, the manager reviews.
    const { context: worker, page: a, errors: errorsA } = await signedIn(browser(), `${journey}-worker`, 'demo-district');
    const { context: manager, page: b, errors: errorsB } = await signedIn(browser(), `${journey}-manager`, 'demo-org');

    await a.goto(`/clients/${registered.childId}`);
    const child = new ClientPage(a);
    await child.name.waitFor();
    await child.openCase('学校老师反映孩子父母长期在外务工，近期成绩下滑。');
    const caseA = new CasePage(a);
    await caseA.title.waitFor();
    const caseId = a.url().split('/').pop() ?? '';
    await caseA.assess('儿童福利', '需要课业辅导和亲子沟通支持。');
    await caseA.plan('一学期内每周课业辅导一次。', '家庭随访');

    const caseB = new CasePage(b);
    await caseB.goto(caseId);
    await caseB.waitForNext('服务计划待审核');
    await caseB.returnWithComment('请补充亲子沟通方面的目标。');
    await caseB.waitForStage('计划');
    expect(await caseB.nextStep.innerText()).not.toContain('待审核');

    await a.reload();
    await caseA.returnComment.getByText('请补充亲子沟通方面的目标。').waitFor();
    await caseA.waitForNext('下一步：计划');
    await screenshot(a, journey, '01-returned');
    await caseA.resubmitPlan('一学期内每周课业辅导一次，每月一次亲子视频沟通。');
    await screenshot(a, journey, '02-resubmitted');
    expect(await a.getByTestId('case-history').innerText()).toContain('服务计划被退回');

    expect([...errorsA, ...errorsB]).toEqual([]);
    await worker.close();
    await manager.close();
  });
});
