// Runs the real CLI the way `npm run conformance` does, from the repo root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../..');
const LINE = /^(logql|pipeline|promql|promtool)\/[\w.-]+ passed \d+ failed \d+ unsupported \d+$/;
const TOTAL = /^total passed (\d+) failed (\d+) unsupported (\d+)$/;

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'main/cli/conformance/main.ts', ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, lines: r.stdout.trim().split('\n'), stderr: r.stderr };
}

describe('the conformance CLI', () => {
  it('prints one exact line per suite, then a total that sums them, and exits 0', () => {
    const { code, lines } = cli();
    expect(code).toBe(0);
    const suites = lines.slice(0, -1);
    expect(suites.length).toBeGreaterThan(30);
    for (const l of suites) expect(l).toMatch(LINE);
    expect(suites).toContain('logql/selectors passed 30 failed 0 unsupported 0');
    const sums = [0, 0, 0];
    for (const l of suites) l.match(/\d+/g)!.forEach((n, i) => (sums[i] = (sums[i] ?? 0) + Number(n)));
    expect(lines.at(-1)).toBe(`total passed ${sums[0]} failed ${sums[1]} unsupported ${sums[2]}`);
    expect(suites.some((l) => l.startsWith('promtool/rules '))).toBe(false);
  });

  it('--suite keeps only that family', () => {
    const { code, lines } = cli('--suite', 'promtool');
    expect(code).toBe(0);
    expect(lines.slice(0, -1)).toEqual([
      'promtool/failing passed 4 failed 0 unsupported 0',
      'promtool/long-period passed 4 failed 0 unsupported 0',
      'promtool/unittest passed 23 failed 0 unsupported 3',
    ]);
    expect(lines.at(-1)).toMatch(TOTAL);
  });

  it('--verbose lists each failing case and its reason under its suite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    writeFileSync(join(dir, 'wrong.yml'), 'tests:\n  - input_series: [{series: x, values: "1"}]\n    promql_expr_test: [{expr: x, eval_time: 0, exp_samples: [{labels: x, value: 2}]}]\n');
    const { lines } = cli('--dir', dir, '--verbose');
    expect(lines[1]).toBe('  FAIL tests[0] promql_expr_test[0]: x @ 0:     expr: "x", time: 0s, ⏎ exp: {__name__="x"} 2E+00 ⏎ got: {__name__="x"} 1E+00');
  });

  it('--dir runs the suites of any folder, recognised by their format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({
      streams: [{ labels: { job: 'x' }, values: [['1', 'a']] }],
      cases: [{ name: 'one', query: '{job="x"}', kind: 'range', start: '0', end: '2', step: 1, limit: 10, direction: 'forward', expect: { resultType: 'streams', result: [] } }],
    }));
    writeFileSync(join(dir, 'notes.md'), 'not a suite');
    const { code, lines } = cli('--dir', dir);
    expect(code).toBe(0);
    expect(lines).toEqual(['logql/mine passed 0 failed 1 unsupported 0', 'total passed 0 failed 1 unsupported 0']);
  });

  it('a malformed JSON suite exits 2 naming the file and the position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    writeFileSync(join(dir, 'broken.json'), '{\n  "streams": [,\n}');
    const { code, stderr } = cli('--dir', dir);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'broken.json')}:2:`);
    expect(stderr).toContain('invalid JSON');
  });

  it.each([['--suite', 'sql'], ['--bogus'], ['--dir']])('bad arguments %j exit 2 with the usage', (...args) => {
    const { code, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain('usage:');
  });
});
