/**
 * A saved connection as the adapters' configs: settings plus secrets (resolved only here,
 * never stored together). Used by the "test" button and by the services that query a
 * connection (remote PromQL, Loki sources).
 */
import type { HttpConnectionSettings } from '../../../shared/contract/connections';
import type { LokiConfigInput } from '../../adapters/loki';
import type { PrometheusConfigInput } from '../../adapters/prometheus';
import type { ResolvedSecrets } from './tester-port';

function common(s: HttpConnectionSettings, secrets: ResolvedSecrets) {
  const headers: Record<string, string> = {};
  for (const h of s.headers) headers[h.name] = h.secret ? (secrets.headers[h.name] ?? '') : (h.value ?? '');
  const auth =
    s.auth.type === 'basic'
      ? { kind: 'basic' as const, username: s.auth.username, password: secrets.password ?? '' }
      : s.auth.type === 'bearer'
        ? { kind: 'bearer' as const, token: secrets.token ?? '' }
        : { kind: 'none' as const };
  const tls = { insecureSkipVerify: s.tls.insecureSkipVerify, ...(s.tls.caFile ? { caFile: s.tls.caFile } : {}), ...(s.tls.certFile ? { certFile: s.tls.certFile } : {}), ...(s.tls.keyFile ? { keyFile: s.tls.keyFile } : {}) };
  return { url: s.url, auth, headers, tls, timeoutMs: s.timeoutMs, ...(s.proxyUrl ? { proxyUrl: s.proxyUrl } : {}) };
}

/** Prometheus and Alertmanager have no tenant field: Mimir and Cortex read it from this header. */
export function prometheusConfigOf(s: HttpConnectionSettings, secrets: ResolvedSecrets): PrometheusConfigInput {
  const c = common(s, secrets);
  return { ...c, headers: s.tenant ? { ...c.headers, 'X-Scope-OrgID': s.tenant } : c.headers };
}

export function lokiConfigOf(s: HttpConnectionSettings, secrets: ResolvedSecrets): LokiConfigInput {
  return { ...common(s, secrets), ...(s.tenant ? { tenant: s.tenant } : {}) };
}
