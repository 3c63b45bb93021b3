/**
 * The limit stage (Promtail stages/limit.go): a token bucket (rate per second, burst) on the
 * wall clock — the injected one. `drop: true` drops what the bucket refuses and counts it
 * (logentry_dropped_lines_total{reason="ratelimit_drop_stage"}; with by_label_name also
 * logentry_dropped_lines_by_label_total{label_name,label_value}, one bucket per label value,
 * entries without the label never limited).
 *
 * `drop: false` makes Promtail's goroutine sleep in Wait until a token is due. A synchronous
 * process() cannot sleep, so the entry goes on at once while the bucket takes the token into
 * debt exactly as Wait's reservation does; later entries therefore owe the same delays they
 * would in Promtail, and each delay is reported as a note for the per-stage trace. Output
 * content and order are Promtail's; only the pacing is not reproduced.
 */
import type { PipelineEntry, Stage, StageDefinition } from '../types';
import { DROPPED_LINES_HELP, dropCounter, type DropCounter } from './drop-counter';
import { TokenBucket } from './token-bucket';
import { weakBool, weakFloat, weakInt } from './weak-decode';
import { isMap } from '../values';

const REASON = 'ratelimit_drop_stage';
/** Promtail raises max_distinct_labels to this (≈1 MiB of limiters). */
const MIN_REASONABLE_MAX_DISTINCT_LABELS = 10000;

export interface LimitConfig {
  rate: number;
  burst: number;
  drop: boolean;
  byLabelName: string;
  maxDistinctLabels: number;
}

export const limitStage: StageDefinition<LimitConfig> = {
  type: 'limit',
  validate(raw) {
    const map = raw === null || raw === undefined ? {} : isMap(raw) ? raw : null;
    if (!map) return { ok: false, error: `'' expected a map, got '${Array.isArray(raw) ? 'slice' : typeof raw}'` };
    const rate = weakFloat(map, 'rate');
    const burst = weakInt(map, 'burst');
    const drop = weakBool(map, 'drop');
    const max = weakInt(map, 'max_distinct_labels');
    for (const r of [rate, burst, drop, max]) if (!r.ok) return r;
    const by = map['by_label_name'];
    if (by !== undefined && by !== null && typeof by !== 'string' && typeof by !== 'number' && typeof by !== 'boolean') {
      return { ok: false, error: "1 error(s) decoding:\n\n* 'by_label_name' expected type 'string', got unconvertible type 'map'" };
    }
    const cfg: LimitConfig = {
      rate: (rate.ok && rate.value) || 0,
      burst: (burst.ok && burst.value) || 0,
      drop: (drop.ok && drop.value) || false,
      byLabelName: by === undefined || by === null ? '' : String(by),
      maxDistinctLabels: (max.ok && max.value) || 0,
    };
    if (!(cfg.rate > 0) || cfg.burst <= 0) return { ok: false, error: 'limit stage failed to parse rate or burst' };
    if (cfg.byLabelName !== '' && !cfg.drop) return { ok: false, error: 'When ratelimiting by label, drop must be true' };
    if (cfg.byLabelName !== '' && cfg.maxDistinctLabels < MIN_REASONABLE_MAX_DISTINCT_LABELS) cfg.maxDistinctLabels = MIN_REASONABLE_MAX_DISTINCT_LABELS;
    return { ok: true, config: cfg };
  },
  create(config, ctx) {
    // Registered only when limiting by label, as Promtail does.
    const byLabel = config.byLabelName !== '' ? ctx.metrics.counter('logentry_dropped_lines_by_label_total', DROPPED_LINES_HELP) : null;
    const countByLabel = (labels: Record<string, string>, e: PipelineEntry): void => byLabel?.add(labels, 1, e.timestampNs);
    return new LimitStage(config, () => ctx.clock.nowNs(), dropCounter(ctx), countByLabel, (m) => ctx.note(m));
  },
};

/**
 * Promtail's GenerationalMap: when the current generation reaches max size it becomes the old
 * one; a key found only in the old generation moves back. Bounds memory by label cardinality.
 */
class GenerationalBuckets {
  private oldgen = new Map<string, TokenBucket>();
  private newgen = new Map<string, TokenBucket>();
  constructor(
    private readonly max: number,
    private readonly create: () => TokenBucket,
  ) {}

  get(key: string): TokenBucket {
    let b = this.newgen.get(key);
    if (b) return b;
    b = this.oldgen.get(key) ?? this.create();
    this.newgen.set(key, b);
    if (this.newgen.size === this.max) {
      this.oldgen = this.newgen;
      this.newgen = new Map();
    }
    return b;
  }
}

class LimitStage implements Stage {
  readonly type = 'limit';
  private readonly bucket: TokenBucket | null;
  private readonly byLabel: GenerationalBuckets | null;

  constructor(
    private readonly cfg: LimitConfig,
    private readonly nowNs: () => bigint,
    private readonly count: DropCounter,
    private readonly countByLabel: (labels: Record<string, string>, e: PipelineEntry) => void,
    private readonly note: (m: string) => void,
  ) {
    const make = (): TokenBucket => new TokenBucket(cfg.rate, cfg.burst);
    this.byLabel = cfg.byLabelName !== '' ? new GenerationalBuckets(cfg.maxDistinctLabels, make) : null;
    this.bucket = this.byLabel ? null : make();
  }

  process(entry: PipelineEntry): PipelineEntry[] {
    return this.shouldThrottle(entry) ? [] : [entry];
  }

  private shouldThrottle(e: PipelineEntry): boolean {
    const now = this.nowNs();
    if (this.byLabel) {
      const name = this.cfg.byLabelName;
      if (!Object.prototype.hasOwnProperty.call(e.labels, name)) return false;
      const value = e.labels[name]!;
      if (this.byLabel.get(value).allow(now)) return false;
      this.count(REASON, e);
      this.countByLabel({ label_name: name, label_value: value }, e);
      this.note(`dropped (${REASON}, ${name}=${value})`);
      return true;
    }
    const bucket = this.bucket!;
    if (this.cfg.drop) {
      if (bucket.allow(now)) return false;
      this.count(REASON, e);
      this.note(`dropped (${REASON})`);
      return true;
    }
    const wait = bucket.reserve(now);
    if (wait > 0n) this.note(`rate limited: Promtail would hold this entry ${Number(wait) / 1e6} ms`);
    return false;
  }
}
