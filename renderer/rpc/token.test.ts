import { describe, expect, it } from 'vitest';
import { rpcSocketUrl, takeToken, TOKEN_KEY } from './token';

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), map: m };
}

describe('takeToken', () => {
  it.each([
    ['http://127.0.0.1:5/?token=abc', {}, 'abc', '/'],
    ['http://127.0.0.1:5/?token=abc#/explore?from=now-1h', {}, 'abc', '/#/explore?from=now-1h'],
    ['http://127.0.0.1:5/?x=1&token=abc', {}, 'abc', '/?x=1'],
    ['http://127.0.0.1:5/#/sources', { [TOKEN_KEY]: 'kept' }, 'kept', null],
    ['http://127.0.0.1:5/', {}, null, null],
    ['http://127.0.0.1:5/?token=new', { [TOKEN_KEY]: 'old' }, 'new', '/'],
  ])('%s', (href, stored, token, cleanUrl) => {
    const s = memoryStorage(stored);
    expect(takeToken(href, s)).toEqual({ token, cleanUrl });
    if (token) expect(s.map.get(TOKEN_KEY)).toBe(token);
  });
});

describe('rpcSocketUrl', () => {
  it.each([
    [{ protocol: 'http:', host: '127.0.0.1:8080' }, 'a+b/c', 'ws://127.0.0.1:8080/rpc?token=a%2Bb%2Fc'],
    [{ protocol: 'https:', host: 'x' }, 't', 'wss://x/rpc?token=t'],
  ])('%j', (loc, token, want) => expect(rpcSocketUrl(loc, token)).toBe(want));
});

