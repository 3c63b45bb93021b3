/**
 * The sampling stage (Promtail stages/sampling.go): keeps each entry with probability `rate`,
 * drawing a fresh random number per entry (not a hash of the entry: the same line can be kept
 * once and dropped the next time); dropped entries count in
 * logentry_dropped_lines_total{reason=drop_counter_reason|"sampling_stage"}.
 * Promtail seeds its generator from the wall clock; we seed from the injected clock, so a fake
 * clock gives a repeatable sample.
 */
import type { PipelineEntry, Stage, StageDefinition } from '../types';
import { isMap } from '../values';
import { dropCounter, type DropCounter } from './drop-counter';
import { weakFloat } from './weak-decode';

export interface SamplingConfig {
  rate: number;
  reason: string;
}

export const samplingStage: StageDefinition<SamplingConfig> = {
  type: 'sampling',
  validate(raw) {
    const map = raw === null || raw === undefined ? {} : isMap(raw) ? raw : null;
    if (!map) return { ok: false, error: `'' expected a map, got '${Array.isArray(raw) ? 'slice' : typeof raw}'` };
    const rate = weakFloat(map, 'rate');
    if (!rate.ok) return rate;
    const reasonRaw = map['drop_counter_reason'];
    const reason = typeof reasonRaw === 'string' || typeof reasonRaw === 'number' ? String(reasonRaw) : '';
    const r = rate.value ?? 0;
    if (r < 0 || r > 1) return { ok: false, error: `sampling stage failed to parse rate,Sampling Rate must be between 0.0 and 1.0, received ${r.toFixed(6)}` };
    return { ok: true, config: { rate: r, reason: reason || 'sampling_stage' } };
  },
  create(config, ctx) {
    return new SamplingStage(config, seededRandom(ctx.clock.nowNs()), dropCounter(ctx), (m) => ctx.note(m));
  },
};

/** mulberry32 pairs → uniform doubles in [0, 1) with 53 random bits. */
function seededRandom(seed: bigint): () => number {
  let a = Number(BigInt.asUintN(32, seed)) ^ Number(BigInt.asUintN(32, seed >> 32n));
  const next32 = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

class SamplingStage implements Stage {
  readonly type = 'sampling';
  constructor(
    private readonly cfg: SamplingConfig,
    private readonly random: () => number,
    private readonly count: DropCounter,
    private readonly note: (m: string) => void,
  ) {}

  process(entry: PipelineEntry): PipelineEntry[] {
    // Promtail: boundary (rate × 2^63) ≥ a non-zero 63-bit random number.
    let r = this.random();
    while (r === 0) r = this.random();
    if (r <= this.cfg.rate) return [entry];
    this.count(this.cfg.reason, entry);
    this.note(`dropped (${this.cfg.reason})`);
    return [];
  }
}
