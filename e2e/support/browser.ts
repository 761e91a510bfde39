import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

/** Debian's Chromium (apt-get install chromium); no browser download at test time. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type Device = 'desktop' | 'phone';

const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  // A social worker's phone.
  phone: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;

export async function newContext(browser: Browser, device: Device, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...DEVICES[device],
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  // Every step is a local round trip, but the server, the browser and the runner share 2 cores:
  // 30 s absorbs a busy machine and still fails a stuck step well before the test times out.
  context.setDefaultTimeout(30_000);
  return context;
}

const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/** Saves test-results/screenshots/<journey>-<step>.png, for a person to look at afterwards. */
export async function screenshot(page: Page, journey: string, step: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${journey}-${step}.png`);
  // Let transitions (drawers, messages) settle so the picture shows the resting state.
  await page.waitForTimeout(350);
  // A full-page capture scrolls under an open dialog and garbles it: then take the viewport only.
  const dialogOpen = await page.locator('.ant-modal-wrap:visible, .ant-drawer-content-wrapper:visible').count();
  // Sticky header and menu would be drawn mid-page in a full capture of a scrolled page.
  if (dialogOpen === 0) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: dialogOpen === 0 });
  return file;
}

/** Call inside a test: a failing step leaves test-results/screenshots/<journey>-failure.png behind. */
export function screenshotOnFailure(page: Page, journey: string): void {
  onTestFailed(async () => {
    await screenshot(page, journey, 'failure').catch(() => undefined);
  });
}

/** Uncaught page errors fail the journey: a blank page with a console error is not a pass. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** How far the page is wider than the window: above 0, a phone user must scroll sideways. */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
