/**
 * Where the app's own pages live, and the pure checks built on that. No electron import, so
 * the checks are tested under plain vitest.
 *
 * Why a custom privileged scheme (`app://vigie/`) rather than file://:
 * - every file:// page shares one opaque origin, so "is this frame ours?" could not be
 *   answered by origin; app://vigie is an origin only our protocol handler serves;
 * - the handler maps URLs to files under dist/renderer only (no `..` escapes, no reading
 *   arbitrary files the way a file:// page can), and attaches the CSP to every response;
 * - registered as standard + secure, it behaves like https for the page: module scripts,
 *   workers (Monaco), fetch of its own assets and a real `'self'` in the CSP all work.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'vigie';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The scheme, host and port of a URL, or null when it has credentials or does not parse. */
function originParts(url: string): { protocol: string; host: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.username !== '' || u.password !== '') return null;
  // `app:` is not a WHATWG "special" scheme, so URL.origin is "null" here and the host is not
  // lower-cased by the parser: compare the parts ourselves, case-insensitively like Chromium.
  return { protocol: u.protocol.toLowerCase(), host: u.host.toLowerCase() };
}

/**
 * True when `url` (a frame's URL, e.g. event.senderFrame.url) belongs to the app's origin.
 * Whether the frame is the main frame is checked by the caller, on the frame object.
 */
export function isAppFrame(url: unknown, appOrigin: string = APP_ORIGIN): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  const want = originParts(appOrigin);
  const got = originParts(url);
  return want !== null && got !== null && got.protocol === want.protocol && got.host !== '' && got.host === want.host;
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an app:// URL names, or null when the URL is not ours or tries
 * to leave `root`. A path without an extension is a client-side route: it gets index.html.
 */
export function resolveAppFile(url: string, root: string, appOrigin: string = APP_ORIGIN): string | null {
  if (!isAppFrame(url, appOrigin)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed %-escape
  }
  // The URL parser already resolved literal dot segments; any that remain were escaped
  // (%2e%2e, %2f) to get past it, and only an attack needs that.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').some((s) => s === '..' || s === '.')) return null;
  const normalized = path.posix.normalize(`/${pathname}`);
  const relative = normalized === '/' || path.posix.extname(normalized) === '' ? 'index.html' : normalized.slice(1);
  const base = path.resolve(root);
  const file = path.resolve(base, ...relative.split('/'));
  return file.startsWith(base + path.sep) ? file : null;
}
