/** static_labels: fixed labels added to every entry; an empty value adds nothing (stages/static_labels.go). */
import type { StageDefinition } from '../types';
import { ConfigReader, isUtf8LabelName, isValidLabelValue } from '../values';

export const staticLabelsStage: StageDefinition<[string, string][]> = {
  type: 'static_labels',
  validate(raw) {
    if (raw === null || raw === undefined) return { ok: false, error: 'static_labels stage config cannot be empty' };
    const r = new ConfigReader(raw, 'static_labels');
    const m = r.stringMap(null, true) ?? {};
    if (r.error) return { ok: false, error: r.error };
    for (const name of Object.keys(m)) if (!isUtf8LabelName(name)) return { ok: false, error: `invalid label name: ${name}` };
    return { ok: true, config: Object.entries(m).filter((e): e is [string, string] => !!e[1]) };
  },
  create(cfg) {
    return {
      type: 'static_labels',
      process(entry) {
        for (const [k, v] of cfg) if (isValidLabelValue(v)) entry.labels[k] = v;
        return [entry];
      },
    };
  },
};
