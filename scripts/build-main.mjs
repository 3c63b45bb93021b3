// Bundles the Node-side entries with esbuild (`npm run build:main`). The renderer is Vite's
// job (`npm run build:renderer`). Each bundle holds its dependencies, so the packaged app
// needs node_modules only for what cannot be bundled:
// - re2: a native addon (.node), loaded by path at run time;
// - electron: provided by the Electron runtime itself;
// - bufferutil / utf-8-validate: optional speed-ups `ws` tries to require; absent is fine.
// - ssh2: CommonJS that uses __dirname and requires its optional native crypto (.node) in a
//   try; bundled into ESM it breaks, so it is loaded from node_modules as it is.
// An entry whose source does not exist yet is skipped with a warning, so the build works
// while the other layers are still being written.
import { build } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const EXTERNAL = ['re2', 'electron', 'bufferutil', 'utf-8-validate', 'ssh2'];

// ESM bundles still contain CommonJS dependencies (ws…) that call require(): give them one.
const ESM_BANNER = "import { createRequire as __vigieCreateRequire } from 'node:module'; const require = __vigieCreateRequire(import.meta.url);";
// The CJS main-process bundle is built from ESM sources that use import.meta.url (to find the
// package root, the worker files…). esbuild leaves import.meta empty in CJS, so define it as
// the bundle's own file URL: dist/electron/main.cjs sits one level under dist/, like
// dist/host and dist/cli, so `new URL('../workers/…', import.meta.url)` resolves alike.
const CJS_BANNER = "'use strict'; const __vigieImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** The bundles. `platform: 'browser'` for the preload: the sandbox gives it no Node. */
export const ENTRIES = [
  { name: 'browser-mode server', src: 'main/host/web-main.ts', out: 'dist/host/web-main.js', format: 'esm' },
  { name: 'CLI', src: 'main/cli/main.ts', out: 'dist/cli/main.js', format: 'esm' },
  { name: 'index worker', src: 'main/adapters/workers/index-worker.ts', out: 'dist/workers/index-worker.js', format: 'esm' },
  { name: 'query worker', src: 'main/adapters/workers/query-worker.ts', out: 'dist/workers/query-worker.js', format: 'esm' },
  { name: 'pipeline worker', src: 'main/adapters/workers/pipeline-worker.ts', out: 'dist/workers/pipeline-worker.js', format: 'esm' },
  { name: 'electron main', src: 'main/electron/main.ts', out: 'dist/electron/main.cjs', format: 'cjs' },
  { name: 'electron preload', src: 'main/electron/preload.ts', out: 'dist/electron/preload.cjs', format: 'cjs', platform: 'browser' },
];

function optionsFor(entry) {
  const common = {
    entryPoints: [path.join(ROOT, entry.src)],
    outfile: path.join(ROOT, entry.out),
    bundle: true,
    platform: entry.platform ?? 'node',
    target: entry.platform === 'browser' ? 'chrome140' : 'node20',
    format: entry.format,
    sourcemap: true,
    external: EXTERNAL,
    logLevel: 'warning',
    // Keep class and function names: stack traces and AppError messages stay readable.
    keepNames: true,
    legalComments: 'none',
  };
  if (entry.platform === 'browser') return common;
  if (entry.format === 'esm') return { ...common, banner: { js: ESM_BANNER } };
  return { ...common, banner: { js: CJS_BANNER }, define: { 'import.meta.url': '__vigieImportMetaUrl' } };
}

/** Builds every entry whose source exists; returns what was built and what was skipped. */
export async function buildMain({ log = console.log } = {}) {
  const started = performance.now();
  const built = [];
  const skipped = [];
  // Every entry is attempted even when one fails, so one run shows every broken layer.
  const failed = [];
  await Promise.all(
    ENTRIES.map(async (entry) => {
      if (!existsSync(path.join(ROOT, entry.src))) {
        skipped.push(entry);
        console.warn(`build-main: skipping the ${entry.name}: ${entry.src} does not exist yet`);
        return;
      }
      try {
        await build(optionsFor(entry));
        built.push(entry);
      } catch {
        failed.push(entry); // esbuild has already printed the located errors
      }
    }),
  );
  const ms = Math.round(performance.now() - started);
  for (const entry of ENTRIES.filter((e) => built.includes(e))) {
    const kb = (statSync(path.join(ROOT, entry.out)).size / 1024).toFixed(0);
    log(`build-main: ${entry.out.padEnd(28)} ${kb.padStart(6)} kB  (${entry.name})`);
  }
  log(`build-main: ${built.length} bundle(s) in ${ms} ms${skipped.length ? `, ${skipped.length} skipped` : ''}`);
  if (failed.length) throw new Error(`could not bundle the ${failed.map((e) => e.name).join(', ')}`);
  return { built, skipped, ms };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildMain().catch((e) => {
    console.error(`build-main: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
