/**
 * "Test" for an Alertmanager (no client of its own yet): GET /api/v2/status, the endpoint
 * amtool and Grafana use to check one, through the same undici dispatcher (TLS, proxy) as
 * the Prometheus client; then /api/v2/alerts to prove the API reads. Each answer in words.
 */
import { fetch } from 'undici';
import type { ConnectionCheck, HttpConnectionSettings } from '../../../shared/contract/connections';
import { parsePrometheusConfig, type PrometheusConfigInput } from '../../adapters/prometheus/config';
import { makeDispatcher } from '../../adapters/prometheus/dispatcher';
import { networkError } from '../../adapters/prometheus/errors';

const MAX_BYTES = 4 * 1024 * 1024;

const check = (name: string, status: ConnectionCheck['status'], message: string): ConnectionCheck => ({ name, ok: status === 'ok' || status === 'warning', status, message });

export async function testAlertmanager(config: PrometheusConfigInput, s: HttpConnectionSettings, signal: AbortSignal): Promise<ConnectionCheck[]> {
  const settings = parsePrometheusConfig(config);
  const shown = settings.displayUrl;
  const out: ConnectionCheck[] = [];
  if (settings.baseUrl.protocol === 'https:' && settings.tls.insecureSkipVerify) {
    out.push(check('TLS', 'warning', "the server's certificate is not verified (insecure skip verify is on): anyone on the way could pose as this server"));
  }
  const made = await makeDispatcher(settings);
  if (!made.ok) return [...out, check('settings', 'failed', made.error.message)];
  const headers: Record<string, string> = { ...settings.headers, accept: 'application/json' };
  if (settings.auth.kind === 'basic') headers.authorization = `Basic ${Buffer.from(`${settings.auth.username}:${settings.auth.password}`).toString('base64')}`;
  else if (settings.auth.kind === 'bearer') headers.authorization = `Bearer ${settings.auth.token}`;

  const get = async (path: string): Promise<{ status: number; type: string; text: string } | { error: string }> => {
    const url = new URL(path, settings.baseUrl);
    const timer = AbortSignal.timeout(s.timeoutMs);
    try {
      const r = await fetch(url, { headers, dispatcher: made.dispatcher, signal: AbortSignal.any([signal, timer]) });
      const declared = Number(r.headers.get('content-length') ?? NaN);
      if (declared > MAX_BYTES) {
        await r.body?.cancel();
        return { error: `${shown}/${path} answered ${Math.round(declared / 1024 / 1024)} MB: not an Alertmanager status` };
      }
      return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
    } catch (e) {
      if (timer.aborted) return { error: `no answer from ${shown}/${path} within ${s.timeoutMs / 1000} s (the server hangs or is too slow)` };
      return { error: networkError(e, `${shown}/${path}`).message };
    }
  };

  try {
    const status = await get('api/v2/status');
    if ('error' in status) return [...out, check('reachable', 'failed', status.error), check('authentication', 'skipped', 'not tried: the server could not be reached')];
    if (status.status === 401 || status.status === 403) {
      const what = status.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      return [
        ...out,
        check('reachable', 'ok', `a server answers at ${shown}`),
        check('authentication', 'failed', settings.auth.kind === 'none' ? `${shown} requires authentication (${what}): add a user name and password or a token` : `${shown} refused the credentials (${what})`),
      ];
    }
    if (status.status === 404) return [...out, check('reachable', 'failed', `${shown}/api/v2/status: 404 Not Found; is ${shown} the root of an Alertmanager (with its path prefix, if any)?`)];
    let body: { versionInfo?: { version?: string }; cluster?: { status?: string } } | undefined;
    try {
      body = /json/i.test(status.type) ? JSON.parse(status.text) : undefined;
    } catch {
      body = undefined;
    }
    if (status.status !== 200 || !body?.versionInfo) {
      return [...out, check('reachable', 'failed', `${shown}/api/v2/status answered ${status.status} with ${status.type || 'no content type'}, not Alertmanager's status: ${JSON.stringify(status.text.slice(0, 120))}`)];
    }
    const cluster = body.cluster?.status;
    out.push(check('reachable', 'ok', `Alertmanager ${body.versionInfo.version ?? '(version unknown)'} answers at ${shown}${cluster ? ` (cluster ${cluster})` : ''}`));
    out.push(check('authentication', 'ok', settings.auth.kind === 'none' ? 'the server asks for no credentials' : 'the server accepts the credentials'));
    const alerts = await get('api/v2/alerts?active=true&silenced=false&inhibited=false');
    if ('error' in alerts) out.push(check('alerts', 'failed', alerts.error));
    else if (alerts.status !== 200) out.push(check('alerts', 'failed', `${shown}/api/v2/alerts answered ${alerts.status}`));
    else {
      const n = (() => {
        try {
          const list: unknown = JSON.parse(alerts.text);
          return Array.isArray(list) ? list.length : null;
        } catch {
          return null;
        }
      })();
      out.push(n === null ? check('alerts', 'failed', `${shown}/api/v2/alerts did not answer a list of alerts`) : check('alerts', 'ok', `the alerts are readable: ${n} active alert${n === 1 ? '' : 's'}`));
    }
    return out;
  } finally {
    await made.dispatcher.close();
  }
}
