import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe';
import { screenshot, sidewaysOverflow } from './support/browser';
import { chinaToday, idNumber } from './support/data';
import { signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';

// "社工+志愿者": demo-worker (鲸园街道) registers a volunteer with her consent, a community
// activity lists her with 2 hours, the worker records those hours from the activity, issues the
// 志愿服务记录证明 (.docx) and prints it again as a 副本 with the same number. Then the register
// on a 375 px phone.
const JOURNEY = 'volunteers';

const browser = useBrowser();

async function documentXml(download: Download): Promise<string> {
  const file = await download.path();
  const fs = await import('node:fs');
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

/** Types a time into an Ant Design time picker found by its label, and leaves it. */
async function typeTime(page: Page, label: string, value: string): Promise<void> {
  const box = page.getByRole('dialog').getByLabel(label, { exact: true });
  await box.click();
  await box.fill(value);
  await box.press('Enter');
}

const today = chinaToday();
// Born 1996, 环翠区 area code; an even sequence number (female), varied per run.
const seq = String(200 + ((Date.now() % 300) * 2)).padStart(3, '0');
const volunteerId = idNumber(`37100219960512${seq}`);
const name = `于海${'燕玲霞'.charAt(Date.now() % 3)}`;
const topic = `旧衣回收日${seq}`;

describe('志愿者：登记、从活动记录时长、出具和补打证明', () => {
  it('驻站社工登记志愿者，记录社区活动的服务时长，下载证明和副本', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-worker');
    const shell = new AppShell(page);

    // A community activity of the station that lists the (not yet registered) volunteer by name,
    // as 小组活动 records it; sent through the API the page uses, with the session's token.
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const headers = { 'X-CSRF-Token': me.csrfToken };
    const group = (await (await page.request.post('/api/groups', { headers, data: { kind: 'community', name: '鲸园绿色家园' } })).json()) as { id: string };
    const session = await page.request.post(`/api/groups/${group.id}/sessions`, {
      headers, data: { date: today, topic, clientIds: [], volunteers: [{ name, hours: 2 }] },
    });
    expect(session.status()).toBe(200);

    // 1. Register her: consent date and scope are filled in, the ID number is masked once saved.
    await shell.navigate('志愿者');
    await page.getByRole('heading', { name: '志愿者', exact: true }).waitFor();
    await page.getByRole('button', { name: '登记志愿者' }).click();
    const drawer = page.getByTestId('volunteer-form');
    await drawer.getByLabel('姓名', { exact: true }).fill(name);
    await drawer.getByLabel('身份证号', { exact: true }).fill(volunteerId);
    await drawer.getByLabel('电话', { exact: true }).fill('13963100123');
    await drawer.getByLabel('可服务时间').fill('周六上午');
    await screenshot(page, JOURNEY, '01-register');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain(`3710**********${volunteerId.slice(-4)}`);
    expect(await row.innerText()).not.toContain(volunteerId);

    // 2. Record her hours from the activity: matched by name, 2 hours within 14:00–16:00.
    await page.getByRole('button', { name: '从活动记录时长' }).click();
    const card = page.getByTestId('volunteer-source').filter({ hasText: topic });
    await card.getByText(`${name} 2h`).waitFor();
    await card.getByRole('button', { name: '记录时长' }).click();
    await typeTime(page, '开始时间', '14:00');
    await typeTime(page, '结束时间', '16:00');
    await screenshot(page, JOURNEY, '02-from-activity');
    await page.getByRole('dialog').getByRole('button', { name: '记录时长' }).click();
    await page.getByText('已记录 1 人').waitFor();
    await card.getByText(`${name} 2h · 已记录`).waitFor();

    // 3. Her page: the record, certified by the station; issue the certificate, which downloads.
    await shell.navigate('志愿者');
    await page.getByRole('link', { name, exact: true }).first().click();
    await page.getByTestId('volunteer-total-hours').filter({ hasText: /^2$/ }).waitFor();
    await page.getByText(`鲸园绿色家园：${topic}`).waitFor();
    await page.getByRole('button', { name: '出具证明' }).click();
    const [original] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('dialog').getByRole('button', { name: '出具证明' }).click(),
    ]);
    expect(original.suggestedFilename()).toMatch(/^志愿服务记录证明.*\.docx$/);
    const first = await documentXml(original);
    expect(first).toContain(name);
    expect(first).toContain(`3710**********${volunteerId.slice(-4)}`);
    expect(first).not.toContain('副本');
    const number = /鲸园街道社工站志证〔\d{4}〕第\d{4}号/.exec(first)?.[0] ?? '';
    expect(number).not.toBe('');
    const issued = page.getByTestId('volunteer-certificate').filter({ hasText: number });
    await issued.waitFor();
    await screenshot(page, JOURNEY, '03-certificate');

    // 4. A reprint is a 副本 with the same number.
    const [copy] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '补打（副本）' }).click()]);
    expect(copy.suggestedFilename()).toContain('副本');
    const second = await documentXml(copy);
    expect(second).toContain('副本');
    expect(second).toContain(number);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('手机（375 px）：志愿者名册、队伍和档案不横向溢出，无严重无障碍问题', async () => {
    const { context, page, errors } = await signedIn(browser(), `${JOURNEY}-phone`, 'demo-worker', 'phone');
    const shell = new AppShell(page);
    for (const [menu, heading, cards] of [
      ['志愿者', '志愿者', 'volunteer-cards'],
      ['志愿服务队', '志愿服务队与社区社会组织', null],
    ] as const) {
      await shell.openPhoneMenu();
      await shell.navigate(menu);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
      if (cards) await page.getByTestId(cards).waitFor();
      await screenshot(page, `${JOURNEY}-phone`, menu);
      expect(await sidewaysOverflow(page), menu).toBeLessThanOrEqual(0);
      expect(describeViolations(await seriousViolations(page)), menu).toBe('');
    }
    // A volunteer's page: masked ID, records and certificates as cards.
    await shell.openPhoneMenu();
    await shell.navigate('志愿者');
    await page.getByTestId('volunteer-cards').getByRole('link').first().click();
    await page.getByText('基本信息').waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
    await screenshot(page, `${JOURNEY}-phone`, 'volunteer');
    expect(await sidewaysOverflow(page), 'volunteer').toBeLessThanOrEqual(0);
    expect(describeViolations(await seriousViolations(page)), 'volunteer').toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});
