/**
 * Live rules over a Loki connection: the recorded tail session's lines go through the live
 * pipeline (a metrics stage counts them), and a rule's instant query answer becomes a vector.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivePipeline } from '../../../main/services/live/live-pipeline';
import { lokiVector, tailLokiIntoPipeline } from '../../../main/services/live/loki-tail';
import { clientFor } from './kit';
import { startReplayServer, type ReplayServer } from './replay-server';

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(async () => {
  await replay?.close();
});

const PIPELINE = `pipeline_stages:
  - metrics:
      lines_total:
        type: Counter
        description: lines
        config:
          match_all: true
          action: inc
`;

describe('live rules over a Loki connection', () => {
  it('runs the pipeline on every tailed line, history then live, with each stream labels', async () => {
    const loaded = LivePipeline.load(PIPELINE);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const client = clientFor(replay.url, 'loki-api-tail');
    const stop = new AbortController();
    const problems: string[] = [];
    const done = tailLokiIntoPipeline(client, { query: '{job="tailtest"}', limit: 10, start: 1795553050553, delayFor: 0 }, loaded.pipeline, { now: () => 0, setTimer: () => () => {} }, stop.signal, (m) => problems.push(m));
    const t0 = Date.now();
    while (loaded.pipeline.linesIn < 6 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await done;
    await client.close();
    expect(loaded.pipeline.linesIn).toBe(6);
    expect(replay.unmatched).toEqual([]);
  });

  it('turns an instant query answer into the vector of the rule engine', async () => {
    const client = clientFor(replay.url, 'loki-api-fixtures');
    const a = await client.query({ query: 'sum by (job) (count_over_time({job=~".+"}[5m]))', time: 1795133100000, limit: 100, direction: 'backward' });
    await client.close();
    const v = lokiVector(a);
    expect(v.length).toBeGreaterThan(0);
    for (const s of v) expect(Number.isFinite(s.value)).toBe(true);
    expect(v.every((s) => 'job' in s.labels)).toBe(true);
  });
});
