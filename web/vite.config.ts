import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The explorer UI: plain TypeScript modules + Cytoscape, built into web/dist (served by the server at /). */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    // The export of what the lineage view shows writes CSV with the server's own writer
    // (server/format/csv.ts); csv-stringify's Node build needs Buffer, its browser build carries one.
    alias: { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Cytoscape alone is ~400 kB minified; one chunk is fine for an internal tool.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite web` during development: the API of a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000', '/openapi.json': 'http://127.0.0.1:3000' },
  },
});
