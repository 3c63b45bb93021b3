import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnownHosts, hostLookupName, keyTypeOf, parseKnownHosts, preferredHostKeyAlgorithms, sha256Fingerprint, verifyHostKey } from './known-hosts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-known-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real key made by ssh-keygen: `type base64` and its raw blob. */
function key(name: string, type = 'ed25519'): { line: string; blob: Buffer; pub: string } {
  const path = join(dir, name);
  const r = spawnSync('/usr/bin/ssh-keygen', ['-q', '-t', type, '-N', '', '-f', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen failed (is openssh-client installed?): ${r.stderr}`);
  const [t, b64] = readFileSync(`${path}.pub`, 'utf8').split(/\s+/) as [string, string];
  return { line: `${t} ${b64}`, blob: Buffer.from(b64, 'base64'), pub: `${path}.pub` };
}

const a = key('a');
const b = key('b');
const e = key('e', 'ecdsa');

/** `ssh-keygen -H` hashes a plain known_hosts file: the hashed form as OpenSSH writes it. */
function hashedLine(plain: string): string {
  const f = join(dir, `h${Math.random()}`);
  writeFileSync(f, `${plain}\n`);
  spawnSync('/usr/bin/ssh-keygen', ['-H', '-f', f]);
  return readFileSync(f, 'utf8').trim();
}

describe('known_hosts lookups', () => {
  it.each([
    { name: 'a plain host on port 22 is known', lines: [`example.org ${a.line}`], host: 'example.org', port: 22, key: a.blob, want: 'known' },
    { name: 'host names compare case-insensitively', lines: [`Example.ORG ${a.line}`], host: 'example.org', port: 22, key: a.blob, want: 'known' },
    { name: 'another port is looked up as [host]:port', lines: [`[example.org]:2222 ${a.line}`], host: 'example.org', port: 2222, key: a.blob, want: 'known' },
    { name: 'a port-22 entry does not cover another port', lines: [`example.org ${a.line}`], host: 'example.org', port: 2222, key: a.blob, want: 'unknown' },
    { name: 'one of several comma-separated names matches', lines: [`web,example.org,10.0.0.1 ${a.line}`], host: '10.0.0.1', port: 22, key: a.blob, want: 'known' },
    { name: 'wildcards match', lines: [`*.example.org ${a.line}`], host: 'db.example.org', port: 22, key: a.blob, want: 'known' },
    { name: 'a negated pattern excludes a host a wildcard would match', lines: [`*.example.org,!db.example.org ${a.line}`], host: 'db.example.org', port: 22, key: a.blob, want: 'unknown' },
    { name: 'a hashed entry matches its host', lines: [hashedLine(`example.org ${a.line}`)], host: 'example.org', port: 22, key: a.blob, want: 'known' },
    { name: 'a hashed [host]:port entry matches', lines: [hashedLine(`[example.org]:2222 ${a.line}`)], host: 'example.org', port: 2222, key: a.blob, want: 'known' },
    { name: 'a hashed entry does not match another host', lines: [hashedLine(`example.org ${a.line}`)], host: 'example.com', port: 22, key: a.blob, want: 'unknown' },
    { name: 'another key of the same type is a changed key', lines: [`example.org ${b.line}`], host: 'example.org', port: 22, key: a.blob, want: 'changed' },
    { name: 'a hashed entry with another key is a changed key', lines: [hashedLine(`example.org ${b.line}`)], host: 'example.org', port: 22, key: a.blob, want: 'changed' },
    { name: 'keys of other types only leave the key unknown', lines: [`example.org ${e.line}`], host: 'example.org', port: 22, key: a.blob, want: 'unknown' },
    { name: 'a @revoked key is refused even when also listed', lines: [`@revoked * ${a.line}`, `example.org ${a.line}`], host: 'example.org', port: 22, key: a.blob, want: 'revoked' },
    { name: '@cert-authority lines are not host keys', lines: [`@cert-authority *.example.org ${a.line}`], host: 'db.example.org', port: 22, key: a.blob, want: 'unknown' },
    { name: 'comments, blank and malformed lines are skipped', lines: ['# c', '', 'example.org ssh-ed25519', `example.org ssh-rsa ${a.line.split(' ')[1]}`, `example.org ${a.line}`], host: 'example.org', port: 22, key: a.blob, want: 'known' },
  ])('$name', ({ lines, host, port, key: k, want }) => {
    const v = verifyHostKey(parseKnownHosts(lines.join('\n'), '/kh'), hostLookupName(host, port), k);
    expect(v.kind).toBe(want);
  });

  it('names the file and line of a changed key', () => {
    const v = verifyHostKey(parseKnownHosts(`# x\nother ${a.line}\nexample.org ${b.line}\n`, '/home/u/.ssh/known_hosts'), 'example.org', a.blob);
    expect(v).toEqual({ kind: 'changed', file: '/home/u/.ssh/known_hosts', line: 3, knownType: 'ssh-ed25519' });
  });

  it('lists the other key types known for a host whose key is unknown', () => {
    expect(verifyHostKey(parseKnownHosts(`example.org ${e.line}`, '/kh'), 'example.org', a.blob)).toEqual({ kind: 'unknown', otherTypes: ['ecdsa-sha2-nistp256'] });
  });
});

describe('fingerprints and key types', () => {
  it.each([{ k: a }, { k: e }])('prints the fingerprint ssh-keygen -l prints ($k.line)', ({ k }) => {
    const out = spawnSync('/usr/bin/ssh-keygen', ['-l', '-E', 'sha256', '-f', k.pub], { encoding: 'utf8' }).stdout;
    expect(sha256Fingerprint(k.blob)).toBe(out.split(/\s+/)[1]);
  });
  it('reads the key type from the blob', () => {
    expect(keyTypeOf(a.blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.from('junk'))).toBe('');
  });
  it('puts the key types known for the host first in the algorithms offered', () => {
    const entries = parseKnownHosts(`[h]:2222 ${e.line}`, '/kh');
    expect(preferredHostKeyAlgorithms(entries, '[h]:2222', ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512'])).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519', 'rsa-sha2-512']);
  });
});

describe('accepting a host key', () => {
  it.each([{ hash: false }, { hash: true }])('appends an entry OpenSSH reads back (hash: $hash)', async ({ hash }) => {
    const file = join(dir, `accept-${hash}`, 'known_hosts');
    const kh = new KnownHosts([file], file, { hash });
    await kh.acceptHostKey('Example.org', 2222, a.blob);
    expect(await kh.verify('example.org', 2222, a.blob)).toMatchObject({ kind: 'known', line: 1 });
    // OpenSSH's own lookup finds it too.
    const r = spawnSync('/usr/bin/ssh-keygen', ['-F', '[example.org]:2222', '-f', file], { encoding: 'utf8' });
    expect(r.stdout).toContain(a.line.split(' ')[1]);
    expect(readFileSync(file, 'utf8').startsWith('|1|')).toBe(hash);
  });
  it('refuses to record something that is not a key blob', async () => {
    await expect(new KnownHosts([join(dir, 'x')]).acceptHostKey('h', 22, Buffer.from('nope'))).rejects.toThrow(/not an SSH public key/);
  });
});
