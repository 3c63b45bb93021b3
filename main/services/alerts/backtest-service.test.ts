import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backtestEventSchema, backtestInputSchema, type BacktestEvent, type BacktestGroup, type BacktestInput } from '../../../shared/contract/alerts';
import { createServices, type Services } from '../../host/create-services';
import { settled } from '../../cli/verbs/sources-setup';
import { evaluationOrder } from './backtest-service';
import { ISSUE_CONFIG } from '../../engines/pipeline-config/test-fixtures';

// The issue's pipeline with its counter kept for a day: Promtail drops a series idle for
// max_idle_duration (5m by default), which would end the counter 5m after the last error.
const KEEP_CONFIG = ISSUE_CONFIG.replace('config: {action: inc}}', 'max_idle_duration: 24h, config: {action: inc}}');

// An hour of logs, a line every 30s, plus three with error_message (10:10:05, 10:10:35, 10:11:05).
const T0 = Date.parse('2024-03-01T10:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
const LINES = [
  ...Array.from({ length: 121 }, (_, i) => `${iso(i * 30)} info ok`),
  ...[605, 635, 665].map((s) => `${iso(s)} error error_message=disk full`),
].sort();

const at = (hhmmss: string) => Date.parse(`2024-03-01T${hhmmss}Z`);
const SEED = (expr: string) => `groups:
- name: seed
  rules:
  - alert: Error_total
    expr: ${expr}
    for: 1m
    labels: {severity: critical}
    annotations: {summary: "Instance {{ $labels.instance }} is invaded by custom errors!"}
`;

let services: Services | undefined;
afterEach(async () => services?.dispose());

async function withLogs(text: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-backtest-'));
  writeFileSync(join(dir, 'app.log'), text + '\n');
  services = createServices({ mode: 'test' });
  await services.handlers['sources.add']({ path: dir, recursive: true, follow: false }, { signal: new AbortController().signal });
  await settled(services);
  return services.sources.snapshot().streams.map((s) => s.id);
}

async function backtest(input: Omit<BacktestInput, 'streamIds'> & { streamIds: string[] }, signal = new AbortController().signal): Promise<BacktestEvent[]> {
  const events: BacktestEvent[] = [];
  // Through the contract: the input parsed as the server parses it, every event as the client may.
  for await (const e of services!.handlers['rules.backtest'](backtestInputSchema.parse(input), { signal })) events.push(backtestEventSchema.parse(e));
  return events;
}

const groupOf = (events: BacktestEvent[]): BacktestGroup => (events.find((e) => e.kind === 'group') as { result: BacktestGroup }).result;

describe('rules.backtest over the metrics a pipeline derives from logs', () => {
  it('the seed rule (a counter compared to 1) fires and never resolves', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const events = await backtest({ rules: SEED('promtail_custom_error_total > 1'), streamIds: ids, pipeline: KEEP_CONFIG, start: T0, end: at('11:00:00') });
    expect(events.some((e) => e.kind === 'progress' && e.phase === 'pipeline')).toBe(true);
    const g = groupOf(events);
    expect(g.errors).toEqual([]);
    expect(g.alerts).toHaveLength(1);
    const a = g.alerts[0]!;
    expect(a.labels).toMatchObject({ alertname: 'Error_total', severity: 'critical', job: 'varlogs' });
    // 2 errors counted by the 10:10:45 scrape: pending at 10:11, firing from 10:12 to the end.
    expect(a.intervals).toEqual([{ state: 'pending', fromMs: at('10:11:00'), toMs: at('10:11:00') }, { state: 'firing', fromMs: at('10:12:00'), toMs: at('11:00:00') }]);
    expect(a.resolvedAtMs).toEqual([]);
    const s = g.series.find((x) => x.rule === 'Error_total')!;
    expect(s.points.at(-1)).toEqual([at('11:00:00'), 3]);
    // What is compared, over the whole range: the counter (2 at the 10:11 evaluation, then 3) never coming down.
    const operand = g.operands!.find((o) => o.rule === 'Error_total')!;
    expect(operand).toMatchObject({ expr: 'promtail_custom_error_total', op: '>', threshold: 1 });
    const values = operand.series[0]!.points.map(([, v]) => v);
    expect([...new Set(values)]).toEqual([2, 3]);
    expect(operand.series[0]!.points.at(-1)).toEqual([at('11:00:00'), 3]);
    expect(events.at(-1)).toMatchObject({ kind: 'done', evaluations: 61 });
  });

  it('a rule reading a recording rule of the group sees each recorded sample at its evaluation', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const rules = `groups:
- name: recorded
  rules:
  - record: job:errors:sum
    expr: sum by (job) (promtail_custom_error_total)
  - alert: Errors
    expr: job:errors:sum > 1
    for: 1m
`;
    const g = groupOf(await backtest({ rules, streamIds: ids, pipeline: KEEP_CONFIG, start: T0, end: at('11:00:00') }));
    expect(g.errors).toEqual([]);
    expect(g.alerts).toEqual([{ rule: 'Errors', labels: { alertname: 'Errors', job: 'varlogs' }, intervals: [{ state: 'pending', fromMs: at('10:11:00'), toMs: at('10:11:00') }, { state: 'firing', fromMs: at('10:12:00'), toMs: at('11:00:00') }], resolvedAtMs: [] }]);
  });

  it("the lint's rewrite, increase(…[5m]) > 0, fires then resolves", async () => {
    const ids = await withLogs(LINES.join('\n'));
    const g = groupOf(await backtest({ rules: SEED('increase(promtail_custom_error_total[5m]) > 0'), streamIds: ids, pipeline: KEEP_CONFIG, start: T0, end: at('11:00:00') }));
    const a = g.alerts[0]!;
    expect(a.intervals.map((i) => i.state)).toEqual(['pending', 'firing']);
    expect(a.intervals[0]!.fromMs).toBe(at('10:11:00'));
    // The last increase is scraped at 10:11:15; from 10:16 the 5m window sees none.
    expect(a.intervals[1]!.toMs).toBe(at('10:15:00'));
    expect(a.resolvedAtMs).toEqual([at('10:16:00')]);
  });

  it('with the default max_idle_duration the counter series ends 5m after the last error, and the seed alert resolves', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const g = groupOf(await backtest({ rules: SEED('promtail_custom_error_total > 1'), streamIds: ids, pipeline: ISSUE_CONFIG, start: T0, end: at('11:00:00') }));
    const a = g.alerts[0]!;
    // Last error 10:11:05: the series ends at 10:16:05, its staleness marker at the 10:16:15 scrape.
    expect(a.intervals.at(-1)).toEqual({ state: 'firing', fromMs: at('10:12:00'), toMs: at('10:16:00') });
    expect(a.resolvedAtMs).toEqual([at('10:17:00')]);
  });

  it('a bare pipeline_stages list counts on the streams own labels', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const stages = '- regex: {expression: ".*(?P<error_message>error_message.*)"}\n- metrics:\n    error_total: {type: Counter, description: e, source: error_message, max_idle_duration: 24h, config: {action: inc}}\n';
    const g = groupOf(await backtest({ rules: SEED('promtail_custom_error_total > 1'), streamIds: ids, pipeline: stages, start: T0, end: at('11:00:00') }));
    const labels = services!.sources.snapshot().streams[0]!.labels;
    expect(g.alerts[0]!.labels).toEqual({ ...labels, alertname: 'Error_total', severity: 'critical' });
    expect(g.alerts[0]!.intervals.at(-1)).toEqual({ state: 'firing', fromMs: at('10:12:00'), toMs: at('11:00:00') });
  });

  it('a Loki ruler group runs LogQL over the streams themselves', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const rules = `groups:
- name: loki
  interval: 1m
  rules:
  - alert: Errors
    expr: sum(count_over_time({job=~".+"} |= "error_message" [2m])) > 0
`;
    const events = await backtest({ rules, streamIds: ids, pipeline: null, start: T0, end: at('10:30:00') });
    expect(events.some((e) => e.kind === 'progress' && e.phase === 'logql loki')).toBe(true);
    const g = groupOf(events);
    expect(g.errors).toEqual([]);
    expect(g.alerts[0]!.intervals).toEqual([{ state: 'firing', fromMs: at('10:11:00'), toMs: at('10:13:00') }]);
    expect(g.alerts[0]!.resolvedAtMs).toEqual([at('10:14:00')]);
  });

  it.each([
    { name: 'a 10-year range at 1s is refused with the limit in the message', end: T0 + 10 * 365 * 86_400_000, intervalMs: 1000, want: /over the back-test limit of 1,000,000 per group: shorten the range or evaluate every \d+s or more/ },
    { name: 'a range that ends before it starts is refused', end: T0 - 1, intervalMs: 60_000, want: /ends before it starts/ },
  ])('$name', async ({ end, intervalMs, want }) => {
    const ids = await withLogs(LINES.join('\n'));
    await expect(backtest({ rules: SEED('up > 0'), streamIds: ids, pipeline: ISSUE_CONFIG, start: T0, end, intervalMs })).rejects.toThrow(want);
  });

  it('a rule file or pipeline that does not parse answers invalid, positioned', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const bad = await backtest({ rules: SEED('rate(x[5m]'), streamIds: ids, pipeline: ISSUE_CONFIG, start: T0, end: at('10:10:00') });
    expect(bad).toEqual([{ kind: 'invalid', errors: [expect.objectContaining({ line: 5, column: 21, message: expect.stringContaining('could not parse expression') })] }]);
    const badPipeline = await backtest({ rules: SEED('up > 0'), streamIds: ids, pipeline: '- regex: {expression: "("}', start: T0, end: at('10:10:00') });
    expect(badPipeline[0]!.kind).toBe('invalid');
  });

  it('a cancel while the rules are evaluated stops the back-test there', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const ac = new AbortController();
    const seen: BacktestEvent[] = [];
    // A day at 1s: 86,401 evaluations, with progress every thousand; cancelled at the first.
    const run = (async () => {
      for await (const e of services!.handlers['rules.backtest'](backtestInputSchema.parse({ rules: SEED('promtail_custom_error_total > 1 unless on() ALERTS'), streamIds: ids, pipeline: KEEP_CONFIG, start: T0, end: T0 + 86_400_000, intervalMs: 1000 }), { signal: ac.signal })) {
        seen.push(e);
        if (e.kind === 'progress' && e.phase === 'group seed') ac.abort(new Error('cancelled'));
      }
    })();
    await expect(run).rejects.toThrow('cancelled');
    expect(seen.some((e) => e.kind === 'group' || e.kind === 'done')).toBe(false);
  });

  it('a cancel stops the back-test', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const ac = new AbortController();
    ac.abort(new Error('cancelled'));
    await expect(backtest({ rules: SEED('up > 0'), streamIds: ids, pipeline: ISSUE_CONFIG, start: T0, end: at('11:00:00') }, ac.signal)).rejects.toThrow('cancelled');
  });
});

