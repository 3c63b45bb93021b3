/**
 * App-wide hardening: every web contents (the window, devtools, anything created later) gets
 * the same rules, so a new window cannot forget them.
 * - navigation away from the loaded page is denied; window.open is denied. Trusted https
 *   links (trusted-url.ts) are handed to the user's browser instead.
 * - <webview> is refused, permission requests and checks are refused (one exception below).
 * - the renderer session cannot reach the network: the page talks to main over a MessagePort,
 *   and Loki / Prometheus are called from main's Node code, which webRequest does not see.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { isAppFrame } from './app-origin';
import { trustedExternalUrl } from './trusted-url';

function openIfTrusted(url: string, trustedHosts: readonly string[] | undefined): void {
  const safe = trustedExternalUrl(url, trustedHosts);
  if (safe) void shell.openExternal(safe);
  else console.warn(`vigie: refused to open ${JSON.stringify(url.slice(0, 200))}`);
}

function hardenContents(contents: WebContents, trustedHosts: readonly string[] | undefined): void {
  // Not emitted for loadURL(), only for navigations the page starts: a link, location.href…
  // In-page navigation (pushState, #hash) never reaches here, so client-side routing works.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openIfTrusted(url, trustedHosts);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfTrusted(url, trustedHosts);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once, before any window exists. */
export function hardenApp(options: { trustedHosts?: readonly string[] } = {}): void {
  // Sandbox every renderer, even one created without webPreferences.sandbox.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, options.trustedHosts));
}

// Write-only, sanitised clipboard access is what "copy this line / this query" needs; reading
// the clipboard, camera, notifications (alerts notify from main), geolocation… are refused.
const GRANTED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Call once the app is ready, for every session that shows app pages. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(GRANTED_PERMISSIONS.has(permission) && isAppFrame(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return GRANTED_PERMISSIONS.has(permission) && isAppFrame(requestingOrigin);
  });
  session.setDevicePermissionHandler(() => false);
  // Belt and braces under the CSP: the page has no business on the network.
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}
