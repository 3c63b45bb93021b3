import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logQueryInputSchema, type LogQueryInput, type LokiStream } from '../../../shared/contract/logql';
import { createServices, type Services } from '../../host/create-services';

let services: Services | null = null;
afterEach(async () => {
  await services?.dispose();
  services = null;
});

const signal = new AbortController().signal;

function logFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-promtail-'));
  writeFileSync(
    join(dir, 'app.log'),
    [
      '2024-05-01T10:00:00Z level=info msg="started"',
      '2024-05-01T10:00:01Z level=error error_message=disk full',
      '2024-05-01T10:00:02Z level=debug msg="noise"',
      '2024-05-01T10:00:03Z level=error error_message=timeout',
    ].join('\n') + '\n',
  );
  writeFileSync(join(dir, 'notes.txt'), 'not matched by the glob\n');
  return dir;
}

const issueConfig = (dir: string) => `scrape_configs:
- job_name: system
  static_configs:
  - targets: [localhost]
    labels: {job: varlogs, __path__: ${dir}/*log, hostname: diaspodon.fr}
  pipeline_stages:
  - match:
      selector: '{job="varlogs"}'
      stages:
      - regex: {expression: ".*(?P<error_message>error_message.*)"}
      - metrics:
          error_total: {type: Counter, description: "total count of errors", source: error_message, config: {action: inc}}
`;

async function query(input: LogQueryInput): Promise<{ labels: Record<string, string>; line: string }[]> {
  const out: { labels: Record<string, string>; line: string }[] = [];
  for await (const e of services!.handlers['logql.query'](logQueryInputSchema.parse(input), { signal })) {
    if (e.kind === 'streams') for (const s of e.result as LokiStream[]) for (const v of s.values) out.push({ labels: s.stream, line: v[1] });
  }
  return out;
}

async function addPromtail(config: string) {
  services ??= createServices({ mode: 'test', rescanMs: 60_000 });
  return services.handlers['sources.addPromtail']({ config, follow: false }, { signal });
}

describe('sources.addPromtail', () => {
  it('runs the issue’s config on the __path__ files: LogQL sees the job’s streams with job, hostname, filename', async () => {
    const dir = logFolder();
    const r = await addPromtail(issueConfig(dir));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sources).toHaveLength(1);
    expect(r.sources[0]!.errors).toEqual([]);
    const rows = await query({ query: '{job="varlogs"} |= "error_message"', direction: 'forward' });
    expect(rows.map((x) => x.line)).toEqual(['2024-05-01T10:00:01Z level=error error_message=disk full', '2024-05-01T10:00:03Z level=error error_message=timeout']);
    expect(rows[0]!.labels).toEqual({ job: 'varlogs', hostname: 'diaspodon.fr', filename: join(dir, 'app.log') });
    expect(await query({ query: '{filename=~".*notes.txt"}' })).toEqual([]);
    // The metrics stage counted on log time.
    const metrics = services!.sources.pipelineMetrics(r.sources[0]!.id)!;
    expect(metrics.exposition()).toMatch(/error_total\{[^}]*\} 2/);
    // The snapshot lists the pipeline's output streams.
    const snap = services!.sources.snapshot();
    expect(snap.streams).toHaveLength(1);
    expect(snap.streams[0]).toMatchObject({ lineCount: 4, labels: { job: 'varlogs' } });
  });

  it('makes a labels stage’s label a stream label and a drop stage remove lines', async () => {
    const dir = logFolder();
    const r = await addPromtail(`scrape_configs:
- job_name: app
  static_configs:
  - labels: {job: app, __path__: ${dir}/*.log}
  pipeline_stages:
  - logfmt: {mapping: {level: level}}
  - labels: {level: ""}
  - drop: {source: level, value: debug}
`);
    expect(r.ok).toBe(true);
    expect((await query({ query: '{level="error"}', direction: 'forward' })).map((x) => x.line)).toEqual([
      '2024-05-01T10:00:01Z level=error error_message=disk full',
      '2024-05-01T10:00:03Z level=error error_message=timeout',
    ]);
    const all = await query({ query: '{job="app"}', direction: 'forward' });
    expect(all).toHaveLength(3);
    expect(all.some((x) => x.line.includes('noise'))).toBe(false);
    expect(new Set(all.map((x) => x.labels.level))).toEqual(new Set(['info', 'error']));
  });

  it('answers a YAML error with its position', async () => {
    const r = await addPromtail('scrape_configs:\n- job_name: x\n  static_configs: [\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(r.errors[0]!.line).toBeGreaterThan(0);
    expect(services!.sources.snapshot().sources).toEqual([]);
  });

  it('refuses a config without __path__', async () => {
    const r = await addPromtail('pipeline_stages:\n- regex: {expression: "(?P<a>.)"}\n');
    expect(r).toMatchObject({ ok: false, errors: [{ line: 1, column: 1 }] });
  });
});