describe('rules.backtest bounds the metrics it stores', () => {
  it('a range whose 15s scrapes of the pipeline metrics exceed the sample limit is refused before they are built', async () => {
    const ids = await withLogs(LINES.join('\n'));
    // A counter kept for 200 years: 20 years at 15s is 42 million scrapes; 2h evaluations keep the rule count low.
    const forever = ISSUE_CONFIG.replace('config: {action: inc}}', 'max_idle_duration: 1752000h, config: {action: inc}}');
    const end = T0 + 20 * 365 * 86_400_000;
    await expect(backtest({ rules: SEED('up > 0'), streamIds: ids, pipeline: forever, start: T0, end, intervalMs: 2 * 3_600_000 })).rejects.toThrow(/samples at the 15s scrape interval over this range, over the back-test limit of 20,000,000: shorten the range/);
  });
});

describe('rules.backtest answers ahead only where it changes nothing', () => {
  it('a rule answered by range queries (in 11,000-step pieces) and the same rule asked step by step give the same alerts', async () => {
    const ids = await withLogs(LINES.join('\n'));
    // `unless ALERTS{…}` reads what rules write: that rule is asked step by step. 12,601 steps of 1s.
    const rules = `groups:
- name: g
  rules:
  - alert: Ahead
    expr: increase(promtail_custom_error_total[1m]) > 0
    for: 10s
  - alert: StepByStep
    expr: increase(promtail_custom_error_total[1m]) > 0 unless on() ALERTS{alertname="Never"}
    for: 10s
`;
    // The second piece starts at 10:11:40, while the errors of 10:10–10:11 are being counted.
    const start = T0 + 700_000 - 11_000_000;
    const g = groupOf(await backtest({ rules, streamIds: ids, pipeline: ISSUE_CONFIG, start, end: start + 12_600_000, intervalMs: 1000 }));
    expect(g.errors).toEqual([]);
    const [ahead, stepwise] = ['Ahead', 'StepByStep'].map((r) => g.alerts.find((a) => a.rule === r)!);
    expect(ahead!.intervals.length).toBeGreaterThan(1);
    expect(stepwise!.intervals).toEqual(ahead!.intervals);
    expect(stepwise!.resolvedAtMs).toEqual(ahead!.resolvedAtMs);
  });
});

