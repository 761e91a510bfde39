import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWebDir } from '../src/server/testing/e2e-server';
import { PAGES, pageFiles, readManifest, type BudgetPage } from '../scripts/web-budget';
import { collectPageErrors, type Device } from './support/browser';
import { apiSignedIn, freshPage, useBrowser } from './support/journey';
import { WorkbenchPage } from './support/pages/WorkbenchPage';

// The JS budget (scripts/bench-web-budget.ts) adds up files it follows through the build
// manifest. Here Chromium opens each budgeted page cold and the script's list must be exactly
// the scripts the browser fetched: a page that starts loading another chunk at first paint,
// or a chunk the script counts that nobody loads, fails until scripts/web-budget.ts says so.

const JOURNEY = 'web-budget';
const browser = useBrowser();
const manifest = readManifest(e2eWebDir());

function page(key: BudgetPage['key']): BudgetPage {
  const p = PAGES.find((x) => x.key === key);
  if (!p) throw new Error(`no budget page ${key}`);
  return p;
}

/** The built scripts the page fetches, as manifest file names (assets/….js). */
function recordScripts(p: Page): Set<string> {
  const files = new Set<string>();
  p.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) files.add(pathname.slice(1));
  });
  return files;
}

/** Signs in through the API (the context keeps the cookie), then opens "/" cold. */
async function openHome(username: string, device: Device, shown?: (p: Page) => Promise<void>): Promise<{ files: Set<string>; errors: string[] }> {
  const { context } = await apiSignedIn(browser(), username, device);
  const p = await context.newPage();
  const errors = collectPageErrors(p);
  const files = recordScripts(p);
  await p.goto('/');
  await new WorkbenchPage(p).waitUntilShown();
  await shown?.(p);
  // Nothing more is fetched: the lazy chunks the first paint starts are all in.
  await p.waitForLoadState('networkidle');
  await context.close();
  return { files, errors };
}

const sorted = (s: Iterable<string>) => [...s].sort();

describe('JS 预算脚本统计的文件即浏览器实际加载的文件', () => {
  it('登录页', async () => {
    const { context, page: p, errors } = await freshPage(browser(), JOURNEY);
    const files = recordScripts(p);
    await p.goto('/login');
    await p.getByRole('button', { name: '登录', exact: true }).waitFor();
    await p.waitForLoadState('networkidle');
    expect(sorted(files)).toEqual(sorted(pageFiles(manifest, page('login'))));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('社工登录后的首页（手机）', async () => {
    const { files, errors } = await openHome('demo-worker', 'phone');
    expect(sorted(files)).toEqual(sorted(pageFiles(manifest, page('home'))));
    expect(errors).toEqual([]);
  });

  it('区市民政部门登录后的首页（含覆盖率卡；柱状图点开才加载）', async () => {
    const { files, errors } = await openHome('demo-district', 'desktop', async (p) => {
      await p.getByRole('table', { name: '各区市明细' }).waitFor();
    });
    expect(sorted(files)).toEqual(sorted(pageFiles(manifest, page('home-coverage'))));
    expect(errors).toEqual([]);
  });
});
