import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BacktestEvent, BacktestGroup } from '../../../shared/contract/alerts';
import { createServices, type Services } from '../../host/create-services';
import { settled } from '../../cli/verbs/sources-setup';
import { ISSUE_CONFIG } from '../../engines/pipeline-config/test-fixtures';
import { labelsToRecord } from '../../engines/tsdb/labels';
import { createStorage } from '../../engines/tsdb/storage';
import { goQuote } from '../../engines/alerting/labels';
import { loadPipelineMetrics } from './pipeline-metrics';

// The back-test checked against Prometheus' own rule engine: the series the pipeline derives
// are written as a promtool unit test's input_series (15s slots, `_` where there is no sample,
// `stale` for staleness markers), and every alert the back-test reports as firing at each
// evaluation becomes an alert_rule_test. The real promtool must pass it.
// Evaluations run 5s after each scrape (not on the 15s grid): Debian's promtool is 2.42, whose
// range selectors still include a sample exactly at t - range (Prometheus 3 made them
// left-open, as Vigie's engine is); off the grid, both versions select the same samples.

const PROMTOOL = '/usr/bin/promtool';
const T0 = Date.parse('2024-03-01T10:00:00Z');
const START = T0 + 5000;
const END = START + 60 * 60_000;
const SLOT = 5000;
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
// A burst of errors, a quiet spell longer than max_idle_duration (the series expires), another burst.
const LINES = [
  ...Array.from({ length: 121 }, (_, i) => `${iso(i * 30)} info ok`),
  ...[605, 635, 665, 2405, 2410, 2500].map((s) => `${iso(s)} error error_message=disk full`),
].sort();

const RULES = `groups:
- name: seed
  rules:
  - alert: Error_total
    expr: promtail_custom_error_total > 1
    for: 1m
    labels: {severity: critical}
  - alert: Error_increase
    expr: increase(promtail_custom_error_total[5m]) > 0
    for: 1m
`;

let services: Services | undefined;
afterEach(async () => services?.dispose());

function promtoolTest(dir: string): { code: number; output: string } {
  if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} is missing: install the Debian package "prometheus" (it brings promtool)`);
  try {
    return { code: 0, output: execFileSync(PROMTOOL, ['test', 'rules', 'test.yml'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; status: number };
    return { code: err.status, output: err.stdout + err.stderr };
  }
}

describe('the back-test agrees with promtool on the same series', () => {
  it('every firing alert at every evaluation, through a counter that expires and comes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-backtest-promtool-'));
    writeFileSync(join(dir, 'app.log'), LINES.join('\n') + '\n');
    services = createServices({ mode: 'test' });
    await services.handlers['sources.add']({ path: dir, recursive: true, follow: false }, { signal: new AbortController().signal });
    await settled(services);
    const streamIds = services.sources.snapshot().streams.map((s) => s.id);
    const signal = new AbortController().signal;

    const events: BacktestEvent[] = [];
    for await (const e of services.handlers['rules.backtest']({ rules: RULES, streamIds, pipeline: ISSUE_CONFIG, start: START, end: END }, { signal })) events.push(e);
    const group = (events.find((e) => e.kind === 'group') as { result: BacktestGroup }).result;
    expect(group.errors).toEqual([]);
    // The quiet spell matters: both alerts fire, resolve, and fire again.
    expect(group.alerts.map((a) => [a.rule, a.resolvedAtMs.length > 0])).toEqual([['Error_total', true], ['Error_increase', true]]);
    // The counter expired in the quiet spell; created again, it counts from zero and fires again.
    expect(group.alerts.map((a) => a.intervals.filter((i) => i.state === 'firing').length)).toEqual([2, 2]);

    const storage = createStorage();
    await loadPipelineMetrics(ISSUE_CONFIG, services.sources.localStreams(), streamIds, { fromMs: START, toMs: END }, storage, signal, () => undefined);
    const slots = (END - START) / SLOT;
    const inputSeries = storage.select([]).map((s) => {
      const values = Array.from({ length: slots + 1 }, () => '_');
      for (let i = 0; i < s.length; i++) values[(s.t[i]! - START) / SLOT] = s.stale[i] ? 'stale' : String(s.v[i]);
      const labels = labelsToRecord(s.labels);
      const name = labels.__name__!;
      delete labels.__name__;
      return `  - series: '${name}{${Object.entries(labels).map(([k, v]) => `${k}=${goQuote(v)}`).join(',')}}'\n    values: '${values.join(' ')}'`;
    });
    const cases: string[] = [];
    for (let t = START; t <= END; t += 60_000) {
      for (const rule of ['Error_total', 'Error_increase']) {
        const firing = group.alerts.filter((a) => a.rule === rule && a.intervals.some((i) => i.state === 'firing' && i.fromMs <= t && t <= i.toMs));
        const exp = firing.map((a) => {
          const { alertname: _n, ...labels } = a.labels;
          return `\n    - exp_labels: ${JSON.stringify(labels)}`;
        });
        cases.push(`  - eval_time: ${(t - START) / 60_000}m\n    alertname: ${rule}\n    exp_alerts:${exp.length ? exp.join('') : ' []'}`);
      }
    }
    writeFileSync(join(dir, 'rules.yml'), RULES);
    writeFileSync(join(dir, 'test.yml'), `evaluation_interval: 1m\nrule_files: [rules.yml]\ntests:\n- interval: 5s\n  input_series:\n${inputSeries.join('\n')}\n  alert_rule_test:\n${cases.join('\n')}\n`);
    const r = promtoolTest(dir);
    expect(r.output).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });
});
