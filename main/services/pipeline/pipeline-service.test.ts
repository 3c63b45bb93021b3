import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineRun } from '../../../shared/contract/pipelines';
import { createServices, type Services } from '../../host/create-services';
import { settled } from '../../cli/verbs/sources-setup';
import { ISSUE_CONFIG } from '../../engines/pipeline-config/test-fixtures';

const LOG = [
  '2024-01-02T03:04:05Z info started',
  '2024-01-02T03:04:10Z error error_message=disk full',
  '2024-01-02T03:04:20Z info ok',
  '2024-01-02T03:04:31Z error error_message=timeout',
  '2024-01-02T03:05:00Z info done',
].join('\n');

const sec = (iso: string) => Date.parse(iso) / 1000;
let services: Services | undefined;
afterEach(async () => services?.dispose());

async function withLogs(files: Record<string, string>): Promise<{ ids: string[]; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-pipeline-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text + '\n');
  services = createServices({ mode: 'test' });
  await services.handlers['sources.add']({ path: dir, recursive: true, follow: false }, { signal: new AbortController().signal });
  await settled(services);
  return { ids: services.sources.snapshot().streams.map((s) => s.id), dir };
}

async function run(config: string, ids: string[], extra: { maxLines?: number; traceLine?: number } = {}): Promise<Extract<PipelineRun, { ok: true }>> {
  const r = await services!.handlers['pipeline.run']({ config, streamIds: ids, maxLines: extra.maxLines ?? 2000, traceLine: extra.traceLine }, { signal: new AbortController().signal });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe('pipeline.run', () => {
  it('runs the issue config as-is: the counter counts the error_message lines, on log time at 15s scrapes', async () => {
    const { ids, dir } = await withLogs({ 'app.log': LOG });
    const r = await run(ISSUE_CONFIG, ids);
    expect(r.input).toHaveLength(5);
    expect(r.output).toHaveLength(5);
    // Labels as Promtail gives them: the job's static labels (no __path__) + filename.
    expect(r.output[1]!.labels).toEqual({ job: 'varlogs', hostname: 'diaspodon.fr', filename: join(dir, 'app.log') });
    expect(r.output[1]!.extracted.error_message).toBe('error_message=disk full');
    const m = r.metrics.find((s) => s.name === 'promtail_custom_error_total')!;
    expect(m.type).toBe('counter');
    expect(m.labels).toEqual({ job: 'varlogs', hostname: 'diaspodon.fr', filename: join(dir, 'app.log') });
    // Rises at the first scrape after each matching line: 03:04:10 → 03:04:15, 03:04:31 → 03:04:45.
    expect(m.points).toEqual([
      [sec('2024-01-02T03:04:15Z'), 1],
      [sec('2024-01-02T03:04:30Z'), 1],
      [sec('2024-01-02T03:04:45Z'), 2],
    ]);
    expect(r.exposition).toContain('# TYPE promtail_custom_error_total counter');
    expect(r.exposition).toMatch(/promtail_custom_error_total\{filename=".*app\.log",hostname="diaspodon\.fr",job="varlogs"\} 2/);
    expect(r.trace).toBeNull();
  });

  it('merges streams by time, records drops with their stage and traces one line stage by stage', async () => {
    const { ids } = await withLogs({ 'a.log': LOG, 'b.log': '2024-01-02T03:04:07Z debug noisy\n2024-01-02T03:04:40Z info b' });
    const config = `- regex: {expression: '^\\S+ (?P<level>\\w+)'}
- labels: {level:}
- drop: {source: level, value: debug, drop_counter_reason: debug_lines}
- timestamp: {source: ts, format: RFC3339}
`;
    const r = await run(config, ids, { traceLine: 2 });
    expect(r.input.map((l) => l.line.slice(21))).toEqual(['info started', 'debug noisy', 'error error_message=disk full', 'info ok', 'error error_message=timeout', 'info b', 'info done']);
    expect(r.dropped).toEqual([{ from: 1, stage: 'drop', reason: expect.any(String) }]);
    expect(r.output.map((o) => o.from)).toEqual([0, 2, 3, 4, 5, 6]);
    expect(r.output[1]!.labels.level).toBe('error');
    expect(r.trace!.map((t) => t.stage)).toEqual(['regex', 'labels', 'drop', 'timestamp']);
    expect(r.trace![1]!.before.labels.level).toBeUndefined();
    expect(r.trace![1]!.after[0]!.labels.level).toBe('error');
    expect(r.exposition).toContain('logentry_dropped_lines_total{reason="debug_lines"} 1');
  });

  it('takes the first maxLines lines and a timestamp stage overrides the read time', async () => {
    const { ids } = await withLogs({ 'a.log': LOG });
    const r = await run('- regex: {expression: "^(?P<ts>\\\\S+)"}\n- template: {source: ts, template: "2030-01-01T00:00:00Z"}\n- timestamp: {source: ts, format: RFC3339}\n', ids, { maxLines: 2 });
    expect(r.input).toHaveLength(2);
    expect(r.output.map((o) => o.timestampNs)).toEqual([String(BigInt(Date.parse('2030-01-01T00:00:00Z')) * 1_000_000n), String(BigInt(Date.parse('2030-01-01T00:00:00Z')) * 1_000_000n)]);
  });

  it('answers positioned errors as data, and stops when cancelled', async () => {
    const { ids } = await withLogs({ 'a.log': LOG });
    const bad = await services!.handlers['pipeline.run']({ config: '- regex: {expression: "("}\n', streamIds: ids, maxLines: 10 }, { signal: new AbortController().signal });
    expect(bad).toMatchObject({ ok: false, errors: [{ line: 1, column: 3 }] });
    const ac = new AbortController();
    ac.abort();
    await expect(services!.handlers['pipeline.run']({ config: '- json: {expressions: {a:}}\n', streamIds: ids, maxLines: 10 }, { signal: ac.signal })).rejects.toThrow();
  });
});

describe('pipeline.export', () => {
  it('gives Promtail and Alloy texts, or positioned errors', async () => {
    services = createServices({ mode: 'test' });
    const signal = new AbortController().signal;
    const p = await services.handlers['pipeline.export']({ config: ISSUE_CONFIG, format: 'promtail' }, { signal });
    expect(p.ok && p.text).toContain('scrape_configs:');
    const a = await services.handlers['pipeline.export']({ config: ISSUE_CONFIG, format: 'alloy' }, { signal });
    expect(a.ok && a.text).toContain('loki.process "system" {');
    const e = await services.handlers['pipeline.export']({ config: '- nope: {}\n', format: 'alloy' }, { signal });
    expect(e).toEqual({ ok: false, errors: [{ message: 'invalid nope stage config: Unknown stage type: nope', line: 1, column: 3 }] });
  });
});
