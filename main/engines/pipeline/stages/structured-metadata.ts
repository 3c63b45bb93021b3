/**
 * structured_metadata (and its deprecated name non_indexed_labels): name → value pairs attached to
 * the entry, from the extracted map or, failing that, from the entry's labels; a label used so
 * leaves the stream labels (stages/structuredmetadata.go).
 */
import type { StageDefinition } from '../types';
import { getString, isValidLabelValue } from '../values';
import { parseLabelsConfig } from './labels-config';

function define(type: string): StageDefinition<[string, string][]> {
  return {
    type,
    validate(raw) {
      const r = parseLabelsConfig(raw, type);
      return r.ok ? { ok: true, config: r.value } : r;
    },
    create(cfg, ctx) {
      return {
        type,
        process(entry) {
          for (const [name, src] of cfg) {
            let value: string | undefined;
            if (Object.prototype.hasOwnProperty.call(entry.extracted, src)) {
              const s = getString(entry.extracted[src]);
              if (s.ok) value = s.value;
              else ctx.note(`failed to convert extracted value to string: ${s.error}`);
            }
            if (value === undefined && Object.prototype.hasOwnProperty.call(entry.labels, src)) value = entry.labels[src];
            if (value === undefined || !isValidLabelValue(value)) continue;
            entry.structuredMetadata[name] = value;
            delete entry.labels[src];
          }
          return [entry];
        },
      };
    },
  };
}

export const structuredMetadataStage = define('structured_metadata');
export const nonIndexedLabelsStage = define('non_indexed_labels');
