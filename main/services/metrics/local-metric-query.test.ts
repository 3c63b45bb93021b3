import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricAnswer } from '../../../shared/contract/metrics';
import { metricQueryInputSchema } from '../../../shared/contract/metrics';
import { AppFailure } from '../../../shared/model/app-error';
import { createServices, type Services } from '../../host/create-services';

const dir = mkdtempSync(join(tmpdir(), 'vigie-metric-'));
const T0 = Date.UTC(2024, 0, 1);
let services: Services;
const signal = () => new AbortController().signal;

beforeAll(async () => {
  // 120 lines, one every 5 s over 10 minutes; every 4th is an error; status grows.
  const lines = Array.from({ length: 120 }, (_, i) => `ts=${new Date(T0 + i * 5000).toISOString()} level=${i % 4 === 0 ? 'error' : 'info'} status=${200 + (i % 3) * 100} msg="request ${i}"`);
  writeFileSync(join(dir, 'app.log'), lines.join('\n') + '\n');
  services = createServices({ mode: 'test', rescanMs: 60_000 });
  await services.handlers['sources.add']({ path: dir, recursive: true, follow: false }, { signal: signal() });
  await new Promise<void>((resolve) => {
    const check = () => services.sources.snapshot().streams.every((s) => s.status.state === 'ready') && resolve();
    services.sources.onChange(check);
    check();
  });
});
afterAll(() => services.dispose());

const metric = (input: unknown): Promise<MetricAnswer> => services.handlers['logql.metric'](metricQueryInputSchema.parse(input), { signal: signal() });
const job = dir.split('/').pop()!;

describe('a LogQL metric query over local files', () => {
  it('counts lines per level per minute as a matrix', async () => {
    const r = await metric({ kind: 'range', query: `sum by (level) (count_over_time({job="${job}"} | logfmt [1m]))`, start: T0 + 60_000, end: T0 + 600_000, step: 60 });
    expect(r.step).toBe(60);
    expect(r.data.resultType).toBe('matrix');
    if (r.data.resultType !== 'matrix') return;
    const byLevel = Object.fromEntries(r.data.result.map((s) => [s.metric.level, s.values]));
    // (t-60s, t]: 12 lines per minute, 3 of them errors
    expect(byLevel.error!.find(([t]: [number, string]) => t === (T0 + 120_000) / 1000)).toEqual([(T0 + 120_000) / 1000, '3']);
    expect(byLevel.info!.find(([t]: [number, string]) => t === (T0 + 120_000) / 1000)).toEqual([(T0 + 120_000) / 1000, '9']);
  });

  it('answers an instant query as a vector', async () => {
    const r = await metric({ kind: 'instant', query: `sum by (status) (count_over_time({job="${job}"} | logfmt | level="error" [10m]))`, time: T0 + 600_000 });
    expect(r.data.resultType).toBe('vector');
    if (r.data.resultType !== 'vector') return;
    const total = r.data.result.reduce((n, s) => n + Number(s.value[1]), 0);
    expect(total).toBe(29); // errors at i = 4, 8, …, 116 fall in (0, 10m]; i = 0 is at the window's open start
  });

  it('unwraps a parsed label', async () => {
    const r = await metric({ kind: 'instant', query: `max(max_over_time({job="${job}"} | logfmt | unwrap status [10m]))`, time: T0 + 600_000 });
    expect(r.data).toMatchObject({ resultType: 'vector', result: [{ value: [(T0 + 600_000) / 1000, '400'] }] });
  });

  it('refuses a log query and a broken one with clear, positioned errors', async () => {
    const err = (q: string) => metric({ kind: 'instant', query: q, time: T0 }).then(() => null, (e: AppFailure) => e.error);
    expect(await err(`{job="${job}"}`)).toMatchObject({ code: 'bad_input', message: expect.stringContaining('log query') });
    expect(await err('count_over_time({job="x"})')).toMatchObject({ code: 'bad_input', message: 'parse error at line 1, col 26: syntax error: unexpected )', where: { offset: 25 } });
  });

  it('refuses a step that gives more than 11,000 points, as Loki does', async () => {
    const e = await metric({ kind: 'range', query: `count_over_time({job="${job}"}[1m])`, start: T0, end: T0 + 86_400_000, step: 1 }).then(() => null, (x: AppFailure) => x.error);
    expect(e?.message).toContain('exceeded maximum resolution of 11,000 points per time series');
  });

  it('draws the log volume by detected level', async () => {
    const r = await services.handlers['logql.volume']({ query: `{job="${job}"}`, start: T0, end: T0 + 600_000, step: 600 }, { signal: signal() });
    if (r.data.resultType !== 'matrix') throw new Error('expected a matrix');
    const total = Object.fromEntries(r.data.result.map((s) => [s.metric.detected_level, s.values.reduce((n, [, v]) => n + Number(v), 0)]));
    expect(total).toEqual({ error: 30, info: 90 });
  });
});
