/**
 * The live tail against Loki's recorded WebSocket sessions (replayed with their spacing scaled
 * down): frames arrive in the recorded order as typed frames, refusals before the upgrade and
 * the server's own close come back in words, and stopping the tail closes it cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LokiErrorKind, TailFrame, TailParams } from '../../../main/adapters/loki/index';
import { START, clientFor, expectNoSecrets, outcome } from './kit';
import { startReplayServer, type ReplayServer } from './replay-server';

interface Case {
  file: string;
  what: string;
  tenant?: string | null;
  params: TailParams;
  /** Frames to read before stopping (the recording's text frames), or the failure expected. */
  want: { frames: 'recorded'; lines: string[] } | { error: LokiErrorKind; says: RegExp; where?: { line: number; column: number; offset: number } };
}

const TAIL = 'loki-api-tail';
const CASES: Case[] = [
  {
    file: 'tail.txt',
    what: 'history first, then live frames in order, through idle pings',
    params: { query: '{job="tailtest"}', limit: 10, start: 1795553050553, delayFor: 0 },
    want: { frames: 'recorded', lines: ['history line 1', 'history line 2 level=warn', 'history line 3', 'live line A', 'live line B', 'live line C from t2'] },
  },
  {
    file: 'tail-filter-parser.txt',
    what: 'a pipeline tail gets only matching lines with parsed labels',
    params: { query: '{job="tailtest"} |= "warn" | logfmt', limit: 10 },
    want: { frames: 'recorded', lines: ['history line 2 level=warn', 'tail level=warn msg="disk 91%"'] },
  },
  {
    file: 'tail-delay_for.txt',
    what: 'delay_for passes through and the held-back line arrives',
    params: { query: '{job="tailtest"}', limit: 10, start: 1795553142718, delayFor: 3 },
    want: { frames: 'recorded', lines: ['delayed line'] },
  },
  {
    file: 'tail-start-old.txt',
    what: 'an old start replays history in one first frame',
    tenant: 'loki-api-fixtures',
    params: { query: '{job="apache"}', limit: 3, start: START, delayFor: 0 },
    want: {
      frames: 'recorded',
      lines: [
        '[Sun Dec 04 06:52:15 2005] [error] mod_jk child workerEnv in error state 6',
        '[Sun Dec 04 06:52:15 2005] [error] mod_jk child workerEnv in error state 6',
        '[Sun Dec 04 06:52:27 2005] [notice] jk2_init() Found child 32630 in scoreboard slot 8',
      ],
    },
  },
  { file: 'tail-metric-query.txt', what: 'a metric query is closed by Loki with its reason', params: { query: 'count_over_time({job="tailtest"}[1m])' }, want: { error: 'tail_closed', says: /Loki closed the live tail \(1011\): only log selector is supported/ } },
  { file: 'tail-delay_for-too-large.txt', what: 'delay_for above 5 is refused before the upgrade', params: { query: '{job="tailtest"}', delayFor: 6 }, want: { error: 'bad_request', says: /delay_for can't be greater than 5/ } },
  { file: 'tail-parse-error.txt', what: 'a tail query that does not parse is positioned', params: { query: '{job="tailtest"' }, want: { error: 'parse_error', says: /^parse error at line 1, col 16: syntax error: unexpected \$end, expecting } or ,$/, where: { line: 1, column: 16, offset: 15 } } },
  { file: 'tail-no-org-id.txt', what: 'a tail without a tenant asks for one', tenant: null, params: { query: '{job="tailtest"}' }, want: { error: 'no_org_id', says: /set the tenant/ } },
];

describe('the Loki live tail against recorded sessions', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer({ timeScale: 0.02 });
  });
  afterAll(() => replay.close());

  it.each(CASES)('$file: $what', async (c) => {
    const client = clientFor(replay.url, c.tenant === undefined ? TAIL : c.tenant);
    const recorded = replay.recorded.get(c.file)!;
    const texts = recorded.frames.filter((f) => f.kind === 'text').map((f) => (f.kind === 'text' ? JSON.parse(f.text) : null));
    const stop = new AbortController();
    const frames: TailFrame[] = [];
    const got = await outcome(
      (async () => {
        for await (const frame of client.tail(c.params, { signal: stop.signal })) {
          frames.push(frame);
          if ('frames' in c.want && frames.length === texts.length) stop.abort();
        }
      })(),
    );
    await client.close();
    expect(replay.seen.filter((s) => s.matched === c.file).length).toBeGreaterThan(0);
    expectNoSecrets(got);
    if ('frames' in c.want) {
      if (!got.ok) throw new Error(`tail failed: ${got.message}`);
      // Each frame is what Loki sent, typed (no dropped entries were recorded).
      expect(frames).toEqual(texts.map((t) => ({ streams: t.streams, dropped: [] })));
      expect(frames.flatMap((f) => f.streams.flatMap((s) => s.values.map((v) => v[1])))).toEqual(c.want.lines);
    } else {
      expect(got.ok).toBe(false);
      if (got.ok) return;
      expect(got.error.kind).toBe(c.want.error);
      expect(got.message).toMatch(c.want.says);
      if (c.want.where) expect(got.where).toEqual(c.want.where);
      expect(frames).toEqual([]);
    }
  });

  it('stopping a tail before any frame ends it quietly, with no frame', async () => {
    const client = clientFor(replay.url, TAIL);
    const stop = new AbortController();
    const frames: TailFrame[] = [];
    const run = (async () => {
      for await (const f of client.tail({ query: '{job="tailtest"}', limit: 10, start: 1795553050553, delayFor: 0 }, { signal: stop.signal })) frames.push(f);
    })();
    stop.abort();
    await expect(run).resolves.toBeUndefined();
    expect(frames).toEqual([]);
    await client.close();
  });

  it('closing the client ends its tail quietly after the frames it got', async () => {
    const client = clientFor(replay.url, TAIL);
    const frames: TailFrame[] = [];
    for await (const f of client.tail({ query: '{job="tailtest"}', limit: 10, start: 1795553050553, delayFor: 0 })) {
      frames.push(f);
      if (frames.length === 1) void client.close();
    }
    expect(frames.flatMap((f) => f.streams.map((s) => s.values[0]![1]))).toEqual(['history line 1', 'history line 2 level=warn', 'history line 3']);
  });

  it('every recorded tail session is exercised', () => {
    const tails = [...replay.recorded.keys()].filter((f) => f.startsWith('tail'));
    expect(tails.sort()).toEqual(CASES.map((c) => c.file).sort());
  });
});
