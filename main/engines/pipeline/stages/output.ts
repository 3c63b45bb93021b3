/** output: the line replaced by extracted[source] (stages/output.go). */
import type { StageDefinition } from '../types';
import { ConfigReader, getString } from '../values';

export const outputStage: StageDefinition<string> = {
  type: 'output',
  validate(raw) {
    if (raw === null || raw === undefined) return { ok: false, error: 'output stage config cannot be empty' };
    const r = new ConfigReader(raw, 'output');
    const source = r.string('source') ?? '';
    if (r.error) return { ok: false, error: r.error };
    if (source === '') return { ok: false, error: 'output source value is required if output is specified' };
    return { ok: true, config: source };
  },
  create(source, ctx) {
    return {
      type: 'output',
      process(entry) {
        if (!Object.prototype.hasOwnProperty.call(entry.extracted, source)) {
          ctx.note(`extracted output could not be found: ${source}`);
          return [entry];
        }
        const s = getString(entry.extracted[source]);
        if (!s.ok) ctx.note(`extracted output could not be converted to a string: ${s.error}`);
        else entry.line = s.value;
        return [entry];
      },
    };
  },
};
