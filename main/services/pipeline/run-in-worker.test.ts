import { describe, expect, it } from 'vitest';
import { importPipelineConfig } from '../../engines/pipeline-config/index';
import type { InputLine } from './input-lines';
import { runLinesInWorker } from './run-in-worker';
import { stageContext } from './stage-context';

const CONFIG = `pipeline_stages:
- match:
    selector: '{job="varlogs"}'
    stages:
    - regex: {expression: ".*(?P<error_message>error_message.*)"}
    - metrics:
        error_total: {type: Counter, description: "total count of errors", source: error_message, config: {action: inc}}
`;

function lines(n: number): InputLine[] {
  return Array.from({ length: n }, (_, i) => ({
    streamId: 's',
    line: i % 4 === 1 ? `line ${i} error_message=boom` : `line ${i} ok`,
    tsMs: Date.UTC(2024, 0, 1) + i * 1000,
    labels: { job: 'varlogs', filename: '/var/log/a.log' },
    job: 0,
  }));
}

function config() {
  const c = importPipelineConfig(CONFIG, stageContext());
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c.config;
}

describe('runLinesInWorker', () => {
  it('runs the line loop in a worker: output, trace, metrics and exposition come back', async () => {
    const r = await runLinesInWorker(config(), lines(8), { traceLine: 1, signal: new AbortController().signal });
    expect(r.output).toHaveLength(8);
    expect(r.output[1]!.entry.extracted.error_message).toBe('error_message=boom');
    expect(typeof r.output[1]!.entry.timestampNs).toBe('bigint');
    expect(r.trace?.map((s) => s.path)).toEqual(['match[0]', 'match[0] > regex[0]', 'match[0] > metrics[1]']);
    expect(r.exposition).toContain('promtail_custom_error_total{filename="/var/log/a.log",job="varlogs"} 2');
    expect(r.metrics.map((m) => m.name)).toEqual(['promtail_custom_error_total']);
  });

  it('a cancel terminates the worker and rejects with the abort reason', async () => {
    const ac = new AbortController();
    const p = runLinesInWorker(config(), lines(200_000), { signal: ac.signal });
    ac.abort(new Error('cancelled'));
    await expect(p).rejects.toThrow('cancelled');
    const pre = new AbortController();
    pre.abort(new Error('already'));
    await expect(runLinesInWorker(config(), lines(1), { signal: pre.signal })).rejects.toThrow('already');
  });
});
