/** The labels / structured_metadata config (map of name → extracted source, empty meaning the name), as validateLabelsConfig. */
import { ConfigReader, isLegacyLabelName, type Result } from '../values';

export function parseLabelsConfig(raw: unknown, type: string): Result<[string, string][]> {
  if (raw === null || raw === undefined) return { ok: false, error: 'label stage config cannot be empty' };
  const r = new ConfigReader(raw, type);
  const m = r.stringMap(null, true) ?? {};
  if (r.error) return { ok: false, error: r.error };
  const out: [string, string][] = [];
  for (const [name, src] of Object.entries(m)) {
    if (!isLegacyLabelName(name)) return { ok: false, error: `invalid label name: ${name}` };
    out.push([name, src || name]);
  }
  return { ok: true, value: out };
}
