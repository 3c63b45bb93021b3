/**
 * "Test" for HTTP connections: the settings and secrets become the adapters' configs, and
 * each adapter's own checks (Loki: reachable, auth, tenant, labels; Prometheus: reachable,
 * auth, query) are said with the page's names.
 */
import type { ConnectionCheck, HttpConnectionSettings } from '../../../shared/contract/connections';
import { createLokiClient } from '../../adapters/loki';
import type { LokiConfigInput } from '../../adapters/loki';
import { createPrometheusClient, type PrometheusConfigInput } from '../../adapters/prometheus';
import { testAlertmanager } from './alertmanager-tester';
import type { ResolvedSecrets } from './tester-port';

const NAMES: Record<string, string> = { reachable: 'reachable', tls: 'TLS', auth: 'authentication', tenant: 'tenant', labels: 'labels', query: 'query' };

const toCheck = (name: string, status: ConnectionCheck['status'], message: string): ConnectionCheck => ({
  name: NAMES[name] ?? name,
  ok: status === 'ok' || status === 'warning',
  status,
  message,
});

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
export function promConfig(s: HttpConnectionSettings, secrets: ResolvedSecrets): PrometheusConfigInput {
  const c = common(s, secrets);
  return { ...c, headers: s.tenant ? { ...c.headers, 'X-Scope-OrgID': s.tenant } : c.headers };
}

export async function testHttp(s: HttpConnectionSettings, secrets: ResolvedSecrets, signal: AbortSignal): Promise<ConnectionCheck[]> {
  if (s.kind === 'loki') {
    const config: LokiConfigInput = { ...common(s, secrets), ...(s.tenant ? { tenant: s.tenant } : {}) };
    const client = createLokiClient(config);
    try {
      return (await client.test(signal)).map((c) => toCheck(c.name, c.status, c.message));
    } finally {
      await client.close();
    }
  }
  if (s.kind === 'prometheus') {
    const client = createPrometheusClient(promConfig(s, secrets));
    try {
      return (await client.test(signal)).map((c) => toCheck(c.check, c.state, c.message));
    } finally {
      await client.close();
    }
  }
  return testAlertmanager(promConfig(s, secrets), s, signal);
}
