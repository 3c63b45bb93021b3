import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without declarations; its shapes are asserted below.
import { chooseLaunchMode, findElectronBinary, locateElectronPackage } from './electron-binary.mjs';

let root: string;
let electronDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vigie-electron-'));
  electronDir = path.join(root, 'node_modules', 'electron');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Lays out node_modules/electron as an install would have left it. */
function install(files: Record<string, string>): void {
  writeFileSync(path.join(root, 'package.json'), '{"name":"app"}');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(path.join(electronDir, 'package.json'), '{"name":"electron","version":"45.4.1"}');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(electronDir, name)), { recursive: true });
    writeFileSync(path.join(electronDir, name), text);
  }
}

describe('findElectronBinary', () => {
  // [sentence, files in node_modules/electron (null: no package), env, expected path or reason pattern]
  const cases: [string, Record<string, string> | null, Record<string, string>, string | RegExp][] = [
    ['finds the binary path.txt names under dist/', { 'path.txt': 'electron', 'dist/electron': '' }, {}, 'dist/electron'],
    ['finds the macOS app bundle', { 'path.txt': 'Electron.app/Contents/MacOS/Electron', 'dist/Electron.app/Contents/MacOS/Electron': '' }, {}, 'dist/Electron.app/Contents/MacOS/Electron'],
    ['tolerates a trailing newline in path.txt', { 'path.txt': 'electron\n', 'dist/electron': '' }, {}, 'dist/electron'],
    ['reports a package that was never installed', null, {}, /not installed/],
    ['reports a skipped download (no path.txt)', {}, {}, /never downloaded/],
    ['reports an incomplete download', { 'path.txt': 'electron' }, {}, /incomplete/],
    ['refuses a path.txt that climbs out of dist/', { 'path.txt': '../../../bin/sh', 'dist/x': '' }, {}, /outside/],
    ['uses ELECTRON_OVERRIDE_DIST_PATH with path.txt', { 'path.txt': 'electron', 'override/electron': '' }, { ELECTRON_OVERRIDE_DIST_PATH: 'override' }, 'override/electron'],
    ['uses ELECTRON_OVERRIDE_DIST_PATH without path.txt', { 'override/electron': '' }, { ELECTRON_OVERRIDE_DIST_PATH: 'override' }, 'override/electron'],
    ['reports an override that points nowhere', { 'path.txt': 'electron', 'dist/electron': '' }, { ELECTRON_OVERRIDE_DIST_PATH: 'missing' }, /OVERRIDE.*does not exist/],
  ];
  it.each(cases)('%s', (_name, files, env, expected) => {
    if (files) install(files);
    // Overrides are given relative to the electron folder in the table; make them absolute.
    const realEnv = env.ELECTRON_OVERRIDE_DIST_PATH ? { ELECTRON_OVERRIDE_DIST_PATH: path.join(electronDir, env.ELECTRON_OVERRIDE_DIST_PATH) } : {};
    const result = findElectronBinary(files ? locateElectronPackage(root) : null, realEnv);
    if (typeof expected === 'string') {
      expect(result).toEqual({ ok: true, path: path.join(electronDir, ...expected.split('/')) });
    } else {
      expect(result.ok).toBe(false);
      expect(result.reason).toMatch(expected);
    }
  });

  it('locates nothing when electron is not installed', () => {
    writeFileSync(path.join(root, 'package.json'), '{"name":"app"}');
    expect(locateElectronPackage(root)).toBeNull();
  });
});

describe('chooseLaunchMode', () => {
  const found = { ok: true, path: '/x/electron' };
  const missing = { ok: false, reason: 'no binary' };
  // [sentence, input, mode, reason pattern or null]
  const cases: [string, object, string, RegExp | null][] = [
    ['--web always means browser mode, without a reason to print', { web: true, binary: found, platform: 'darwin', env: {} }, 'web', null],
    ['a found binary on macOS means the desktop app', { web: false, binary: found, platform: 'darwin', env: {} }, 'electron', null],
    ['a found binary on Windows means the desktop app', { web: false, binary: found, platform: 'win32', env: {} }, 'electron', null],
    ['a found binary on Linux with X11 means the desktop app', { web: false, binary: found, platform: 'linux', env: { DISPLAY: ':0' } }, 'electron', null],
    ['a found binary on Linux with Wayland means the desktop app', { web: false, binary: found, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }, 'electron', null],
    ['Linux without a display falls back to browser mode', { web: false, binary: found, platform: 'linux', env: {} }, 'web', /no display/],
    ['a missing binary falls back to browser mode, saying why', { web: false, binary: missing, platform: 'darwin', env: {} }, 'web', /no binary/],
  ];
  it.each(cases)('%s', (_name, input, mode, reason) => {
    const choice = chooseLaunchMode(input);
    expect(choice.mode).toBe(mode);
    if (reason) expect(choice.reason).toMatch(reason);
    else expect(choice.reason).toBeNull();
  });
});

describe('on this machine', () => {
  it('resolves without downloading anything', () => {
    const result = findElectronBinary(locateElectronPackage(process.cwd()));
    expect(typeof result.ok).toBe('boolean');
  });
});
