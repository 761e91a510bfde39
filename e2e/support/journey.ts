import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { collectPageErrors, launchBrowser, newContext, screenshotOnFailure, type Device } from './browser';
import { LoginPage } from './pages/LoginPage';
import { WorkbenchPage } from './pages/WorkbenchPage';

/** One browser for a journey file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll');
    return browser;
  };
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors: a journey ends by expecting none. */
  errors: string[];
}

/**
 * A new context signed in as a demo user and on the workbench, as every journey starts: page
 * errors collected and a screenshot left behind if the test fails.
 */
export async function signedIn(browser: Browser, journey: string, username: string, device: Device = 'desktop'): Promise<SignedIn> {
  const context = await newContext(browser, device, inject('baseUrl'));
  const page = await context.newPage();
  screenshotOnFailure(page, journey);
  const errors = collectPageErrors(page);
  await new LoginPage(page).goto();
  await new LoginPage(page).login(username);
  await new WorkbenchPage(page).waitUntilShown();
  return { context, page, errors };
}
