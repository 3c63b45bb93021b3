/** decolorize: ANSI escape sequences removed from the line, with Loki's pattern (stages/decolorize.go). */
import { ANSI_PATTERN } from '../../logql/formatters';
import type { CompiledRegex } from '../../logql/ports';
import type { StageDefinition } from '../types';

export const decolorizeStage: StageDefinition<CompiledRegex> = {
  type: 'decolorize',
  validate(_raw, ctx) {
    const c = ctx.regex.compile(ANSI_PATTERN);
    return c.ok ? { ok: true, config: c.regex } : { ok: false, error: c.error };
  },
  create(re) {
    return {
      type: 'decolorize',
      process(entry) {
        const ms = re.matchAll(entry.line);
        if (ms.length === 0) return [entry];
        let out = '';
        let at = 0;
        for (const m of ms) {
          out += entry.line.slice(at, m.start);
          at = m.end;
        }
        entry.line = out + entry.line.slice(at);
        return [entry];
      },
    };
  },
};
