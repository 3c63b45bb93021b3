import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';

function files(content: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-rules-lint-'));
  for (const [name, text] of Object.entries(content)) writeFileSync(join(dir, name), text);
  return dir;
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}

const SEED = `groups:
- name: seed
  rules:
  - alert: Error_total
    expr: promtail_custom_error_total > 1
    for: 1m
    labels: {severity: critical}
    annotations: {summary: "Instance {{ $labels.instance }} is invaded by custom errors!"}
`;

describe('vigie rules lint', () => {
  it('prints the seed rule trap as file:line:col: severity: message [code] with a fix line, exit 0', async () => {
    const dir = files({ 'rules.yml': SEED });
    const r = await cli('rules', 'lint', join(dir, 'rules.yml'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${join(dir, 'rules.yml')}:5:11: warning: promtail_custom_error_total is a counter .* \\[counter-threshold\\]$`));
    expect(lines[1]).toBe('    fix: Compare increase(promtail_custom_error_total[5m]) instead: 5:11-5:38 → "increase(promtail_custom_error_total[5m])", 5:39-5:42 → "> 0"');
  });

  it.each([
    { name: 'an expression that does not parse is an error, exit 1', text: SEED.replace('> 1', '> > 1'), want: /:5:41: error: group "seed", rule "Error_total": could not parse expression: 1:31: parse error: unexpected ">"/ },
    { name: 'a template that does not parse is an error at its value, exit 1', text: SEED.replace('{{ $labels.instance }}', '{{ nope }}'), want: /:8:28: error: .*function "nope" not defined/ },
    { name: 'a file YAML cannot read is an error, exit 1', text: 'groups: [\n', want: /:\d+:\d+: error: yaml: / },
  ])('$name', async ({ text, want }) => {
    const dir = files({ 'rules.yml': text });
    const r = await cli('rules', 'lint', join(dir, 'rules.yml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(want);
  });

  it('--promtail gives the metric types: a gauge of the pipeline compared to a threshold is fine', async () => {
    const dir = files({
      'rules.yml': SEED.replace('promtail_custom_error_total > 1', 'promtail_custom_queue_total > 1'),
      'promtail.yml': '- metrics:\n    queue_total: {type: Gauge, description: q, config: {action: set}}\n',
    });
    expect((await cli('rules', 'lint', join(dir, 'rules.yml'))).stdout).toContain('[counter-threshold]');
    const r = await cli('rules', 'lint', join(dir, 'rules.yml'), '--promtail', join(dir, 'promtail.yml'));
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--fix writes the fixes into the file, and the file then lints clean', async () => {
    const dir = files({ 'rules.yml': SEED.replace('    for: 1m\n', '') });
    const file = join(dir, 'rules.yml');
    await cli('rules', 'lint', file, '--fix');
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toContain('expr: increase(promtail_custom_error_total[5m]) > 0');
    expect(fixed).toContain('for: 5m');
    expect(await cli('rules', 'lint', file)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a missing file fails with its path', async () => {
    const r = await cli('rules', 'lint', '/nope/rules.yml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nope/rules.yml');
  });
});
