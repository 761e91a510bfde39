import { describe, expect, it } from 'vitest';
import { screenshot, sidewaysOverflow } from './support/browser';
import { chinaToday } from './support/data';
import { freshPage, signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { LoginPage } from './support/pages/LoginPage';
import { OrganizationsPage } from './support/pages/OrganizationsPage';
import { PurchaseContractPage, yuanTextToFen } from './support/pages/PurchaseContractPage';
import { PurchasePlanPage } from './support/pages/PurchasePlanPage';
import { PurchaseProcurementPage } from './support/pages/PurchaseProcurementPage';

// The purchase cycle of next year for 环翠区: the district drafts and submits the annual plan, the
// city returns it with a comment, the district resubmits, the city files it (备案); the district
// registers a procurement (an excluded catalogue matter is refused), publishes it — the public
// page shows it without a login — and records the result; a contract longer than 3 years is
// refused (R-CONTRACT-TERM), the corrected one is signed; a payment shows on the funding page.
// Last, a 375 px phone opens the plan and the contract without sideways scrolling.
const JOURNEY = 'purchase-cycle';
const ORG = '威海市环翠区阳光社会工作服务中心';
const STATIONS = ['环翠区鲸园街道社会工作服务站', '环翠区竹岛街道社会工作服务站'];

const browser = useBrowser();

// The demo data holds this year's plans; next year's is still to be written.
const YEAR = Number(chinaToday().slice(0, 4)) + 1;
const shared = { planUrl: '', contractUrl: '', procurementTitle: '' };

describe('采购周期：年度计划、采购、合同、资金（桌面）', () => {
  it('区市编制并报送计划，市局退回后再报送并备案；登记并公开采购；合同超期被拒后签订；付款见于资金页', async () => {
    // 1. The district drafts next year's plan; the checklist says what is missing before 报送.
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-district');
    const login = new LoginPage(page);
    const shell = new AppShell(page);
    const plans = new PurchasePlanPage(page);
    await shell.navigate('年度计划');
    await page.getByRole('heading', { name: '年度计划' }).waitFor();
    await plans.chooseYear(YEAR);
    shared.planUrl = await plans.createPlan();
    expect(await plans.checklistSummary.innerText()).toContain('还缺 8 项必备内容');
    await expect(page.getByRole('button', { name: '报送备案' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, JOURNEY, '01-plan-draft');

    await plans.fill({
      goals: `${YEAR}年实现环翠区镇街社工站服务全覆盖，重点服务困难群众和老年人`,
      budget: '300000',
      method: '公开招标',
      schedule: '1月报备计划；2—3月组织采购；4月签订合同、社工进驻；5—12月开展服务',
      quality: '服务对象满意度不低于90%',
      quantity: '每站每月入户走访不少于20户',
      evaluation: '委托第三方机构年度评估',
      stations: STATIONS,
    });
    await page.getByText('必备内容已齐全，可以报送').waitFor();
    await screenshot(page, JOURNEY, '02-plan-complete');
    await plans.submit();
    expect(await plans.timeliness.innerText()).toBe('按时报送');
    await screenshot(page, JOURNEY, '03-plan-submitted');

    // 2. The city returns it with a comment (a comment is required).
    await shell.logout();
    await login.login('demo-city');
    await plans.open(shared.planUrl);
    const required = await plans.returnWith('请将每站每月入户走访数量提高到不少于30户');
    expect(required).toBe('退回须填写意见');
    await screenshot(page, JOURNEY, '04-plan-returned');

    // 3. The district sees the comment, changes the standard and submits again.
    await shell.logout();
    await login.login('demo-district');
    await plans.open(shared.planUrl);
    expect(await plans.returnedNotice.innerText()).toContain('不少于30户');
    await plans.setQuantity('每站每月入户走访不少于30户，小组活动不少于2次');
    await plans.submit();
    await expect.poll(() => plans.versionRows().count()).toBe(2);
    expect(await plans.compareSummary.innerText()).toBe('共 1 项内容有修改');
    expect(await plans.compareField('quantityStandards').getAttribute('data-changed')).toBe('yes');
    expect(await plans.compareField('goals').getAttribute('data-changed')).toBe('no');
    await screenshot(page, JOURNEY, '05-plan-versions');

    // 4. The city files it.
    await shell.logout();
    await login.login('demo-city');
    await plans.open(shared.planUrl);
    await plans.file();
    await plans.gotoYear(YEAR);
    const row = page.locator('tr', { hasText: '环翠区' });
    await row.getByText('已备案').waitFor();
    await screenshot(page, JOURNEY, '06-plans-city');

    // 5. The district registers a procurement: an excluded matter is refused with its rule.
    await shell.logout();
    await login.login('demo-district');
    const proc = new PurchaseProcurementPage(page);
    await shell.navigate('采购项目');
    await page.getByRole('heading', { name: '采购项目' }).waitFor();
    await proc.openCreate();
    shared.procurementTitle = `环翠区${YEAR}年社工站运营项目（E2E-${Date.now() % 100000}）`;
    await proc.fill({
      year: YEAR,
      title: shared.procurementTitle,
      method: '公开招标',
      budget: '300000',
      stations: STATIONS,
      items: ['心理疏导（社会救助）', '照料护理', '保密事项（不得列入）'],
      standards: '每站每月入户走访不少于30户',
      requirements: '依法登记的社会工作服务机构',
    });
    await proc.drawer.getByTestId('excluded-warning').waitFor();
    const refusal = await proc.save();
    expect(refusal).toContain('R-SCOPE-EXCLUDED');
    await screenshot(page, JOURNEY, '07-procurement-excluded');
    await proc.removeItem('保密事项（不得列入）');
    expect(await proc.save()).toBe('');
    await proc.publish();
    await screenshot(page, JOURNEY, '08-procurement-published');

    // 6. The public page shows it to anyone, without a login.
    const { context: visitor, page: pub, errors: pubErrors } = await freshPage(browser(), `${JOURNEY}-public`);
    const publicSite = new PurchaseProcurementPage(pub);
    await publicSite.gotoPublicList();
    await publicSite.openPublic(shared.procurementTitle);
    expect(await pub.getByTestId('public-procurement-title').innerText()).toBe(shared.procurementTitle);
    expect(await pub.getByText('心理疏导').count()).toBeGreaterThan(0);
    expect(await pub.getByTestId('user-menu').count()).toBe(0);
    await screenshot(pub, JOURNEY, '09-public-procurement');
    expect(pubErrors).toEqual([]);
    await visitor.close();

    // 7. The result, then the contract: a term longer than 3 years is refused (R-CONTRACT-TERM).
    await proc.award(ORG);
    await proc.startContract();
    const contract = new PurchaseContractPage(page);
    await contract.fill({
      content: '困难群众帮扶、老年人服务等专业社会工作服务',
      startsOn: `${YEAR}-01-01`,
      endsOn: `${YEAR + 3}-01-01`,
      quantity: '每站每月入户走访不少于30户',
      quality: '服务对象满意度不低于90%',
      instalment: { dueOn: `${YEAR}-06-30`, amount: '300000' },
      rightsDuties: '甲方按期付款并监督；乙方按合同提供服务',
      liability: '乙方未按期安排社工到岗的，按日扣减服务费',
    });
    expect(await contract.termProblem.innerText()).toContain('R-CONTRACT-TERM');
    const termRefusal = await contract.save();
    expect(termRefusal).toContain('R-CONTRACT-TERM');
    await screenshot(page, JOURNEY, '10-contract-term-refused');
    await contract.setEnd(`${YEAR + 2}-12-31`);
    expect(await contract.save()).toBe('');
    shared.contractUrl = page.url();
    expect(await contract.missing.innerText()).toContain('必备内容已齐全');

    // 8. Signing: the on-post deadline is one month later.
    const today = chinaToday();
    await contract.sign(today);
    expect(await contract.onPostDeadline.innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);
    await screenshot(page, JOURNEY, '11-contract-signed');

    // 9. A payment, and the funding page shows it.
    await contract.gotoFunding();
    const before = await contract.fundingPaidFen();
    await page.goto(shared.contractUrl);
    await contract.title.waitFor();
    await contract.recordPayment('120000.50', today);
    expect(yuanTextToFen(await contract.paid.innerText())).toBe(12_000_050);
    await screenshot(page, JOURNEY, '12-contract-paid');
    await contract.gotoFunding();
    await expect.poll(() => contract.fundingPaidFen()).toBe(before + 12_000_050);
    await screenshot(page, JOURNEY, '13-funding');

    // 10. The contractor's own page lists the contract in its record (R-EVAL-USE).
    await page.goto(shared.contractUrl);
    const contractTitle = await contract.title.innerText();
    const orgs = new OrganizationsPage(page);
    await orgs.goto();
    await orgs.open(ORG);
    await page.getByTestId('org-contract-record').getByRole('link', { name: contractTitle }).waitFor();
    await screenshot(page, JOURNEY, '14-org-contract-record');

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('采购周期（手机 375 px）', () => {
  it('年度计划和合同页面在手机上不横向溢出', async () => {
    expect(shared.planUrl, 'the desktop journey ran first').not.toBe('');
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-phone`, 'demo-district', 'phone');

    const plans = new PurchasePlanPage(page);
    await plans.open(shared.planUrl);
    await page.getByTestId('plan-compare').waitFor();
    await screenshot(page, JOURNEY, 'phone-01-plan');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    const contract = new PurchaseContractPage(page);
    await page.goto(shared.contractUrl);
    await contract.title.waitFor();
    await screenshot(page, JOURNEY, 'phone-02-contract');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('tab', { name: '结算与付款' }).click();
    await page.getByTestId('contract-payments').waitFor();
    await screenshot(page, JOURNEY, 'phone-03-contract-payments');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
