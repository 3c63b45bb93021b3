/** regex: named groups of an RE2 expression, matched on the line or extracted[source], into the extracted map (stages/regex.go). */
import type { CompiledRegex } from '../../logql/ports';
import type { StageDefinition } from '../types';
import { ConfigReader } from '../values';
import { requiredLiteral, tailCapture, tailMatch } from './required-literal';
import { sourceInput } from './source-input';

/** String.prototype.isWellFormed (Node 20; ES2024 lib not in the project's target). */
type WellFormed = string & { isWellFormed(): boolean };

interface RegexConfig {
  regex: CompiledRegex;
  source?: string;
}

export const regexStage: StageDefinition<RegexConfig> = {
  type: 'regex',
  validate(raw, ctx) {
    const r = new ConfigReader(raw, 'regex');
    const expression = r.string('expression') ?? '';
    const source = r.string('source');
    if (r.error) return { ok: false, error: r.error };
    if (expression === '') return { ok: false, error: 'expression is required' };
    if (source === '') return { ok: false, error: 'empty source' };
    const c = ctx.regex.compile(expression);
    if (!c.ok) return { ok: false, error: `could not compile regular expression: ${c.error}` };
    return { ok: true, config: { regex: c.regex, source } };
  },
  create(cfg, ctx) {
    // Lines without the pattern's required literal cannot match: skip the RE2 call (see required-literal.ts).
    const literal = requiredLiteral(cfg.regex.source);
    // `.*(?P<name>LITERAL.*)` is matched without RE2 (exactly as RE2 would, on well-formed text).
    const tail = tailCapture(cfg.regex.source);
    const names: [number, string][] = [];
    cfg.regex.groupNames.forEach((name, i) => {
      if (i !== 0 && name !== '') names.push([i, name]);
    });
    return {
      type: 'regex',
      process(entry) {
        const input = cfg.source === undefined ? entry.line : sourceInput(entry, cfg.source, ctx, 'regex');
        if (input === undefined) return [entry];
        if (tail !== null && (input as WellFormed).isWellFormed()) {
          const v = input.includes(tail.literal) ? tailMatch(input, tail.literal) : null;
          if (v === null) ctx.note('regex did not match');
          else entry.extracted[tail.name] = v;
          return [entry];
        }
        const m = literal !== null && !input.includes(literal) ? null : cfg.regex.exec(input);
        if (!m) {
          ctx.note('regex did not match');
          return [entry];
        }
        for (const [i, name] of names) entry.extracted[name] = m.groups[i] ?? '';
        return [entry];
      },
    };
  },
};
