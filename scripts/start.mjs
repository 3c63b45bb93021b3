// `npm start` (desktop app, or browser mode when Electron cannot run here) and `npm run web`
// (browser mode). Builds first when dist/ is missing or older than its sources: the mtime
// check costs milliseconds, a build seconds, so an unchanged tree starts at once.
//
//   node scripts/start.mjs [--web] [--build] [args for the app…]
//     --web    browser mode even when Electron is installed
//     --build  rebuild even if dist/ looks fresh
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildMain, ENTRIES, ROOT } from './build-main.mjs';
import { chooseLaunchMode, DESKTOP_HINT, findElectronBinary, locateElectronPackage } from './electron-binary.mjs';
import { isStale } from './freshness.mjs';

const at = (...p) => path.join(ROOT, ...p);
const OUR_FLAGS = new Set(['--web', '--build']);
const argv = process.argv.slice(2);
const web = argv.includes('--web');
const force = argv.includes('--build');
const appArgs = argv.filter((a) => !OUR_FLAGS.has(a));

const RENDERER = { outputs: [at('dist/renderer/index.html')], sources: ['renderer', 'shared', 'vite.config.ts', 'package.json'].map((p) => at(p)) };
const MAIN = {
  // Only the bundles whose sources exist: build-main skips the others.
  outputs: ENTRIES.filter((e) => existsSync(at(e.src))).map((e) => at(e.out)),
  sources: ['main', 'shared', 'scripts/build-main.mjs', 'package.json'].map((p) => at(p)),
};

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function buildIfStale() {
  const renderer = force || isStale(RENDERER.outputs, RENDERER.sources);
  const main = force || isStale(MAIN.outputs, MAIN.sources);
  if (!renderer && !main) return;
  if (renderer) {
    const t0 = performance.now();
    console.log('vigie: building the renderer (vite build)…');
    const r = spawnSync(process.execPath, [at('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('the renderer build failed (see above)');
    console.log(`vigie: renderer built in ${seconds(performance.now() - t0)}`);
  }
  if (main) {
    await buildMain({ log: () => {} }).then(({ ms }) => console.log(`vigie: main bundles built in ${seconds(ms)}`));
  }
}

/** Runs `command`, forwarding termination signals, and exits with its status. */
function run(command, args, env) {
  // On POSIX the child gets its own process group, so a terminal Ctrl-C reaches only us and
  // we forward it exactly once; otherwise the child would get SIGINT twice and skip its
  // clean shutdown on the second one. (Windows has no process groups of that kind.)
  const detached = process.platform !== 'win32';
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env, detached });
  let exited = false;
  const forward = (signal) => {
    if (!exited) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  // If we go away for another reason, do not leave the app running on its own.
  process.on('exit', () => forward('SIGTERM'));
  child.on('error', (e) => {
    console.error(`vigie: could not start ${command}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    exited = true;
    process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
  });
}

async function main() {
  const binary = web ? { ok: false, reason: 'not looked up' } : findElectronBinary(locateElectronPackage(ROOT));
  const choice = chooseLaunchMode({ web, binary });
  await buildIfStale();

  if (choice.mode === 'electron') {
    const env = { ...process.env };
    // Set by some tools (and by Electron itself for helpers): it would make Electron a plain Node.
    delete env.ELECTRON_RUN_AS_NODE;
    console.log('vigie: starting the desktop app');
    // The app folder, not the file: Electron then reads package.json (name, version, main).
    return run(binary.path, [ROOT, ...appArgs], env);
  }
  const server = at('dist/host/web-main.js');
  if (!existsSync(server)) throw new Error(`${path.relative(ROOT, server)} was not built (is main/host/web-main.ts there?)`);
  if (choice.reason) console.log(`vigie: browser mode, because ${choice.reason}; ${DESKTOP_HINT}.`);
  else console.log('vigie: browser mode (--web)');
  run(process.execPath, ['--enable-source-maps', server, ...appArgs], process.env);
}

main().catch((e) => {
  console.error(`vigie: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
