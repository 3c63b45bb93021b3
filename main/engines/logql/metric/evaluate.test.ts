import { describe, expect, it } from 'vitest';
import { parseLogql } from '../../../../shared/logql/parse';
import { ports } from '../../../adapters/re2/logql-test-kit';
import { re2CheckRegex } from '../../../adapters/re2/re2-port';
import { checkRequestParams } from '../request-params';
import type { LogSource } from '../run-log-query';
import { evaluateMetricQuery, type MetricOutcome } from './evaluate';
import { cases, streams } from './test-cases';

const S = 1_000_000_000n;
const source: LogSource = {
  streams: streams.map((s) => ({ labels: { ...s.labels }, entries: s.entries.map(([t, line]) => ({ tsNs: BigInt(t) * S, line })) })),
};

function run(query: string, at: [number, number, number] | number): MetricOutcome {
  const parsed = parseLogql(query, { checkRegex: re2CheckRegex });
  if (!parsed.ok) throw new Error(parsed.error.message);
  if (parsed.expr.kind === 'logQuery') throw new Error('log query');
  const params = typeof at === 'number' ? { kind: 'instant' as const, startNs: 0n, endNs: 0n, stepNs: 0n, timeNs: BigInt(at) * S } : { kind: 'range' as const, startNs: BigInt(at[0]) * S, endNs: BigInt(at[1]) * S, stepNs: BigInt(at[2]) * S, timeNs: 0n };
  return evaluateMetricQuery(parsed.expr, params, source, ports);
}

describe('metric queries', () => {
  it.each(cases)('$name', (c) => {
    const started = Date.now();
    const r = run(c.query, c.at);
    expect(Date.now() - started).toBeLessThan(5000);
    if (c.error) {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.status).toBe(c.error.status);
      expect(r.error.message.startsWith(c.error.startsWith), r.error.message).toBe(true);
      return;
    }
    if (!r.ok) throw new Error(r.error.message);
    if (c.want !== undefined) expect(r.data).toEqual(c.want);
  });

  it.each([
    ['a step giving more than 11,000 points', { kind: 'range' as const, start: '0', end: String(11_001n * S), step: 1 }, 'exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter'],
    ['a zero step', { kind: 'range' as const, start: '0', end: String(10n * S), step: 0 }, 'zero or negative query resolution step widths are not accepted. Try a positive integer'],
  ])('refuses %s before evaluating', (_name, raw, message) => {
    expect(checkRequestParams(raw)).toEqual({ ok: false, status: 400, message });
  });

  it('refuses more series than the limit', () => {
    const parsed = parseLogql('count_over_time({job=~".+"}[10s])');
    if (!parsed.ok || parsed.expr.kind === 'logQuery') throw new Error('parse');
    const r = evaluateMetricQuery(parsed.expr, { kind: 'instant', startNs: 0n, endNs: 0n, stepNs: 0n, timeNs: 10n * S }, source, ports, { maxSeries: 2 });
    expect(r).toMatchObject({ ok: false, error: { status: 400, message: expect.stringContaining('maximum number of series (2) reached for a single query') } });
  });
});
