/**
 * The web app's JavaScript budget: gzip bytes of the JS a browser loads for the login page and
 * for the first page after login (the workbench at "/", in the signed-in frame; the city's and
 * district's adds the coverage card), each held to its budget, as listed in
 * scripts/web-budget.ts and checked against Chromium by e2e/web-budget.e2e.ts.
 *
 *   npx tsx scripts/bench-web-budget.ts [--build] [--dir dist/web]
 *
 * Reads the existing build (builds into --dir first when there is none, or with --build);
 * exits 1 when a page is over its budget.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { KB, PAGES, entryKey, gzipSize, pageFiles, readManifest, type BudgetPage } from './web-budget';

// Shown for information, without a budget: the heaviest everyday pages, opened from the menu.
const OTHERS = [
  'src/web/features/stations/StationsPage.tsx',
  'src/web/features/clients/ClientsPage.tsx',
  'src/web/features/reports/ReportPage.tsx',
  'src/web/features/dashboards/DashboardsPage.tsx',
  'src/web/features/audit/AuditPage.tsx',
];

const args = process.argv.slice(2);
const dirArg = args.indexOf('--dir');
const dir = path.resolve(dirArg >= 0 ? (args[dirArg + 1] ?? 'dist/web') : 'dist/web');
if (args.includes('--build') || !fs.existsSync(path.join(dir, '.vite', 'manifest.json'))) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir'], { stdio: 'inherit' });
}
const manifest = readManifest(dir);

const total = (files: string[]) => files.reduce((sum, f) => sum + gzipSize(dir, f), 0);
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
const largest = (files: string[], n: number) =>
  [...files].sort((a, b) => gzipSize(dir, b) - gzipSize(dir, a)).slice(0, n).map((f) => `${path.basename(f)} ${kb(gzipSize(dir, f))}`).join(', ');

const entry = pageFiles(manifest, { key: 'login', name: 'entry', lazy: [], budget: 0 });
console.log(`Web JS budget (gzip -9) of ${path.relative(process.cwd(), dir) || '.'}: entry ${entryKey(manifest)} and its static imports ${kb(total(entry))}`);
let over = false;
for (const p of PAGES) {
  const files = pageFiles(manifest, p);
  const size = total(files);
  const ok = p.budget === null || size <= p.budget;
  over ||= !ok;
  const mark = p.budget === null ? 'info' : ok ? 'ok  ' : 'OVER';
  console.log(`  ${mark} ${p.name}  ${kb(size)}  ${p.budget === null ? '' : `budget ${kb(p.budget)}  `}(${files.length} files)`);
  console.log(`         largest: ${largest(files, 6)}`);
}
for (const route of OTHERS.filter((r) => manifest[r])) {
  const page: BudgetPage = { key: 'home', name: route, lazy: ['src/web/app/router.tsx', 'src/web/app/AppLayout.tsx', route], budget: 0 };
  console.log(`       ${path.basename(route, '.tsx').padEnd(22)} ${kb(total(pageFiles(manifest, page))).padStart(10)}`);
}
if (over) {
  console.error('A page is over its JS budget: split what it does not need at first paint into lazy chunks.');
  process.exitCode = 1;
}