describe('the order groups are back-tested in', () => {
  const group = (name: string, rules: { record?: string; alert?: string; expr: string }[]) => ({
    language: 'promql',
    spec: { name, limit: 0, rules: rules.map((r) => (r.record ? { kind: 'recording' as const, record: r.record, expr: r.expr, labels: {} } : { kind: 'alerting' as const, alert: r.alert!, expr: r.expr, forMs: 0, keepFiringForMs: 0, labels: {}, annotations: {} })) },
  });
  it.each([
    { name: 'independent groups keep their file order', groups: [group('a', [{ alert: 'A', expr: 'x > 1' }]), group('b', [{ record: 'r', expr: 'sum(x)' }])], want: ['a', 'b'] },
    { name: 'a group reading a record of a later group runs after it', groups: [group('reader', [{ alert: 'A', expr: 'job:r:sum > 1' }]), group('writer', [{ record: 'job:r:sum', expr: 'sum by (job) (x)' }])], want: ['writer', 'reader'] },
    { name: 'a group reading ALERTS runs after the groups that alert', groups: [group('meta', [{ alert: 'Many', expr: 'count(ALERTS) > 3' }]), group('alerts', [{ alert: 'A', expr: 'x > 1' }])], want: ['alerts', 'meta'] },
    { name: 'groups reading each other keep their file order', groups: [group('a', [{ record: 'ra', expr: 'rb + 1' }]), group('b', [{ record: 'rb', expr: 'ra + 1' }])], want: ['a', 'b'] },
  ])('$name', ({ groups, want }) => {
    expect(evaluationOrder(groups).map((g) => g.spec.name)).toEqual(want);
  });
});

