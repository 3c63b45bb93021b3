import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_CONFIG } from '../../engines/pipeline-config/test-fixtures';
import { runCli } from '../run-cli';

// Errors counted every 3 minutes from 10:10 to 10:58, and logs every 30s around them.
const T0 = Date.parse('2024-03-01T10:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
const LOG = [
  ...Array.from({ length: 121 }, (_, i) => `${iso(i * 30)} info ok`),
  ...Array.from({ length: 17 }, (_, i) => `${iso(605 + i * 180)} error error_message=disk full`),
].sort().join('\n') + '\n';

const SEED = (expr: string) => `groups:
- name: seed
  rules:
  - alert: Error_total
    expr: ${expr}
    for: 1m
    labels: {severity: critical}
`;

function files(content: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-rules-backtest-'));
  for (const [name, text] of Object.entries(content)) writeFileSync(join(dir, name), text);
  return dir;
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}

const RANGE = ['--start', '2024-03-01T10:00:00Z', '--end', '2024-03-01T11:00:00Z'];

describe('vigie rules backtest', () => {
  it('prints the seed alert pending once the second error is scraped, then firing to the end of the range (errors keep coming, the counter keeps growing)', async () => {
    const dir = files({ 'app.log': LOG, 'rules.yml': SEED('promtail_custom_error_total > 1'), 'promtail.yml': ISSUE_CONFIG });
    const r = await cli('rules', 'backtest', join(dir, 'rules.yml'), '--from', join(dir, 'app.log'), '--promtail', join(dir, 'promtail.yml'), ...RANGE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'group seed (every 60s)',
      `  Error_total{alertname="Error_total", filename="${join(dir, 'app.log')}", hostname="diaspodon.fr", job="varlogs", severity="critical"}`,
      '    pending  2024-03-01T10:14:00Z → 2024-03-01T10:14:00Z',
      '    firing   2024-03-01T10:15:00Z → 2024-03-01T11:00:00Z',
      '    still firing at the end of the range',
      '61 rule evaluations in ' + r.stdout.split('61 rule evaluations in ')[1],
    ].join('\n'));
  });

  it('--output json prints one object per group then the summary; --interval overrides the group interval', async () => {
    const dir = files({ 'app.log': LOG, 'rules.yml': SEED('increase(promtail_custom_error_total[5m]) > 0'), 'promtail.yml': ISSUE_CONFIG });
    const r = await cli('rules', 'backtest', join(dir, 'rules.yml'), '--from', dir, '--promtail', join(dir, 'promtail.yml'), ...RANGE, '--interval', '30s', '--output', 'json');
    expect(r.code).toBe(0);
    const [group, done] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(group.intervalMs).toBe(30_000);
    expect(group.alerts[0].intervals[0]).toMatchObject({ state: 'pending' });
    expect(done).toMatchObject({ kind: 'done', evaluations: 121 });
  });

  it.each([
    { name: 'a rule file that does not parse prints positioned errors, exit 1', rules: SEED('rate(x[5m]'), args: RANGE, code: 1, err: /rules\.yml:5:21: error: group "seed", rule "Error_total": could not parse expression: 1:11: parse error: / },
    { name: 'a 10-year range at 1s is refused with the limit, exit 2', rules: SEED('up'), args: ['--start', '2014-01-01T00:00:00Z', '--end', '2024-01-01T00:00:00Z', '--interval', '1s'], code: 2, err: /over the back-test limit of 1,000,000 per group/ },
    { name: 'a missing --start is a usage error, exit 2', rules: SEED('up'), args: ['--end', '2024-01-01T00:00:00Z'], code: 2, err: /--start is required/ },
  ])('$name', async ({ rules, args, code, err }) => {
    const dir = files({ 'app.log': LOG, 'rules.yml': rules });
    const r = await cli('rules', 'backtest', join(dir, 'rules.yml'), '--from', join(dir, 'app.log'), ...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(err);
  });
});
