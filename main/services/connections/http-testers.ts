/**
 * "Test" for HTTP connections: the settings and secrets become the adapters' configs, and
 * each adapter's own checks (Loki: reachable, auth, tenant, labels; Prometheus: reachable,
 * auth, query) are said with the page's names.
 */
import type { ConnectionCheck, HttpConnectionSettings } from '../../../shared/contract/connections';
import { createLokiClient } from '../../adapters/loki';
import { createPrometheusClient } from '../../adapters/prometheus';
import { lokiConfigOf, prometheusConfigOf } from './adapter-configs';
import { testAlertmanager } from './alertmanager-tester';
import type { ResolvedSecrets } from './tester-port';

const NAMES: Record<string, string> = { reachable: 'reachable', tls: 'TLS', auth: 'authentication', tenant: 'tenant', labels: 'labels', query: 'query' };

const toCheck = (name: string, status: ConnectionCheck['status'], message: string): ConnectionCheck => ({
  name: NAMES[name] ?? name,
  ok: status === 'ok' || status === 'warning',
  status,
  message,
});

export async function testHttp(s: HttpConnectionSettings, secrets: ResolvedSecrets, signal: AbortSignal): Promise<ConnectionCheck[]> {
  if (s.kind === 'loki') {
    const client = createLokiClient(lokiConfigOf(s, secrets));
    try {
      return (await client.test(signal)).map((c) => toCheck(c.name, c.status, c.message));
    } finally {
      await client.close();
    }
  }
  if (s.kind === 'prometheus') {
    const client = createPrometheusClient(prometheusConfigOf(s, secrets));
    try {
      return (await client.test(signal)).map((c) => toCheck(c.check, c.state, c.message));
    } finally {
      await client.close();
    }
  }
  return testAlertmanager(prometheusConfigOf(s, secrets), s, signal);
}
