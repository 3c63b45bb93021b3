/**
 * The Connections page's "test" button for a Loki: what works and what does not, one
 * sentence per check. buildinfo answers without a tenant, so it tells "reachable" apart from
 * "auth" and "tenant", which /labels then checks (it needs both when auth_enabled is on).
 */
import { toAppError } from '../../../shared/model/index';
import type { LokiClient } from './client';
import { isLokiFailure } from './errors';

export type CheckName = 'reachable' | 'tls' | 'auth' | 'tenant' | 'labels';

export interface ConnectionCheck {
  name: CheckName;
  status: 'ok' | 'warning' | 'failed' | 'skipped';
  message: string;
}

const UNREACHABLE = new Set(['redirected', 'network', 'tls', 'timeout', 'not_json', 'invalid_answer', 'too_large', 'not_found', 'server_error']);

export async function checkConnection(client: LokiClient, signal?: AbortSignal): Promise<ConnectionCheck[]> {
  const { config } = client;
  const out: ConnectionCheck[] = [];
  const skipAll = (names: CheckName[], why: string): ConnectionCheck[] => [...out, ...names.map((name) => ({ name, status: 'skipped' as const, message: `not tried: ${why}` }))];

  if (config.url.startsWith('https:')) {
    out.push(
      config.tls.insecureSkipVerify
        ? { name: 'tls', status: 'warning', message: 'the server certificate is NOT verified (insecure TLS is allowed): use this for test servers only' }
        : { name: 'tls', status: 'ok', message: `the server certificate is verified${config.tls.caFile ? ` against ${config.tls.caFile}` : ' against the system CAs'}` },
    );
  }

  try {
    const info = await client.buildInfo({ signal });
    out.push({ name: 'reachable', status: 'ok', message: `Loki ${info.version} answers at ${config.url}` });
  } catch (e) {
    const kind = isLokiFailure(e) ? e.loki.kind : 'other';
    if (kind === 'cancelled') return skipAll(['reachable', 'auth', 'tenant', 'labels'], 'the test was cancelled');
    if (kind === 'unauthorized') {
      // A gateway in front of Loki checked the credentials before Loki itself.
      out.push({ name: 'reachable', status: 'ok', message: `a server answers at ${config.url}` });
      out.push({ name: 'auth', status: 'failed', message: toAppError(e).message });
      return skipAll(['tenant', 'labels'], 'the credentials were refused');
    }
    out.push({ name: 'reachable', status: 'failed', message: toAppError(e).message });
    if (UNREACHABLE.has(kind) || kind === 'other') return skipAll(['auth', 'tenant', 'labels'], 'Loki is not reachable');
  }

  try {
    const labels = await client.labels({}, { signal });
    out.push({
      name: 'auth',
      status: 'ok',
      message: config.auth.kind === 'none' ? 'no credentials are configured and none were asked for' : `the ${config.auth.kind === 'basic' ? 'user and password were' : 'token was'} accepted`,
    });
    out.push({
      name: 'tenant',
      status: 'ok',
      message: config.tenant === undefined ? 'no tenant is set and Loki did not ask for one (auth_enabled: false)' : `the tenant "${config.tenant}" is accepted`,
    });
    const shown = labels.slice(0, 8).join(', ') + (labels.length > 8 ? ', …' : '');
    out.push(
      labels.length > 0
        ? { name: 'labels', status: 'ok', message: `${labels.length} label name${labels.length > 1 ? 's' : ''} readable over the last 6 hours: ${shown}` }
        : { name: 'labels', status: 'warning', message: 'the labels are readable but there are none over the last 6 hours: has anything been sent to this tenant lately?' },
    );
  } catch (e) {
    const kind = isLokiFailure(e) ? e.loki.kind : 'other';
    const message = toAppError(e).message;
    if (kind === 'cancelled') return skipAll(['auth', 'tenant', 'labels'], 'the test was cancelled');
    if (kind === 'no_org_id') {
      out.push({ name: 'auth', status: 'ok', message: 'the credentials were not refused' });
      out.push({ name: 'tenant', status: 'failed', message });
      return skipAll(['labels'], 'Loki needs a tenant');
    }
    if (kind === 'unauthorized') {
      out.push({ name: 'auth', status: 'failed', message });
      return skipAll(['tenant', 'labels'], 'the credentials were refused');
    }
    out.push({ name: 'labels', status: 'failed', message });
  }
  return out;
}
