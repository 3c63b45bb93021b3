import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function setup(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-promtail-'));
  writeFileSync(join(dir, 'app.log'), '2024-05-01T10:00:00Z level=info msg=up\n2024-05-01T10:00:01Z level=error error_message=disk full\n2024-05-01T10:00:02Z level=debug msg=noise\n');
  const config = join(dir, 'promtail.yaml');
  writeFileSync(
    config,
    `scrape_configs:
- job_name: system
  static_configs:
  - labels: {job: varlogs, __path__: ${dir}/*.log, hostname: diaspodon.fr}
  pipeline_stages:
  - logfmt: {mapping: {level: level}}
  - labels: {level: ""}
  - drop: {source: level, value: debug}
`,
  );
  return { dir, config };
}

describe('vigie query --promtail', () => {
  it('queries the streams the Promtail config’s pipelines produce from its __path__ files', async () => {
    const { dir, config } = setup();
    const r = await cli('query', '{job="varlogs"}', '--promtail', config, '--forward', '--output', 'jsonl');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { labels: Record<string, string>; line: string });
    expect(rows.map((x) => x.line)).toEqual(['2024-05-01T10:00:00Z level=info msg=up', '2024-05-01T10:00:01Z level=error error_message=disk full']);
    expect(rows[1]!.labels).toMatchObject({ job: 'varlogs', hostname: 'diaspodon.fr', level: 'error', filename: join(dir, 'app.log') });
  });

  it('runs metric queries on the pipeline output', async () => {
    const { config } = setup();
    const r = await cli('query', 'sum by (level) (count_over_time({job="varlogs"}[1h]))', '--promtail', config, '--instant', '--end', '2024-05-01T10:30:00Z', '--output', 'json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as { result: { metric: Record<string, string>; value: [number, string] }[] };
    expect(Object.fromEntries(data.result.map((x) => [x.metric.level, x.value[1]]))).toEqual({ info: '1', error: '1' });
  });

  it('points at the error in a broken config', async () => {
    const { dir } = setup();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'scrape_configs:\n- job_name: system\n  pipeline_stages:\n  - regex: {expression: "(?P<x"}\n');
    const r = await cli('query', '{job="x"}', '--promtail', bad);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: `));
  });

  it('refuses --promtail with --from', async () => {
    const { config, dir } = setup();
    const r = await cli('query', '{job="x"}', '--promtail', config, '--from', dir);
    expect(r.err).toContain('not both');
  });
});
