/**
 * The client against a real Prometheus behind its own web config: HTTPS with a certificate
 * from a test CA, client certificates required, and basic auth. Each wrong setting gets its
 * own message, and no message ever holds the password (or its base64).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient, type PrometheusConfigInput, type PromResult } from '../../../main/adapters/prometheus/index';
import { startRealPrometheus, type RealPrometheus } from './real-prometheus';
import { makeTestCertificates, type TestCertificates } from './test-certificates';

const USER = 'vigie';
const PASSWORD = 'vigie-test-password';
/** bcrypt (cost 4) of PASSWORD, as Prometheus' web config wants it; a test fixture, not a secret. */
const PASSWORD_BCRYPT = '$2b$04$gq1tIQWLn80JfaAbpFNRNufdQGowVFYDDlgDInVSmpEXatNf4HVbq';
const WRONG = 'wrong-password-4242';

let prom: RealPrometheus;
let certs: TestCertificates;
let certDir: string;

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'vigie-prometheus-tls-'));
  certs = makeTestCertificates(certDir);
  const webConfig = [
    'tls_server_config:',
    `  cert_file: ${certs.serverCertFile}`,
    `  key_file: ${certs.serverKeyFile}`,
    '  client_auth_type: RequireAndVerifyClientCert',
    `  client_ca_file: ${certs.caFile}`,
    'basic_auth_users:',
    `  ${USER}: ${PASSWORD_BCRYPT}`,
  ].join('\n');
  const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  prom = await startRealPrometheus({ webConfig, scheme: 'https', probe: { headers: { authorization: basic }, ca: certs.ca, cert: certs.clientCert, key: certs.clientKey } });
});
afterAll(async () => {
  await prom?.stop();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

/** A client with everything right, then `change` applied. */
function config(change: (c: PrometheusConfigInput) => PrometheusConfigInput = (c) => c): PrometheusConfigInput {
  return change({
    url: prom.url,
    auth: { kind: 'basic', username: USER, password: PASSWORD },
    tls: { caFile: certs.caFile, certFile: certs.clientCertFile, keyFile: certs.clientKeyFile },
    timeoutMs: 10_000,
  });
}

const secretsOf = (password: string) => [password, Buffer.from(`${USER}:${password}`).toString('base64')];

async function run<T>(c: PrometheusConfigInput, call: (client: ReturnType<typeof createPrometheusClient>) => Promise<T>): Promise<T> {
  const client = createPrometheusClient(c);
  try {
    return await call(client);
  } finally {
    await client.close();
  }
}

function failure<T>(r: PromResult<T>) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('a Prometheus behind HTTPS, client certificates and basic auth', () => {
  it('with every setting right, test() says it is reachable over verified TLS, accepts the user and runs queries', async () => {
    const checks = await run(config(), (c) => c.test());
    expect(checks.map((c) => [c.check, c.state])).toEqual([
      ['reachable', 'ok'],
      ['auth', 'ok'],
      ['query', 'ok'],
    ]);
    expect(checks[0]!.message).toMatch(/^Prometheus \d+\.\d+\.\d+.* answers at https:\/\/127\.0\.0\.1:\d+ over verified TLS$/);
    expect(checks[1]!.message).toBe(`the server accepts user ${USER}`);
  });

  it('with every setting right, the data is there', async () => {
    const r = await run(config(), (c) => c.labelValues('job'));
    expect(r).toEqual({ ok: true, value: ['api', 'worker'], warnings: [], infos: [] });
  });

  const failures: { name: string; change: (c: PrometheusConfigInput) => PrometheusConfigInput; kind: string; says: RegExp; password?: string }[] = [
    { name: 'a wrong password is refused, in words, without the password', change: (c) => ({ ...c, auth: { kind: 'basic', username: USER, password: WRONG } }), kind: 'unauthorized', says: /refused the credentials \(401 Unauthorized\)/, password: WRONG },
    { name: 'no credentials: the server asks for Basic auth', change: (c) => ({ ...c, auth: { kind: 'none' } }), kind: 'unauthorized', says: /requires authentication \(401 Unauthorized, it asks for Basic\)/ },
    { name: 'credentials in the URL are used, and never shown', change: (c) => ({ ...c, url: c.url.replace('https://', `https://${USER}:${WRONG}@`), auth: { kind: 'none' } }), kind: 'unauthorized', says: /refused the credentials/, password: WRONG },
    { name: 'without the CA file, the server certificate is not trusted', change: (c) => ({ ...c, tls: { certFile: certs.clientCertFile, keyFile: certs.clientKeyFile } }), kind: 'tls', says: /TLS handshake with https:\/\/127\.0\.0\.1:\d+\/api\/v1\/status\/buildinfo failed: .*(certificate|issuer)/ },
    { name: 'a server name the certificate does not hold is refused', change: (c) => ({ ...c, tls: { ...c.tls, serverName: 'prometheus.example' } }), kind: 'tls', says: /prometheus\.example|altnames|Hostname/i },
    { name: 'a CA file that does not exist is a settings error', change: (c) => ({ ...c, tls: { ...c.tls, caFile: join(certDir, 'nope.crt') } }), kind: 'config', says: /^CA file .*nope\.crt cannot be read: no such file$/ },
    { name: 'a CA file that is not PEM is a settings error', change: (c) => ({ ...c, tls: { ...c.tls, caFile: join(certDir, 'client.ext') } }), kind: 'config', says: /client\.ext is not a PEM file/ },
  ];
  for (const f of failures) {
    it(f.name, async () => {
      const c = config(f.change);
      const e = failure(await run(c, (client) => client.buildInfo()));
      expect(e.kind).toBe(f.kind);
      expect(e.message).toMatch(f.says);
      const checks = await run(c, (client) => client.test());
      expect(checks.some((k) => k.state === 'failed')).toBe(true);
      for (const s of secretsOf(f.password ?? PASSWORD)) {
        expect(JSON.stringify(e)).not.toContain(s);
        expect(JSON.stringify(checks)).not.toContain(s);
      }
    });
  }

  it('without a client certificate the server ends the handshake: a clear failure, not a hang', async () => {
    const e = failure(await run(config((c) => ({ ...c, tls: { caFile: certs.caFile } })), (client) => client.buildInfo()));
    expect(['tls', 'network']).toContain(e.kind);
    expect(e.message).toMatch(/certificate|closed the connection/i);
  });

  it('insecure skip verify connects without the CA, and test() warns about it', async () => {
    const checks = await run(
      config((c) => ({ ...c, tls: { insecureSkipVerify: true, certFile: certs.clientCertFile, keyFile: certs.clientKeyFile } })),
      (client) => client.test(),
    );
    expect(checks.map((c) => [c.check, c.state])).toEqual([
      ['tls', 'warning'],
      ['reachable', 'ok'],
      ['auth', 'ok'],
      ['query', 'ok'],
    ]);
    expect(checks[0]!.message).toMatch(/not verified/);
  });
});
