import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestEvent } from '../../../shared/contract/alerts';
import { createPrometheusClient } from '../../../main/adapters/prometheus';
import { runBacktest } from '../../../main/services/alerts/backtest-service';
import { prometheusRuleQuery } from '../../../main/services/remote/prometheus-queries';
import { startRealPrometheus, type RealPrometheus } from './real-prometheus';

let prom: RealPrometheus;
beforeAll(async () => {
  prom = await startRealPrometheus();
});
afterAll(async () => {
  await prom?.stop();
});

const RULES = `groups:
  - name: remote
    interval: 1m
    rules:
      - alert: ServerErrors
        expr: sum(rate(vigie_http_requests_total{code="500"}[5m])) > 0
        for: 2m
      - alert: NoSuchThing
        expr: vigie_no_such_metric > 0
`;

describe('back-testing PromQL rules over a connected Prometheus (real server)', () => {
  it('asks the server at each evaluation: the alert goes pending, then fires for the rest of the range', async () => {
    const signal = new AbortController().signal;
    let closed = 0;
    const remote = async () => {
      const client = createPrometheusClient({ url: prom.url });
      return { query: prometheusRuleQuery(client, signal), close: async () => (closed++, await client.close()) };
    };
    const start = prom.fixture.start + 10 * 60_000;
    const end = start + 30 * 60_000;
    const events: BacktestEvent[] = [];
    for await (const e of runBacktest({ rules: RULES, streamIds: [], pipeline: null, prometheus: 'p1', start, end }, [], signal, remote)) events.push(e);
    const group = events.find((e) => e.kind === 'group');
    if (group?.kind !== 'group') throw new Error(JSON.stringify(events.filter((e) => e.kind !== 'progress')));
    expect(group.result.errors).toEqual([]);
    const alert = group.result.alerts.find((a) => a.rule === 'ServerErrors')!;
    expect(alert.intervals.map((i) => i.state)).toEqual(['pending', 'firing']);
    expect(alert.intervals[0]!.fromMs).toBe(start);
    expect(alert.intervals[1]!.fromMs).toBe(start + 2 * 60_000);
    expect(alert.intervals[1]!.toMs).toBe(end);
    expect(group.result.alerts.some((a) => a.rule === 'NoSuchThing')).toBe(false);
    expect(closed).toBe(1);
  });
});
