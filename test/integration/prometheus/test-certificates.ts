/**
 * A throw-away PKI for TLS tests, made with the openssl CLI: a CA, a server certificate for
 * 127.0.0.1 (IP SAN, as the client checks the URL's host) and a client certificate, all
 * signed by that CA, written as PEM files in `dir`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const OPENSSL_BIN = '/usr/bin/openssl';

export interface TestCertificates {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** PEM text of the CA, client certificate and key (for readiness probes). */
  ca: string;
  clientCert: string;
  clientKey: string;
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync(OPENSSL_BIN, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}

export function makeTestCertificates(dir: string): TestCertificates {
  if (!existsSync(OPENSSL_BIN)) throw new Error(`${OPENSSL_BIN} is missing: the TLS tests need the openssl command (Debian package "openssl")`);
  const days = ['-days', '2'];
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Vigie test CA', ...days], dir);
  const leaf = (name: string, cn: string, ext: string) => {
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-extfile', `${name}.ext`, ...days], dir);
  };
  leaf('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  leaf('client', 'vigie-test-client', 'extendedKeyUsage=clientAuth\n');
  const at = (f: string) => join(dir, f);
  return {
    caFile: at('ca.crt'),
    serverCertFile: at('server.crt'),
    serverKeyFile: at('server.key'),
    clientCertFile: at('client.crt'),
    clientKeyFile: at('client.key'),
    ca: readFileSync(at('ca.crt'), 'utf8'),
    clientCert: readFileSync(at('client.crt'), 'utf8'),
    clientKey: readFileSync(at('client.key'), 'utf8'),
  };
}
