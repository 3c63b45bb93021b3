import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealPrometheus, type RealPrometheus } from '../prometheus/real-prometheus';
import { ConnectionService } from '../../../main/services/connections/connection-service';
import { fileSecretBackend } from '../../../main/services/connections/file-secret-store';
import { testHttp } from '../../../main/services/connections/http-testers';
import { testSsh } from '../../../main/services/connections/ssh-tester';
import { tempConfigDir } from '../../../main/services/connections/test-kit';

/** A CA, a server certificate for 127.0.0.1 signed by it, and a client certificate, made with openssl. */
function makePki(dir: string): { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string } {
  const p = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('/usr/bin/openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '2', '-subj', '/CN=Vigie test CA');
  writeFileSync(p('san.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=127.0.0.1');
  ssl('x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('server.pem'), '-days', '2', '-extfile', p('san.ext'));
  writeFileSync(p('client.ext'), 'extendedKeyUsage=clientAuth\n');
  ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('client.key'), '-out', p('client.csr'), '-subj', '/CN=vigie-client');
  ssl('x509', '-req', '-in', p('client.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('client.pem'), '-days', '2', '-extfile', p('client.ext'));
  return { ca: p('ca.pem'), serverCert: p('server.pem'), serverKey: p('server.key'), clientCert: p('client.pem'), clientKey: p('client.key') };
}

let prom: RealPrometheus;
let pki: ReturnType<typeof makePki>;
const { dir, cleanup } = tempConfigDir();
beforeAll(async () => {
  pki = makePki(dir);
  // Mutual TLS: the server wants a client certificate signed by the same CA.
  const webConfig = `tls_server_config:\n  cert_file: ${pki.serverCert}\n  key_file: ${pki.serverKey}\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ${pki.ca}\n`;
  prom = await startRealPrometheus({ scheme: 'https', webConfig, probe: { ca: readFileSync(pki.ca, 'utf8'), cert: readFileSync(pki.clientCert, 'utf8'), key: readFileSync(pki.clientKey, 'utf8') } });
}, 120_000);
afterAll(async () => {
  await prom?.stop();
  cleanup();
});

const svc = new ConnectionService({ configDir: dir, backend: fileSecretBackend(join(dir, 'connection-secrets.json')), testers: { http: testHttp, ssh: testSsh }, home: dir });
let n = 0;
async function test(tls: Record<string, unknown>) {
  const r = await svc.save({ settings: { kind: 'prometheus', name: `tls-${n++}`, url: prom.url, tls }, secrets: {} });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return svc.test(r.connection.id, new AbortController().signal);
}

describe('TLS options against a real Prometheus over mutual TLS', () => {
  it('with the CA file and a client certificate: every check passes, over verified TLS', async () => {
    const t = await test({ caFile: pki.ca, certFile: pki.clientCert, keyFile: pki.clientKey });
    expect(t.checks.map((c) => [c.name, c.status])).toEqual([['CA file', 'ok'], ['client certificate', 'ok'], ['client key', 'ok'], ['reachable', 'ok'], ['authentication', 'ok'], ['query', 'ok']]);
    expect(t.checks[3]!.message).toMatch(/answers at https:\/\/127\.0\.0\.1:\d+ over verified TLS$/);
  });

  it("without the CA file the server's certificate is not trusted, in words", async () => {
    const t = await test({ certFile: pki.clientCert, keyFile: pki.clientKey });
    expect(t.checks.find((c) => c.name === 'reachable')).toMatchObject({ status: 'failed', message: expect.stringMatching(/TLS handshake with https:\/\/127\.0\.0\.1:\d+.* failed/) });
  });

  it('skipping verification works but is flagged as a warning', async () => {
    const t = await test({ insecureSkipVerify: true, certFile: pki.clientCert, keyFile: pki.clientKey });
    expect(t.checks[2]).toMatchObject({ name: 'TLS', status: 'warning', ok: true, message: expect.stringMatching(/not verified/) });
    expect(t.ok).toBe(true);
  });

  it('without a client certificate the server refuses the handshake', async () => {
    const t = await test({ caFile: pki.ca });
    expect(t.ok).toBe(false);
    expect(t.checks.find((c) => c.name === 'reachable')!.status).toBe('failed');
  });

  it('a CA file that does not exist is said before any network', async () => {
    const t = await test({ caFile: join(dir, 'nope.pem') });
    expect(t.checks).toEqual([{ name: 'CA file', ok: false, status: 'failed', message: `${join(dir, 'nope.pem')} does not exist` }]);
  });
});
