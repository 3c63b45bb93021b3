/**
 * The multiline stage (Promtail stages/multiline.go): per stream (label set), lines are
 * gathered into a block that starts at a line matching `firstline`; the block goes out as one
 * entry, lines joined with "\n", with the labels, extracted map and timestamp of its start line
 * (and no structured metadata: Promtail's collapsed entry does not carry it). A block goes out
 * when the next start line comes, at max_lines, after max_wait_time without a new line for
 * that stream, or when the input ends.
 *
 * Promtail's per-stream goroutine waits on a timer; here the injected clock is read on each
 * process(): blocks whose stream has been idle for max_wait_time go out first, in the order
 * their timers would have fired, then the new entry is handled. flush() ends the input.
 * Until a stream has seen a start line, its lines pass through untouched; after a timeout the
 * next lines of the stream join a new block under the previous start line, as in Promtail.
 */
import { goParseDuration } from '../../logql/go-strconv';
import type { CompiledRegex } from '../../logql/ports';
import type { PipelineEntry, Stage, StageDefinition } from '../types';
import { isMap } from '../values';
import { labelsKey } from './labels-key';
import { weakInt } from './weak-decode';

const MAX_LINES_DEFAULT = 128;
const MAX_WAIT_DEFAULT_NS = 3_000_000_000n;

export interface MultilineConfig {
  firstline: CompiledRegex;
  maxLines: number;
  maxWaitNs: bigint;
}

const weakString = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export const multilineStage: StageDefinition<MultilineConfig> = {
  type: 'multiline',
  validate(raw, ctx) {
    const map = raw === null || raw === undefined ? {} : isMap(raw) ? raw : null;
    if (!map) return { ok: false, error: `'' expected a map, got '${Array.isArray(raw) ? 'slice' : typeof raw}'` };
    const expression = weakString(map['firstline']);
    if (expression === undefined) return { ok: false, error: 'multiline stage config must define `firstline` regular expression' };
    const re = ctx.regex.compile(expression);
    if (!re.ok) return { ok: false, error: `multiline stage first line regex compilation error: ${re.error}` };
    let maxWaitNs = MAX_WAIT_DEFAULT_NS;
    const wait = weakString(map['max_wait_time']);
    if (wait !== undefined) {
      const d = goParseDuration(wait);
      if (!d.ok) return { ok: false, error: `multiline stage \`max_wait_time\` parse error: ${d.error}` };
      maxWaitNs = BigInt(Math.round(d.value));
    }
    const maxLines = weakInt(map, 'max_lines');
    if (!maxLines.ok) return maxLines;
    return { ok: true, config: { firstline: re.regex, maxLines: maxLines.value ?? MAX_LINES_DEFAULT, maxWaitNs } };
  },
  create(config, ctx) {
    return new MultilineStage(config, () => ctx.clock.nowNs());
  },
};

interface Block {
  /** The lines so far, joined; Promtail's bytes.Buffer (an empty first line adds no "\n"). */
  buffer: string;
  start: PipelineEntry | null;
  lines: number;
  /** When the stream's timer was last (re)started: its last line or its last timeout. */
  lastNs: bigint;
}

class MultilineStage implements Stage {
  readonly type = 'multiline';
  private readonly streams = new Map<string, Block>();

  constructor(
    private readonly cfg: MultilineConfig,
    private readonly nowNs: () => bigint,
  ) {}

  process(entry: PipelineEntry): PipelineEntry[] {
    const now = this.nowNs();
    const out = this.expire(now);
    const key = labelsKey(entry.labels);
    let block = this.streams.get(key);
    const isFirst = this.cfg.firstline.test(entry.line);
    if (!block) {
      if (!isFirst) {
        out.push(entry);
        return out;
      }
      block = { buffer: '', start: null, lines: 0, lastNs: now };
      this.streams.set(key, block);
    }
    if (isFirst) {
      this.emit(block, out);
      block.start = entry;
    }
    if (block.buffer.length > 0) block.buffer += '\n';
    block.buffer += entry.line;
    block.lines++;
    block.lastNs = now;
    if (block.lines === this.cfg.maxLines) this.emit(block, out);
    return out;
  }

  flush(): PipelineEntry[] {
    const out: PipelineEntry[] = [];
    for (const block of this.streams.values()) this.emit(block, out);
    return out;
  }

  /** Blocks whose timer ran out before `now`, in the order the timers fired. */
  private expire(now: bigint): PipelineEntry[] {
    const due = [...this.streams.values()].filter((b) => b.buffer.length > 0 && now - b.lastNs >= this.cfg.maxWaitNs);
    due.sort((a, b) => (a.lastNs < b.lastNs ? -1 : a.lastNs > b.lastNs ? 1 : 0));
    const out: PipelineEntry[] = [];
    for (const b of due) {
      b.lastNs += this.cfg.maxWaitNs;
      this.emit(b, out);
    }
    return out;
  }

  private emit(block: Block, out: PipelineEntry[]): void {
    if (block.buffer.length === 0 || !block.start) return;
    const s = block.start;
    out.push({ labels: { ...s.labels }, extracted: { ...s.extracted }, line: block.buffer, timestampNs: s.timestampNs, structuredMetadata: {} });
    block.buffer = '';
    block.lines = 0;
  }
}
