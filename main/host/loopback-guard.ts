import { timingSafeEqual } from 'node:crypto';

/**
 * The browser-mode server's door policy, as pure functions of the request's headers, so
 * each refusal is tested on its own. A page on another site must not drive Vigie: the
 * server listens on 127.0.0.1 only, every request must name a loopback Host (against DNS
 * rebinding), the RPC socket must come from our own Origin and carry the random token.
 */
export interface GuardConfig {
  port: number;
  token: string;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403 | 421; reason: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Host header must be a loopback name with our port (a rebinding attack sends `evil.example`). */
export function checkHost(host: string | undefined, config: GuardConfig): GuardVerdict {
  if (!host) return { ok: false, status: 421, reason: 'missing Host header' };
  const allowed = LOOPBACK_NAMES.map((n) => `${n}:${config.port}`);
  if (!allowed.includes(host.toLowerCase())) return { ok: false, status: 421, reason: `Host "${host}" is not this loopback server` };
  return { ok: true };
}

/** Origin, when a browser sends one, must be this server's own http origin. */
export function checkOrigin(origin: string | undefined, config: GuardConfig, required: boolean): GuardVerdict {
  if (origin === undefined) return required ? { ok: false, status: 403, reason: 'missing Origin header' } : { ok: true };
  const allowed = LOOPBACK_NAMES.map((n) => `http://${n}:${config.port}`);
  if (!allowed.includes(origin.toLowerCase())) return { ok: false, status: 403, reason: `Origin "${origin}" is not allowed` };
  return { ok: true };
}

/** Constant-time token comparison. */
export function checkToken(given: string | null | undefined, config: GuardConfig): GuardVerdict {
  if (!given) return { ok: false, status: 401, reason: 'missing token' };
  const a = Buffer.from(given);
  const b = Buffer.from(config.token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, status: 401, reason: 'wrong token' };
  return { ok: true };
}

/** The WebSocket upgrade at /rpc: loopback Host, own Origin (browsers always send it), token. */
export function checkRpcUpgrade(headers: { host?: string; origin?: string }, url: URL, config: GuardConfig): GuardVerdict {
  for (const verdict of [checkHost(headers.host, config), checkOrigin(headers.origin, config, true), checkToken(url.searchParams.get('token'), config)]) {
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}
