/**
 * replace: each capture group of every match of an RE2 expression, in the line or extracted[source],
 * replaced by a template's output (`.Value` is the group's text, the extracted map the rest); named
 * groups also go into the extracted map with their replacement (stages/replace.go).
 */
import type { CompiledRegex, CompiledTemplate } from '../../logql/ports';
import type { StageContext, StageDefinition } from '../types';
import { ConfigReader } from '../values';
import { sourceInput } from './source-input';
import { templateData } from './template-data';

interface ReplaceConfig {
  expression: string;
  regex: CompiledRegex;
  source?: string;
  template: { ok: true; template: CompiledTemplate } | { ok: false; error: string };
}

type Groups = ([number, number] | undefined)[][];

/** Group offsets from the context's port, else recovered by searching each group's text in order. */
function submatchIndex(cfg: ReplaceConfig, input: string, ctx: StageContext): Groups {
  const viaPort = ctx.submatchIndex?.(cfg.expression, input);
  if (viaPort) return viaPort;
  return cfg.regex.matchAll(input).map((m) => {
    const out: ([number, number] | undefined)[] = [[m.start, m.end]];
    let from = m.start;
    for (let i = 1; i < m.groups.length; i++) {
      const g = m.groups[i];
      if (g === undefined) {
        out.push(undefined);
        continue;
      }
      let at = input.indexOf(g, from);
      if (at < 0 || at + g.length > m.end) at = input.indexOf(g, m.start);
      out.push([at, at + g.length]);
      from = at + g.length;
    }
    return out;
  });
}

export const replaceStage: StageDefinition<ReplaceConfig> = {
  type: 'replace',
  validate(raw, ctx) {
    const r = new ConfigReader(raw, 'replace');
    const expression = r.string('expression') ?? '';
    const source = r.string('source');
    const replace = r.string('replace') ?? '';
    if (r.error) return { ok: false, error: r.error };
    if (expression === '') return { ok: false, error: 'expression is required' };
    if (source === '') return { ok: false, error: 'empty source in replace stage' };
    const c = ctx.regex.compile(expression);
    if (!c.ok) return { ok: false, error: `could not compile regular expression: ${c.error}` };
    // Promtail parses the template on each entry and skips the entry when it does not parse.
    return { ok: true, config: { expression, regex: c.regex, source, template: ctx.compileTemplate('line', replace) } };
  },
  create(cfg, ctx) {
    return {
      type: 'replace',
      process(entry) {
        const input = sourceInput(entry, cfg.source, ctx, 'replace');
        if (input === undefined) return [entry];
        const matches = submatchIndex(cfg, input, ctx);
        if (matches.length === 0) {
          ctx.note('regex did not match');
          return [entry];
        }
        if (!cfg.template.ok) {
          ctx.note(`template initialization error: ${cfg.template.error}`);
          return [entry];
        }
        const td = templateData(entry.extracted);
        let result = '';
        let prevEnd = 0;
        const captured = new Map<string, string>();
        for (const m of matches) {
          for (let i = 1; i < m.length; i++) {
            const g = m[i];
            if (!g) continue;
            const text = input.slice(g[0], g[1]);
            td.Value = text;
            const out = cfg.template.template.execute(td, { line: entry.line, timestampNs: entry.timestampNs });
            if (!out.ok) {
              ctx.note(`failed to execute template on extracted value: ${out.error}`);
              return [entry];
            }
            // Adjacent groups: a group starting where the previous one ended is replaced too.
            if (prevEnd === 0 || prevEnd <= g[0]) {
              result += input.slice(prevEnd, g[0]) + out.text;
              prevEnd = g[1];
            }
            captured.set(text, out.text);
          }
        }
        result += input.slice(prevEnd);
        if (cfg.source !== undefined) entry.extracted[cfg.source] = result;
        else entry.line = result;
        const first = cfg.regex.exec(input);
        cfg.regex.groupNames.forEach((name, i) => {
          if (i === 0 || name === '' || !first) return;
          const v = captured.get(first.groups[i] ?? '');
          if (v !== undefined) entry.extracted[name] = v;
        });
        return [entry];
      },
    };
  },
};
