import { describe, expect, it } from 'vitest';
import type { MetricExpr } from '../../../../shared/logql/ast';
import { parseLogql } from '../../../../shared/logql/parse';
import { printExpr } from '../../../../shared/logql/print';
import { ports } from '../../../adapters/re2/logql-test-kit';
import { re2CheckRegex } from '../../../adapters/re2/re2-port';
import { evaluateMetricQuery } from './evaluate';
import { mapShardedAvg } from './shard-avg';

function metric(q: string): MetricExpr {
  const r = parseLogql(q, { checkRegex: re2CheckRegex });
  if (!r.ok || r.expr.kind === 'logQuery') throw new Error(`not a metric query: ${q}`);
  return r.expr;
}

const X = '{job="x"} | json';
const split = (g: string, cg = g): string => `(sum${g}(sum_over_time(${X} | unwrap v[1m])) / sum${cg}(count_over_time(${X}[1m])))`;

describe('the shard mapping of avg_over_time (Loki splits it into sum / count)', () => {
  it.each([
    ['splits a grouping by labels', `avg_over_time(${X} | unwrap v [1m]) by (host)`, split(' by (host)')],
    ['splits by ()', `avg_over_time(${X} | unwrap v [1m]) by ()`, split(' by ()')],
    ['adds the unwrapped label to a without grouping on the count side', `avg_over_time(${X} | unwrap v [1m]) without (a)`, split(' without (a)', ' without (a,v)')],
    ['leaves an ungrouped one alone', `avg_over_time(${X} | unwrap v [1m])`, `avg_over_time(${X} | unwrap v[1m])`],
    ['splits an ungrouped one whose pipeline drops labels', `avg_over_time({job="x"} | json | drop a | unwrap v [1m])`, `(sum without ()(sum_over_time({job="x"} | json | drop a | unwrap v[1m])) / sum without (v)(count_over_time({job="x"} | json | drop a[1m])))`],
    ['splits either side of a binary operation', `avg_over_time(${X} | unwrap v [1m]) by (host) * 2`, `(${split(' by (host)')} * 2)`],
    ['splits under an aggregation it cannot shard', `topk(1, avg_over_time(${X} | unwrap v [1m]) by (host))`, `topk(1,${split(' by (host)')})`],
    ['leaves it whole under a sum sent to the shards', `sum(avg_over_time(${X} | unwrap v [1m]) by (host))`, `sum(avg_over_time(${X} | unwrap v[1m]) by (host))`],
  ])('%s', (_, query, want) => {
    expect(printExpr(mapShardedAvg(metric(query)))).toBe(want);
  });

  it('counts a line that passes the pipeline without the unwrapped label as a zero', () => {
    const t0 = 1_700_000_000_000_000_000n;
    const entries = ['{"v":4}', '{"v":8}', '{"other":1}'].map((line, i) => ({ tsNs: t0 + BigInt(i) * 1_000_000_000n, line }));
    const at = t0 + 10_000_000_000n;
    const run = (q: string) => evaluateMetricQuery(metric(q), { kind: 'instant', startNs: at, endNs: at, stepNs: 0n, timeNs: at }, { streams: [{ labels: { job: 'x', host: 'h' }, entries }] }, ports);
    const value = (q: string) => {
      const r = run(q);
      return r.ok && r.data.resultType === 'vector' ? r.data.result.map((s) => s.value[1]) : r;
    };
    expect(value(`avg_over_time(${X} | unwrap v [1m]) by (host)`)).toEqual(['4']);
    expect(value(`avg_over_time(${X} | unwrap v [1m])`)).toEqual(['6']);
  });
});
