/**
 * The connections page's "test" button: what works and what does not, in words. Three
 * checks in order (reachable + version from buildinfo, credentials, a query); a check that
 * cannot run because an earlier one failed is `skipped`, saying why.
 */
import type { PrometheusSettings } from './config';
import type { PrometheusClient } from './client';

export type CheckState = 'ok' | 'warning' | 'failed' | 'skipped';

export interface ConnectionCheck {
  check: 'reachable' | 'auth' | 'query' | 'tls';
  state: CheckState;
  message: string;
}

/** The query that proves the engine runs: cheap, needs no data, answers a known scalar. */
const PROBE = '1+1';

export async function testConnection(client: PrometheusClient, settings: PrometheusSettings, signal?: AbortSignal): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  const https = settings.baseUrl.protocol === 'https:';
  if (https && settings.tls.insecureSkipVerify) {
    checks.push({ check: 'tls', state: 'warning', message: "the server's certificate is not verified (insecure skip verify is on): anyone on the way could pose as this server" });
  }
  const credentials = settings.auth.kind === 'none' ? 'no credentials' : settings.auth.kind === 'basic' ? `user ${settings.auth.username}` : 'the bearer token';
  const info = await client.buildInfo(signal);
  let reachable = true;
  if (info.ok) {
    const v = info.value;
    checks.push({ check: 'reachable', state: 'ok', message: `Prometheus ${v.version} (revision ${v.revision.slice(0, 12) || 'unknown'}) answers at ${settings.displayUrl}${https && !settings.tls.insecureSkipVerify ? ' over verified TLS' : ''}` });
    checks.push({ check: 'auth', state: 'ok', message: settings.auth.kind === 'none' ? 'the server asks for no credentials' : `the server accepts ${credentials}` });
  } else {
    const e = info.error;
    switch (e.kind) {
      case 'unauthorized':
        checks.push({ check: 'reachable', state: 'ok', message: `a server answers at ${settings.displayUrl}` });
        checks.push({ check: 'auth', state: 'failed', message: e.message });
        reachable = false;
        break;
      case 'not_found':
      case 'server':
        // Old Prometheus versions and some compatible servers have no buildinfo: let the query decide.
        checks.push({ check: 'reachable', state: 'warning', message: `a server answers at ${settings.displayUrl}, but its version is unknown: ${e.message}` });
        break;
      case 'cancelled':
        return [...checks, { check: 'reachable', state: 'skipped', message: 'the test was cancelled' }];
      default:
        checks.push({ check: 'reachable', state: 'failed', message: e.message });
        checks.push({ check: 'auth', state: 'skipped', message: 'not tried: the server could not be reached' });
        reachable = false;
    }
  }
  if (!reachable) {
    checks.push({ check: 'query', state: 'skipped', message: 'not tried: see above' });
    return checks;
  }
  const q = await client.query({ query: PROBE }, signal);
  if (!q.ok) {
    if (q.error.kind === 'unauthorized' && !checks.some((c) => c.check === 'auth')) checks.push({ check: 'auth', state: 'failed', message: q.error.message });
    checks.push({ check: 'query', state: 'failed', message: `the query ${PROBE} failed: ${q.error.message}` });
    return checks;
  }
  if (!checks.some((c) => c.check === 'auth')) checks.push({ check: 'auth', state: 'ok', message: settings.auth.kind === 'none' ? 'the server asks for no credentials' : `the server accepts ${credentials}` });
  const d = q.value;
  const answer = d.resultType === 'scalar' ? d.result[1] : undefined;
  if (answer === '2') checks.push({ check: 'query', state: 'ok', message: `queries work: ${PROBE} = 2` });
  else checks.push({ check: 'query', state: 'failed', message: `the query ${PROBE} answered ${d.resultType} ${JSON.stringify(d.result).slice(0, 80)}, not the scalar 2: this may not be Prometheus` });
  return checks;
}
