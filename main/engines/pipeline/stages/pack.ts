/**
 * pack: the listed labels / extracted values and the line packed into one JSON object
 * ({"label":"value",…,"_entry":"line"}, keys sorted, _entry last); packed labels leave the stream
 * labels; ingest_timestamp (default true) sets the timestamp to now (stages/pack.go).
 */
import type { StageDefinition } from '../types';
import { ConfigReader, getString, goJsonMarshal } from '../values';

interface PackConfig {
  labels: string[];
  ingestTimestamp: boolean;
}

export const packStage: StageDefinition<PackConfig> = {
  type: 'pack',
  validate(raw) {
    const r = new ConfigReader(raw, 'pack');
    const labels = r.stringList('labels', true) ?? [];
    const ingestTimestamp = r.bool('ingest_timestamp', true) ?? true;
    if (r.error) return { ok: false, error: r.error };
    return { ok: true, config: { labels, ingestTimestamp } };
  },
  create(cfg, ctx) {
    return {
      type: 'pack',
      process(entry) {
        const packed: Record<string, string> = {};
        const found: string[] = [];
        for (const [k, v] of Object.entries(entry.extracted)) {
          if (!cfg.labels.includes(k)) continue;
          const s = getString(v);
          if (!s.ok) {
            ctx.note(`value for key: '${k}' cannot be converted to a string and cannot be packed`);
            continue;
          }
          packed[k] = s.value;
          found.push(k);
        }
        const body = Object.keys(packed)
          .sort()
          .map((k) => `${goJsonMarshal(k)}:${goJsonMarshal(packed[k])}`);
        body.push(`"_entry":${goJsonMarshal(entry.line)}`);
        for (const k of found) delete entry.labels[k];
        entry.line = `{${body.join(',')}}`;
        if (cfg.ingestTimestamp) entry.timestampNs = ctx.clock.nowNs();
        return [entry];
      },
    };
  },
};
