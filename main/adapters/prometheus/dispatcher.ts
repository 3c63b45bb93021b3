/**
 * The undici dispatcher a connection's requests go through: TLS options (extra CA, client
 * certificate, skip-verify, server name) and an optional HTTP proxy. Made once, on the
 * first request, because it reads files; a file that cannot be read is a `config` error.
 */
import { readFile } from 'node:fs/promises';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { rootCertificates } from 'node:tls';
import type { PrometheusSettings } from './config';
import type { PrometheusError } from './errors';

interface TlsOptions {
  ca?: string[];
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
  servername?: string;
}

async function readPem(path: string, what: string): Promise<string | PrometheusError> {
  try {
    const text = await readFile(path, 'utf8');
    if (!text.includes('-----BEGIN')) return { kind: 'config', message: `${what} ${path} is not a PEM file (no -----BEGIN line)` };
    return text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { kind: 'config', message: `${what} ${path} cannot be read: ${why}` };
  }
}

async function tlsOptions(settings: PrometheusSettings): Promise<TlsOptions | PrometheusError> {
  const { tls } = settings;
  const out: TlsOptions = { rejectUnauthorized: !tls.insecureSkipVerify };
  if (tls.caFile) {
    const ca = await readPem(tls.caFile, 'CA file');
    if (typeof ca !== 'string') return ca;
    // A custom CA adds to the system's roots, as Prometheus' own ca_file does not replace them either.
    out.ca = [...rootCertificates, ca];
  }
  if (tls.certFile && tls.keyFile) {
    const cert = await readPem(tls.certFile, 'client certificate');
    if (typeof cert !== 'string') return cert;
    const key = await readPem(tls.keyFile, 'client key');
    if (typeof key !== 'string') return key;
    out.cert = cert;
    out.key = key;
  }
  if (tls.serverName) out.servername = tls.serverName;
  return out;
}

export type DispatcherResult = { ok: true; dispatcher: Dispatcher } | { ok: false; error: PrometheusError };

/** A dispatcher for the settings, or the config error that prevents one. */
export async function makeDispatcher(settings: PrometheusSettings): Promise<DispatcherResult> {
  const tls = await tlsOptions(settings);
  if ('kind' in tls) return { ok: false, error: tls };
  // undici's own timeouts are left long: the client's timeout (an AbortSignal) is the one that speaks.
  const timeouts = { headersTimeout: settings.timeoutMs + 1000, bodyTimeout: settings.timeoutMs + 1000 };
  if (settings.proxyUrl) {
    return { ok: true, dispatcher: new ProxyAgent({ uri: settings.proxyUrl, requestTls: tls, ...timeouts }) };
  }
  return { ok: true, dispatcher: new Agent({ connect: tls, ...timeouts }) };
}

/** One dispatcher per client, made lazily; a failed attempt is retried on the next request. */
export function lazyDispatcher(settings: PrometheusSettings): { get(): Promise<DispatcherResult>; close(): Promise<void> } {
  let made: Promise<DispatcherResult> | undefined;
  return {
    async get() {
      made ??= makeDispatcher(settings);
      const d = await made;
      if (!d.ok) made = undefined;
      return d;
    },
    async close() {
      const d = await made;
      made = undefined;
      if (d?.ok) await d.dispatcher.close();
    },
  };
}
