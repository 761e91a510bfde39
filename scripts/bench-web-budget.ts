/**
 * The web app's JavaScript budget: gzip bytes of the JS a browser loads for the login page and
 * for the first page after login (the workbench at "/"), followed through Vite's manifest: the
 * entry, its static imports, the route's lazy chunk and that chunk's static imports.
 *
 *   npx tsx scripts/bench-web-budget.ts [--build] [--dir dist/web]
 *
 * Reads the existing build (builds first when there is none, or with --build); exits 1 when a
 * page is over its budget.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, Chunk>;

const KB = 1024;
const PAGES: { name: string; route: string; budget: number }[] = [
  { name: '登录页 /login', route: 'src/web/features/auth/LoginPage.tsx', budget: 250 * KB },
  { name: '登录后首页 / (工作台)', route: 'src/web/features/workbench/WorkbenchPage.tsx', budget: 350 * KB },
];
// Shown for information, without a budget: the heaviest everyday pages.
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
const manifestPath = path.join(dir, '.vite', 'manifest.json');
if (args.includes('--build') || !fs.existsSync(manifestPath)) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error(`no entry in ${manifestPath}`);

/** The chunk and everything it imports statically: what the browser must load before it runs. */
function closure(key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const k of chunk.imports ?? []) closure(k, into);
  return into;
}

const gzipSizes = new Map<string, number>();
function gzipSize(file: string): number {
  let n = gzipSizes.get(file);
  if (n === undefined) {
    n = zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length;
    gzipSizes.set(file, n);
  }
  return n;
}
const total = (files: Set<string>) => [...files].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipSize(f), 0);
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

const entry = closure(entryKey);
console.log(`Web JS budget (gzip -9) of ${path.relative(process.cwd(), dir)}: entry ${entryKey} and its static imports ${kb(total(entry))}`);
let over = false;
for (const p of PAGES) {
  const files = closure(p.route, new Set(entry));
  const size = total(files);
  const ok = size <= p.budget;
  over ||= !ok;
  console.log(`  ${ok ? 'ok  ' : 'OVER'} ${p.name.padEnd(22)} ${kb(size).padStart(10)}  budget ${kb(p.budget)}  (${files.size} files)`);
}
for (const route of OTHERS.filter((r) => manifest[r])) {
  console.log(`       ${path.basename(route, '.tsx').padEnd(22)} ${kb(total(closure(route, new Set(entry)))).padStart(10)}`);
}
if (over) {
  console.error('A page is over its JS budget: split what it does not need at first paint into lazy chunks.');
  process.exitCode = 1;
}
