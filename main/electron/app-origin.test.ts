import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppFrame, mimeTypeOf, resolveAppFile } from './app-origin';

describe('isAppFrame', () => {
  // [sentence, frame url, is ours]
  const cases: [string, unknown, boolean][] = [
    ['the entry page is ours', APP_ENTRY_URL, true],
    ['any path on the app origin is ours', 'app://vigie/explore?q=1#x', true],
    ['the origin alone is ours', 'app://vigie', true],
    ['case differences in scheme and host do not matter', 'APP://Vigie/index.html', true],
    ['another host on the same scheme is not', 'app://evil/index.html', false],
    ['userinfo naming our host is not', 'app://vigie@evil/index.html', false],
    ['credentials on our host are not', 'app://user:pw@vigie/', false],
    ['a host that merely starts with ours is not', 'app://vigie.evil/', false],
    ['a port on our host is not', 'app://vigie:8080/', false],
    ['https is not', 'https://vigie/', false],
    ['file: is not', 'file:///work/main/dist/renderer/index.html', false],
    ['about:blank is not', 'about:blank', false],
    ['an empty url (a frame being created) is not', '', false],
    ['garbage is not', 'not a url', false],
    ['a non-string is not', undefined, false],
  ];
  it.each(cases)('%s', (_name, url, ours) => {
    expect(isAppFrame(url, APP_ORIGIN)).toBe(ours);
  });

  it('compares with the origin it is given', () => {
    expect(isAppFrame('app://other/x', 'app://other')).toBe(true);
    expect(isAppFrame('app://vigie/x', 'app://other')).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = path.resolve('/srv/renderer');
  // [sentence, url, file under root or null]
  const cases: [string, string, string | null][] = [
    ['the entry page maps to index.html', 'app://vigie/index.html', 'index.html'],
    ['the root maps to index.html', 'app://vigie/', 'index.html'],
    ['an asset maps to its file', 'app://vigie/assets/index-abc.js', 'assets/index-abc.js'],
    ['a client-side route falls back to index.html', 'app://vigie/explore/logs', 'index.html'],
    ['query and fragment are ignored', 'app://vigie/assets/a.css?v=1#x', 'assets/a.css'],
    ['an escaped name is decoded', 'app://vigie/assets/a%20b.js', 'assets/a b.js'],
    ['dot segments are resolved by the URL parser, staying inside', 'app://vigie/../../etc/passwd.txt', 'etc/passwd.txt'],
    ['escaped dot segments are resolved by the parser too, staying inside', 'app://vigie/%2e%2e/%2e%2e/etc/passwd.txt', 'etc/passwd.txt'],
    ['a dot segment hidden behind an escaped slash is refused', 'app://vigie/a%2f%2e%2e%2fb.txt', null],
    ['an escaped slash cannot smuggle a parent', 'app://vigie/assets%2f..%2f..%2fsecret.txt', null],
    ['an escaped backslash is refused', 'app://vigie/..%5c..%5csecret.txt', null],
    ['a NUL byte is refused', 'app://vigie/index.html%00.js', null],
    ['a malformed escape is refused', 'app://vigie/%E0%A4%A.js', null],
    ['another origin is refused', 'app://evil/index.html', null],
    ['another scheme is refused', 'file:///srv/renderer/index.html', null],
  ];
  it.each(cases)('%s', (_name, url, expected) => {
    expect(resolveAppFile(url, root)).toBe(expected === null ? null : path.join(root, ...expected.split('/')));
  });
});

describe('mimeTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.JS', 'text/javascript; charset=utf-8'],
    ['codicon.ttf', 'font/ttf'],
    ['unknown.bin', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(mimeTypeOf(file)).toBe(type);
  });
});
