/**
 * One range aggregation (`count_over_time(…[5m])`, `avg_over_time(… | unwrap x [1m]) by (h)`):
 * selects streams, extracts samples, and keeps one accumulator per (series, step) — memory grows
 * with series × steps, not with lines. Each sample goes to every step whose window holds it.
 */
import type { LabelMatcher, RangeAggregationExpr } from '../../../../shared/logql/ast';
import type { LogEntryIn } from '../run-log-query';
import type { SampleExtractor, StreamExtractor } from './extract';
import { accumulatorFor, mergesExactly, Sum, type Accumulator, type AccumulatorFactory } from './range-ops';
import { windowsOf, type StepGrid } from './grid';
import { compareLabels, ERROR, hasOwn, labelsKey, labelsString, PRESERVE_ERROR, type Labels } from './labels';
import { MetricFailure, type Sample } from './vector';

interface Series {
  labels: Labels;
  accs: Map<number, Accumulator>;
}

export interface StreamState {
  extract: StreamExtractor;
  lastTs: bigint | null;
  lastLine: string;
}

export class RangeLeaf {
  private readonly series = new Map<string, Series>();
  private readonly streams = new Map<string, StreamState | null>();
  private readonly factory: AccumulatorFactory;
  private readonly rangeNs: bigint;
  private readonly offsetNs: bigint;
  /** Entry times that can fall in some window: (fromNs, toNs]. */
  readonly fromNs: bigint;
  readonly toNs: bigint;

  constructor(
    readonly expr: RangeAggregationExpr,
    private readonly extractor: SampleExtractor,
    private readonly selects: (labels: Labels) => boolean,
    private readonly grid: StepGrid,
  ) {
    const r = expr.range;
    this.factory = accumulatorFor(expr.op, r.rangeNs, r.unwrap !== null, expr.param);
    this.rangeNs = BigInt(Math.trunc(r.rangeNs));
    this.offsetNs = BigInt(Math.trunc(r.offsetNs));
    const last = grid.startNs + BigInt(Math.max(0, grid.count - 1)) * grid.stepNs;
    this.fromNs = grid.startNs - this.offsetNs - this.rangeNs;
    this.toNs = last - this.offsetNs;
    this.mergeable = mergesExactly(expr.op, r.unwrap !== null);
    this.ms = wholeMs([grid.startNs, grid.stepNs, this.rangeNs, this.offsetNs, this.fromNs, this.toNs]);
  }

  /** The per-stream state, or null when the selector does not take this stream. */
  stream(labels: Labels, key: string): StreamState | null {
    let s = this.streams.get(key);
    if (s === undefined) {
      s = this.selects(labels) ? { extract: this.extractor.forStream(labels), lastTs: null, lastLine: '' } : null;
      this.streams.set(key, s);
    }
    return s;
  }

  /** One entry of a selected stream (entries of a stream in ascending time order). */
  add(s: StreamState, e: LogEntryIn): void {
    if (e.tsNs <= this.fromNs || e.tsNs > this.toNs || this.grid.count === 0) return;
    // Loki's ingester keeps one copy of an entry pushed twice (same time, same line).
    if (s.lastTs === e.tsNs && s.lastLine === e.line) return;
    s.lastTs = e.tsNs;
    s.lastLine = e.line;
    const [first, last] = windowsOf(this.grid, e.tsNs, this.rangeNs, this.offsetNs);
    if (first > last) return;
    const sample = s.extract(e.tsNs, e.line);
    if (sample) this.addSample(sample.labels, labelsKey(sample.labels), e.tsNs, sample.value);
  }

  /**
   * The accumulation half of add, for a sample extracted elsewhere (a query worker ran the
   * same checks and the extractor on a whole ms `tsNs`); samples of a stream in time order.
   */
  addSample(labels: Labels, key: string, tsNs: bigint, value: number): void {
    const [first, last] = windowsOf(this.grid, tsNs, this.rangeNs, this.offsetNs);
    const series = this.seriesOf(labels, key);
    for (let k = first; k <= last; k++) {
      let acc = series.accs.get(k);
      if (!acc) series.accs.set(k, (acc = this.factory()));
      acc.add(tsNs, value);
    }
  }

