import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-files';

describe('static file paths', () => {
  it.each([
    ['/', '/srv/r/index.html'],
    ['/assets/app.js', '/srv/r/assets/app.js'],
    ['/a/../index.html', '/srv/r/index.html'],
    ['/../secret', null],
    ['/%2e%2e/secret', null],
    ['/..%2fsecret', null],
    ['/a%5c..%5c..%5csecret', null],
    ['/x%00.js', null],
    ['/%E0%A4%A', null],
  ])('maps %s inside the renderer folder only (%s)', (url, expected) => {
    expect(resolveStaticPath('/srv/r', url)).toBe(expected);
  });
});
