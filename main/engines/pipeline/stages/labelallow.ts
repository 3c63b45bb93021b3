/** labelallow: only the listed labels stay (stages/labelallow.go). */
import type { StageDefinition } from '../types';
import { ConfigReader } from '../values';

export const labelallowStage: StageDefinition<Set<string>> = {
  type: 'labelallow',
  validate(raw) {
    const r = new ConfigReader({ list: raw });
    const list = r.stringList('list');
    if (r.error) return { ok: false, error: r.error.replace("'list'", "''") };
    if (!list || list.length === 0) return { ok: false, error: 'labelallow stage config cannot be empty' };
    return { ok: true, config: new Set(list) };
  },
  create(allow) {
    return {
      type: 'labelallow',
      process(entry) {
        for (const k of Object.keys(entry.labels)) if (!allow.has(k)) delete entry.labels[k];
        return [entry];
      },
    };
  },
};
