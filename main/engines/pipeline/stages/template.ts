/**
 * template: a Go template (Promtail's function map) over the extracted map, `.Value` being
 * extracted[source] and `.Entry` the line; the output replaces extracted[source], or removes it
 * when empty (stages/template.go).
 */
import type { CompiledTemplate } from '../../logql/ports';
import type { StageDefinition } from '../types';
import { ConfigReader } from '../values';
import { templateData } from './template-data';

interface TemplateConfig {
  source: string;
  template: CompiledTemplate;
}

export const templateStage: StageDefinition<TemplateConfig> = {
  type: 'template',
  validate(raw, ctx) {
    const r = new ConfigReader(raw, 'template');
    const source = r.string('source') ?? '';
    const text = r.string('template') ?? '';
    if (r.error) return { ok: false, error: r.error };
    if (source === '') return { ok: false, error: 'template source value is required' };
    const t = ctx.compileTemplate('line', text);
    if (!t.ok) return { ok: false, error: t.error };
    return { ok: true, config: { source, template: t.template } };
  },
  create(cfg, ctx) {
    return {
      type: 'template',
      process(entry) {
        const td = templateData(entry.extracted);
        if (Object.prototype.hasOwnProperty.call(td, cfg.source)) td.Value = td[cfg.source]!;
        td.Entry = entry.line;
        const out = cfg.template.execute(td, { line: entry.line, timestampNs: entry.timestampNs });
        if (!out.ok) {
          ctx.note(`failed to execute template on extracted value: ${out.error}`);
          return [entry];
        }
        if (out.text === '') delete entry.extracted[cfg.source];
        else entry.extracted[cfg.source] = out.text;
        return [entry];
      },
    };
  },
};
