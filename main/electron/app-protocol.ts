/**
 * The app:// protocol: serves dist/renderer with the CSP and security headers on every
 * response. Why a custom scheme rather than file:// is explained in app-origin.ts.
 */
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, mimeTypeOf, resolveAppFile } from './app-origin';
import { securityHeaders } from './csp';

/** Must run before app 'ready': privileges can only be granted then. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: treated like https (module scripts,
      // workers, crypto.subtle); supportFetchAPI: the page may fetch its own assets;
      // codeCache: V8 caches the bundle. No bypassCSP, no corsEnabled: nothing else needs it.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves files under `root` (dist/renderer) at app://vigie/ in `session`. */
export function serveAppProtocol(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const headers = securityHeaders();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers });
    }
    const file = resolveAppFile(request.url, root);
    if (!file) return new Response('not found', { status: 404, headers });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...headers, 'Content-Type': mimeTypeOf(file) },
      });
    } catch {
      return new Response('not found', { status: 404, headers });
    }
  });
}
