import { describe, expect, it } from 'vitest';
import { chooseOption } from './support/antd';
import { screenshot } from './support/browser';
import { signedIn, useBrowser } from './support/journey';
import { AppShell } from './support/pages/AppShell';

// 服务场所使用: a station worker registers a room and books it; a clashing booking is refused with
// a message naming the booking in the way.
// 二（四） R-SYS-FIVE: 环翠区 registers its financial management system with the text attached;
// the city's completeness view shows it in force for 环翠区, no finding for it, and the others' gaps.
const JOURNEY = 'venues-systems';
const TITLE = '环翠区社工站项目资金管理办法';
const VERSION = '2026年修订版';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

const browser = useBrowser();

describe('五项制度', () => {
  it('区市登记制度文件并上传正文 → 市民政局的完备情况显示现行有效', async () => {
    const { context: countyContext, page, errors } = await signedIn(browser(), JOURNEY, 'demo-district');
    await new AppShell(page).navigate('五项制度');
    await page.getByRole('heading', { name: '五项制度' }).waitFor();
    // Before: 环翠区 has no financial system, and the finding says so with its clause.
    const findings = page.getByTestId('systems-findings');
    await findings.getByText('环翠区尚未建立财务管理制度').waitFor();
    await page.getByRole('button', { name: '登记制度文件' }).click();
    const dialog = page.getByRole('dialog', { name: '登记制度文件' });
    await chooseOption(page, dialog, '制度类别', '财务管理制度');
    await dialog.getByLabel('制度名称').fill(TITLE);
    await dialog.getByLabel('版本').fill(VERSION);
    await dialog.getByLabel('批准机关或会议').fill('环翠区民政局局务会');
    await dialog.getByLabel('制度正文').setInputFiles({ name: '资金管理办法.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByRole('button', { name: '登记' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('systems-documents').getByRole('link', { name: '资金管理办法.pdf' }).waitFor();
    expect(await findings.getByText('环翠区尚未建立财务管理制度').count()).toBe(0);
    await screenshot(page, JOURNEY, '01-county-registered');

    const { context: cityContext, page: cityPage, errors: cityErrors } = await signedIn(browser(), JOURNEY, 'demo-city');
    await new AppShell(cityPage).navigate('五项制度');
    const cell = cityPage.getByTestId('cell-371002-finance');
    await cell.getByText('现行有效').waitFor();
    expect(await cell.innerText()).toContain(VERSION);
    expect(await cityPage.getByTestId('cell-371003-finance').innerText()).toContain('缺失');
    const cityFindings = cityPage.getByTestId('systems-findings');
    await cityFindings.getByText('文登区尚未建立财务管理制度').waitFor();
    expect(await cityFindings.getByTestId('rule-id').first().innerText()).toBe('R-SYS-FIVE');
    expect(await cityFindings.getByText('环翠区尚未建立财务管理制度').count()).toBe(0);
    await cityPage.getByTestId('systems-documents').getByText(TITLE).waitFor();
    await screenshot(cityPage, JOURNEY, '02-city-completeness');
    expect(errors).toEqual([]);
    expect(cityErrors).toEqual([]);
    await countyContext.close();
    await cityContext.close();
  });

  it('正文未能上传时制度文件仍已登记 → 在列表中补传正文', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-district');
    await new AppShell(page).navigate('五项制度');
    await page.getByRole('button', { name: '登记制度文件' }).click();
    const dialog = page.getByRole('dialog', { name: '登记制度文件' });
    await chooseOption(page, dialog, '制度类别', '服务对象数据库管理制度');
    await dialog.getByLabel('制度名称').fill('环翠区服务对象数据库管理办法');
    await dialog.getByLabel('版本').fill('2026年补传版');
    await dialog.getByLabel('批准机关或会议').fill('环翠区民政局局务会');
    // A web page named .pdf: the server reads the content and refuses it, after the document is registered.
    await dialog.getByLabel('制度正文').setInputFiles({ name: '数据库管理办法.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><body>not a pdf</body></html>') });
    await dialog.getByRole('button', { name: '登记' }).click();
    const warning = page.getByRole('dialog', { name: '制度文件已登记，但正文未上传' });
    await warning.getByText('文件类型不受支持', { exact: false }).waitFor();
    await warning.getByRole('button', { name: '知道了' }).click();
    const docs = page.getByTestId('systems-documents');
    await docs.getByText('环翠区服务对象数据库管理办法').waitFor();
    await docs.locator('input[type=file][aria-label="2026年补传版的正文"]').setInputFiles({ name: '数据库管理办法.pdf', mimeType: 'application/pdf', buffer: PDF });
    await docs.getByRole('link', { name: '数据库管理办法.pdf' }).waitFor();
    await screenshot(page, JOURNEY, '03-county-text-attached-later');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('社工登记场所并预约 → 冲突的预约被拒绝并说明原因', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-worker');
    await new AppShell(page).navigate('服务场所');
    await page.getByRole('heading', { name: '服务场所使用' }).waitFor();
    await page.getByRole('button', { name: '登记场所' }).click();
    const roomDialog = page.getByRole('dialog', { name: '登记场所' });
    await roomDialog.getByLabel('场所名称').fill('多功能活动室');
    await roomDialog.getByRole('button', { name: '登 记' }).or(roomDialog.getByRole('button', { name: '登记' })).click();
    await roomDialog.waitFor({ state: 'hidden' });
    await page.getByTestId('venue-rooms').getByText('多功能活动室').waitFor();

    // Next Monday (China time), 09:00–11:00, then a clash at 10:00–12:00.
    const now = new Date(Date.now() + 8 * 3600 * 1000);
    const monday = new Date(now.getTime() + (((8 - now.getUTCDay()) % 7) + 7) * 86400 * 1000).toISOString().slice(0, 10);
    const bookRoom = async (who: string, from: string, to: string) => {
      await page.getByRole('button', { name: '预约场所' }).click();
      const dialog = page.getByRole('dialog', { name: '预约多功能活动室' });
      await dialog.getByLabel('预约单位或团队').fill(who);
      await dialog.getByLabel('用途').fill('志愿者培训');
      await dialog.getByLabel('开始时间').fill(`${monday}T${from}`);
      await dialog.getByLabel('结束时间').fill(`${monday}T${to}`);
      await dialog.getByRole('button', { name: '预 约' }).or(dialog.getByRole('button', { name: '预约' })).click();
      return dialog;
    };
    const first = await bookRoom('鲸园青年志愿服务队', '09:00', '11:00');
    await first.waitFor({ state: 'hidden' });
    await page.getByTestId('venue-bookings').getByText('鲸园青年志愿服务队').waitFor();
    const second = await bookRoom('鲸园社区卫生服务站', '10:00', '12:00');
    await page.getByText('多功能活动室在该时段已被预约').first().waitFor();
    expect(await page.getByText('鲸园青年志愿服务队（志愿者培训）').count()).toBeGreaterThan(0);
    await screenshot(page, JOURNEY, '03-booking-clash');
    expect(await second.isVisible()).toBe(true);
    expect(await page.getByTestId('venue-bookings').getByText('鲸园社区卫生服务站').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('区市民政部门选择社工站（输入名称查找）→ 为该站登记场所、只看到该站的场所、按周翻看预约', async () => {
    const { context, page, errors } = await signedIn(browser(), JOURNEY, 'demo-district');
    await new AppShell(page).navigate('服务场所');
    await page.getByRole('heading', { name: '服务场所使用' }).waitFor();
    await chooseOption(page, page, '选择社工站', '环翠区竹岛街道社会工作服务站');
    // The room is registered for the station picked on the page.
    await page.getByRole('button', { name: '登记场所' }).click();
    const dialog = page.getByRole('dialog', { name: '登记场所' });
    expect(await dialog.getByTitle('环翠区竹岛街道社会工作服务站').count()).toBeGreaterThan(0);
    await dialog.getByLabel('场所名称').fill('竹岛社区议事厅');
    await dialog.getByRole('button', { name: '登 记' }).or(dialog.getByRole('button', { name: '登记' })).click();
    await dialog.waitFor({ state: 'hidden' });
    const rooms = page.getByTestId('venue-rooms');
    await rooms.getByText('竹岛社区议事厅').waitFor();
    // Only the picked station's rooms (the worker's room at 鲸园 is not among them).
    expect(await rooms.getByText('环翠区鲸园街道社会工作服务站').count()).toBe(0);
    expect(await rooms.getByText('环翠区竹岛街道社会工作服务站').count()).toBeGreaterThan(0);
    // The bookings come a week at a time; the next week is one click away.
    const shownWeek = await page.getByTestId('booking-window').innerText();
    await page.getByRole('button', { name: '下一周' }).click();
    await page.waitForFunction((before) => document.querySelector('[data-testid="booking-window"]')?.textContent !== before, shownWeek);
    await screenshot(page, JOURNEY, '04-district-station-picker');
    expect(errors).toEqual([]);
    await context.close();
  });
});
