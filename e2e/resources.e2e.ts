import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption } from './support/antd';
import { screenshot, sidewaysOverflow } from './support/browser';
import { freshPage, signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';
import { LoginPage } from './support/pages/LoginPage';

// 慈善资源与需求对接 (二（一）5): demo-worker (鲸园街道) raises a need and registers an offer, finds
// it among the suggestions and proposes the match; demo-org confirms it (a second person) and
// approves the public text; the worker uploads a photo and records the delivery; the public wall
// shows the need and then the thanks, with nothing of what the description said about a person.
// Then the pages on a 375 px phone.
const JOURNEY = 'resources';

const browser = useBrowser();

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);
const seq = String(Date.now() % 100000).padStart(5, '0');
const needTitle = `独居老人冬衣${seq}`;
const donor = `威海瑞丰商贸有限公司${seq}`;
const thanksName = `瑞丰商贸${seq}`;
const secretName = '王秀英';
const secretPhone = '13906310000';
const publicText = `鲸园街道一位独居老人需要冬季棉衣（${seq}）`;
let needUrl = '';

async function settle(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 6_000 }).catch(() => undefined);
}

describe('慈善资源：登记需求和资源、对接、确认、交付、公示', () => {
  it('社工提出对接，另一人确认并审核公示，交付附照片，公示墙不含个人信息', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-worker');
    const login = new LoginPage(page);
    const shell = new AppShell(page);

    // 1. The worker raises a community need for her own station; the description names a person.
    await shell.navigate('需求与对接');
    await page.getByRole('heading', { name: '需求与对接', exact: true }).waitFor();
    await page.getByRole('button', { name: '登记需求' }).click();
    const needForm = page.getByTestId('need-drawer');
    await needForm.getByLabel('需求名称', { exact: true }).fill(needTitle);
    await needForm.getByLabel('数量', { exact: true }).fill('5');
    await needForm.getByLabel('需求说明（仅管辖范围内可见，不公开）').fill(`${secretName}老人独居，电话${secretPhone}，需要棉衣`);
    await screenshot(page, JOURNEY, '01-need');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: needTitle }).waitFor();
    needUrl = new URL(page.url()).pathname;

    // 2. An enterprise's offer of coats, thanked publicly under a short name.
    await shell.navigate('慈善资源');
    await page.getByRole('button', { name: '登记资源' }).click();
    const offerForm = page.getByTestId('offer-drawer');
    await offerForm.getByLabel('提供方名称', { exact: true }).fill(donor);
    await offerForm.getByLabel('物资或服务名称', { exact: true }).fill('棉衣');
    await offerForm.getByLabel('数量', { exact: true }).fill('10');
    await offerForm.getByLabel('捐赠人同意在公示墙致谢').click();
    await offerForm.getByLabel('致谢使用的名称', { exact: true }).fill(thanksName);
    await screenshot(page, JOURNEY, '02-offer');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: new RegExp(donor) }).waitFor();

    // 3. Back on the need: the offer is suggested; the worker proposes the match.
    await page.goto(needUrl);
    const suggestion = page.getByTestId('suggestion').filter({ hasText: donor });
    await suggestion.waitFor();
    await suggestion.getByRole('button', { name: '提出对接' }).click();
    await page.getByTestId('propose-drawer').getByLabel('数量', { exact: true }).fill('5');
    await page.getByRole('dialog').getByRole('button', { name: '提出对接' }).click();
    const match = page.getByTestId('match-card').filter({ hasText: donor });
    await match.getByText('待确认').waitFor();
    expect(await match.getByRole('button', { name: '确认对接' }).count()).toBe(0);

    // 4. The public text: a phone number is refused with the rule; a plain sentence goes to review.
    const wall = page.getByTestId('public-section');
    await wall.getByLabel('公示文字').fill(`请联系${secretPhone}`);
    await wall.getByRole('button', { name: '提交审核' }).click();
    const refusal = page.getByTestId('resource-refusal');
    await refusal.getByTestId('rule-id').filter({ hasText: 'R-RESOURCES-PUBLIC' }).waitFor();
    expect(await refusal.innerText()).toContain('电话号码');
    await wall.getByLabel('公示文字').fill(publicText);
    await wall.getByRole('button', { name: '提交审核' }).click();
    await wall.getByText('待审核公开').waitFor();
    await screenshot(page, JOURNEY, '03-proposed');
    await settle(page);
    await shell.logout();

    // 5. The organisation manager confirms the match and publishes the text.
    await login.login('demo-org');
    await page.goto(needUrl);
    await match.getByRole('button', { name: '确认对接' }).click();
    await match.getByText('已确认').waitFor();
    await page.getByTestId('public-section').getByRole('button', { name: '审核通过并公开' }).click();
    await page.getByTestId('public-section').getByText('已公开').waitFor();
    await screenshot(page, JOURNEY, '04-confirmed');

    // The wall, without a login, shows the need's public text only.
    const { context: anon, page: visitor, errors: visitorErrors } = await freshPage(browser(), `${JOURNEY}-wall`);
    await visitor.goto('/public/resources');
    await visitor.getByTestId('wall-need').filter({ hasText: publicText }).waitFor();
    await settle(page);
    await shell.logout();

    // 6. The worker uploads a photo and records the delivery, which meets the need.
    await login.login('demo-worker');
    await page.goto(needUrl);
    await match.locator('input[type="file"]').setInputFiles({ name: '交付照片.png', mimeType: 'image/png', buffer: PNG });
    await match.getByText('交付照片.png').waitFor();
    await match.getByRole('button', { name: '登记交付' }).click();
    const deliver = page.getByTestId('deliver-drawer');
    await deliver.getByLabel('数量', { exact: true }).fill('5');
    // The photo goes on the wall only with the consent of the people in it.
    await chooseOption(page, deliver, '在公示墙展示的照片（可不选）', '交付照片.png');
    await deliver.getByLabel('照片中的人已同意在公示墙展示').check();
    await page.getByRole('dialog').getByRole('button', { name: '登记交付' }).click();
    await match.getByText('已交付').waitFor();
    await page.getByText('已满足').first().waitFor();
    await screenshot(page, JOURNEY, '05-delivered');

    // 7. The wall thanks the donor by the name agreed; no one's name or phone, not the donor's full name.
    await visitor.reload();
    const thanks = visitor.getByTestId('wall-thank').filter({ hasText: thanksName });
    await thanks.waitFor();
    const photo = thanks.getByRole('img', { name: '交付现场照片（经同意公开）' });
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(visitor, JOURNEY, '06-wall');
    const shown = await visitor.locator('body').innerText();
    for (const secret of [secretName, secretPhone, donor]) expect(shown).not.toContain(secret);
    await anon.close();
    expect(errors).toEqual([]);
    expect(visitorErrors).toEqual([]);
    await context.close();
  });

  it('手机（375 px）：需求、资源、需求详情和公示墙不横向溢出', async () => {
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-phone`, 'demo-worker', 'phone');
    const shell = new AppShell(page);
    for (const [menu, cards] of [['需求与对接', 'need-cards'], ['慈善资源', 'offer-cards']] as const) {
      await shell.openPhoneMenu();
      await shell.navigate(menu);
      await page.getByRole('heading', { name: menu, exact: true }).waitFor();
      await page.getByTestId(cards).waitFor();
      await screenshot(page, `${JOURNEY}-phone`, menu);
      expect(await sidewaysOverflow(page), menu).toBeLessThanOrEqual(0);
    }
    await page.goto(needUrl || '/resources/needs');
    await page.getByTestId('public-section').or(page.getByTestId('need-cards')).first().waitFor();
    await screenshot(page, `${JOURNEY}-phone`, 'need');
    expect(await sidewaysOverflow(page), 'need page').toBeLessThanOrEqual(0);
    await page.goto('/public/resources');
    await page.getByRole('heading', { name: '爱心公示墙' }).waitFor();
    await screenshot(page, `${JOURNEY}-phone`, 'wall');
    expect(await sidewaysOverflow(page), 'wall').toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
