/**
 * The connection form's state as plain strings and booleans (what inputs hold), and the two
 * conversions: from a saved connection (secrets never come back: only whether one is stored)
 * and to what `connections.save` takes (a blank secret field means "keep the stored one").
 */
import type { ConnectionInfo, ConnectionKind, ConnectionSettingsInput, SaveInput, SecretsPatch } from '../../../shared/contract/connections';

export interface HeaderDraft {
  name: string;
  value: string;
  secret: boolean;
}

export interface Draft {
  id?: string;
  kind: ConnectionKind;
  name: string;
  timeoutSeconds: string;
  url: string;
  tenant: string;
  authType: 'none' | 'basic' | 'bearer';
  username: string;
  headers: HeaderDraft[];
  caFile: string;
  insecureSkipVerify: boolean;
  certFile: string;
  keyFile: string;
  proxyUrl: string;
  host: string;
  port: string;
  user: string;
  sshAuth: 'agent' | 'key';
  sshKeyFile: string;
  knownHostsFile: string;
  /** What the user typed; '' keeps what is stored. */
  password: string;
  token: string;
  passphrase: string;
  /** Secret header values by header index. */
  headerSecrets: Record<number, string>;
  /** Remove the stored key passphrase (the only optional secret). */
  clearPassphrase: boolean;
}

export const KIND_LABELS: Record<ConnectionKind, string> = { loki: 'Loki', prometheus: 'Prometheus', alertmanager: 'Alertmanager', ssh: 'SSH host' };
export const DEFAULT_PORTS: Record<Exclude<ConnectionKind, 'ssh'>, string> = { loki: 'http://127.0.0.1:3100', prometheus: 'http://127.0.0.1:9090', alertmanager: 'http://127.0.0.1:9093' };

export function emptyDraft(kind: ConnectionKind): Draft {
  return {
    kind,
    name: '',
    timeoutSeconds: '30',
    url: '',
    tenant: '',
    authType: 'none',
    username: '',
    headers: [],
    caFile: '',
    insecureSkipVerify: false,
    certFile: '',
    keyFile: '',
    proxyUrl: '',
    host: '',
    port: '22',
    user: '',
    sshAuth: 'agent',
    sshKeyFile: '',
    knownHostsFile: '',
    password: '',
    token: '',
    passphrase: '',
    headerSecrets: {},
    clearPassphrase: false,
  };
}

export function draftFrom(info: ConnectionInfo): Draft {
  const s = info.settings;
  const d: Draft = { ...emptyDraft(s.kind), id: info.id, name: s.name, timeoutSeconds: String(s.timeoutMs / 1000) };
  if (s.kind === 'ssh') {
    return { ...d, host: s.host, port: String(s.port), user: s.user, sshAuth: s.auth.type, sshKeyFile: s.auth.type === 'key' ? s.auth.keyFile : '', knownHostsFile: s.knownHostsFile ?? '' };
  }
  return {
    ...d,
    url: s.url,
    tenant: s.tenant ?? '',
    authType: s.auth.type,
    username: s.auth.type === 'basic' ? s.auth.username : '',
    headers: s.headers.map((h) => ({ name: h.name, value: h.secret ? '' : (h.value ?? ''), secret: h.secret })),
    caFile: s.tls.caFile ?? '',
    insecureSkipVerify: s.tls.insecureSkipVerify,
    certFile: s.tls.certFile ?? '',
    keyFile: s.tls.keyFile ?? '',
    proxyUrl: s.proxyUrl ?? '',
  };
}

/** A number from a text field, or the text itself so the server says what is wrong with it. */
const num = (text: string, scale = 1): number => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? Math.round(n * scale) : NaN;
};

export function toSaveInput(d: Draft): SaveInput {
  const common = { ...(d.id ? { id: d.id } : {}), name: d.name, timeoutMs: num(d.timeoutSeconds, 1000) };
  if (d.kind === 'ssh') {
    const settings: ConnectionSettingsInput = {
      kind: 'ssh',
      ...common,
      host: d.host,
      port: num(d.port),
      user: d.user,
      auth: d.sshAuth === 'key' ? { type: 'key', keyFile: d.sshKeyFile } : { type: 'agent' },
      knownHostsFile: d.knownHostsFile,
    };
    const secrets: SecretsPatch = d.sshAuth === 'key' ? (d.passphrase ? { passphrase: d.passphrase } : d.clearPassphrase ? { passphrase: null } : {}) : {};
    return { settings, secrets };
  }
  const settings: ConnectionSettingsInput = {
    kind: d.kind,
    ...common,
    url: d.url,
    tenant: d.tenant,
    auth: d.authType === 'basic' ? { type: 'basic', username: d.username } : { type: d.authType },
    headers: d.headers.map((h) => (h.secret ? { name: h.name, secret: true } : { name: h.name, secret: false, value: h.value })),
    tls: { caFile: d.caFile, insecureSkipVerify: d.insecureSkipVerify, certFile: d.certFile, keyFile: d.keyFile },
    proxyUrl: d.proxyUrl,
  };
  const secrets: SecretsPatch = {};
  if (d.authType === 'basic' && d.password) secrets.password = d.password;
  if (d.authType === 'bearer' && d.token) secrets.token = d.token;
  const headers: Record<string, string> = {};
  d.headers.forEach((h, i) => {
    const v = d.headerSecrets[i];
    if (h.secret && v) headers[h.name] = v;
  });
  if (Object.keys(headers).length) secrets.headers = headers;
  return { settings, secrets };
}

/** The field errors as a map, for inputs to find theirs ("url", "headers.0.name", "secrets.password"). */
export function errorsByField(errors: readonly { field: string; message: string }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of errors) if (!m.has(e.field)) m.set(e.field, e.message);
  return m;
}

/** One line for the list: where the connection points. */
export function targetOf(info: ConnectionInfo): string {
  const s = info.settings;
  if (s.kind === 'ssh') return `${s.user}@${s.host}${s.port === 22 ? '' : `:${s.port}`}`;
  return s.tenant ? `${s.url} (tenant ${s.tenant})` : s.url;
}
