/**
 * One connection test: fetch its secrets, check the files it names (readable, before any
 * network), run the kind's tester under a deadline (so a hanging server gives an answer in
 * words, not a spinner), then scrub every message of the secrets.
 */
import { access, constants } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { ConnectionCheck, ConnectionSettings, TestResult } from '../../../shared/contract/connections';
import { toAppError } from '../../../shared/model/app-error';
import { redact, secretForms } from './redact';
import type { SecretStorePort } from './secret-backend';
import { secretName } from './secret-backend';
import type { StoredConnection } from './settings-file';
import type { ConnectionTesters, ResolvedSecrets, SeenHostKey } from './tester-port';

export interface TestDeps {
  store: SecretStorePort;
  testers: ConnectionTesters;
  home: string;
  /** Extra time beyond the connection's own timeout before the test is declared hung. */
  graceMs?: number;
}

/** Default for graceMs: extra time beyond the connection's own timeout before the test is declared hung. */
const GRACE_MS = 5_000;

export function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/** Settings with `~/` paths expanded, as the adapters need them. */
export function withHome(c: StoredConnection, home: string): ConnectionSettings {
  const x = (p: string | undefined) => (p === undefined ? undefined : expandHome(p, home));
  if (c.kind === 'ssh') {
    return { ...c, knownHostsFile: x(c.knownHostsFile), auth: c.auth.type === 'key' ? { type: 'key', keyFile: x(c.auth.keyFile)! } : c.auth };
  }
  return { ...c, tls: { ...c.tls, caFile: x(c.tls.caFile), certFile: x(c.tls.certFile), keyFile: x(c.tls.keyFile) } };
}

/** The connection's secrets from the store, and the required ones that are missing (in words). */
export async function resolveSecrets(c: StoredConnection, store: SecretStorePort): Promise<{ secrets: ResolvedSecrets; missing: string[] }> {
  const secrets: ResolvedSecrets = { headers: {} };
  const missing: string[] = [];
  if (c.kind === 'ssh') {
    if (c.auth.type === 'key') secrets.passphrase = await store.get(secretName.passphrase(c.id));
    return { secrets, missing };
  }
  if (c.auth.type === 'basic') (secrets.password = await store.get(secretName.password(c.id))) ?? missing.push('the password');
  if (c.auth.type === 'bearer') (secrets.token = await store.get(secretName.token(c.id))) ?? missing.push('the bearer token');
  for (const h of c.headers.filter((h) => h.secret)) {
    const v = await store.get(secretName.header(c.id, h.name));
    if (v === undefined) missing.push(`the value of header ${h.name}`);
    else secrets.headers[h.name] = v;
  }
  return { secrets, missing };
}

async function fileChecks(s: ConnectionSettings): Promise<ConnectionCheck[]> {
  const files: [string, string | undefined][] =
    s.kind === 'ssh'
      ? [['private key file', s.auth.type === 'key' ? s.auth.keyFile : undefined]]
      : [['CA file', s.tls.caFile], ['client certificate', s.tls.certFile], ['client key', s.tls.keyFile]];
  const checks: ConnectionCheck[] = [];
  for (const [what, path] of files) {
    if (path === undefined) continue;
    try {
      await access(path, constants.R_OK);
      checks.push({ name: what, ok: true, status: 'ok', message: `${path} is readable` });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      checks.push({ name: what, ok: false, status: 'failed', message: code === 'ENOENT' ? `${path} does not exist` : code === 'EACCES' ? `${path} cannot be read (permission denied)` : `${path}: ${(e as Error).message}` });
    }
  }
  return checks;
}

/**
 * The proxy first: the clients report a dead proxy as the server being unreachable (the
 * connection refused is the proxy's), which would send the user to the wrong place.
 */
async function proxyCheck(proxyUrl: string, timeoutMs: number): Promise<ConnectionCheck> {
  const u = new URL(proxyUrl);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const where = `${u.hostname}:${port}`;
  const problem = await new Promise<string | null>((resolve) => {
    const socket = connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port, timeout: timeoutMs });
    socket.once('connect', () => (socket.destroy(), resolve(null)));
    socket.once('timeout', () => (socket.destroy(), resolve(`no answer from the proxy ${where} within ${timeoutMs / 1000} s`)));
    socket.once('error', (e: NodeJS.ErrnoException) =>
      resolve(e.code === 'ECONNREFUSED' ? `nothing listens at the proxy ${where} (connection refused)` : e.code === 'ENOTFOUND' ? `unknown proxy host ${u.hostname}` : `cannot reach the proxy ${where}: ${e.message}`),
    );
  });
  return problem ? { name: 'proxy', ok: false, status: 'failed', message: problem } : { name: 'proxy', ok: true, status: 'ok', message: `the proxy ${where} accepts connections` };
}

export async function runTest(c: StoredConnection, deps: TestDeps, signal: AbortSignal): Promise<{ result: TestResult; unknownHostKey?: SeenHostKey }> {
  const { secrets, missing } = await resolveSecrets(c, deps.store);
  const all = secretForms(c, [secrets.password, secrets.token, secrets.passphrase, ...Object.values(secrets.headers)]);
  const done = (checks: ConnectionCheck[], unknownHostKey?: SeenHostKey) => {
    const clean = checks.map((k) => ({ ...k, message: redact(k.message, all) }));
    return { result: { ok: clean.every((k) => k.ok), checks: clean }, unknownHostKey };
  };
  if (missing.length) return done([{ name: 'credentials', ok: false, status: 'failed', message: `${missing.join(', ')} is not stored: edit the connection and enter it` }]);
  const settings = withHome(c, deps.home);
  const files = await fileChecks(settings);
  if (files.some((f) => !f.ok)) return done(files);

  const limitMs = c.timeoutMs + (deps.graceMs ?? GRACE_MS);
  if (settings.kind !== 'ssh' && settings.proxyUrl) {
    const proxy = await proxyCheck(settings.proxyUrl, c.timeoutMs);
    files.push(proxy);
    if (!proxy.ok) return done(files);
  }
  const deadline = AbortSignal.timeout(limitMs);
  const both = AbortSignal.any([signal, deadline]);
  try {
    if (settings.kind === 'ssh') {
      const out = await raceAbort(deps.testers.ssh(settings, secrets, both), both);
      return done([...files, ...out.checks], out.unknownHostKey);
    }
    return done([...files, ...(await raceAbort(deps.testers.http(settings, secrets, both), both))]);
  } catch (e) {
    if (signal.aborted) throw e;
    const message = deadline.aborted ? `no answer within ${limitMs < 10_000 ? `${(limitMs / 1000).toFixed(1)} s` : `${Math.round(limitMs / 1000)} s`}: the server hangs or is unreachable` : toAppError(e).message;
    return done([...files, { name: 'connection', ok: false, status: 'failed', message }]);
  }
}

/** Stops waiting when the signal fires, even if the tester does not listen to it. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
