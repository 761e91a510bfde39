import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: root index.html, entry src/web/main.tsx, built into dist/web for the server to serve.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // antd and echarts are big libraries by nature; the pages themselves are split per route.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
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
