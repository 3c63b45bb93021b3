/** Where the browser-mode token is kept so a reload (which no longer has it in the URL) works. */
export const TOKEN_KEY = 'vigie.token';

export interface TokenResult {
  token: string | null;
  /** The page URL without the token, for history.replaceState; null when unchanged. */
  cleanUrl: string | null;
}

/**
 * Takes the token from the page URL's `token` query parameter (then sessionStorage).
 * The token is removed from the visible URL so it does not end up in screenshots,
 * bookmarks or shared links; sessionStorage is per tab, like the token's lifetime.
 */
export function takeToken(href: string, storage: Pick<Storage, 'getItem' | 'setItem'>): TokenResult {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    return { token: fromUrl, cleanUrl: url.pathname + url.search + url.hash };
  }
  return { token: storage.getItem(TOKEN_KEY), cleanUrl: null };
}

/** ws:// for http pages, wss:// for https ones; same host, path /rpc. */
export function rpcSocketUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc?token=${encodeURIComponent(token)}`;
}
