// The promtool engine's store + query per test group: Vigie's tsdb and PromQL engine, set up
// as promtool's LazyLoader sets up its own (5m lookback, subqueries stepping at the file's
// evaluation_interval, RE2 regexes). Node-side because RE2 is.

import { re2Port } from '../../adapters/re2/re2-port';
import type { Vector } from '../../engines/alerting/types';
import { createPromqlEngine } from '../../engines/promql/engine';
import type { BackendFactory } from '../../engines/promtool/run-group';
import { labelsFromRecord } from '../../engines/tsdb/labels';
import { createStorage } from '../../engines/tsdb/storage';
import { parsePromql } from '../../../shared/promql/parse';

export const promqlBackend: BackendFactory = ({ subqueryIntervalMs }) => {
  const storage = createStorage();
  const engine = createPromqlEngine(storage, { regex: re2Port, lookbackDeltaMs: 5 * 60_000, subqueryStepMs: subqueryIntervalMs });
  return {
    append: (labels, tMs, value) => storage.append(labelsFromRecord(labels), tMs, value),
    appendStale: (labels, tMs) => storage.appendStale(labelsFromRecord(labels), tMs),
    query(expr, tMs): Vector {
      const r = engine.instantQuery(expr, tMs);
      if (!r.ok) throw new Error(r.error.message);
      const v = r.value;
      if (v.resultType === 'vector') return v.result.map((s) => ({ labels: s.metric, value: s.value }));
      if (v.resultType === 'scalar') return [{ labels: {}, value: v.result.value }];
      throw new Error('rule result is not a vector or scalar');
    },
  };
};

/** rulefmt's expression check: Prometheus' parser message, or null. */
export function parsePromqlError(expr: string): string | null {
  const r = parsePromql(expr);
  return r.ok ? null : r.error.message;
}
