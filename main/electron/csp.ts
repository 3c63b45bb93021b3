/**
 * The renderer's Content-Security-Policy, sent as a header with every app:// response. Pure
 * so it can be read and tested without electron.
 *
 * - script-src 'self': no inline scripts, no eval (Vite's build emits none).
 * - worker-src 'self' blob:: Monaco starts its language services as web workers, some from
 *   blob: URLs.
 * - style-src 'unsafe-inline': Monaco and ECharts set inline styles; styles cannot run code.
 * - connect-src 'self': in Electron the renderer talks to the main process over a MessagePort,
 *   which the CSP does not govern; Loki / Prometheus / Alertmanager are called from the main
 *   process (main/adapters), so the page needs no network. If the renderer ever queries a
 *   remote Loki/Prometheus directly, add `https:` here and nowhere else.
 * - everything else that can load or embed content is closed.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export function contentSecurityPolicy(directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Headers added to every response the app protocol serves. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}
