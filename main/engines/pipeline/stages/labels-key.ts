/**
 * A label set as a map key, the role Prometheus' LabelSet.String() / fingerprint play in
 * Promtail's per-stream state (timestamp fudging, multiline blocks): order-independent and
 * collision-free (Promtail's fingerprints can collide; a test there guards against mixing).
 * The last label set's key is remembered: consecutive entries of one stream (the usual run)
 * compare their labels to it instead of sorting and serialising them again.
 */
import type { Labels } from '../types';

let lastPairs: string[] = [];
let lastKey = '[]';

export function labelsKey(labels: Labels): string {
  let n = 0;
  let same = true;
  for (const k in labels) {
    if (!Object.prototype.hasOwnProperty.call(labels, k)) continue;
    if (lastPairs[n] !== k || lastPairs[n + 1] !== labels[k]) {
      same = false;
      break;
    }
    n += 2;
  }
  if (same && n === lastPairs.length) return lastKey;
  const keys = Object.keys(labels);
  const pairs: string[] = [];
  for (const k of keys) pairs.push(k, labels[k]!);
  lastPairs = pairs;
  lastKey = JSON.stringify(keys.sort().map((k) => [k, labels[k]]));
  return lastKey;
}
