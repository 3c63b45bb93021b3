/** labels: labels set from extracted values (stages/labels.go). */
import type { StageDefinition } from '../types';
import { getString, isValidLabelValue } from '../values';
import { parseLabelsConfig } from './labels-config';

export const labelsStage: StageDefinition<[string, string][]> = {
  type: 'labels',
  validate(raw) {
    const r = parseLabelsConfig(raw, 'labels');
    return r.ok ? { ok: true, config: r.value } : r;
  },
  create(cfg, ctx) {
    return {
      type: 'labels',
      process(entry) {
        for (const [name, src] of cfg) {
          if (!Object.prototype.hasOwnProperty.call(entry.extracted, src)) continue;
          const s = getString(entry.extracted[src]);
          if (!s.ok) {
            ctx.note(`failed to convert extracted label value to string: ${s.error}`);
            continue;
          }
          if (!isValidLabelValue(s.value)) {
            ctx.note(`invalid label value parsed: ${s.value}`);
            continue;
          }
          entry.labels[name] = s.value;
        }
        return [entry];
      },
    };
  },
};
