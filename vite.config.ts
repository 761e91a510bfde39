import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes <file>.br and <file>.gz beside every text asset over 1 KB once the build is written,
 * at the highest levels (paid once here, not per request): the server sends the variant the
 * browser accepts (@fastify/static preCompressed).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'sgz-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json)$/.test(f))) {
        // Another build emptying the folder meanwhile (a shared working tree) is not this build's error.
        const content = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
        if (content.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

// The web app: root index.html, entry src/web/main.tsx, built into dist/web for the server to serve.
export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // .vite/manifest.json: which chunks each page loads, read by scripts/bench-web-budget.ts.
    manifest: true,
    // antd and echarts are big libraries by nature; the pages themselves are split per route.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The shared definitions (contracts, rules, labels) and the locale's sections only define
      // values: a module none of whose exports a page uses is left out of that page's chunks,
      // even when it builds zod schemas at load (a side effect the bundler must otherwise assume).
      // zod-locale.ts really configures zod, and keeps the default.
      treeshake: {
        moduleSideEffects: (id) =>
          /[\\/]src[\\/](shared|web[\\/]i18n)[\\/]/.test(id) && !/zod-locale/.test(id) ? false : undefined,
      },
      output: {
        // Stable libraries in their own long-cached chunks; antd stays split by what each page uses.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 4173 },
});
