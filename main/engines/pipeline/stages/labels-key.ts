/**
 * A label set as a map key, the role Prometheus' LabelSet.String() / fingerprint play in
 * Promtail's per-stream state (timestamp fudging, multiline blocks): order-independent and
 * collision-free (Promtail's fingerprints can collide; a test there guards against mixing).
 */
import type { Labels } from '../types';

export function labelsKey(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}
