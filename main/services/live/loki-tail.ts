/**
 * A Loki connection in a live run: its lines (tailed over Loki's WebSocket, reconnecting with
 * capped backoff) go through the pipeline as Promtail would have run it on them, each with
 * its stream's labels; LogQL groups are asked of Loki itself, as its ruler evaluates them.
 */
import type { Vector } from '../../engines/alerting/types';
import type { Clock } from '../../engines/live/clock';
import type { LokiClient, QueryAnswer } from '../../adapters/loki';
import type { TailParams } from '../../adapters/loki/params';
import type { LivePipeline } from './live-pipeline';

/** An instant query's answer as the rule engine's vector. */
export function lokiVector(a: QueryAnswer): Vector {
  const d = a.data;
  if (d.resultType === 'vector') return d.result.map((s) => ({ labels: s.metric, value: Number(s.value[1]) }));
  if (d.resultType === 'scalar') return [{ labels: {}, value: Number(d.result[1]) }];
  throw new Error(`a rule's expression must give a vector or a scalar; Loki answered a ${d.resultType}`);
}

/** Tails `tail.query` (from `tail.start`) into the pipeline until `signal` aborts; problems are reported, never thrown. */
export async function tailLokiIntoPipeline(loki: LokiClient, tail: TailParams, pipeline: LivePipeline, clock: Clock, signal: AbortSignal, report: (message: string) => void): Promise<void> {
  try {
    for await (const ev of loki.followTail(tail, { signal })) {
      if (ev.kind === 'reconnecting') report(`Loki tail: reconnecting (${ev.reason})`);
      if (ev.kind === 'resumed' && ev.mayHaveMissed) report('Loki tail: resumed after a gap; lines written meanwhile may be missing');
      if (ev.kind !== 'frame') continue;
      for (const s of ev.frame.streams) {
        const lines = s.values.map((v) => v[1]);
        if (lines.length) pipeline.push(pipeline.route(s.stream), lines, clock.now());
      }
      if (ev.frame.dropped.length) report(`Loki tail: Loki dropped ${ev.frame.dropped.length} entries (the tail was too slow)`);
    }
  } catch (e) {
    if (!signal.aborted) report(`Loki tail stopped: ${(e as Error).message}`);
  }
}
