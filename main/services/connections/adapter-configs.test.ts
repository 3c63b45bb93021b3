import { describe, expect, it } from 'vitest';
import type { HttpConnectionSettings } from '../../../shared/contract/connections';
import { lokiConfigOf, prometheusConfigOf } from './adapter-configs';

const base: HttpConnectionSettings = {
  kind: 'loki',
  name: 'x',
  timeoutMs: 5000,
  url: 'https://h',
  tenant: 'team-a',
  auth: { type: 'bearer' },
  headers: [{ name: 'X-Plain', secret: false, value: 'p' }, { name: 'X-Key', secret: true }],
  tls: { insecureSkipVerify: true, caFile: '/ca.pem' },
  proxyUrl: 'http://proxy:3128',
};
const secrets = { token: 'tok', headers: { 'X-Key': 'k' } };

describe('a connection as the adapters config', () => {
  it('Loki: the tenant as its own field, secret header values filled in, TLS and proxy passed on', () => {
    expect(lokiConfigOf(base, secrets)).toEqual({
      url: 'https://h',
      tenant: 'team-a',
      auth: { kind: 'bearer', token: 'tok' },
      headers: { 'X-Plain': 'p', 'X-Key': 'k' },
      tls: { insecureSkipVerify: true, caFile: '/ca.pem' },
      timeoutMs: 5000,
      proxyUrl: 'http://proxy:3128',
    });
  });

  it('Prometheus: the tenant as X-Scope-OrgID (Mimir, Cortex); basic auth with its password', () => {
    const c = prometheusConfigOf({ ...base, kind: 'prometheus', auth: { type: 'basic', username: 'u' } }, { password: 'pw', headers: { 'X-Key': 'k' } });
    expect(c.headers).toEqual({ 'X-Plain': 'p', 'X-Key': 'k', 'X-Scope-OrgID': 'team-a' });
    expect(c.auth).toEqual({ kind: 'basic', username: 'u', password: 'pw' });
  });

  it('no tenant, no proxy, no TLS files: none sent', () => {
    const c = lokiConfigOf({ ...base, tenant: undefined, proxyUrl: undefined, headers: [], auth: { type: 'none' }, tls: { insecureSkipVerify: false } }, { headers: {} });
    expect(c).toEqual({ url: 'https://h', auth: { kind: 'none' }, headers: {}, tls: { insecureSkipVerify: false }, timeoutMs: 5000 });
  });
});
