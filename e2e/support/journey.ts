import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { collectPageErrors, launchBrowser, newContext, screenshotOnFailure, type Device } from './browser';
import { DEMO_PASSWORD, LoginPage } from './pages/LoginPage';
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

/** A folder for the files a journey file writes (workbooks, downloads), removed after its tests. */
export function useWorkDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors: a journey ends by expecting none. */
  errors: string[];
}

/**
 * A new context and page, not signed in (the login page itself, a public page, a deep link):
 * page errors collected and a screenshot left behind if the test fails.
 */
export async function freshPage(browser: Browser, journey: string, device: Device = 'desktop'): Promise<SignedIn> {
  const context = await newContext(browser, device, inject('baseUrl'));
  const page = await context.newPage();
  screenshotOnFailure(page, journey);
  const errors = collectPageErrors(page);
  return { context, page, errors };
}

export interface SignInOptions {
  device?: Device;
  /**
   * Business roles land on the workbench, which is waited for; the three administrators land on
   * their own first page (users, policy, audit log): `lands: 'anywhere'` waits only for the
   * signed-in frame.
   */
  lands?: 'workbench' | 'anywhere';
}

/**
 * A new context signed in as a demo user and on the workbench, as every journey starts: page
 * errors collected and a screenshot left behind if the test fails.
 */
export async function signedIn(browser: Browser, journey: string, username: string, options: Device | SignInOptions = {}): Promise<SignedIn> {
  const { device = 'desktop', lands = 'workbench' } = typeof options === 'string' ? { device: options } : options;
  const signed = await freshPage(browser, journey, device);
  const login = new LoginPage(signed.page);
  await login.goto();
  await login.login(username);
  if (lands === 'workbench') await new WorkbenchPage(signed.page).waitUntilShown();
  return signed;
}

export interface ApiSession {
  context: BrowserContext;
  request: APIRequestContext;
  /** The session's CSRF token, for the requests that change something. */
  headers: { 'X-CSRF-Token': string };
}

/** A new context signed in through the API only (the cookie is the context's), for set-up steps as a page would send them. */
export async function apiSignedIn(browser: Browser, username: string, device: Device = 'desktop'): Promise<ApiSession> {
  const context = await newContext(browser, device, inject('baseUrl'));
  const login = await context.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { context, request: context.request, headers: { 'X-CSRF-Token': csrfToken } };
}
