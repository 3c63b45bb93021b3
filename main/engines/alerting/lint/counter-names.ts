// Whether a series is a counter: its type when the pipeline declares it, else Prometheus'
// naming conventions (counters end in _total; a histogram's or summary's _count, _sum and
// _bucket only grow).

import type { MetricType } from './types';

const COUNTER_SUFFIX = /_(total|count|sum|bucket)$/;

export type Kind = 'counter' | 'gauge' | 'unknown';

export function metricKind(name: string, types: ReadonlyMap<string, MetricType>): { kind: Kind; known: boolean } {
  const t = types.get(name);
  if (t === 'counter') return { kind: 'counter', known: true };
  if (t === 'gauge') return { kind: 'gauge', known: true };
  if (t) return { kind: 'unknown', known: true };
  return { kind: COUNTER_SUFFIX.test(name) ? 'counter' : 'unknown', known: false };
}
