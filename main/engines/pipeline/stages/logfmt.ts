/** logfmt: keys of a logfmt line (or extracted[source]) into the extracted map through a mapping (stages/logfmt.go, go-logfmt's decoder). */
import type { StageDefinition } from '../types';
import { ConfigReader } from '../values';
import { sourceInput } from './source-input';

interface LogfmtConfig {
  /** logfmt key → extracted name */
  inverse: Map<string, string>;
  source?: string;
}

/** go-logfmt's Decoder: records are lines; stops at the first syntax error (pairs before it count). */
export function decodeLogfmt(input: string, onPair: (key: string, value: string) => void): string | null {
  for (const line of input.split('\n')) {
    let pos = 0;
    const n = line.length;
    for (;;) {
      while (pos < n && line.charCodeAt(pos) <= 32) pos++;
      if (pos >= n) break;
      const start = pos;
      while (pos < n && line[pos] !== '=' && line.charCodeAt(pos) > 32) {
        if (line[pos] === '"') return `logfmt syntax error at pos ${pos + 1}: unexpected '"'`;
        pos++;
      }
      const key = line.slice(start, pos);
      if (pos >= n || line[pos] !== '=') {
        onPair(key, '');
        continue;
      }
      if (key === '') return `logfmt syntax error at pos ${pos + 1}: unexpected '='`;
      pos++;
      if (pos >= n || line.charCodeAt(pos) <= 32) {
        onPair(key, '');
        continue;
      }
      if (line[pos] === '"') {
        let i = pos + 1;
        let esc = false;
        let hasEsc = false;
        for (; i < n; i++) {
          if (esc) esc = false;
          else if (line[i] === '\\') hasEsc = esc = true;
          else if (line[i] === '"') break;
        }
        if (i >= n) return `logfmt syntax error at pos ${n + 1}: unterminated quoted value`;
        const raw = line.slice(pos, i + 1);
        let value = raw.slice(1, -1);
        if (hasEsc) {
          try {
            value = JSON.parse(raw) as string;
          } catch {
            return `logfmt syntax error at pos ${i + 1}: invalid quoted value`;
          }
        }
        onPair(key, value);
        pos = i + 1;
        continue;
      }
      const vs = pos;
      while (pos < n && line.charCodeAt(pos) > 32) {
        if (line[pos] === '=' || line[pos] === '"') return `logfmt syntax error at pos ${pos + 1}: unexpected '${line[pos]}'`;
        pos++;
      }
      onPair(key, line.slice(vs, pos));
    }
  }
  return null;
}

export const logfmtStage: StageDefinition<LogfmtConfig> = {
  type: 'logfmt',
  validate(raw) {
    const r = new ConfigReader(raw, 'logfmt');
    const mapping = r.stringMap('mapping', false) ?? {};
    const source = r.string('source');
    if (r.error) return { ok: false, error: r.error };
    if (Object.keys(mapping).length === 0) return { ok: false, error: 'logfmt mapping is required' };
    if (source === '') return { ok: false, error: 'empty source' };
    const inverse = new Map<string, string>();
    for (const [k, v] of Object.entries(mapping)) inverse.set(v || k, k);
    return { ok: true, config: { inverse, source } };
  },
  create(cfg, ctx) {
    return {
      type: 'logfmt',
      process(entry) {
        const input = sourceInput(entry, cfg.source, ctx, 'logfmt');
        if (input === undefined) return [entry];
        const err = decodeLogfmt(input, (k, v) => {
          const name = cfg.inverse.get(k);
          if (name !== undefined) entry.extracted[name] = v;
        });
        if (err) ctx.note(`failed to decode logfmt: ${err}`);
        return [entry];
      },
    };
  },
};
