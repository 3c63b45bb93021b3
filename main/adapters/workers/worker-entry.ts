/**
 * Where a worker's entry file is and how to start it — the one place that knows.
 * From source (dev, tests, bench: this module is a .ts) the entry is the sibling `.ts` and
 * the worker first registers tsx's loader. (`execArgv: ['--import', 'tsx']` does not reach
 * worker threads on Node 20 — "Unknown file extension .ts" — so a tiny eval bootstrap
 * registers tsx's ESM API, then imports the entry.) Built, the entry is dist/workers/NAME.js.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function workerEntry(name: string): { url: URL; fromSource: boolean } {
  // VIGIE_WORKER_DIR: a folder of built worker bundles to use even when running from source
  // (the benchmark measures the worker as the app ships it, without tsx's start-up in it).
  const dir = process.env.VIGIE_WORKER_DIR;
  if (dir) return { url: pathToFileURL(`${dir}/${name}.js`), fromSource: false };
  const fromSource = import.meta.url.endsWith('.ts');
  // Built, every bundle sits one level under dist/ (dist/host, dist/cli, dist/electron) and
  // the workers in dist/workers/ (scripts/build-main.mjs).
  return { url: new URL(fromSource ? `./${name}.ts` : `../workers/${name}.js`, import.meta.url), fromSource };
}

export function spawnWorker(name: string, options: WorkerOptions): Worker {
  const { url, fromSource } = workerEntry(name);
  if (!fromSource) return new Worker(url, options);
  const boot = `import(${JSON.stringify(tsxEsmApi())}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** URL of tsx's ESM register API, read from its package.json (require.resolve is rewritten under tsx). */
function tsxEsmApi(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return new URL(pkg.exports['./esm/api']!.import.default, pathToFileURL(pkgPath)).href;
}

