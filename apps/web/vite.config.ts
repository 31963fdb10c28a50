import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const repo = resolve(__dirname, '../..');

/**
 * The web UI: three pages (agent desktop, supervisor view, customer widget) built into
 * `dist/web`, which the Switchboard app serves. Preact through esbuild's JSX transform: no
 * Babel, no plugin. `npm run web:dev` serves the sources and forwards the API and socket.io to
 * an app on :3000.
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  resolve: {
    alias: {
      '@switchboard/client': resolve(repo, 'libs/client/src'),
      '@switchboard/contracts': resolve(repo, 'libs/contracts/src'),
    },
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: resolve(repo, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        index: resolve(__dirname, 'index.html'),
        agent: resolve(__dirname, 'agent/index.html'),
        supervisor: resolve(__dirname, 'supervisor/index.html'),
        widget: resolve(__dirname, 'widget/index.html'),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/v1': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
