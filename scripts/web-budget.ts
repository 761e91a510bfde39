/**
 * What a browser loads for each budgeted page of the web app, followed through Vite's build
 * manifest: the entry (index.html's script and its static imports, which Vite modulepreloads),
 * then each lazy module the page renders at first paint with its own static imports (Vite's
 * preload helper fetches those along with the dynamic import). Shared by the budget script
 * (scripts/bench-web-budget.ts) and the browser journey that checks these lists against what
 * Chromium really fetches (e2e/web-budget.e2e.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
export type Manifest = Record<string, ManifestChunk>;

export const KB = 1024;

export interface BudgetPage {
  key: 'login' | 'home' | 'home-coverage';
  name: string;
  /** The lazy modules the page renders at first paint, in the order the router reaches them. */
  lazy: string[];
  /** null: measured and printed, not held to a budget. */
  budget: number | null;
}

// The table of every route but /login, then the signed-in frame (menu, header).
const ROUTES = 'src/web/app/router.tsx';
const APP_LAYOUT = 'src/web/app/AppLayout.tsx';
const WORKBENCH = 'src/web/features/workbench/WorkbenchPage.tsx';

export const PAGES: BudgetPage[] = [
  { key: 'login', name: '登录页 /login', lazy: ['src/web/features/auth/LoginPage.tsx'], budget: 250 * KB },
  // Every role lands on "/" (工作台) in the signed-in frame: a fresh load of it after login.
  { key: 'home', name: '登录后首页 /（社工、镇街、机构…）', lazy: [ROUTES, APP_LAYOUT, WORKBENCH], budget: 350 * KB },
  // The city's and district's home adds the coverage card: plain markup (a ring, a table with a
  // bar per county). Its ECharts view (~180 KB gzip) loads only when the user opens the chart.
  {
    key: 'home-coverage',
    name: '登录后首页 /（市、区县：含覆盖率卡）',
    lazy: [ROUTES, APP_LAYOUT, WORKBENCH, 'src/web/features/dashboard/CoverageCard.tsx'],
    budget: 350 * KB,
  },
];

export function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

export function entryKey(manifest: Manifest): string {
  const key = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!key) throw new Error('no entry in the build manifest');
  return key;
}

/** The chunk and everything it imports statically: what the browser must load before it runs. */
function closure(manifest: Manifest, key: string, into: Set<string>): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest`);
  if (into.has(key)) return into;
  into.add(key);
  for (const k of chunk.imports ?? []) closure(manifest, k, into);
  return into;
}

/**
 * The JS files of a page. Each lazy module must be a dynamic import of a chunk already loaded
 * (so the list follows the code: a module made static or moved elsewhere fails here rather
 * than being counted where the browser would not fetch it).
 */
export function pageFiles(manifest: Manifest, page: BudgetPage): string[] {
  const keys = closure(manifest, entryKey(manifest), new Set());
  for (const lazy of page.lazy) {
    const reached = [...keys].some((k) => manifest[k]?.dynamicImports?.includes(lazy));
    if (!reached) throw new Error(`${page.name}: ${lazy} is not a dynamic import of what the page has loaded so far`);
    closure(manifest, lazy, keys);
  }
  return [...keys].map((k) => manifest[k]?.file ?? k).filter((f) => f.endsWith('.js'));
}

const gzipSizes = new Map<string, number>();
/** gzip -9 bytes of a built file (the server sends the precompressed .gz or the smaller .br). */
export function gzipSize(dir: string, file: string): number {
  const full = path.join(dir, file);
  let n = gzipSizes.get(full);
  if (n === undefined) {
    n = zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length;
    gzipSizes.set(full, n);
  }
  return n;
}
