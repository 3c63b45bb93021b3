/** labeldrop: the listed labels are removed (stages/labeldrop.go). */
import type { StageDefinition } from '../types';
import { ConfigReader } from '../values';

export const labeldropStage: StageDefinition<string[]> = {
  type: 'labeldrop',
  validate(raw) {
    const r = new ConfigReader({ list: raw });
    const list = r.stringList('list');
    if (r.error) return { ok: false, error: r.error.replace("'list'", "''") };
    if (!list || list.length === 0) return { ok: false, error: 'labeldrop stage config cannot be empty' };
    return { ok: true, config: list };
  },
  create(drop) {
    return {
      type: 'labeldrop',
      process(entry) {
        for (const k of drop) delete entry.labels[k];
        return [entry];
      },
    };
  },
};
