import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../shared/contract/connections';
import { draftFrom, emptyDraft, errorsByField, targetOf, toSaveInput } from './form-state';

const saved: ConnectionInfo = {
  id: 'c1',
  settings: { kind: 'loki', name: 'logs', timeoutMs: 15_000, url: 'https://logs.example', tenant: 't1', auth: { type: 'basic', username: 'bob' }, headers: [{ name: 'X-Org', secret: false, value: 'a' }, { name: 'X-Key', secret: true }], tls: { insecureSkipVerify: false, caFile: '/ca.pem' } },
  hasSecret: { password: true, token: false, passphrase: false, headers: { 'X-Key': true } },
};

describe('the connection form state', () => {
  it('editing without typing a secret keeps the stored ones (no secret in the patch)', () => {
    expect(toSaveInput(draftFrom(saved))).toEqual({
      settings: {
        kind: 'loki', id: 'c1', name: 'logs', timeoutMs: 15_000, url: 'https://logs.example', tenant: 't1', auth: { type: 'basic', username: 'bob' },
        headers: [{ name: 'X-Org', secret: false, value: 'a' }, { name: 'X-Key', secret: true }],
        tls: { caFile: '/ca.pem', insecureSkipVerify: false, certFile: '', keyFile: '' }, proxyUrl: '',
      },
      secrets: {},
    });
  });

  it('a typed password and secret header value go to the patch, by header name', () => {
    const d = { ...draftFrom(saved), password: 'pw', headerSecrets: { 1: 'k' } };
    expect(toSaveInput(d).secrets).toEqual({ password: 'pw', headers: { 'X-Key': 'k' } });
  });

  it('a password typed while auth is bearer is not sent', () => {
    expect(toSaveInput({ ...emptyDraft('prometheus'), authType: 'bearer', password: 'pw', token: 't' }).secrets).toEqual({ token: 't' });
  });

  it('an SSH host: port and timeout as numbers, a passphrase only with key auth, or its removal', () => {
    const d = { ...emptyDraft('ssh'), name: 's', host: 'h', user: 'u', port: '2222', timeoutSeconds: '2.5', sshAuth: 'key' as const, sshKeyFile: '~/.ssh/id', clearPassphrase: true };
    expect(toSaveInput(d)).toEqual({ settings: { kind: 'ssh', name: 's', timeoutMs: 2500, host: 'h', port: 2222, user: 'u', auth: { type: 'key', keyFile: '~/.ssh/id' }, knownHostsFile: '' }, secrets: { passphrase: null } });
    expect(toSaveInput({ ...d, sshAuth: 'agent', passphrase: 'x' }).secrets).toEqual({});
  });

  it('a port that is not a number is sent as NaN so the server names the field', () => {
    expect((toSaveInput({ ...emptyDraft('ssh'), port: 'abc' }).settings as { port: number }).port).toBeNaN();
  });

  it('keeps the first error of each field, and says where a connection points', () => {
    expect(errorsByField([{ field: 'url', message: 'a' }, { field: 'url', message: 'b' }]).get('url')).toBe('a');
    expect(targetOf(saved)).toBe('https://logs.example (tenant t1)');
    expect(targetOf({ ...saved, settings: { kind: 'ssh', name: 's', timeoutMs: 1000, host: 'h', port: 2222, user: 'u', auth: { type: 'agent' } } })).toBe('u@h:2222');
  });
});
