import { describe, expect, it } from 'vitest';
import { validateSettings } from './validate-settings';

const prom = (extra: Record<string, unknown>) => ({ kind: 'prometheus', name: 'p', url: 'http://127.0.0.1:9090', ...extra });

describe('connection settings validation', () => {
  it.each([
    { name: 'a missing kind asks to choose one', input: { name: 'x' }, field: 'kind', message: /choose a kind/ },
    { name: 'an empty name', input: prom({ name: '  ' }), field: 'name', message: /a name is required/ },
    { name: 'an empty URL', input: prom({ url: '' }), field: 'url', message: /a URL is required/ },
    { name: 'a URL that is not one', input: prom({ url: 'http://exa mple:9090/' }), field: 'url', message: /^not a URL: expected e.g. http:\/\/127.0.0.1:9090$/ },
    { name: 'a URL without its scheme', input: prom({ url: '127.0.0.1:9090' }), field: 'url', message: /^the URL needs its scheme: http:\/\/127\.0\.0\.1:9090 or https:\/\/127\.0\.0\.1:9090$/ },
    { name: 'localhost:9090 (which parses with "localhost:" as scheme)', input: prom({ url: 'localhost:9090' }), field: 'url', message: /needs its scheme: http:\/\/localhost:9090/ },
    { name: 'a host name URL without its scheme', input: prom({ url: 'prom.example/prefix' }), field: 'url', message: /needs its scheme: http:\/\/prom\.example\/prefix/ },
    { name: 'an ftp URL', input: prom({ url: 'ftp://h/' }), field: 'url', message: /must start with http:\/\/ or https:\/\/ \(not ftp:\/\/\)/ },
    { name: 'a password in the URL', input: prom({ url: 'http://bob:hunter22@h:9090' }), field: 'url', message: /must not hold a user or password/ },
    { name: 'a query in the URL', input: prom({ url: 'http://h:9090/?x=1' }), field: 'url', message: /query/ },
    { name: 'a socks proxy', input: prom({ proxyUrl: 'socks5://p:1080' }), field: 'proxyUrl', message: /the proxy URL must start with http/ },
    { name: 'a certificate without its key', input: prom({ tls: { certFile: '/c.pem' } }), field: 'tls.keyFile', message: /both its certificate file and its key file/ },
    { name: 'a key without its certificate', input: prom({ tls: { keyFile: '/k.pem' } }), field: 'tls.certFile', message: /both/ },
    { name: 'basic auth without a user', input: prom({ auth: { type: 'basic', username: '' } }), field: 'auth.username', message: /user name is required/ },
    { name: 'a header name with a space', input: prom({ headers: [{ name: 'X Key', value: 'v' }] }), field: 'headers.0.name', message: /not a valid HTTP header name/ },
    { name: 'a Host header', input: prom({ headers: [{ name: 'Host', value: 'v' }] }), field: 'headers.0.name', message: /set by the HTTP client itself/ },
    { name: 'Authorization beside bearer auth', input: prom({ auth: { type: 'bearer' }, headers: [{ name: 'authorization', value: 'x' }] }), field: 'headers.0.name', message: /set twice/ },
    { name: 'X-Scope-OrgID beside a tenant', input: { kind: 'loki', name: 'l', url: 'http://h:3100', tenant: 't1', headers: [{ name: 'X-Scope-OrgID', value: 't2' }] }, field: 'headers.0.name', message: /tenant is set twice/ },
    { name: 'a header given twice', input: prom({ headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] }), field: 'headers.1.name', message: /already set \(line 1\)/ },
    { name: 'a header value with a line break', input: prom({ headers: [{ name: 'X-A', value: 'a\r\nX-B: b' }] }), field: 'headers.0.value', message: /line breaks/ },
    { name: 'a plain header without a value', input: prom({ headers: [{ name: 'X-A' }] }), field: 'headers.0.value', message: /a value is required/ },
    { name: 'a timeout under 100 ms', input: prom({ timeoutMs: 5 }), field: 'timeoutMs', message: /at least 100 ms/ },
    { name: 'a port that is not a number (NaN arrives as null)', input: { kind: 'ssh', name: 's', host: 'h', user: 'u', port: null }, field: 'port', message: /^a number is required$/ },
    { name: 'an SSH port out of range', input: { kind: 'ssh', name: 's', host: 'h', user: 'u', port: 70000 }, field: 'port', message: /1 to 65535/ },
    { name: 'an SSH host with a space', input: { kind: 'ssh', name: 's', host: 'a b', user: 'u' }, field: 'host', message: /without spaces/ },
    { name: 'an SSH host that looks like an option', input: { kind: 'ssh', name: 's', host: '-oProxyCommand=x', user: 'u' }, field: 'host', message: /not starting with "-"/ },
    { name: 'SSH key auth without a key file', input: { kind: 'ssh', name: 's', host: 'h', user: 'u', auth: { type: 'key', keyFile: '' } }, field: 'auth.keyFile', message: /key file is required/ },
  ])('refuses $name, at its field', ({ input, field, message }) => {
    const r = validateSettings(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toContain(field);
    expect(r.errors.find((e) => e.field === field)!.message).toMatch(message);
  });

  it('never echoes a password found in a URL', () => {
    const r = validateSettings(prom({ url: 'http://bob:hunter22@h:9090' }));
    expect(JSON.stringify(r)).not.toContain('hunter22');
  });

  it('applies defaults and drops the value of a secret header', () => {
    const r = validateSettings({ kind: 'loki', name: ' logs ', url: 'https://logs.example/loki', tenant: '', proxyUrl: ' ', headers: [{ name: 'X-Api-Key', secret: true, value: 'leak' }] });
    expect(r).toEqual({
      ok: true,
      settings: { kind: 'loki', name: 'logs', url: 'https://logs.example/loki', timeoutMs: 30_000, auth: { type: 'none' }, headers: [{ name: 'X-Api-Key', secret: true }], tls: { insecureSkipVerify: false } },
    });
  });

  it('accepts an SSH host with key auth and defaults port 22', () => {
    expect(validateSettings({ kind: 'ssh', name: 's', host: 'db1.example', user: 'ops', auth: { type: 'key', keyFile: '~/.ssh/id_ed25519' } })).toMatchObject({ ok: true, settings: { port: 22, auth: { type: 'key', keyFile: '~/.ssh/id_ed25519' } } });
  });
});
