// Speed of the per-entry path: compile once, execute per line. No timing assertion (CI
// machines vary); the measured rate is printed. Measured on the development container:
// see the figure in the commit message / final report.
import { describe, expect, it } from 'vitest';
import { compileTemplate } from './index';
import { templateRegexPort } from '../../../adapters/re2/template-regex-port';

describe('executing a compiled template', () => {
  it('runs a simple field template millions of times per second', () => {
    const c = compileTemplate('line', '{{.a}} {{.b}}', { regex: templateRegexPort });
    if (!c.ok) throw new Error(c.error);
    const data = { a: 'alpha', b: 'beta', c: 'gamma' };
    const ctx = { line: 'x', timestampNs: 0n };
    let n = 0;
    const t0 = performance.now();
    for (let i = 0; i < 2_000_000; i++) {
      const r = c.template.execute(data, ctx);
      if (r.ok) n += r.text.length;
    }
    const secs = (performance.now() - t0) / 1000;
    console.log(`{{.a}} {{.b}}: ${(2_000_000 / secs / 1e6).toFixed(2)} M executions/s`);
    expect(n).toBe(2_000_000 * 'alpha beta'.length);
  });

  it('runs a typical function pipeline', () => {
    const c = compileTemplate('line', '{{ .level | ToUpper }} {{ printf "%-6s" .status }} {{ trunc 20 .path }}', { regex: templateRegexPort });
    if (!c.ok) throw new Error(c.error);
    const data = { level: 'info', status: '200', path: '/api/orders/42/items' };
    const t0 = performance.now();
    for (let i = 0; i < 200_000; i++) c.template.execute(data, { line: '', timestampNs: 0n });
    const secs = (performance.now() - t0) / 1000;
    console.log(`function pipeline: ${(200_000 / secs / 1e6).toFixed(2)} M executions/s`);
    expect(c.template.execute(data, { line: '', timestampNs: 0n })).toEqual({ ok: true, text: 'INFO 200    /api/orders/42/items' });
  });
});
