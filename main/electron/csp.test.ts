import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values];
  }));
}

describe('the renderer CSP', () => {
  const csp = directives(contentSecurityPolicy());
  it.each([
    ['scripts come only from the app', 'script-src', ["'self'"]],
    ['Monaco workers may start from blob: URLs', 'worker-src', ["'self'", 'blob:']],
    ['inline styles are allowed, inline scripts are not', 'style-src', ["'self'", "'unsafe-inline'"]],
    ['images come from the app or data: URLs', 'img-src', ["'self'", 'data:']],
    ['the page connects to nothing but itself', 'connect-src', ["'self'"]],
    ['plugins are off', 'object-src', ["'none'"]],
    ['the page cannot be framed', 'frame-ancestors', ["'none'"]],
  ])('%s', (_name, directive, values) => {
    expect(csp.get(directive)).toEqual(values);
  });

  it('never allows eval or inline scripts anywhere', () => {
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('is sent with nosniff', () => {
    expect(securityHeaders()['X-Content-Type-Options']).toBe('nosniff');
  });
});
