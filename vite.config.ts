import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer lives in renderer/ (its index.html included) so the repo root stays for the
// other layers. base './' because Electron loads the build from file:// and browser mode
// serves it from '/': relative asset URLs work in both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or eval: the CSP is `script-src 'self'`.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    // Monaco's editor core (renderer/editor/monaco.ts: the API plus a few contributions) is one
    // lazily loaded chunk of ~3.3 MB (~840 KB gzip); warn only if something grows past it.
    chunkSizeWarningLimit: 3400,
  },
  server: { host: '127.0.0.1' },
});
