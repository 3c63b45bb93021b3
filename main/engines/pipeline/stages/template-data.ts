/** The data Promtail's template and replace stages execute on: every extracted value getString converts. */
import type { Extracted } from '../types';
import { getString } from '../values';

export function templateData(extracted: Extracted): Record<string, string> {
  const td: Record<string, string> = {};
  for (const [k, v] of Object.entries(extracted)) {
    const s = getString(v);
    if (s.ok) td[k] = s.value;
  }
  return td;
}