  /** Whether parts may pre-aggregate per (series, step) and merge with addSums (see mergesExactly). */
  get summable(): boolean {
    return this.mergeable;
  }

  /** A part's sum and count of a series at step k (summable ops only). */
  addSums(labels: Labels, key: string, k: number, sum: number, n: number): void {
    const series = this.seriesOf(labels, key);
    let acc = series.accs.get(k);
    if (!acc) series.accs.set(k, (acc = this.factory()));
    (acc as Sum).merge(sum, n);
  }

  private seriesOf(labels: Labels, key: string): Series {
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = { labels, accs: new Map() }));
    return series;
  }

  /**
   * The worker half: the steps an entry at `tsMs` (whole ms) falls in, as add checks them — in
   * float ms when the grid is in whole ms (exact below 2^53), else through windowsOf — or null.
   */
  stepsOfMs(tsMs: number): boolean {
    const m = this.ms;
    if (m !== null) {
      if (tsMs <= m.from || tsMs > m.to || this.grid.count === 0) return false;
      const u = tsMs + m.offset - m.start;
      this.firstStep = Math.max(0, Math.ceil(u / m.step));
      this.lastStep = Math.min(this.grid.count - 1, Math.ceil((u + m.range) / m.step) - 1);
      return this.firstStep <= this.lastStep;
    }
    const tsNs = BigInt(tsMs) * 1_000_000n;
    if (tsNs <= this.fromNs || tsNs > this.toNs || this.grid.count === 0) return false;
    [this.firstStep, this.lastStep] = windowsOf(this.grid, tsNs, this.rangeNs, this.offsetNs);
    return this.firstStep <= this.lastStep;
  }
  /** The last step's index (the grid's size - 1). */
  get lastStepIndex(): number {
    return this.grid.count - 1;
  }
  /** Set by stepsOfMs. */
  firstStep = 0;
  lastStep = -1;
  /** The grid in whole ms, when it is (then stepsOfMs needs no BigInt). */
  private readonly ms: ReturnType<typeof wholeMs>;
  private readonly mergeable: boolean;

  /**
   * The vector at step k, in label order. A series carrying __error__ in a window fails the query
   * (Loki's RangeVectorEvaluator), unless a parser preserved it.
   */
  vectorAt(k: number): Sample[] {
    const out: Sample[] = [];
    for (const s of this.series.values()) {
      const acc = s.accs.get(k);
      if (acc) out.push({ labels: s.labels, value: acc.value() });
    }
    out.sort((a, b) => compareLabels(a.labels, b.labels));
    for (const s of out) {
      if (s.labels[ERROR] !== undefined && s.labels[PRESERVE_ERROR] !== 'true') throw pipelineError(s.labels);
    }
    if (this.expr.op !== 'absent_over_time') return out;
    return out.length > 0 ? [] : [{ labels: absentLabels(this.expr.range.query.matchers), value: 1 }];
  }

  /** Frees a step's accumulators once it has been evaluated. */
  release(k: number): void {
    for (const s of this.series.values()) s.accs.delete(k);
  }
}

function wholeMs(ns: bigint[]): { start: number; step: number; range: number; offset: number; from: number; to: number } | null {
  if (ns.some((v) => v % 1_000_000n !== 0n)) return null;
  const [start, step, range, offset, from, to] = ns.map((v) => Number(v / 1_000_000n)) as [number, number, number, number, number, number];
  return { start, step, range, offset, from, to };
}

export function pipelineError(labels: Labels): MetricFailure {
  const type = labels[ERROR] ?? '';
  return new MetricFailure(
    400,
    `pipeline error: '${type}' for series: '${labelsString(labels)}'.\n` +
      `Use a label filter to intentionally skip this error. (e.g | __error__!="${type}").\n` +
      'To skip all potential errors you can match empty errors.(e.g __error__="")\n' +
      'The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__="" )',
  );
}

/** absent_over_time's series: the selector's equality matchers, minus names matched any other way or twice. */
export function absentLabels(matchers: LabelMatcher[]): Labels {
  const m: Labels = {};
  const drop: string[] = [];
  for (const x of matchers) {
    if (x.name === '__name__') continue;
    if (x.op === '=' && !hasOwn(m, x.name)) m[x.name] = x.value;
    else drop.push(x.name);
  }
  for (const d of drop) delete m[d];
  return m;
}