describe('LogQL rules read range-query answers', () => {
  it('the answer at each evaluation is what an instant query at that time answers', async () => {
    const ids = await withLogs(LINES.join('\n'));
    const { prepareLogqlQuery } = await import('./logql-rule-query');
    const expr = 'sum by (job) (count_over_time({job=~".+"} |= "error_message" [90s]))';
    const streams = services!.sources.localStreams();
    const signal = new AbortController().signal;
    const grid = { startMs: at('10:09:00'), endMs: at('10:14:00'), intervalMs: 30_000 };
    const prepared = await prepareLogqlQuery([expr], streams, grid, signal, () => undefined);
    const counts: number[] = [];
    for (let t = grid.startMs; t <= grid.endMs; t += grid.intervalMs) {
      const instant = await services!.handlers['logql.metric']({ kind: 'instant', query: expr, time: t }, { signal });
      const want = instant.data.resultType === 'vector' ? instant.data.result.map((s) => ({ labels: s.metric, value: Number(s.value[1]) })) : [];
      const got = prepared.query(expr, t) as { value: number }[];
      expect(got).toEqual(want);
      counts.push(got[0]?.value ?? 0);
    }
    // 10:09:00 … 10:14:00 every 30s: the three errors enter and leave the 90s window.
    expect(counts).toEqual([0, 0, 0, 1, 2, 3, 2, 1, 0, 0, 0]);
  });
});
