/** json: JMESPath expressions over the line (or extracted[source]) parsed as a JSON object (stages/json.go). */
import { compileJmes, searchJmes, type Node } from '../jmespath';
import type { StageDefinition } from '../types';
import { ConfigReader, goJsonMarshal, isMap } from '../values';
import { sourceInput } from './source-input';

interface JsonConfig {
  expressions: [string, Node][];
  source?: string;
  dropMalformed: boolean;
}

export const jsonStage: StageDefinition<JsonConfig> = {
  type: 'json',
  validate(raw) {
    const r = new ConfigReader(raw, 'json');
    const exprs = r.stringMap('expressions', false) ?? {};
    const source = r.string('source');
    const dropMalformed = r.bool('drop_malformed') ?? false;
    if (r.error) return { ok: false, error: r.error };
    if (Object.keys(exprs).length === 0) return { ok: false, error: 'JMES expression is required' };
    if (source === '') return { ok: false, error: 'empty source' };
    const expressions: [string, Node][] = [];
    for (const [name, e] of Object.entries(exprs)) {
      const c = compileJmes(e || name);
      if (!c.ok) return { ok: false, error: `could not compile JMES expression: ${c.error}` };
      expressions.push([name, c.node]);
    }
    return { ok: true, config: { expressions, source, dropMalformed } };
  },
  create(cfg, ctx) {
    return {
      type: 'json',
      process(entry) {
        const input = sourceInput(entry, cfg.source, ctx, 'json');
        if (input === undefined) return [entry];
        let data: unknown;
        try {
          data = JSON.parse(input);
          // Go decodes into map[string]interface{}: only an object (or null) is accepted.
          if (data !== null && !isMap(data)) throw new Error('not an object');
        } catch {
          ctx.note('malformed json');
          return cfg.dropMalformed ? [] : [entry];
        }
        for (const [name, node] of cfg.expressions) {
          const r = searchJmes(node, data);
          if (!r.ok) {
            ctx.note(`failed to search JMES expression: ${r.error}`);
            continue;
          }
          const v = r.value;
          entry.extracted[name] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : goJsonMarshal(v);
        }
        return [entry];
      },
    };
  },
};
