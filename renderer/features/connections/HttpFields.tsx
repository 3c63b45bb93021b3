import type { HasSecret } from '../../../shared/contract/connections';
import { Field, SecretInput, TextInput } from './Field';
import { DEFAULT_PORTS, type Draft } from './form-state';
import { HeadersEditor } from './HeadersEditor';

interface Props {
  draft: Draft;
  set(patch: Partial<Draft>): void;
  errors: Map<string, string>;
  hasSecret: HasSecret | undefined;
}

/** URL, tenant, auth, headers, TLS, proxy: the options Grafana's data sources have. */
export function HttpFields({ draft: d, set, errors, hasSecret }: Props) {
  const kind = d.kind === 'ssh' ? 'loki' : d.kind;
  return (
    <>
      <Field label="URL" field="url" errors={errors}>
        <TextInput testId="connection-url" value={d.url} onChange={(url) => set({ url })} invalid={errors.has('url')} placeholder={DEFAULT_PORTS[kind]} />
      </Field>
      <Field label="Tenant (X-Scope-OrgID)" field="tenant" errors={errors} hint={d.kind === 'loki' ? 'needed when Loki runs with auth_enabled: true' : 'for Mimir / Cortex; leave blank for Prometheus'}>
        <TextInput testId="connection-tenant" value={d.tenant} onChange={(tenant) => set({ tenant })} invalid={errors.has('tenant')} />
      </Field>
      <Field label="Authentication" field="auth" errors={errors}>
        <select className="input" data-testid="connection-auth" value={d.authType} onChange={(e) => set({ authType: e.target.value as Draft['authType'] })}>
          <option value="none">none</option>
          <option value="basic">basic (user and password)</option>
          <option value="bearer">bearer token</option>
        </select>
      </Field>
      {d.authType === 'basic' && (
        <>
          <Field label="User" field="auth.username" errors={errors}>
            <TextInput testId="connection-username" value={d.username} onChange={(username) => set({ username })} invalid={errors.has('auth.username')} />
          </Field>
          <Field label="Password" field="secrets.password" errors={errors}>
            <SecretInput testId="connection-password" value={d.password} onChange={(password) => set({ password })} stored={!!hasSecret?.password} invalid={errors.has('secrets.password')} />
          </Field>
        </>
      )}
      {d.authType === 'bearer' && (
        <Field label="Token" field="secrets.token" errors={errors}>
          <SecretInput testId="connection-token" value={d.token} onChange={(token) => set({ token })} stored={!!hasSecret?.token} invalid={errors.has('secrets.token')} />
        </Field>
      )}
      <HeadersEditor draft={d} set={set} errors={errors} hasSecret={hasSecret} />
      <details className="conn-advanced" open={!!(d.caFile || d.certFile || d.keyFile || d.insecureSkipVerify || d.proxyUrl) || [...errors.keys()].some((k) => k.startsWith('tls.') || k === 'proxyUrl')}>
        <summary>TLS and proxy</summary>
        <Field label="CA file" field="tls.caFile" errors={errors} hint="PEM; added to the system's CAs">
          <TextInput testId="connection-ca-file" value={d.caFile} onChange={(caFile) => set({ caFile })} invalid={errors.has('tls.caFile')} placeholder="/etc/ssl/my-ca.pem" />
        </Field>
        <Field label="Client certificate" field="tls.certFile" errors={errors}>
          <TextInput testId="connection-cert-file" value={d.certFile} onChange={(certFile) => set({ certFile })} invalid={errors.has('tls.certFile')} placeholder="PEM file" />
        </Field>
        <Field label="Client key" field="tls.keyFile" errors={errors}>
          <TextInput testId="connection-key-file" value={d.keyFile} onChange={(keyFile) => set({ keyFile })} invalid={errors.has('tls.keyFile')} placeholder="PEM file" />
        </Field>
        <Field label="Skip verification" field="tls.insecureSkipVerify" errors={errors} hint="accepts any certificate: test servers only">
          <input type="checkbox" data-testid="connection-insecure" checked={d.insecureSkipVerify} onChange={(e) => set({ insecureSkipVerify: e.target.checked })} />
        </Field>
        <Field label="Proxy URL" field="proxyUrl" errors={errors}>
          <TextInput testId="connection-proxy" value={d.proxyUrl} onChange={(proxyUrl) => set({ proxyUrl })} invalid={errors.has('proxyUrl')} placeholder="http://proxy.example:3128" />
        </Field>
      </details>
    </>
  );
}
