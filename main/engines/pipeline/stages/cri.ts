/**
 * cri: the CRI log format ("<time> <stream> <flags> <content>"), as Promtail composes it: regex,
 * labels {stream}, timestamp {source: time, format: RFC3339Nano}, output {source: content}; then
 * partial lines (flags P) are held per stream (label set) and joined to the next full line of that
 * stream. When a new partial line would hold more than max_partial_lines streams, every held
 * line is sent as it is; max_partial_line_size (bytes, 0 = no limit) with
 * max_partial_line_size_truncate cuts a held line to that size (stages/extensions.go NewCRI).
 */
import type { PipelineEntry, Stage, StageDefinition } from '../types';
import { utf8Decode, utf8Encode } from '../../logql/template/utf8';
import { ConfigReader } from '../values';
import { buildInner, runInner } from './inner-pipeline';

const CRI = [
  { regex: { expression: '^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) (?P<content>.*)$' } },
  { labels: { stream: null } },
  { timestamp: { source: 'time', format: 'RFC3339Nano' } },
  { output: { source: 'content' } },
];

interface CriConfig {
  maxPartialLines: number;
  maxPartialLineSize: number;
  truncate: boolean;
}

const streamKey = (labels: Record<string, string>): string => JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));

function cut(line: string, cfg: CriConfig): string {
  if (!cfg.truncate || cfg.maxPartialLineSize <= 0) return line;
  const b = utf8Encode(line);
  return b.length > cfg.maxPartialLineSize ? utf8Decode(b.subarray(0, cfg.maxPartialLineSize)) : line;
}

export const criStage: StageDefinition<CriConfig> = {
  type: 'cri',
  validate(raw) {
    const r = new ConfigReader(raw, 'cri');
    const cfg = {
      maxPartialLines: r.number('max_partial_lines') ?? 0,
      maxPartialLineSize: r.number('max_partial_line_size') ?? 0,
      truncate: r.bool('max_partial_line_size_truncate') ?? false,
    };
    if (r.error) return { ok: false, error: r.error };
    if (cfg.maxPartialLines <= 0) cfg.maxPartialLines = 100;
    return { ok: true, config: cfg };
  },
  create(cfg, ctx, build): Stage {
    const inner = buildInner(CRI, ctx, build);
    const held = new Map<string, PipelineEntry>();
    return {
      type: 'cri',
      process(entry) {
        const out: PipelineEntry[] = [];
        for (const e of runInner(inner, entry)) {
          const key = streamKey(e.labels);
          const prev = held.get(key);
          if (e.extracted.flags === 'P') {
            if (prev) prev.line = cut(prev.line + e.line, cfg);
            else {
              if (held.size >= cfg.maxPartialLines) {
                out.push(...held.values());
                held.clear();
              }
              e.line = cut(e.line, cfg);
              held.set(key, e);
            }
            continue;
          }
          if (prev) {
            e.line = cut(prev.line + e.line, cfg);
            held.delete(key);
          }
          out.push(e);
        }
        return out;
      },
      flush() {
        const out = [...held.values()];
        held.clear();
        return out;
      },
    };
  },
};
