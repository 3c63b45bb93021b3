/**
 * The timestamp stage (Promtail stages/timestamp.go): sets the entry's timestamp from an
 * extracted value. On failure (value missing, not convertible to a string, or unparsable),
 * `skip` keeps the timestamp as read and `fudge` (the default) moves it 1ns past the last
 * timestamp this stage set for the same label set, so that lines of a stack trace keep their
 * order in Loki. The per-stream memory is an LRU of 10000 label sets, as in Promtail.
 */
import { ConfigReader, getString } from '../values';
import type { PipelineEntry, Stage, StageDefinition } from '../types';
import { labelsKey } from './labels-key';
import { loadLocation, timestampParser, type TimestampParser } from './timestamp-formats';
import type { ZoneResolver } from '../../logql/template/go-time';

const ACTIONS = ['skip', 'fudge'] as const;
type Action = (typeof ACTIONS)[number];
const MAX_LAST_KNOWN = 10000;

export interface TimestampConfig {
  source: string;
  format: string;
  fallbackFormats: string[];
  location: ZoneResolver | undefined;
  action: Action;
}

export const timestampStage: StageDefinition<TimestampConfig> = {
  type: 'timestamp',
  validate(raw) {
    const r = new ConfigReader(raw, 'timestamp');
    const source = r.string('source') ?? '';
    const format = r.string('format') ?? '';
    const fallbackFormats = r.stringList('fallback_formats') ?? [];
    const location = r.string('location');
    const action = r.string('action_on_failure');
    if (r.error) return { ok: false, error: r.error };
    if (source === '') return { ok: false, error: 'timestamp source value is required if timestamp is specified' };
    if (format === '') return { ok: false, error: 'timestamp format is required' };
    let loc: ZoneResolver | undefined;
    if (location !== undefined) {
      loc = loadLocation(location);
      if (!loc) return { ok: false, error: `invalid location specified: unknown time zone ${location}` };
    }
    if (action !== undefined && !(ACTIONS as readonly string[]).includes(action)) {
      return { ok: false, error: `invalid action on failure (supported values are [${ACTIONS.join(' ')}])` };
    }
    return { ok: true, config: { source, format, fallbackFormats, location: loc, action: (action as Action | undefined) ?? 'fudge' } };
  },
  create(config, ctx) {
    return new TimestampStage(config, timestampParser(config.format, config.fallbackFormats, config.location, () => ctx.clock.nowNs()), (m) => ctx.note(m));
  },
};

class TimestampStage implements Stage {
  readonly type = 'timestamp';
  /** Last timestamp set per label set (insertion order = recency, for LRU eviction). */
  private readonly lastKnown = new Map<string, bigint>();

  constructor(
    private readonly cfg: TimestampConfig,
    private readonly parse: TimestampParser,
    private readonly note: (m: string) => void,
  ) {}

  process(entry: PipelineEntry): PipelineEntry[] {
    const parsed = this.parseFromSource(entry);
    if (parsed === null) {
      if (this.cfg.action === 'fudge') this.fudge(entry);
      return [entry];
    }
    entry.timestampNs = parsed;
    if (this.cfg.action === 'fudge') this.remember(labelsKey(entry.labels), parsed);
    return [entry];
  }

  private parseFromSource(entry: PipelineEntry): bigint | null {
    if (!Object.prototype.hasOwnProperty.call(entry.extracted, this.cfg.source)) {
      this.note('extracted data did not contain a timestamp');
      return null;
    }
    const s = getString(entry.extracted[this.cfg.source]);
    if (!s.ok) {
      this.note('failed to convert extracted time to string');
      return null;
    }
    const t = this.parse(s.value);
    if (t === null) this.note(`failed to parse time: format ${this.cfg.format}, value ${s.value}`);
    return t;
  }

  private fudge(entry: PipelineEntry): void {
    const key = labelsKey(entry.labels);
    const last = this.lastKnown.get(key);
    // Nothing parsed yet for this label set: the timestamp as read stays.
    if (last === undefined) return;
    entry.timestampNs = last + 1n;
    this.remember(key, entry.timestampNs);
  }

  private remember(key: string, ts: bigint): void {
    this.lastKnown.delete(key);
    this.lastKnown.set(key, ts);
    if (this.lastKnown.size > MAX_LAST_KNOWN) this.lastKnown.delete(this.lastKnown.keys().next().value!);
  }
}
