/**
 * metrics: Promtail's custom metrics (stages/metrics.go, logentry/metric/*.go): counters (inc / add,
 * match_all, count_entry_bytes, value), gauges (set / inc / dec / add / sub), histograms (buckets),
 * named `promtail_custom_<name>` unless `prefix` is set, labelled with the entry's labels minus
 * those starting with `__`, idle series dropped after max_idle_duration (default 5m). Samples go
 * to the MetricsSink on the entry's timestamp (log time).
 */
import { goParseDuration } from '../../logql/go-strconv';
import { utf8Length } from '../../logql/template/utf8';
import type { Labels, MetricsSink, StageDefinition } from '../types';
import { ConfigReader, getFloat, getString, isMap } from '../values';

type Metric =
  | { kind: 'counter'; name: string; source: string; value?: string; action: 'inc' | 'add'; matchAll: boolean; countBytes: boolean; help: string; idleNs: bigint }
  | { kind: 'gauge'; name: string; source: string; value?: string; action: 'set' | 'inc' | 'dec' | 'add' | 'sub'; help: string; idleNs: bigint }
  | { kind: 'histogram'; name: string; source: string; value?: string; buckets: number[]; help: string; idleNs: bigint };

function parseMetric(name: string, raw: unknown): Metric | string {
  const r = new ConfigReader(raw, name);
  const type = (r.string('type') ?? '').toLowerCase();
  const help = r.string('description') ?? '';
  const source = r.string('source') ?? name;
  const prefix = r.string('prefix') || 'promtail_custom_';
  const idle = r.string('max_idle_duration');
  if (r.error) return r.error;
  if (type !== 'counter' && type !== 'gauge' && type !== 'histogram') return `invalid metric type '${type}', metric type must be one of 'counter', 'gauge', or 'histogram'`;
  let idleNs = 300_000_000_000n;
  if (idle !== undefined) {
    const d = goParseDuration(idle);
    if (!d.ok) return `max_idle_duration could not be parsed as a time.Duration: '${d.error}'`;
    if (d.value < 1e9) return 'max_idle_duration less than 1s not allowed';
    idleNs = BigInt(Math.trunc(d.value / 1e9)) * 1_000_000_000n;
  }
  const c = new ConfigReader(isMap(r.map.config) ? r.map.config : null, 'config');
  const value = c.string('value');
  const full = prefix + name;
  if (type === 'histogram') {
    const bs = r.map.config && isMap(r.map.config) ? r.map.config.buckets : undefined;
    const buckets = Array.isArray(bs) ? bs.map(Number) : [];
    if (c.error) return c.error;
    return { kind: 'histogram', name: full, source, value, buckets, help, idleNs };
  }
  const action = (c.string('action') ?? '').toLowerCase();
  if (type === 'gauge') {
    if (c.error) return c.error;
    if (action === '') return 'gauge action must be defined as `set`, `inc`, `dec`, `add`, or `sub`';
    if (!['set', 'inc', 'dec', 'add', 'sub'].includes(action)) return `action ${action} is not valid, action must be \`set\`, \`inc\`, \`dec\`, \`add\`, or \`sub\``;
    return { kind: 'gauge', name: full, source, value, action: action as 'set', help, idleNs };
  }
  const matchAll = c.bool('match_all') ?? false;
  const countBytes = c.bool('count_entry_bytes') ?? false;
  if (c.error) return c.error;
  if (action === '') return 'counter action must be defined as either `inc` or `add`';
  if (action !== 'inc' && action !== 'add') return `action ${action} is not valid, action must be either \`inc\` or \`add\``;
  if (matchAll && value !== undefined) return '`match_all: true` cannot be combined with `value`, please remove `match_all` or `value`';
  if (countBytes && !matchAll) return '`count_entry_bytes: true` can only be set with `match_all: true`';
  if (countBytes && action !== 'add') return '`count_entry_bytes: true` can only be used with `action: add`';
  return { kind: 'counter', name: full, source, value, action, matchAll, countBytes, help, idleNs };
}

/** Metric labels: the entry's labels without the reserved `__` ones. */
function metricLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(labels)) if (!k.startsWith('__')) out[k] = v;
  return out;
}

