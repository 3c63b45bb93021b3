/**
 * The drop stage (Promtail stages/drop.go): every configured condition must hold for the entry
 * to be dropped (longer_than, older_than, source present, source values or the line matching
 * `expression` / equal to `value`). Dropped entries count in
 * logentry_dropped_lines_total{reason=drop_counter_reason|"drop_stage"}.
 */
import { goParseBytes, goParseDuration } from '../../logql/go-strconv';
import type { CompiledRegex } from '../../logql/ports';
import type { PipelineEntry, Stage, StageDefinition } from '../types';
import { ConfigReader, getString } from '../values';
import { dropCounter, type DropCounter } from './drop-counter';

export interface DropConfig {
  reason: string;
  sources: string[] | null;
  separator: string;
  /** `expression` compiled; `value` is kept apart: Promtail's ^QuoteMeta(value)$ is plain equality. */
  regex: CompiledRegex | null;
  value: string | null;
  olderThanNs: bigint | null;
  longerThan: number | null;
}

const utf8Length = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? (i++, 4) : 3;
  }
  return n;
};

/** unifySourceField: a string or a list of strings. */
function unifySource(v: unknown): string[] | null {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return null;
}

export const dropStage: StageDefinition<DropConfig> = {
  type: 'drop',
  validate(raw, ctx) {
    // mapstructure.WeakDecode: numbers and booleans are accepted where strings are expected.
    const r = new ConfigReader(raw, 'drop');
    const reason = r.weakString('drop_counter_reason');
    const value = r.weakString('value');
    const separator = r.weakString('separator');
    const expression = r.weakString('expression');
    const olderThan = r.weakString('older_than');
    const longerThan = r.weakString('longer_than');
    if (r.error) return { ok: false, error: r.error };
    const hasSource = r.has('source');
    if (!hasSource && expression === undefined && olderThan === undefined && longerThan === undefined) {
      return { ok: false, error: 'drop stage config must contain at least one of `source`, `expression`, `older_than` or `longer_than`' };
    }
    let sources: string[] | null = null;
    if (hasSource) {
      sources = unifySource(r.map['source']);
      if (!sources) return { ok: false, error: 'drop stage source invalid type should be string or list of strings' };
    }
    let olderThanNs: bigint | null = null;
    if (olderThan !== undefined) {
      const d = goParseDuration(olderThan);
      if (!d.ok) return { ok: false, error: `drop stage invalid duration, ${olderThan} cannot be converted to a duration: ${d.error}` };
      olderThanNs = BigInt(Math.round(d.value));
    }
    if (value !== undefined && !hasSource) return { ok: false, error: 'drop stage config must contain `source` if `value` is specified' };
    if (value !== undefined && expression !== undefined) {
      return { ok: false, error: 'drop stage config error, `value` and `expression` cannot both be defined at the same time.' };
    }
    let regex: CompiledRegex | null = null;
    if (expression !== undefined) {
      const c = ctx.regex.compile(expression);
      if (!c.ok) return { ok: false, error: `drop stage regex compilation error: ${c.error}` };
      regex = c.regex;
    }
    let longer: number | null = null;
    if (longerThan !== undefined) {
      const b = goParseBytes(longerThan);
      if (!b.ok) return { ok: false, error: `drop stage failed to parse longer_than to bytes: ${b.error}` };
      longer = b.value;
    }
    return {
      ok: true,
      config: { reason: reason || 'drop_stage', sources, separator: separator ?? ';', regex, value: value ?? null, olderThanNs, longerThan: longer },
    };
  },
  create(config, ctx) {
    return new DropStage(config, () => ctx.clock.nowNs(), dropCounter(ctx), (m) => ctx.note(m));
  },
};

class DropStage implements Stage {
  readonly type = 'drop';
  constructor(
    private readonly cfg: DropConfig,
    private readonly nowNs: () => bigint,
    private readonly count: DropCounter,
    private readonly note: (m: string) => void,
  ) {}

  process(entry: PipelineEntry): PipelineEntry[] {
    if (!this.shouldDrop(entry)) return [entry];
    this.count(this.cfg.reason, entry);
    this.note(`dropped (${this.cfg.reason})`);
    return [];
  }

  /** Promtail's order: cheapest checks first, any unmet condition keeps the entry. */
  private shouldDrop(e: PipelineEntry): boolean {
    const c = this.cfg;
    if (c.longerThan !== null && !(utf8Length(e.line) > c.longerThan)) return false;
    if (c.olderThanNs !== null && !(e.timestampNs < this.nowNs() - c.olderThanNs)) return false;
    const matcher = c.regex !== null || c.value !== null;
    if (c.sources && !matcher) {
      for (const s of c.sources) if (!Object.prototype.hasOwnProperty.call(e.extracted, s)) return false;
    }
    if (!c.sources && c.regex && !c.regex.test(e.line)) return false;
    if (c.sources && matcher) {
      // Sources missing from the extracted map are left out of the joined text, as in Promtail.
      const parts: string[] = [];
      for (const s of c.sources) {
        if (!Object.prototype.hasOwnProperty.call(e.extracted, s)) continue;
        const v = getString(e.extracted[s]);
        if (!v.ok) return false;
        parts.push(v.value);
      }
      const joined = parts.join(c.separator);
      if (c.regex ? !c.regex.test(joined) : joined !== c.value) return false;
    }
    return true;
  }
}
