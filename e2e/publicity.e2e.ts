import { describe, expect, inject, it } from 'vitest';
import { newContext, screenshot, screenshotOnFailure } from './support/browser';
import { signedIn, useBrowser } from './support/journey';
import { chooseOption } from './support/antd';

// 五（五）: the station's social worker writes a story; submitting it with a client's phone in it
// is refused (R-PUBLICITY-PRIVACY); the worker removes it and submits; 环翠区民政局 (another person)
// publishes; the public station directory shows the story without any login.
const JOURNEY = 'publicity';
const TITLE = '海边的重阳节：社工陪老人包饺子';
const BRAND = '鲸园海边课堂';
const ZD_STATION = '环翠区竹岛街道社会工作服务站';
const ZD_BRAND = '竹岛海风课堂';
// A 1×1 PNG: the server checks a photo by its content.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');

const browser = useBrowser();
const baseUrl = inject('baseUrl');

describe('社工故事：撰写、隐私检查、区市审核发布、公开名录', () => {
  it('社工撰写 → 含电话被拦下 → 修改后提交 → 区民政局发布 → 名录不登录可见', async () => {
    const { context: workerContext, page, errors } = await signedIn(browser(), JOURNEY, 'demo-worker');
    await page.goto(`${baseUrl}/publicity`);
    await page.getByTestId('create-post').click();
    await page.getByLabel('标题').fill(TITLE);
    await page.getByLabel('正文').fill('重阳节这天，社工和志愿者陪老人们包饺子。有事请打13912345678。');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL('**/publicity/*', { waitUntil: 'commit' });
    // A photo where faces can be recognised, with no linked client's consent on file.
    await page.locator('input[type="file"][aria-label="上传照片"]').setInputFiles({ name: '包饺子.png', mimeType: 'image/png', buffer: PNG });
    const photos = page.getByTestId('post-photos');
    await photos.waitFor();
    // Each change is saved at once; the box shows what the server kept.
    await photos.getByLabel('照片1可辨认面部').click();
    await photos.getByLabel('照片1同意出自').waitFor();
    await page.getByTestId('submit-post').click();
    // The refusal's notice (the photos box names the rule too, so wait for the notice itself).
    await page.locator('.ant-notification-notice').getByText(/R-PUBLICITY-PRIVACY/).first().waitFor();
    expect(await page.getByText(/电话号码/).first().isVisible()).toBe(true);
    expect(await page.getByText(/张照片可辨认面部/).first().isVisible()).toBe(true);
    await screenshot(page, JOURNEY, '01-refused');
    await page.locator('.ant-notification-notice-close').first().click();
    await page.getByTestId('edit-post').click();
    await page.getByLabel('正文').fill('重阳节这天，社工和志愿者陪老人们包饺子，活动室里满是笑声。');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('post-body').getByText('满是笑声').waitFor();
    // No consent on file: the worker marks the photo as one without recognisable faces.
    await photos.getByLabel('照片1可辨认面部').click();
    await photos.getByLabel('照片1同意出自').waitFor({ state: 'detached' });
    await page.getByTestId('submit-post').click();
    await page.getByText('待审核').first().waitFor();
    const path = new URL(page.url()).pathname;
    await screenshot(page, JOURNEY, '02-submitted');
    // The station's service brand (服务品牌), shown on its public page at once.
    await page.goto(`${baseUrl}/publicity`);
    await page.getByTestId('create-brand').click();
    const brandDialog = page.getByRole('dialog', { name: '登记服务品牌' });
    await brandDialog.getByLabel('品牌名称').fill(BRAND);
    await brandDialog.getByLabel('品牌介绍').fill('暑期在海边为孩子们开设的安全和自然课堂。');
    await brandDialog.getByRole('button', { name: '保 存' }).or(brandDialog.getByRole('button', { name: '保存' })).click();
    await brandDialog.waitFor({ state: 'hidden' });
    await page.getByTestId('brands').getByText(BRAND).waitFor();
    expect(errors).toEqual([]);
    await workerContext.close();

    // The district filters to what waits for it; the filter lives in the URL, so a reload and
    // the back button from the post keep it.
    const { context: districtContext, page: district, errors: districtErrors } = await signedIn(browser(), JOURNEY, 'demo-district');
    await district.goto(`${baseUrl}/publicity`);
    const toReview = district.getByRole('checkbox', { name: '只看待我审核的' });
    // Controlled by the URL: the tick shows once the address has changed.
    await toReview.click();
    await district.waitForURL(/[?&]toReview=true/);
    await district.reload();
    await district.getByRole('link', { name: TITLE }).waitFor();
    expect(await toReview.isChecked()).toBe(true);
    await district.getByRole('link', { name: TITLE }).click();
    await district.waitForURL(`**${path}`);
    await district.getByTestId('publish-post').click();
    await district.getByText('已发布').first().waitFor();
    await screenshot(district, JOURNEY, '03-published');
    await district.goBack();
    await district.waitForURL(/\/publicity\?(.*&)?toReview=true/);
    await toReview.waitFor();
    expect(await toReview.isChecked()).toBe(true);
    // A brand for another station of the county: the station is found by a server search
    // (StationPicker), never by loading the county's whole list of stations.
    const stationQueries: string[] = [];
    district.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/stations') stationQueries.push(new URL(r.url()).search);
    });
    await district.getByTestId('create-brand').click();
    const districtBrand = district.getByRole('dialog', { name: '登记服务品牌' });
    await chooseOption(district, districtBrand, '品牌所属社工站', ZD_STATION);
    await districtBrand.getByLabel('品牌名称').fill(ZD_BRAND);
    await districtBrand.getByRole('button', { name: '保 存' }).or(districtBrand.getByRole('button', { name: '保存' })).click();
    await districtBrand.waitFor({ state: 'hidden' });
    await district.getByTestId('brands').getByText(ZD_BRAND).waitFor();
    expect(stationQueries.some((q) => new URLSearchParams(q).has('q'))).toBe(true);
    expect(stationQueries.filter((q) => Number(new URLSearchParams(q).get('pageSize')) > 20)).toEqual([]);
    expect(districtErrors).toEqual([]);
    await districtContext.close();

    // The public directory: no session at all, a phone.
    const publicContext = await newContext(browser(), 'phone', baseUrl);
    const visitor = await publicContext.newPage();
    screenshotOnFailure(visitor, JOURNEY);
    await visitor.goto(`${baseUrl}/stations-directory?q=${encodeURIComponent('鲸园')}`);
    expect(await visitor.title()).toContain('社会工作服务站名录');
    await visitor.getByRole('link', { name: '环翠区鲸园街道社会工作服务站' }).click();
    await visitor.getByText(BRAND).first().waitFor();
    await visitor.getByRole('link', { name: TITLE }).click();
    await visitor.getByRole('heading', { name: TITLE }).waitFor();
    expect(await visitor.content()).not.toContain('13912345678');
    await screenshot(visitor, JOURNEY, '04-public');
    await publicContext.close();
  });
});