/** The metric labels of the last entry, reused while entries carry the same label set (no per-line copy). */
class LabelCache {
  private srcCopy: [string, string][] = [];
  private out: Labels = {};
  get(labels: Labels): Labels {
    if (this.same(labels)) return this.out;
    this.srcCopy = Object.entries(labels);
    this.out = metricLabels(labels);
    return this.out;
  }
  private same(labels: Labels): boolean {
    const prev = this.srcCopy;
    let n = 0;
    for (const k in labels) {
      if (!Object.prototype.hasOwnProperty.call(labels, k)) continue;
      const p = prev[n++];
      if (p === undefined || p[0] !== k || p[1] !== labels[k]) return false;
    }
    return n === prev.length;
  }
}

type Recorder = (labels: Labels, extracted: Record<string, unknown>, line: string, atNs: bigint) => void;

/** `labels` are the entry's; the metric labels are derived (through `cache`) only when a sample is recorded. */
function recorder(m: Metric, sink: MetricsSink, note: (s: string) => void, cache: LabelCache): Recorder {
  const matches = (v: unknown): boolean => {
    if (m.value === undefined) return true;
    const s = getString(v);
    return s.ok && s.value === m.value;
  };
  const float = (v: unknown): number | undefined => {
    const f = getFloat(v);
    if (!f.ok) note(`${m.name}: failed to convert extracted value to float: ${f.error}`);
    return f.ok ? f.value : undefined;
  };
  const has = (x: Record<string, unknown>) => Object.prototype.hasOwnProperty.call(x, m.source);
  if (m.kind === 'counter') {
    const c = sink.counter(m.name, m.help);
    return (labels, x, line, at) => {
      if (m.matchAll) return c.add(cache.get(labels), m.countBytes ? utf8Length(line) : 1, at);
      if (!has(x) || !matches(x[m.source])) return;
      if (m.action === 'inc') return c.add(cache.get(labels), 1, at);
      const f = float(x[m.source]);
      if (f === undefined) return;
      if (f < 0) return note(`${m.name}: counter cannot decrease in value`);
      c.add(cache.get(labels), f, at);
    };
  }
  if (m.kind === 'gauge') {
    const g = sink.gauge(m.name, m.help);
    return (labels, x, _line, at) => {
      if (!has(x) || !matches(x[m.source])) return;
      if (m.action === 'inc' || m.action === 'dec') return g.add(cache.get(labels), m.action === 'inc' ? 1 : -1, at);
      const f = float(x[m.source]);
      if (f === undefined) return;
      if (m.action === 'set') g.set(cache.get(labels), f, at);
      else g.add(cache.get(labels), m.action === 'add' ? f : -f, at);
    };
  }
  const h = sink.histogram(m.name, m.help, m.buckets);
  return (labels, x, _line, at) => {
    if (!has(x) || !matches(x[m.source])) return;
    const f = float(x[m.source]);
    if (f !== undefined) h.observe(cache.get(labels), f, at);
  };
}

export const metricsStage: StageDefinition<Metric[]> = {
  type: 'metrics',
  validate(raw) {
    if (raw === null || raw === undefined) return { ok: false, error: 'empty metric stage configuration' };
    if (!isMap(raw)) return { ok: false, error: `'' expected a map, got '${Array.isArray(raw) ? 'slice' : typeof raw}'` };
    const out: Metric[] = [];
    for (const [name, cfg] of Object.entries(raw)) {
      const m = parseMetric(name, cfg);
      if (typeof m === 'string') return { ok: false, error: m };
      out.push(m);
    }
    return { ok: true, config: out };
  },
  create(metrics, ctx) {
    const cache = new LabelCache();
    const recs = metrics.map((m) => ({ m, rec: recorder(m, ctx.metrics, (s) => ctx.note(s), cache) }));
    return {
      type: 'metrics',
      process(entry) {
        for (const { m, rec } of recs) {
          ctx.metrics.expire(m.name, m.idleNs, entry.timestampNs);
          rec(entry.labels, entry.extracted, entry.line, entry.timestampNs);
        }
        return [entry];
      },
    };
  },
};
