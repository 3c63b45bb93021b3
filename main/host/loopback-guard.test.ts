import { describe, expect, it } from 'vitest';
import { checkHost, checkOrigin, checkRpcUpgrade, checkToken } from './loopback-guard';

const config = { port: 7373, token: 'secret-token-value' };

describe('the loopback guard', () => {
  it.each([
    ['127.0.0.1:7373', true],
    ['localhost:7373', true],
    ['LOCALHOST:7373', true],
    ['[::1]:7373', true],
    ['evil.example', false],
    ['evil.example:7373', false],
    ['127.0.0.1', false],
    ['127.0.0.1:80', false],
    ['127.0.0.1.evil.example:7373', false],
    ['0.0.0.0:7373', false],
    [undefined, false],
  ])('accepts Host %s only when it is a loopback name with our port (%s)', (host, ok) => {
    expect(checkHost(host, config).ok).toBe(ok);
  });

  it.each([
    ['http://127.0.0.1:7373', true],
    ['http://localhost:7373', true],
    ['https://127.0.0.1:7373', false],
    ['http://127.0.0.1:7374', false],
    ['http://evil.example', false],
    ['null', false],
    ['file://', false],
  ])('accepts Origin %s only when it is our own (%s)', (origin, ok) => {
    expect(checkOrigin(origin, config, true).ok).toBe(ok);
  });

  it('requires an Origin on the RPC socket, where browsers always send one', () => {
    expect(checkOrigin(undefined, config, true)).toMatchObject({ ok: false, status: 403 });
  });

  it.each([
    ['secret-token-value', true],
    ['secret-token-valuf', false],
    ['secret-token-value-and-more', false],
    ['', false],
    [null, false],
  ])('accepts token %j only when it matches exactly (%s)', (token, ok) => {
    expect(checkToken(token, config).ok).toBe(ok);
  });

  it('checks Host, then Origin, then token on the RPC upgrade', () => {
    const url = (t: string) => new URL(`http://127.0.0.1:7373/rpc?token=${t}`);
    const good = { host: '127.0.0.1:7373', origin: 'http://127.0.0.1:7373' };
    expect(checkRpcUpgrade(good, url(config.token), config)).toEqual({ ok: true });
    expect(checkRpcUpgrade({ ...good, host: 'evil.example' }, url(config.token), config)).toMatchObject({ status: 421 });
    expect(checkRpcUpgrade({ ...good, origin: 'http://evil.example' }, url(config.token), config)).toMatchObject({ status: 403 });
    expect(checkRpcUpgrade(good, url('wrong'), config)).toMatchObject({ status: 401 });
  });
});
