// Finds Electron's executable the way node_modules/electron/index.js does (path.txt, then
// dist/<that path>, or ELECTRON_OVERRIDE_DIST_PATH), but never downloads: requiring
// 'electron' from Node runs its download when the binary is missing, and here that hangs
// (its download host is unreachable). Also decides between desktop and browser mode.
// Pure apart from reading the files it is pointed at, so it is tested with temp folders.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** node_modules/electron as Node would resolve it from `root`, or null when not installed. */
export function locateElectronPackage(root) {
  try {
    // package.json, not the package: resolving 'electron' itself would be harmless, but
    // loading it would start the download.
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * { ok: true, path } when an executable is there to spawn, else { ok: false, reason } with a
 * reason a person can act on. `electronDir` is node_modules/electron (or null).
 */
export function findElectronBinary(electronDir, env = process.env) {
  if (!electronDir || !existsSync(path.join(electronDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed (npm drops it when its optional download fails)' };
  }
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, executable || 'electron');
    return existsSync(candidate)
      ? { ok: true, path: candidate }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  if (!executable) {
    return { ok: false, reason: "Electron's binary was never downloaded (no node_modules/electron/path.txt)" };
  }
  // path.txt is ours to trust only as a relative path inside dist/.
  const dist = path.join(electronDir, 'dist');
  const candidate = path.resolve(dist, executable);
  if (!candidate.startsWith(dist + path.sep)) {
    return { ok: false, reason: `node_modules/electron/path.txt points outside its dist/ folder (${executable})` };
  }
  return existsSync(candidate)
    ? { ok: true, path: candidate }
    : { ok: false, reason: `Electron's download is incomplete (${path.relative(electronDir, candidate)} is missing)` };
}

/**
 * 'electron' or 'web', with the reason when web was not asked for. On Linux a desktop
 * window needs a display server; without one Electron would only crash.
 */
export function chooseLaunchMode({ web, binary, platform = process.platform, env = process.env }) {
  if (web) return { mode: 'web', reason: null };
  if (!binary.ok) return { mode: 'web', reason: binary.reason };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { mode: 'web', reason: 'no display server (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { mode: 'electron', reason: null };
}

/** What to tell a user who got browser mode without asking for it. */
export const DESKTOP_HINT =
  'for the desktop app, install Electron where its download host is reachable ' +
  '(`node node_modules/electron/install.js`), or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45';
