/**
 * histogram_quantile over classic histograms, as Prometheus' funcHistogramQuantile and
 * BucketQuantile (promql/functions.go, quantile.go): samples grouped by their labels without
 * `le` (the name kept in the grouping, dropped from the result), buckets sorted and coalesced,
 * made monotonic (tiny float differences absorbed, decreases flattened, the latter with an
 * info), then linear interpolation inside the bucket holding the rank. Native histogram
 * samples are out of scope and ignored.
 */
import type { Call } from '../../../shared/promql/ast.js';
import { getLabel, labelsKey, LabelsBuilder, METRIC_NAME, type Labels } from '../tsdb/labels.js';
import { pos, type EvalContext } from './context.js';
import { evalScalar, evalVector } from './evaluate.js';
import { quoteGoBytes } from './go-quote.js';
import type { Sample } from './values.js';

interface Bucket {
  upperBound: number;
  count: number;
}

const SMALL_DELTA_TOLERANCE = 1e-12;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Prometheus' util/almost.Equal. */
function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** Go's strconv.ParseFloat for an `le` value: decimal or hex floats, Inf/NaN spellings, underscores refused. */
function parseBound(text: string): number | undefined {
  if (/^[+-]?(?:inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  return undefined;
}

/** BucketQuantile: the value and whether monotonicity had to be forced. */
export function bucketQuantile(q: number, input: readonly Bucket[]): { value: number; forced: boolean } {
  if (Number.isNaN(q)) return { value: NaN, forced: false };
  if (q < 0) return { value: -Infinity, forced: false };
  if (q > 1) return { value: Infinity, forced: false };
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted[sorted.length - 1]!.upperBound !== Infinity) return { value: NaN, forced: false };
  // Coalesce buckets with the same upper bound.
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push({ ...b });
  }
  let forced = false;
  let prev = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i]!.count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
      buckets[i]!.count = prev;
      continue;
    }
    if (curr < prev) {
      buckets[i]!.count = prev;
      forced = true;
      continue;
    }
    prev = curr;
  }
  if (buckets.length < 2) return { value: NaN, forced };
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return { value: NaN, forced };
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first whose count reaches the rank.
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b]!.count >= rank)) b++;
  if (b === buckets.length - 1) return { value: buckets[buckets.length - 2]!.upperBound, forced };
  if (b === 0 && buckets[0]!.upperBound <= 0) return { value: buckets[0]!.upperBound, forced };
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return { value: bucketStart + (bucketEnd - bucketStart) * (rank / count), forced };
}

export function histogramQuantile(ctx: EvalContext, e: Call, ts: number): Sample[] {
  const q = evalScalar(ctx, e.args[0]!, ts);
  if (Number.isNaN(q) || q < 0 || q > 1) ctx.annotations.warn(`quantile value should be between 0 and 1, got ${q}${pos(ctx, e.args[0]!)}`);
  const groups = new Map<string, { labels: Labels; name: string; buckets: Bucket[] }>();
  for (const s of evalVector(ctx, e.args[1]!, ts)) {
    const le = getLabel(s.labels, 'le');
    const upperBound = parseBound(le);
    if (upperBound === undefined) {
      const name = getLabel(s.labels, METRIC_NAME);
      ctx.annotations.warn(`bucket label "le" is missing or has a malformed value of ${quoteGoBytes(le)}${name ? ` for metric name ${quoteGoBytes(name)}` : ''}${pos(ctx, e.args[1]!)}`);
      continue;
    }
    const key = labelsKey(s.labels.filter((l) => l.name !== 'le'));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels: new LabelsBuilder(s.labels).del('le', METRIC_NAME).labels(), name: getLabel(s.labels, METRIC_NAME), buckets: [] }));
    g.buckets.push({ upperBound, count: s.v });
  }
  const out: Sample[] = [];
  for (const g of groups.values()) {
    const { value, forced } = bucketQuantile(q, g.buckets);
    if (forced) ctx.annotations.info(`input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)${g.name ? ` for metric name ${quoteGoBytes(g.name)}` : ''}${pos(ctx, e.args[1]!)}`);
    out.push({ labels: g.labels, v: value, dropName: true });
  }
  return out;
}
